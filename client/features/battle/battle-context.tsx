import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Map as MapLibreMap } from 'maplibre-gl'
import type { ScheduleRow } from '../../../core/contracts/schedule.js'
import type { IsoDate } from '../../../core/domain/entities.js'
import { api } from '../../api/endpoints.js'
import { useRequest } from '../../api/use-request.js'
import { useServerEvents } from '../../api/use-server-events.js'
import { useMeta } from '../../app/meta-context.js'
import { useI18n } from '../../i18n/i18n-context.js'
import type { BattleColoring } from '../../layers/battle-paint.js'
import { buildCommunityIndex, type CommunityIndex } from '../clusters/community-index.js'
import { drillInto, drillUpTo, nextPlaybackDate, scopeQuery, sliderStops, type DrillNode, type DrillPath } from './drill.js'
import { useBattleData, type BattleDataState } from './use-battle-data.js'

/** Seconds per week while the time slider plays. */
export const PLAYBACK_STEP_MS = 1000
/** How long a fresh report pulses on the map, and how long its toast stays. */
export const FLASH_MS = 3000
const TOAST_MS = 5000

export interface BattleToast {
  id: number
  text: string
}

/** Communities that just reported: `token` changes with every event so the same ids can pulse again. */
export interface BattleFlash {
  ids: ReadonlySet<number>
  token: number
}

interface BattleValue {
  coloring: BattleColoring
  setColoring: (c: BattleColoring) => void
  /** The week asked for; null = today (the live view). */
  asOf: IsoDate | null
  setAsOf: (d: IsoDate | null) => void
  /** The slider's stops (weeks of the plan year, today last); empty before the first answer. */
  stops: IsoDate[]
  playing: boolean
  togglePlay: () => void
  path: DrillPath
  drill: (node: DrillNode) => void
  drillUp: (depth: number) => void
  /** Selects a community (from the map): the path becomes district › street › community. */
  selectCommunity: (id: number) => void
  data: BattleDataState
  /** The painted schedule's rows by community. */
  rowsById: ReadonlyMap<number, ScheduleRow>
  /** Communities of the plan year's programme, with names, places and outlines' extents. */
  index: CommunityIndex
  indexReady: boolean
  districtNames: ReadonlyMap<number, string>
  streetNames: ReadonlyMap<number, string>
  /** Counter of schedules applied to the map, and the date of the one shown. */
  painted: { rev: number; asOf: IsoDate | null }
  markPainted: (asOf: IsoDate) => void
  connected: boolean
  toast: BattleToast | null
  flash: BattleFlash | null
  /** The map once loaded (for the print), registered by the map layers. */
  map: MapLibreMap | null
  setMap: (map: MapLibreMap | null) => void
}

const BattleContext = createContext<BattleValue | null>(null)

export function useBattle(): BattleValue {
  const value = useContext(BattleContext)
  if (!value) throw new Error('useBattle must be used inside <BattleProvider>')
  return value
}

const NO_ROWS = new Map<number, ScheduleRow>()

