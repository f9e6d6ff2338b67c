import type {
  CoverageMethod,
  CoverageResponse,
  CoverageRow,
  IsochroneResponse,
  NetworkGeoJson,
  NetworkInfoResponse,
  RouteResponse,
  SitingCandidateSource,
  SitingResponse,
  WhatIfResponse,
} from '../../core/contracts/coverage.js'
import { computeNetworkCoverSets, packCoverSets } from '../../core/coverage/cover-sets.js'
import { computeIsochroneBands, computeStraightLineBands } from '../../core/coverage/isochrones.js'
import { computeNearestFacilities, computeStraightLineNearest, type FacilityOnNetwork, type NearestFacility } from '../../core/coverage/nearest-facility.js'
import { selectSites } from '../../core/coverage/siting.js'
import { coverageTotals, summariseCoverage, toCoverageRows } from '../../core/coverage/summarise.js'
import type { FacilityType } from '../../core/domain/community.js'
import type { Position } from '../../core/domain/geo.js'
import { COVERAGE_BANDS_MIN, type WalkProfile } from '../../core/domain/walking.js'
import { haversineM } from '../../core/network/geodesy.js'
import { findNearestNode, isMajorNode, locateOnNetwork } from '../../core/network/network-index.js'
import { pathTo, searchFromSeeds, seedsFromLocations } from '../../core/network/shortest-paths.js'
import { HttpError } from '../http/errors.js'
import type { AnalysisSnapshot, CommunityPlace, FacilityPoint, NetworkState, WalkingAnalysisStore } from './walking-network.js'

/** The parameters every coverage computation shares (parsed by the contracts). */
export interface CoverageParams {
  type: FacilityType
  minutes?: number
  profile: WalkProfile
  planned: 'include' | 'exclude'
}

const noNetwork = () => new HttpError(409, 'no_network', 'No walking network is loaded (the roads table has no walkable roads); coverage falls back to straight-line distances.')

function speedOf(store: WalkingAnalysisStore, profile: WalkProfile): number {
  return profile === 'elderly' ? store.settings.elderlyWalkSpeedMps : store.settings.walkSpeedMps
}

function context(store: WalkingAnalysisStore, snap: AnalysisSnapshot, p: CoverageParams) {
  const method: CoverageMethod = snap.network ? 'network' : 'straight-line'
  return {
    type: p.type,
    method,
    profile: p.profile,
    walkSpeedMps: speedOf(store, p.profile),
    detourFactor: method === 'straight-line' ? store.settings.detourFactor : null,
    thresholdMinutes: p.minutes ?? store.settings.coverageMinutes[p.type],
    includePlanned: p.planned === 'include',
  }
}

// ---- network ----

export async function getNetworkInfo(store: WalkingAnalysisStore): Promise<NetworkInfoResponse> {
  const snap = await store.snapshot()
  const net = snap.network?.net
  const entrances = { gates: 0, boundary: 0, nearest: 0 }
  for (const p of snap.places) if (p.entranceSource) entrances[p.entranceSource]++
  return {
    nodes: net?.nodeCount ?? 0,
    edges: net?.edgeCount ?? 0,
    lengthKm: net ? Math.round(net.totalLengthM / 100) / 10 : 0,
    components: net?.componentSizes.length ?? 0,
    mainComponentShare: net && net.nodeCount ? net.componentSizes[0] / net.nodeCount : 0,
    noding: store.settings.noding,
    snapToleranceM: store.settings.snapToleranceM,
    entrances,
  }
}

