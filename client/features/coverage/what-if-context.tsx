import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { WhatIfResponse } from '../../../core/contracts/coverage.js'
import { coverageApi, coverageQueryKey } from '../../api/coverage-endpoints.js'
import { ApiError } from '../../api/http.js'
import { useCoverage } from './coverage-context.js'
import {
  addWhatIfFacility,
  buildWhatIfRequest,
  countWhatIfEdits,
  describeWhatIfFailure,
  dropWhatIfEdit,
  moveWhatIfFacility,
  removeWhatIfFacility,
  summariseWhatIf,
  whatIfEditsNotCounted,
  whatIfEditsSignature,
  WHATIF_LIMITS,
  type WhatIfEdit,
  type WhatIfFacility,
  type WhatIfFailure,
  type WhatIfPoint,
  type WhatIfSummary,
} from './what-if.js'

/** The two tools of the right-hand card. */
export type CoverageToolTab = 'siting' | 'whatif'

/** What a click on the map does: the usual (catchment, community), place a new facility, or set a move's new place. */
export type WhatIfMapMode = { kind: 'idle' } | { kind: 'place' } | { kind: 'move'; facility: WhatIfFacility }

export type WhatIfRun =
  | { status: 'idle' }
  | { status: 'running'; signature: string }
  | { status: 'done'; signature: string; result: WhatIfResponse; summary: WhatIfSummary }
  | { status: 'error'; signature: string; failure: WhatIfFailure }

interface WhatIfValue {
  tab: CoverageToolTab
  setTab: (tab: CoverageToolTab) => void
  edits: readonly WhatIfEdit[]
  /** Edits of facilities the analysis does not count (any more); the server would refuse them. */
  notCounted: WhatIfEdit[]
  mapMode: WhatIfMapMode
  startPlacing: () => void
  startMove: (facilityId: number) => void
  leaveMapMode: () => void
  /** A click on the map in place or move mode. */
  placeAt: (point: WhatIfPoint) => void
  removeFacility: (facilityId: number) => void
  dropEdit: (key: string) => void
  clearEdits: () => void
  /** No more facilities can be added in one what-if. */
  addLimitReached: boolean
  run: WhatIfRun
  compare: () => void
  /** The shown result was computed for other edits than the current ones. */
  stale: boolean
}

const WhatIfContext = createContext<WhatIfValue | null>(null)
const NO_EDITS: readonly WhatIfEdit[] = []

/**
 * The what-if (假设分析) of the coverage mode: hypothetical facilities added, moved or removed, and the
 * comparison the server computes for them. Edits belong to a facility type; a result to the settings.
 */