export function BattleProvider({ children }: { children: ReactNode }) {
  const meta = useMeta()
  const { t } = useI18n()
  const [coloring, setColoring] = useState<BattleColoring>('status')
  const [asOf, setAsOfState] = useState<IsoDate | null>(null)
  const [playing, setPlaying] = useState(false)
  const [path, setPath] = useState<DrillPath>([])

  const scope = useMemo(() => scopeQuery(path), [path])
  const data = useBattleData(asOf, scope)
  const summary = data.data?.summary
  const stops = useMemo(() => (summary ? sliderStops(summary.weeks, summary.today) : []), [summary])

  const communities = useRequest(`battle-communities:${meta.planYear}`, () => api.communityShapes({ year: meta.planYear }))
  const index = useMemo(() => buildCommunityIndex(communities.data), [communities.data])
  const districts = useRequest('districts', () => api.districts())
  const streets = useRequest('streets:all', () => api.streets(null))
  const districtNames = useMemo(() => new Map((districts.data ?? []).map((d) => [d.id, d.name])), [districts.data])
  const streetNames = useMemo(() => new Map((streets.data ?? []).map((s) => [s.id, s.name])), [streets.data])

  const rows = data.data?.schedule.rows
  const rowsById = useMemo(() => (rows ? new Map(rows.map((r) => [r.communityId, r])) : NO_ROWS), [rows])

  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [painted, setPainted] = useState<{ rev: number; asOf: IsoDate | null }>({ rev: 0, asOf: null })
  const markPainted = useCallback((d: IsoDate) => setPainted((p) => ({ rev: p.rev + 1, asOf: d })), [])

  // Moving the slider by hand stops the playback.
  const setAsOf = useCallback((d: IsoDate | null) => {
    setPlaying(false)
    setAsOfState(d)
  }, [])

  // Playback: one week per step from the week shown (from the first week when at today); it stops at today.
  const stopsRef = useRef(stops)
  stopsRef.current = stops
  const asOfRef = useRef(asOf)
  asOfRef.current = asOf
  const playingRef = useRef(playing)
  playingRef.current = playing
  const togglePlay = useCallback(() => {
    if (playingRef.current) return setPlaying(false)
    const first = nextPlaybackDate(stopsRef.current, null)
    if (first === 'end') return
    if (asOfRef.current === null) setAsOfState(first)
    setPlaying(true)
  }, [])
  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => {
      const next = nextPlaybackDate(stopsRef.current, asOfRef.current)
      if (next === null || next === 'end') {
        setPlaying(false)
        setAsOfState(null)
        return
      }
      asOfRef.current = next
      setAsOfState(next)
    }, PLAYBACK_STEP_MS)
    return () => clearInterval(timer)
  }, [playing])

  const drill = useCallback((node: DrillNode) => setPath((p) => drillInto(p, node)), [])
  const drillUp = useCallback((depth: number) => setPath((p) => drillUpTo(p, depth)), [])
  const indexRef = useRef(index)
  indexRef.current = index
  const selectCommunity = useCallback(
    (id: number) => {
      const c = indexRef.current.byId.get(id)
      if (!c) return
      setPath((p) => {
        // Inside a 片区 that holds the community, stay in it; otherwise go by district and street.
        const cluster = p.find((n) => n.kind === 'cluster')
        if (cluster && cluster.kind === 'cluster' && cluster.memberIds.includes(id)) return drillInto(p, { kind: 'community', id, name: c.name })
        return [
          { kind: 'district', id: c.districtId, name: c.districtName },
          { kind: 'street', id: c.streetId, name: c.streetName, districtId: c.districtId },
          { kind: 'community', id, name: c.name },
        ]
      })
    },
    [],
  )

  // Live updates: every event refetches the shown date (cheap), pulses what changed and says who reported.
  const [connected, setConnected] = useState(false)
  const [toast, setToast] = useState<BattleToast | null>(null)
  const [flash, setFlash] = useState<BattleFlash | null>(null)
  const toastSeq = useRef(0)
  const flashSeq = useRef(0)
  const { reload } = data
  const tRef = useRef(t)
  tRef.current = t
  useServerEvents((event) => {
    if (event.type === 'ready') {
      setConnected(true)
      reload()
      return
    }
    setConnected(true)
    reload()
    const tr = tRef.current
    const past = asOfRef.current !== null ? tr('battle.toast.pastNote') : ''
    if (event.type === 'plan_year') {
      setToast({ id: ++toastSeq.current, text: tr('battle.toast.planYear') + past })
      return
    }
    const ids = (event.communityIds ?? []).filter((id) => indexRef.current.byId.has(id))
    if (ids.length) setFlash({ ids: new Set(ids), token: ++flashSeq.current })
    const first = ids.map((id) => indexRef.current.byId.get(id)?.name).find(Boolean)
    const text = !first
      ? tr('battle.toast.unknown')
      : ids.length === 1
        ? tr('battle.toast.one', { name: first })
        : tr('battle.toast.many', { name: first, n: ids.length })
    setToast({ id: ++toastSeq.current, text: text + past })
  })
  // A failed request for lack of a network means the stream is down too (it reconnects and says `ready`).
  useEffect(() => {
    if (data.error?.code === 'network') setConnected(false)
  }, [data.error])
  useEffect(() => {
    const offline = () => setConnected(false)
    window.addEventListener('offline', offline)
    return () => window.removeEventListener('offline', offline)
  }, [])
  useEffect(() => {
    if (!toast) return
    const timer = setTimeout(() => setToast((current) => (current?.id === toast.id ? null : current)), TOAST_MS)
    return () => clearTimeout(timer)
  }, [toast])
  useEffect(() => {
    if (!flash) return
    const timer = setTimeout(() => setFlash((current) => (current === flash ? null : current)), FLASH_MS)
    return () => clearTimeout(timer)
  }, [flash])

  const value = useMemo<BattleValue>(
    () => ({
      coloring,
      setColoring,
      asOf,
      setAsOf,
      stops,
      playing,
      togglePlay,
      path,
      drill,
      drillUp,
      selectCommunity,
      data,
      rowsById,
      index,
      indexReady: communities.status === 'success',
      districtNames,
      streetNames,
      painted,
      markPainted,
      connected,
      toast,
      flash,
      map,
      setMap,
    }),
    [coloring, asOf, setAsOf, stops, playing, togglePlay, path, drill, drillUp, selectCommunity, data, rowsById, index, communities.status, districtNames, streetNames, painted, markPainted, connected, toast, flash, map],
  )
  return <BattleContext.Provider value={value}>{children}</BattleContext.Provider>
}