/** The edges exactly as the engine uses them, serialised once per network version. */
export async function getNetworkGeoJson(store: WalkingAnalysisStore): Promise<string> {
  const snap = await store.snapshot()
  const state = snap.network
  if (!state) return JSON.stringify({ type: 'FeatureCollection', features: [] } satisfies NetworkGeoJson)
  return store.memo(`network-geojson:${state.key}`, () => {
    const { net } = state
    const parts: string[] = []
    for (let e = 0; e < net.edgeCount; e++) {
      const a = net.edgeFrom[e]
      const b = net.edgeTo[e]
      parts.push(
        `{"type":"Feature","id":${e},"geometry":{"type":"LineString","coordinates":[[${net.nodeLon[a]},${net.nodeLat[a]}],[${net.nodeLon[b]},${net.nodeLat[b]}]]},` +
          `"properties":{"edge":${e},"roadId":${net.edgeRoadId[e]},"from":${a},"to":${b},"lengthM":${net.edgeLengthM[e]}}}`,
      )
    }
    return `{"type":"FeatureCollection","features":[${parts.join(',')}]}`
  })
}

/** Shortest walk between the network nodes nearest to two points. */
export async function routeBetween(store: WalkingAnalysisStore, from: Position, to: Position, profile: WalkProfile): Promise<RouteResponse> {
  const snap = await store.snapshot()
  const state = snap.network
  if (!state) throw noNetwork()
  const a = findNearestNode(state.index, from[0], from[1])!
  const b = findNearestNode(state.index, to[0], to[1])!
  const { net, ws } = state
  const end = (n: { node: number; distM: number }) => ({ lon: net.nodeLon[n.node], lat: net.nodeLat[n.node], node: n.node, snapM: Math.round(n.distM * 10) / 10 })
  if (net.nodeComponent[a.node] !== net.nodeComponent[b.node]) {
    throw new HttpError(422, 'unreachable', 'The two points are on parts of the walking network that do not connect (e.g. across a river without a bridge, or an isolated path).', {
      from: end(a),
      to: end(b),
    })
  }
  searchFromSeeds(ws, { nodes: [a.node], costsM: [0], labels: [0] }, { withPaths: true })
  const meters = ws.distM[b.node]
  const path = pathTo(ws, b.node).map((n): Position => [net.nodeLon[n], net.nodeLat[n]])
  const speed = speedOf(store, profile)
  return { meters, minutes: meters / speed / 60, walkSpeedMps: speed, from: end(a), to: end(b), path: { type: 'LineString', coordinates: path.length > 1 ? path : [path[0], path[0]] } }
}

// ---- nearest facility ----

interface NearestResult {
  facilities: FacilityPoint[]
  rows: NearestFacility[]
  /** Metres from the nearest facility to each node (network method only). */
  nodeDistM: Float64Array | null
}

function locateFacilities(state: NetworkState, facilities: readonly (FacilityPoint | { id: number; lon: number; lat: number })[]): FacilityOnNetwork[] {
  const located: FacilityOnNetwork[] = []
  for (const f of facilities) {
    const location = locateOnNetwork(state.index, f.lon, f.lat)
    if (location) located.push({ id: f.id, location })
  }
  return located
}

function nearestNow(snap: AnalysisSnapshot, facilities: readonly { id: number; lon: number; lat: number }[], detourFactor: number): Omit<NearestResult, 'facilities'> {
  if (!snap.network) return { rows: computeStraightLineNearest(facilities, snap.places, detourFactor), nodeDistM: null }
  const r = computeNearestFacilities(snap.network.ws, locateFacilities(snap.network, facilities), snap.places)
  return { rows: r.rows, nodeDistM: r.nodeDistM }
}

async function nearestFor(store: WalkingAnalysisStore, snap: AnalysisSnapshot, p: CoverageParams): Promise<NearestResult> {
  const facilities = await store.facilities(p.type, p.planned === 'include', snap.versions)
  return store.memo(`nearest:${snap.placesKey}:${snap.versions.facilities}:${p.type}:${p.planned}`, () => ({
    facilities,
    ...nearestNow(snap, facilities, store.settings.detourFactor),
  }))
}

function rowsOf(snap: AnalysisSnapshot, facilities: readonly { id: number; name: string }[], nearest: readonly NearestFacility[], speed: number, threshold: number): CoverageRow[] {
  return toCoverageRows(snap.places, nearest, new Map(facilities.map((f) => [f.id, f.name])), speed, threshold)
}

