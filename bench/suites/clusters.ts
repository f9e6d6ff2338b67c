/**
 * 片区 algorithms on a generated block-and-compound city of 3,000 communities: the adjacency, automatic
 * proposals with 20 restarts against plain region growing on the same input, and the instant check a
 * planner's edit triggers. Timings are medians of repeats in this process.
 */
import { buildAdjacency } from '../../core/clusters/adjacency.js'
import { checkClusterMembers, type ClusterGraph } from '../../core/clusters/check.js'
import { measureOutlines } from '../../core/clusters/geometry.js'
import { growRegionsPlain, proposeClusters, type ProposalOptions, type ProposalResult } from '../../core/clusters/propose.js'
import { DEFAULT_CLUSTER_RULES } from '../../core/contracts/clusters.js'
import { generateBlockCity } from '../lib/synthetic-blocks.js'
import { median } from '../lib/stats.js'

export interface ProposalFigures {
  ms: number
  proposals: number
  withinBounds: number
  /** Share of proposals with residents in [min, max]. */
  share: number
  /** Share of the available residents that are in proposals within the bounds. */
  residentsShare: number
  unassigned: number
  flagged: Record<string, number>
  objective: number
  meanCompactness: number
}

export interface ClustersBenchResult {
  communities: number
  neighbourPairs: number
  crossingPairs: number
  adjacencyMs: number
  restarts: number
  proposeRunsMs: number[]
  ours: ProposalFigures
  plain: ProposalFigures
  editCheck: { members: number; runs: number; medianMs: number; p95Ms: number; flags: string[] }
}

const GOALS = { proposeMs: 4000, editCheckMs: 10 }
const COMMUNITIES = 3000
const RESTARTS = 20

function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now()
  const value = fn()
  return { ms: performance.now() - t, value }
}

function figures(r: ProposalResult, ms: number, residents: ArrayLike<number>, opts: ProposalOptions): ProposalFigures {
  const within = r.clusters.filter((c) => c.residents >= opts.minResidents && c.residents <= opts.maxResidents)
  let total = 0
  for (let i = 0; i < residents.length; i++) total += residents[i]
  const flagged: Record<string, number> = {}
  for (const c of r.clusters) for (const f of c.flags) flagged[f.code] = (flagged[f.code] ?? 0) + 1
  return {
    ms,
    proposals: r.clusters.length,
    withinBounds: within.length,
    share: within.length / r.clusters.length,
    residentsShare: within.reduce((s, c) => s + c.residents, 0) / total,
    unassigned: r.unassigned.length,
    flagged,
    objective: r.objective,
    meanCompactness: r.clusters.reduce((s, c) => s + c.compactness, 0) / r.clusters.length,
  }
}

