import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { CoverageResponse, IsochroneResponse, SitedFacility, SitingResponse } from '../../../core/contracts/coverage.js'
import type { FacilityType } from '../../../core/domain/community.js'
import { DEFAULT_COVERAGE_MINUTES, type WalkProfile } from '../../../core/domain/walking.js'
import { coverageApi, coverageQueryKey, type CoverageQuery, type PlannedFacilities, type SitingOptions } from '../../api/coverage-endpoints.js'
import type { FacilityCollection, FacilityProperties } from '../../api/endpoints.js'
import { ApiError } from '../../api/http.js'
import { useRequest, type Request } from '../../api/use-request.js'
import { useI18n } from '../../i18n/i18n-context.js'
import type { CoverageColoring } from '../../layers/coverage-colors.js'
import type { FacilityFeature } from '../../layers/facilities-layer.js'
import { useMemoFields } from '../../components/use-memo-fields.js'

export interface CoverageSettings {
  type: FacilityType
  /** null = the type's standard (left to the server). */
  minutes: number | null
  profile: WalkProfile
  planned: PlannedFacilities
  coloring: CoverageColoring
}

export const DEFAULT_COVERAGE_SETTINGS: CoverageSettings = {
  type: 'kindergarten',
  minutes: null,
  profile: 'standard',
  planned: 'include',
  coloring: 'covered',
}

/** Where the map should look: a community (framed once its outline is known) or a point (a suggested site). */
export type MapFocus = { kind: 'community'; id: number; fly: boolean; seq: number } | { kind: 'point'; lon: number; lat: number; seq: number }

export type SitingState =
  | { status: 'idle' }
  | { status: 'running'; queryKey: string }
  | { status: 'done'; queryKey: string; result: SitingResponse }
  | { status: 'error'; queryKey: string; error: ApiError; opts: SitingOptions }

export type AdoptState = { status: 'saving' } | { status: 'done'; facilityId: number } | { status: 'error'; message: string }

/** What is running, for the progress chip (the most telling first). */
export type BusyKind = 'adopt' | 'siting' | 'coverage' | 'isochrones' | 'catchment'

interface CoverageValue {
  settings: CoverageSettings
  setType: (type: FacilityType) => void
  setMinutes: (minutes: number) => void
  setProfile: (profile: WalkProfile) => void
  setPlanned: (planned: PlannedFacilities) => void
  setColoring: (coloring: CoverageColoring) => void
  query: CoverageQuery
  /** The type's standard threshold (as the server reported it; the built-in default until then). */
  standardMinutes: number
  /** The threshold in force: the chosen minutes or the standard. */
  thresholdMinutes: number
  coverage: Request<CoverageResponse>
  isochrones: Request<IsochroneResponse>
  facilities: Request<FacilityCollection>
  /** Facilities of the type the analysis counts (planned ones only when they are included); same array until they change. */
  countedFacilities: FacilityFeature[]
  showBands: boolean
  setShowBands: (show: boolean) => void
  selectedFacility: FacilityProperties | null
  /** Selects a facility (its own catchment is loaded and outlined); the same one again, or null, clears it. */
  toggleFacility: (facility: FacilityProperties | null) => void
  catchment: Request<IsochroneResponse>
  focus: MapFocus | null
  focusCommunity: (id: number, opts?: { fly?: boolean }) => void
  focusPoint: (lon: number, lat: number) => void
  focusedCommunityId: number | null
  siting: SitingState
  runSiting: (opts: SitingOptions) => void
  adoptStates: ReadonlyMap<number, AdoptState>
  adoptSite: (site: SitedFacility) => void
  highlightedRank: number | null
  setHighlightedRank: (rank: number | null) => void
  busy: BusyKind | null
}

const NO_FACILITIES: FacilityFeature[] = []

const CoverageContext = createContext<CoverageValue | null>(null)