/** 片区 of the dataset's plan year with their members, cached per clusters version. */
async function planYearClusters(store: WalkingAnalysisStore, snap: AnalysisSnapshot) {
  return store.memo(`plan-year-clusters:${snap.versions.clusters}:${snap.versions.communities}`, async () => {
    const rows = await store.db.query<{ id: number; name: string; memberIds: number[] }>(
      `SELECT k.id, k.name, array_agg(m.community_id ORDER BY m.community_id) AS "memberIds"
       FROM clusters k JOIN cluster_members m ON m.cluster_id = k.id
       WHERE k.plan_year = (SELECT (value #>> '{}')::int FROM dataset_meta WHERE key = 'planYear')
       GROUP BY k.id ORDER BY k.id`,
    )
    return rows.map((r) => ({ id: r.id, name: r.name, memberIds: r.memberIds.map(Number) }))
  })
}

export async function computeCoverage(store: WalkingAnalysisStore, p: CoverageParams): Promise<CoverageResponse> {
  const snap = await store.snapshot()
  const ctx = context(store, snap, p)
  const nearest = await nearestFor(store, snap, p)
  const rows = rowsOf(snap, nearest.facilities, nearest.rows, ctx.walkSpeedMps, ctx.thresholdMinutes)
  const clusters = await planYearClusters(store, snap)
  const summary = summariseCoverage(rows, { thresholdMinutes: ctx.thresholdMinutes, facilities: nearest.facilities.length, districts: snap.districts, streets: snap.streets, clusters })
  return { ...ctx, rows, summary }
}

// ---- isochrones ----

export async function computeIsochrones(store: WalkingAnalysisStore, p: CoverageParams & { facility?: number; bands?: number[] }): Promise<IsochroneResponse> {
  const snap = await store.snapshot()
  const ctx = context(store, snap, p)
  const bandsMinutes = [...new Set(p.bands ?? COVERAGE_BANDS_MIN)].sort((a, b) => a - b)
  let points: { id: number; lon: number; lat: number }[]
  if (p.facility !== undefined) {
    const rows = await store.db.query<{ id: number; type: string; lon: number; lat: number }>('SELECT id, type, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM facilities WHERE id = $1', [p.facility])
    if (rows.length === 0) throw new HttpError(404, 'not_found', `Facility ${p.facility} does not exist`)
    points = rows
  } else {
    points = (await nearestFor(store, snap, p)).facilities
  }
  const key = `iso:${snap.placesKey}:${snap.versions.facilities}:${p.type}:${p.planned}:${p.facility ?? 'all'}:${ctx.walkSpeedMps}:${bandsMinutes.join(',')}`
  const bands = await store.memo(key, async () => {
    const state = snap.network
    if (!state) return computeStraightLineBands(points.map((f): Position => [f.lon, f.lat]), { walkSpeedMps: ctx.walkSpeedMps, detourFactor: store.settings.detourFactor, bandsMinutes })
    const located = locateFacilities(state, points)
    let nodeDistM: Float64Array
    if (p.facility === undefined) nodeDistM = (await nearestFor(store, snap, p)).nodeDistM!
    else {
      const maxDistM = bandsMinutes[bandsMinutes.length - 1] * 60 * ctx.walkSpeedMps
      searchFromSeeds(state.ws, seedsFromLocations(state.net, located.map((f) => f.location), [0]), { maxDistM })
      nodeDistM = state.ws.distM.slice()
    }
    const edgeSources = located.map((f) => ({ edge: f.location.edge, offsetM: f.location.offsetM, costM: f.location.connectorM }))
    return computeIsochroneBands(state.net, nodeDistM, { walkSpeedMps: ctx.walkSpeedMps, bandsMinutes, barriers: state.barriers, edgeSources })
  })
  return { ...bands, method: ctx.method, walkSpeedMps: ctx.walkSpeedMps, facilityType: p.type, facilityId: p.facility ?? null }
}