export function WhatIfProvider({ children }: { children: ReactNode }) {
  const { query, settings, countedFacilities, selectedFacility, toggleFacility } = useCoverage()
  const [tab, setTabState] = useState<CoverageToolTab>('siting')
  const [edits, setEdits] = useState<readonly WhatIfEdit[]>(NO_EDITS)
  const [mapMode, setMapMode] = useState<WhatIfMapMode>({ kind: 'idle' })
  const [run, setRun] = useState<WhatIfRun>({ status: 'idle' })
  const addSeq = useRef(0)
  const runSeq = useRef(0)
  const queryKey = coverageQueryKey(query)

  // Any change of the settings makes a result meaningless; a new type also makes the edits meaningless.
  useEffect(() => {
    runSeq.current += 1
    setRun({ status: 'idle' })
  }, [queryKey])
  useEffect(() => {
    setEdits(NO_EDITS)
    setMapMode({ kind: 'idle' })
  }, [settings.type])

  const facilityById = useMemo(() => new Map(countedFacilities.map((f) => [f.properties.id, f])), [countedFacilities])
  const facilityRef = useCallback(
    (id: number): WhatIfFacility | null => {
      const f = facilityById.get(id)
      return f ? { id, name: f.properties.name, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] } : null
    },
    [facilityById],
  )

  const setTab = useCallback((next: CoverageToolTab) => {
    setTabState(next)
    if (next !== 'whatif') setMapMode({ kind: 'idle' })
  }, [])

  const addLimitReached = countWhatIfEdits(edits).add >= WHATIF_LIMITS.add
  const startPlacing = useCallback(() => {
    setTabState('whatif')
    setMapMode({ kind: 'place' })
  }, [])
  const leaveMapMode = useCallback(() => setMapMode({ kind: 'idle' }), [])
  const startMove = useCallback(
    (facilityId: number) => {
      const facility = facilityRef(facilityId)
      if (!facility) return
      setTabState('whatif')
      setMapMode({ kind: 'move', facility })
    },
    [facilityRef],
  )

  const placeAt = useCallback(
    (point: WhatIfPoint) => {
      if (mapMode.kind === 'place') {
        addSeq.current += 1
        const key = `add:${addSeq.current}`
        setEdits((list) => addWhatIfFacility(list, point, key))
      } else if (mapMode.kind === 'move') {
        const { facility } = mapMode
        setEdits((list) => moveWhatIfFacility(list, facility, point))
        setMapMode({ kind: 'idle' })
        // The catchment was shown to help choose the new place; the move is drawn now.
        if (selectedFacility?.id === facility.id) toggleFacility(null)
      }
    },
    [mapMode, selectedFacility, toggleFacility],
  )
  // Place mode ends by itself once no more facilities can be added.
  useEffect(() => {
    if (addLimitReached) setMapMode((m) => (m.kind === 'place' ? { kind: 'idle' } : m))
  }, [addLimitReached])

  const removeFacility = useCallback(
    (facilityId: number) => {
      const facility = facilityRef(facilityId)
      if (!facility) return
      setTabState('whatif')
      setEdits((list) => removeWhatIfFacility(list, facility))
      setMapMode((m) => (m.kind === 'move' && m.facility.id === facilityId ? { kind: 'idle' } : m))
      if (selectedFacility?.id === facilityId) toggleFacility(null)
    },
    [facilityRef, selectedFacility, toggleFacility],
  )
  const dropEdit = useCallback((key: string) => setEdits((list) => dropWhatIfEdit(list, key)), [])
  const clearEdits = useCallback(() => {
    setEdits(NO_EDITS)
    setMapMode({ kind: 'idle' })
    runSeq.current += 1
    setRun({ status: 'idle' })
  }, [])

  // Esc leaves place or move mode first (capture phase, before the catchment's own Esc).
  useEffect(() => {
    if (mapMode.kind === 'idle') return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return
      const el = e.target as HTMLElement | null
      if (el?.closest('input, select, textarea, [role="dialog"]')) return
      e.preventDefault()
      setMapMode({ kind: 'idle' })
    }
    document.addEventListener('keydown', onKey, true)
    return () => document.removeEventListener('keydown', onKey, true)
  }, [mapMode.kind])

  const signature = whatIfEditsSignature(edits)
  const compare = useCallback(() => {
    const body = buildWhatIfRequest(query, edits)
    if (!body) return
    const seq = ++runSeq.current
    const sig = whatIfEditsSignature(edits)
    setMapMode({ kind: 'idle' })
    setRun({ status: 'running', signature: sig })
    coverageApi.whatIf(body).then(
      (result) => seq === runSeq.current && setRun({ status: 'done', signature: sig, result, summary: summariseWhatIf(result) }),
      (err: unknown) => {
        if (seq !== runSeq.current) return
        const e = err instanceof ApiError ? err : new ApiError('client', String(err), null, '')
        console.error(`[api] what-if: ${e.code} ${e.message}`)
        setRun({ status: 'error', signature: sig, failure: describeWhatIfFailure(err, edits) })
      },
    )
  }, [query, edits])

  const countedIds = useMemo(() => new Set(facilityById.keys()), [facilityById])
  // Until the facilities have loaded, nothing is known to be missing.
  const notCounted = useMemo(() => (countedFacilities.length > 0 ? whatIfEditsNotCounted(edits, countedIds) : []), [edits, countedIds, countedFacilities.length])
  const stale = (run.status === 'done' || run.status === 'error') && run.signature !== signature

  const value = useMemo<WhatIfValue>(
    () => ({
      tab,
      setTab,
      edits,
      notCounted,
      mapMode,
      startPlacing,
      startMove,
      leaveMapMode,
      placeAt,
      removeFacility,
      dropEdit,
      clearEdits,
      addLimitReached,
      run,
      compare,
      stale,
    }),
    [tab, setTab, edits, notCounted, mapMode, startPlacing, startMove, leaveMapMode, placeAt, removeFacility, dropEdit, clearEdits, addLimitReached, run, compare, stale],
  )
  return <WhatIfContext.Provider value={value}>{children}</WhatIfContext.Provider>
}

export function useWhatIf(): WhatIfValue {
  const value = useContext(WhatIfContext)
  if (!value) throw new Error('useWhatIf must be used inside <WhatIfProvider>')
  return value
}