function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('client', err instanceof Error ? err.message : String(err), null, '')
}

/** The state of the coverage mode: settings, the server's answers for them, and what the user points at. */
export function CoverageProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n()
  const [settings, setSettings] = useState<CoverageSettings>(DEFAULT_COVERAGE_SETTINGS)
  const [standards, setStandards] = useState<Partial<Record<FacilityType, number>>>({})
  // Bumped after a planned facility is saved: coverage, bands and facilities are asked for again.
  const [revision, setRevision] = useState(0)
  const [showBands, setShowBands] = useState(true)
  const [selectedFacility, setSelectedFacility] = useState<FacilityProperties | null>(null)
  const [focus, setFocus] = useState<MapFocus | null>(null)
  const [siting, setSiting] = useState<SitingState>({ status: 'idle' })
  const [adoptStates, setAdoptStates] = useState<ReadonlyMap<number, AdoptState>>(new Map())
  const [highlightedRank, setHighlightedRank] = useState<number | null>(null)
  const focusSeq = useRef(0)

  const standardMinutes = standards[settings.type] ?? DEFAULT_COVERAGE_MINUTES[settings.type]
  const thresholdMinutes = settings.minutes ?? standardMinutes
  const query = useMemo<CoverageQuery>(
    () => ({ type: settings.type, minutes: settings.minutes, profile: settings.profile, planned: settings.planned }),
    [settings.type, settings.minutes, settings.profile, settings.planned],
  )
  const queryKey = coverageQueryKey(query)
  // Bands do not depend on the threshold: changing the minutes keeps them.
  const bandsKey = coverageQueryKey({ ...query, minutes: null })

  const coverage = useRequest(`coverage${queryKey}&rev=${revision}`, () => coverageApi.coverage(query))
  const isochrones = useRequest(`isochrones${bandsKey}&rev=${revision}`, () => coverageApi.isochrones(query))
  const facilities = useRequest(`facilities:${settings.type}:${revision}`, () => coverageApi.facilitiesOfType(settings.type))
  const catchment = useRequest(selectedFacility ? `catchment${bandsKey}&facility=${selectedFacility.id}&rev=${revision}` : null, () =>
    coverageApi.isochrones(query, selectedFacility?.id ?? null),
  )

  const countedFacilities = useMemo(() => {
    const all = facilities.data?.features ?? NO_FACILITIES
    return all.filter((f) => f.properties.type === settings.type && (settings.planned === 'include' || f.properties.status !== 'planned'))
  }, [facilities.data, settings.type, settings.planned])

  // The server knows the city's standard for the type: remember it when it answered a query without minutes.
  const data = coverage.data
  useEffect(() => {
    if (coverage.status !== 'success' || !data || settings.minutes !== null || data.type !== settings.type) return
    setStandards((s) => (s[data.type] === data.thresholdMinutes ? s : { ...s, [data.type]: data.thresholdMinutes }))
  }, [coverage.status, data, settings.minutes, settings.type])

  // Suggestions belong to the settings they were computed for.
  useEffect(() => {
    setSiting({ status: 'idle' })
    setAdoptStates(new Map())
    setHighlightedRank(null)
  }, [queryKey])

  const setType = useCallback((type: FacilityType) => {
    setSettings((s) => (s.type === type ? s : { ...s, type, minutes: null }))
    setSelectedFacility(null)
  }, [])
  const setMinutes = useCallback(
    (minutes: number) => setSettings((s) => ({ ...s, minutes: minutes === standardMinutes ? null : minutes })),
    [standardMinutes],
  )
  const setProfile = useCallback((profile: WalkProfile) => setSettings((s) => ({ ...s, profile })), [])
  const setPlanned = useCallback((planned: PlannedFacilities) => setSettings((s) => ({ ...s, planned })), [])
  const setColoring = useCallback((coloring: CoverageColoring) => setSettings((s) => ({ ...s, coloring })), [])

  const toggleFacility = useCallback((facility: FacilityProperties | null) => {
    setSelectedFacility((current) => (facility === null || current?.id === facility.id ? null : facility))
  }, [])

  const focusCommunity = useCallback((id: number, opts: { fly?: boolean } = {}) => {
    focusSeq.current += 1
    setFocus({ kind: 'community', id, fly: opts.fly ?? true, seq: focusSeq.current })
  }, [])
  const focusPoint = useCallback((lon: number, lat: number) => {
    focusSeq.current += 1
    setFocus({ kind: 'point', lon, lat, seq: focusSeq.current })
  }, [])

  // Only the latest run may write its answer (a second click, or settings changed meanwhile).
  const sitingRun = useRef(0)
  const runSiting = useCallback(
    (opts: SitingOptions) => {
      const run = ++sitingRun.current
      setSiting({ status: 'running', queryKey })
      setAdoptStates(new Map())
      setHighlightedRank(null)
      coverageApi.siting(query, opts).then(
        (result) => run === sitingRun.current && setSiting({ status: 'done', queryKey, result }),
        (err: unknown) => {
          if (run !== sitingRun.current) return
          const error = toApiError(err)
          console.error(`[api] siting: ${error.code} ${error.message}`)
          setSiting({ status: 'error', queryKey, error, opts })
        },
      )
    },
    [query, queryKey],
  )
  useEffect(() => {
    sitingRun.current += 1 // answers for the previous settings are dropped
  }, [queryKey])

  const typeLabel = t(`facility.${settings.type}`)
  const nameTemplate = t('coverage.siting.plannedName', { type: typeLabel, rank: '{rank}' })
  const adoptSite = useCallback(
    (site: SitedFacility) => {
      setAdoptStates((m) => new Map(m).set(site.rank, { status: 'saving' }))
      coverageApi
        .createFacility({
          name: nameTemplate.replace('{rank}', String(site.rank)).slice(0, 100),
          type: query.type,
          status: 'planned',
          lon: site.lon,
          lat: site.lat,
        })
        .then(
          (record) => {
            setAdoptStates((m) => new Map(m).set(site.rank, { status: 'done', facilityId: record.id }))
            setRevision((r) => r + 1)
          },
          (err: unknown) => {
            const error = toApiError(err)
            console.error(`[api] create facility: ${error.code} ${error.message}`)
            setAdoptStates((m) => new Map(m).set(site.rank, { status: 'error', message: error.message }))
          },
        )
    },
    [nameTemplate, query.type],
  )

  const adopting = [...adoptStates.values()].some((s) => s.status === 'saving')
  const busy: BusyKind | null = adopting
    ? 'adopt'
    : siting.status === 'running'
      ? 'siting'
      : coverage.status === 'loading'
        ? 'coverage'
        : isochrones.status === 'loading'
          ? 'isochrones'
          : selectedFacility && catchment.status === 'loading'
            ? 'catchment'
            : null

  const focusedCommunityId = focus?.kind === 'community' ? focus.id : null

  const value = useMemoFields<CoverageValue>({
    settings,
    setType,
    setMinutes,
    setProfile,
    setPlanned,
    setColoring,
    query,
    standardMinutes,
    thresholdMinutes,
    coverage,
    isochrones,
    facilities,
    countedFacilities,
    showBands,
    setShowBands,
    selectedFacility,
    toggleFacility,
    catchment,
    focus,
    focusCommunity,
    focusPoint,
    focusedCommunityId,
    siting,
    runSiting,
    adoptStates,
    adoptSite,
    highlightedRank,
    setHighlightedRank,
    busy,
  })
  return <CoverageContext.Provider value={value}>{children}</CoverageContext.Provider>
}

export function useCoverage(): CoverageValue {
  const value = useContext(CoverageContext)
  if (!value) throw new Error('useCoverage must be used inside <CoverageProvider>')
  return value
}