// ---- siting ----

interface Candidate {
  lon: number
  lat: number
  nearCommunity: CommunityPlace | null
}

/** Network nodes thinned to one per grid cell (the node nearest the cell's centre), at most `max`. */
function networkCandidates(state: NetworkState, max: number): Candidate[] {
  const { net } = state
  for (let cellM = 100; ; cellM *= 1.5) {
    const best = new Map<string, { node: number; d: number }>()
    for (let n = 0; n < net.nodeCount; n++) {
      if (!isMajorNode(state.index, n)) continue
      const cx = Math.floor(net.nodeX[n] / cellM)
      const cy = Math.floor(net.nodeY[n] / cellM)
      const d = Math.hypot(net.nodeX[n] - (cx + 0.5) * cellM, net.nodeY[n] - (cy + 0.5) * cellM)
      const key = `${cx},${cy}`
      const cur = best.get(key)
      if (!cur || d < cur.d) best.set(key, { node: n, d })
    }
    if (best.size <= max) {
      return [...best.values()].sort((a, b) => a.node - b.node).map(({ node }) => ({ lon: net.nodeLon[node], lat: net.nodeLat[node], nearCommunity: null }))
    }
  }
}

function straightLineCoverSets(places: readonly CommunityPlace[], uncovered: readonly number[], candidates: readonly Candidate[], limitM: number, detour: number) {
  return candidates.map((c) => uncovered.filter((i) => haversineM(c.lon, c.lat, places[i].lon, places[i].lat) * detour <= limitM))
}

export async function suggestSites(store: WalkingAnalysisStore, p: CoverageParams & { k: number; candidates: SitingCandidateSource }): Promise<SitingResponse> {
  const snap = await store.snapshot()
  const ctx = context(store, snap, p)
  const nearest = await nearestFor(store, snap, p)
  const rows = rowsOf(snap, nearest.facilities, nearest.rows, ctx.walkSpeedMps, ctx.thresholdMinutes)

  const layer = p.candidates === 'auto' || p.candidates === 'layer' ? await store.candidateSites(p.type, snap.versions) : []
  let source: Exclude<SitingCandidateSource, 'auto'> = p.candidates === 'auto' ? (layer.length > 0 ? 'layer' : 'communities') : p.candidates
  if (source === 'network' && !snap.network) source = 'communities'
  const candidates: Candidate[] =
    source === 'layer'
      ? layer.map((s) => ({ lon: s.lon, lat: s.lat, nearCommunity: null }))
      : source === 'network'
        ? networkCandidates(snap.network!, 20_000)
        : snap.places.map((c) => ({ lon: c.lon, lat: c.lat, nearCommunity: c }))

  const limitM = ctx.thresholdMinutes * 60 * ctx.walkSpeedMps
  const uncovered = rows.flatMap((r, i) => (!r.covered && r.residents > 0 ? [i] : []))
  const state = snap.network
  const covers = state
    ? computeNetworkCoverSets(
        state.ws,
        snap.places.map((c) => c.entrances),
        uncovered,
        candidates.map((c) => locateOnNetwork(state.index, c.lon, c.lat)),
        limitM,
      )
    : packCoverSets(straightLineCoverSets(snap.places, uncovered, candidates, limitM, store.settings.detourFactor))
  const result = selectSites(
    {
      demandWeights: Float64Array.from(snap.places, (c) => c.residents),
      coveredAlready: Uint8Array.from(rows, (r) => (r.covered ? 1 : 0)),
      ...covers,
    },
    p.k,
  )

  const before = coverageTotals(rows)
  const newly = new Set(result.sites.flatMap((s) => s.newlyCovered))
  const after = coverageTotals(rows.map((r, i) => ({ residents: r.residents, covered: r.covered || newly.has(i) })))
  const sites = result.sites.map((s, rank) => {
    const c = candidates[s.candidate]
    const near = c.nearCommunity ?? nearestPlace(snap.places, c.lon, c.lat)
    return {
      rank: rank + 1,
      lon: c.lon,
      lat: c.lat,
      marginalResidents: s.marginalGain,
      marginalCommunities: s.newlyCovered.length,
      uniqueResidents: s.uniqueGain,
      communityIds: s.newlyCovered.map((i) => snap.places[i].id),
      nearCommunityId: near?.id ?? null,
      nearCommunityName: near?.name ?? null,
      districtId: near?.districtId ?? null,
    }
  })
  return { ...ctx, k: p.k, candidateSource: source, candidateCount: candidates.length, before, after, sites, stoppedEarly: result.stoppedEarly }
}