export async function runClustersBench(log: (m: string) => void): Promise<ClustersBenchResult> {
  const city = generateBlockCity({ communities: COMMUNITIES, seed: 42 })
  const polygons = city.communities.map((c) => c.rings)
  const adjacencyRuns: number[] = []
  let adjacency = buildAdjacency(polygons, { gapM: DEFAULT_CLUSTER_RULES.gapM, barriers: city.barriers })
  for (let k = 0; k < 3; k++) {
    const t = time(() => buildAdjacency(polygons, { gapM: DEFAULT_CLUSTER_RULES.gapM, barriers: city.barriers }))
    adjacencyRuns.push(t.ms)
    adjacency = t.value
  }
  let crossing = 0
  for (const c of adjacency.crossesBarrier) crossing += c
  log(`[clusters] ${COMMUNITIES} communities, ${adjacency.neighbours.length / 2} neighbour pairs (${crossing / 2} across a barrier); adjacency ${median(adjacencyRuns).toFixed(0)} ms`)

  const measured = measureOutlines(polygons)
  const graph: ClusterGraph = {
    adjacency,
    residents: Float64Array.from(city.communities, (c) => c.residents),
    streetIds: Int32Array.from(city.communities, (c) => c.streetId),
    communityIds: Float64Array.from(city.communities, (c) => c.id),
  }
  const input = { graph, centroidX: measured.centroidX, centroidY: measured.centroidY, areaM2: measured.areaM2, available: new Uint8Array(COMMUNITIES).fill(1) }
  const opts: ProposalOptions = { ...DEFAULT_CLUSTER_RULES, sameStreet: false, allowBarrierCrossing: false, restarts: RESTARTS, seed: 1 }

  const proposeRunsMs: number[] = []
  let ours = proposeClusters(input, opts)
  for (let k = 0; k < 3; k++) {
    const t = time(() => proposeClusters(input, opts))
    proposeRunsMs.push(t.ms)
    ours = t.value
  }
  log(`[clusters] proposals, ${RESTARTS} restarts: ${median(proposeRunsMs).toFixed(0)} ms (${ours.clusters.length} proposals)`)
  const plainRun = time(() => growRegionsPlain(input, opts))

  // A planner's edit: one community added to a 40-member 片区 (grown breadth-first from the middle of the city).
  const members: number[] = []
  const seen = new Set<number>([Math.floor(COMMUNITIES / 2)])
  const queue = [Math.floor(COMMUNITIES / 2)]
  while (queue.length && members.length < 41) {
    const u = queue.shift()!
    members.push(u)
    for (let e = adjacency.offsets[u]; e < adjacency.offsets[u + 1]; e++) {
      const v = adjacency.neighbours[e]
      if (!seen.has(v)) {
        seen.add(v)
        queue.push(v)
      }
    }
  }
  const rules = { minResidents: opts.minResidents, maxResidents: opts.maxResidents, sameStreet: true }
  const edit = [...members]
  const runs: number[] = []
  let flags = checkClusterMembers(graph, edit, rules)
  for (let k = 0; k < 1000; k++) {
    const t = performance.now()
    flags = checkClusterMembers(graph, edit, rules)
    runs.push(performance.now() - t)
  }
  runs.sort((a, b) => a - b)
  log(`[clusters] edit check, ${edit.length} members: median ${median(runs).toFixed(3)} ms`)

  return {
    communities: COMMUNITIES,
    neighbourPairs: adjacency.neighbours.length / 2,
    crossingPairs: crossing / 2,
    adjacencyMs: median(adjacencyRuns),
    restarts: RESTARTS,
    proposeRunsMs,
    ours: figures(ours, median(proposeRunsMs), graph.residents, opts),
    plain: figures(plainRun.value, plainRun.ms, graph.residents, opts),
    editCheck: { members: edit.length, runs: runs.length, medianMs: median(runs), p95Ms: runs[Math.ceil(runs.length * 0.95) - 1], flags: flags.map((f) => f.code) },
  }
}

export function printClusters(r: ClustersBenchResult, print: (s: string) => void) {
  const ok = (v: number, goal: number, digits = 0) => `${v.toFixed(digits)} ms (goal ≤ ${goal} ms${v <= goal ? ', met' : ', MISSED'})`
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`
  const line = (f: ProposalFigures) =>
    `${f.proposals} proposals, ${pct(f.share)} within bounds (${pct(f.residentsShare)} of residents), ${f.unassigned} unassigned, compactness ${f.meanCompactness.toFixed(2)}, objective ${f.objective.toFixed(1)}, flagged ${JSON.stringify(f.flagged)}`
  print(`\n片区 (clusters): generated city of ${r.communities.toLocaleString()} communities, ${r.neighbourPairs.toLocaleString()} neighbour pairs at 30 m (${r.crossingPairs.toLocaleString()} across a major road or the river)`)
  print(`  build adjacency: ${r.adjacencyMs.toFixed(0)} ms`)
  print(`  proposals, ${r.restarts} restarts: ${ok(median(r.proposeRunsMs), GOALS.proposeMs)}; runs ${r.proposeRunsMs.map((m) => m.toFixed(0)).join(', ')} ms`)
  print(`    ours:  ${line(r.ours)}`)
  print(`    plain region growing (${r.plain.ms.toFixed(0)} ms): ${line(r.plain)}`)
  print(`    within bounds: ${pct(r.ours.share)} vs ${pct(r.plain.share)} → ${(r.ours.share / r.plain.share).toFixed(2)}×`)
  print(`  edit check (${r.editCheck.members} members, median of ${r.editCheck.runs}): ${ok(r.editCheck.medianMs, GOALS.editCheckMs, 3)}, p95 ${r.editCheck.p95Ms.toFixed(3)} ms; flags ${JSON.stringify(r.editCheck.flags)}`)
}
