/**
 * The walking-coverage benchmark, run in its own process so its peak memory is its own. Prints one JSON
 * line (the last line of stdout). Timings are medians of a few repeats; the baseline runs in the same process.
 */
import { computeNetworkCoverSets } from '../../core/coverage/cover-sets.js'
import { computeIsochroneBands } from '../../core/coverage/isochrones.js'
import { computeNearestFacilities, type CommunityOnNetwork, type FacilityOnNetwork } from '../../core/coverage/nearest-facility.js'
import { selectSites } from '../../core/coverage/siting.js'
import { buildWalkNetwork } from '../../core/network/build-network.js'
import { findCommunityEntrances } from '../../core/network/entrances.js'
import { buildNetworkIndex, locateOnNetwork } from '../../core/network/network-index.js'
import { distanceToLocation, indexSourcesByEdge, SearchWorkspace, searchFromSeeds, seedsFromLocations } from '../../core/network/shortest-paths.js'
import { generateSyntheticWalkCity } from '../lib/synthetic-walk-city.js'

const WALK_MPS = 1.0
const log = (m: string) => console.error(m)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now()
  const value = fn()
  return { ms: performance.now() - t, value }
}
let peakRss = 0
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss))
const sampler = setInterval(sampleRss, 20)

const t0 = performance.now()
const city = generateSyntheticWalkCity({ blocks: 254, segmentsPerSide: 4, communities: 3000, facilities: 1000 })
const generateMs = performance.now() - t0
const built = time(() => buildWalkNetwork(city.roads))
const net = built.value
const indexed = time(() => buildNetworkIndex(net))
const index = indexed.value
log(`[walking] network: ${net.nodeCount} nodes, ${net.edgeCount * 2} directed edges, built in ${built.ms.toFixed(0)} ms (+ index ${indexed.ms.toFixed(0)} ms)`)

const entrancesTimed = time(() => city.communities.map((c): CommunityOnNetwork => ({ id: c.id, entrances: findCommunityEntrances(index, [c.ring]).entrances })))
const communities = entrancesTimed.value
const facilitiesByType = Array.from({ length: 8 }, (_, t) =>
  city.facilities.filter((f) => f.type === t).map((f): FacilityOnNetwork => ({ id: f.id, location: locateOnNetwork(index, f.lon, f.lat)! })),
)
const ws = new SearchWorkspace(net)

// Nearest facility for one type: ours (one multi-source search) vs one plain Dijkstra per facility.
const oneType = facilitiesByType[0]
const ours: number[] = []
let nearest = computeNearestFacilities(ws, oneType, communities)
for (let r = 0; r < 5; r++) ours.push(time(() => (nearest = computeNearestFacilities(ws, oneType, communities))).ms)
log(`[walking] nearest facility, one type (${oneType.length} facilities): ${median(ours).toFixed(0)} ms`)

const baseline = time(() => {
  const best = new Float64Array(communities.length).fill(Infinity)
  for (const f of oneType) {
    // A plain vertex-by-vertex Dijkstra (the junction shortcut off), as a textbook implementation would run.
    searchFromSeeds(ws, seedsFromLocations(net, [f.location], [0]), { withPaths: true })
    const sameEdge = indexSourcesByEdge([f.location], [0])
    communities.forEach((c, i) => {
      for (const e of c.entrances) best[i] = Math.min(best[i], distanceToLocation(ws, e, sameEdge).distM)
    })
  }
  return best
})
const agree = nearest.rows.every((row, i) => Math.abs(row.distM - baseline.value[i]) < 1e-6 || (row.distM === Infinity && baseline.value[i] === Infinity))
log(`[walking] baseline, one Dijkstra per facility: ${baseline.ms.toFixed(0)} ms (results agree: ${agree})`)

const allTypes: number[] = []
for (let r = 0; r < 3; r++) allTypes.push(time(() => facilitiesByType.forEach((fs) => computeNearestFacilities(ws, fs, communities))).ms)
log(`[walking] nearest facility, all 8 types: ${median(allTypes).toFixed(0)} ms`)

// Isochrone bands (5/10/15) for one type from the node times of its search.
const iso: number[] = []
let bandsOut = computeIsochroneBands(net, nearest.nodeDistM, { walkSpeedMps: WALK_MPS, bandsMinutes: [5, 10, 15], barriers: { polygons: city.water, lines: [] } })
for (let r = 0; r < 3; r++) {
  iso.push(time(() => (bandsOut = computeIsochroneBands(net, nearest.nodeDistM, { walkSpeedMps: WALK_MPS, bandsMinutes: [5, 10, 15], barriers: { polygons: city.water, lines: [] } }))).ms)
}
const vertices = bandsOut.features.reduce((s, f) => s + f.geometry.coordinates.flat(2).length, 0)
log(`[walking] isochrone bands, one type: ${median(iso).toFixed(0)} ms (${vertices} vertices)`)

// Siting: 20 sites among 10,000 candidates for the communities one type leaves unserved at 10 minutes.
const limitM = 10 * 60 * WALK_MPS
const crand = (() => {
  let a = 99
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648)
})()
const extent = (a: Float64Array) => a.reduce((m, v) => [Math.min(m[0], v), Math.max(m[1], v)], [Infinity, -Infinity])
const [[w, e], [s, n]] = [extent(net.nodeLon), extent(net.nodeLat)]
const candidates = Array.from({ length: 10_000 }, () => locateOnNetwork(index, w + crand() * (e - w), s + crand() * (n - s)))
const uncovered = nearest.rows.flatMap((r, i) => (r.distM > limitM ? [i] : []))
const weights = Float64Array.from(city.communities, (c) => c.residents)
const covered = Uint8Array.from(nearest.rows, (r) => (r.distM <= limitM ? 1 : 0))
const siting: { cover: number; select: number }[] = []
let sites = 0
let gain = 0
for (let r = 0; r < 3; r++) {
  const cover = time(() => computeNetworkCoverSets(ws, communities.map((c) => c.entrances), uncovered, candidates, limitM))
  const select = time(() => selectSites({ demandWeights: weights, coveredAlready: covered, ...cover.value }, 20))
  sites = select.value.sites.length
  gain = select.value.coveredAfter - select.value.coveredBefore
  siting.push({ cover: cover.ms, select: select.ms })
}
const sitingTotal = median(siting.map((x) => x.cover + x.select))
log(`[walking] siting, 20 of 10,000 candidates for ${uncovered.length} unserved communities: ${sitingTotal.toFixed(0)} ms (${sites} sites, +${gain} residents)`)

sampleRss()
clearInterval(sampler)
const result = {
  network: { nodes: net.nodeCount, directedEdges: net.edgeCount * 2, lengthKm: Math.round(net.totalLengthM / 1000), buildMs: built.ms, indexMs: indexed.ms, generateMs },
  communities: communities.length,
  facilities: city.facilities.length,
  entrancesMs: entrancesTimed.ms,
  nearestOneTypeMs: median(ours),
  baselinePerFacilityMs: baseline.ms,
  baselineAgrees: agree,
  nearestAllTypesMs: median(allTypes),
  isochroneOneTypeMs: median(iso),
  isochroneVertices: vertices,
  siting: { candidates: candidates.length, unserved: uncovered.length, sites, gainResidents: gain, coverSetsMs: median(siting.map((x) => x.cover)), selectMs: median(siting.map((x) => x.select)), totalMs: sitingTotal },
  peakRssMB: Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20),
}
console.log(JSON.stringify(result))