function nearestPlace(places: readonly CommunityPlace[], lon: number, lat: number): CommunityPlace | null {
  let best: CommunityPlace | null = null
  let bestD = Infinity
  for (const c of places) {
    const d = haversineM(lon, lat, c.lon, c.lat)
    if (d < bestD) {
      bestD = d
      best = c
    }
  }
  return best
}

// ---- what-if ----

export async function compareWhatIf(
  store: WalkingAnalysisStore,
  p: CoverageParams & { add: { lon: number; lat: number }[]; move: { facilityId: number; lon: number; lat: number }[]; remove: number[] },
): Promise<WhatIfResponse> {
  const snap = await store.snapshot()
  const ctx = context(store, snap, p)
  const nearest = await nearestFor(store, snap, p)
  const known = new Set(nearest.facilities.map((f) => f.id))
  const missing = [...p.remove, ...p.move.map((m) => m.facilityId)].filter((id) => !known.has(id))
  if (missing.length > 0) {
    throw new HttpError(400, 'invalid_request', `Facilities ${missing.join(', ')} are not ${p.type} facilities counted in this analysis`, { missing })
  }
  const removed = new Set(p.remove)
  const moved = new Map(p.move.map((m) => [m.facilityId, m]))
  const modified = [
    ...nearest.facilities.filter((f) => !removed.has(f.id)).map((f) => ({ ...f, ...(moved.has(f.id) ? { lon: moved.get(f.id)!.lon, lat: moved.get(f.id)!.lat } : {}) })),
    // New facilities get negative ids so they can never be confused with stored ones.
    ...p.add.map((a, i) => ({ id: -(i + 1), name: '', status: 'planned', lon: a.lon, lat: a.lat })),
  ]
  const afterNearest = nearestNow(snap, modified, store.settings.detourFactor).rows
  const beforeRows = rowsOf(snap, nearest.facilities, nearest.rows, ctx.walkSpeedMps, ctx.thresholdMinutes)
  const afterRows = rowsOf(snap, modified, afterNearest, ctx.walkSpeedMps, ctx.thresholdMinutes)
  const byDistrict = snap.districts.map((d) => ({
    id: d.id,
    name: d.name,
    before: coverageTotals(beforeRows.filter((r) => r.districtId === d.id)).share,
    after: coverageTotals(afterRows.filter((r) => r.districtId === d.id)).share,
  }))
  const changed = beforeRows
    .map((b, i) => ({ b, a: afterRows[i] }))
    .filter(({ a, b }) => a.covered !== b.covered || Math.abs((a.minutes ?? Infinity) - (b.minutes ?? Infinity)) > 1e-9 || (a.minutes === null) !== (b.minutes === null))
    .map(({ a, b }) => ({
      communityId: b.communityId,
      name: b.name,
      residents: b.residents,
      beforeMinutes: b.minutes,
      afterMinutes: a.minutes,
      coveredBefore: b.covered,
      coveredAfter: a.covered,
    }))
    .sort((x, y) => Number(y.coveredAfter !== y.coveredBefore) - Number(x.coveredAfter !== x.coveredBefore) || y.residents - x.residents || x.communityId - y.communityId)
  return { ...ctx, before: coverageTotals(beforeRows), after: coverageTotals(afterRows), byDistrict, changed }
}
