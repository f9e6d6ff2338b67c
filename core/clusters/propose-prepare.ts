/**
 * What `proposeClusters` and `growRegionsPlain` share: checking the input and building the proposal graph
 * (available communities, links that respect barriers and streets, the oversized and too-small connected
 * groups fixed up front, areas for compactness), and turning a complete assignment into the result
 * (proposals with their flags, `unassigned`, compactness and the objective).
 */
import { checkClusterMembers } from './check.js'
import type { ProposalInput, ProposalOptions, ProposalResult, ProposedCluster } from './propose.js'
import { groupTerm } from './propose-moves.js'

const DEFAULT_COMPACTNESS_WEIGHT = 0.1
export const TWO_PI = 2 * Math.PI

export interface Prepared {
  input: ProposalInput
  opts: ProposalOptions
  n: number
  /** Available communities (the proposal graph's vertices). */
  active: Uint8Array
  /** Active communities fixed before growing: alone above the maximum, or in a group below the minimum. */
  fixed: Uint8Array
  oversized: Uint8Array
  /** Connected group id in the proposal graph without the oversized communities (-1 for them and the unavailable). */
  comp: Int32Array
  compSize: Int32Array
  /** Proposal graph, CSR over all indices (only active vertices have edges). */
  wOff: Uint32Array
  wAdj: Uint32Array
  res: Float64Array
  x: Float64Array
  y: Float64Array
  area: Float64Array
  lambda: number
}

export function prepare(input: ProposalInput, opts: ProposalOptions): Prepared {
  const { graph, available, centroidX, centroidY } = input
  const adj = graph.adjacency
  const n = adj.count
  const { minResidents: min, maxResidents: max, targetResidents: target } = opts
  if (!(min >= 0 && min <= target && target <= max && target > 0)) throw new RangeError(`proposeClusters: need 0 ≤ min ≤ target ≤ max and target > 0, got ${min}, ${target}, ${max}`)
  if (!Number.isInteger(opts.restarts) || opts.restarts < 1) throw new RangeError(`proposeClusters: restarts must be an integer ≥ 1, got ${opts.restarts}`)
  if (!Number.isInteger(opts.seed)) throw new RangeError(`proposeClusters: seed must be an integer, got ${opts.seed}`)
  const lambda = opts.compactnessWeight ?? DEFAULT_COMPACTNESS_WEIGHT
  if (!(lambda >= 0)) throw new RangeError(`proposeClusters: compactnessWeight must be ≥ 0, got ${lambda}`)
  for (const [name, len] of [
    ['available', available.length],
    ['centroidX', centroidX.length],
    ['centroidY', centroidY.length],
    ['residents', graph.residents.length],
    ['streetIds', graph.streetIds.length],
    ['communityIds', graph.communityIds.length],
  ] as const) {
    if (len !== n) throw new RangeError(`proposeClusters: ${name} has ${len} entries for ${n} communities`)
  }

  const active = new Uint8Array(n)
  const res = new Float64Array(n)
  for (let v = 0; v < n; v++) {
    if (!available[v]) continue
    const r = Number(graph.residents[v])
    if (!(r >= 0) || !Number.isFinite(r)) throw new RangeError(`proposeClusters: community ${v} has residents ${graph.residents[v]}`)
    if (!Number.isFinite(centroidX[v]) || !Number.isFinite(centroidY[v])) throw new RangeError(`proposeClusters: community ${v} has no finite centroid`)
    active[v] = 1
    res[v] = r
  }

  // The proposal graph: links between available communities, not across barriers unless allowed, within one street when asked.
  const wOff = new Uint32Array(n + 1)
  const tmp: number[] = []
  for (let v = 0; v < n; v++) {
    if (active[v]) {
      for (let e = adj.offsets[v]; e < adj.offsets[v + 1]; e++) {
        const u = adj.neighbours[e]
        if (u === v || !active[u]) continue
        if (!opts.allowBarrierCrossing && adj.crossesBarrier[e] !== 0) continue
        if (opts.sameStreet && Number(graph.streetIds[u]) !== Number(graph.streetIds[v])) continue
        tmp.push(u)
      }
    }
    wOff[v + 1] = tmp.length
  }
  const wAdj = Uint32Array.from(tmp)

  const oversized = new Uint8Array(n)
  for (let v = 0; v < n; v++) if (active[v] && res[v] > max) oversized[v] = 1
  const comp = new Int32Array(n).fill(-1)
  const compSizes: number[] = []
  const compResidents: number[] = []
  const stack: number[] = []
  for (let s = 0; s < n; s++) {
    if (!active[s] || oversized[s] || comp[s] >= 0) continue
    const c = compSizes.length
    let size = 0
    let sum = 0
    comp[s] = c
    stack.push(s)
    while (stack.length) {
      const u = stack.pop()!
      size++
      sum += res[u]
      for (let e = wOff[u]; e < wOff[u + 1]; e++) {
        const w = wAdj[e]
        if (oversized[w] || comp[w] >= 0) continue
        comp[w] = c
        stack.push(w)
      }
    }
    compSizes.push(size)
    compResidents.push(sum)
  }
  const fixed = new Uint8Array(n)
  for (let v = 0; v < n; v++) if (active[v] && (oversized[v] || compResidents[comp[v]] < min)) fixed[v] = 1

  // Compactness treats members as discs; without an area, a disc of the typical centroid spacing.
  const gaps: number[] = []
  for (let v = 0; v < n; v++) for (let e = wOff[v]; e < wOff[v + 1]; e++) if (wAdj[e] > v) gaps.push(Math.hypot(centroidX[v] - centroidX[wAdj[e]], centroidY[v] - centroidY[wAdj[e]]))
  gaps.sort((a, b) => a - b)
  const spacing = gaps.length ? Math.max(1, gaps[gaps.length >> 1]) : 100
  const defaultArea = Math.PI * (spacing / 2) ** 2
  const area = new Float64Array(n)
  for (let v = 0; v < n; v++) {
    const a = input.areaM2 ? Number(input.areaM2[v]) : NaN
    area[v] = a > 0 && Number.isFinite(a) ? a : defaultArea
  }
  return { input, opts, n, active, fixed, oversized, comp, compSize: Int32Array.from(compSizes), wOff, wAdj, res, x: Float64Array.from(centroidX), y: Float64Array.from(centroidY), area, lambda }
}


/** Proposals and unassigned from a complete assignment; the objective over every group but the isolated ones. */
export function finalize(p: Prepared, regionOf: Int32Array): ProposalResult {
  const { n, input, opts, res, comp, compSize, oversized } = p
  const graph = input.graph
  const groups = new Map<number, number[]>()
  for (let v = 0; v < n; v++) {
    if (!p.active[v]) continue
    const r = regionOf[v]
    if (r < 0) throw new Error(`proposeClusters: community ${v} was left without a group`)
    const g = groups.get(r)
    if (g) g.push(v)
    else groups.set(r, [v])
  }
  const clusters: ProposedCluster[] = []
  const unassigned: ProposalResult['unassigned'] = []
  let objective = 0
  const rules = { minResidents: opts.minResidents, maxResidents: opts.maxResidents, sameStreet: opts.sameStreet, allowBarrierCrossing: false }
  for (const members of groups.values()) {
    let residents = 0
    for (const v of members) residents += res[v]
    const first = members[0]
    const ids = members.map((v) => Number(graph.communityIds[v]))
    if (members.length === 1 && oversized[first]) {
      clusters.push({ members, residents, flags: [{ code: 'isolated_oversized', communityIds: ids, values: { residents, max: opts.maxResidents } }], compactness: 1 })
      continue
    }
    const flags = checkClusterMembers(graph, members, rules)
    const wholeGroup = comp[first] >= 0 && members.every((v) => comp[v] === comp[first]) && members.length === compSize[comp[first]]
    if (residents < opts.minResidents && wholeGroup) {
      const i = flags.findIndex((f) => f.code === 'below_min')
      flags.splice(i, 1, { code: 'isolated_undersized', communityIds: ids, values: { residents, min: opts.minResidents } })
      clusters.push({ members, residents, flags, compactness: compactnessOf(p, members) })
      continue
    }
    const compactness = compactnessOf(p, members)
    objective += groupTerm(opts, p.lambda, residents, compactness)
    if (members.length === 1 && residents < opts.minResidents) unassigned.push({ index: first, reason: 'no_room' })
    else clusters.push({ members, residents, flags, compactness })
  }
  clusters.sort((a, b) => a.members[0] - b.members[0])
  unassigned.sort((a, b) => a.index - b.index)
  return { clusters, unassigned, objective }
}

function compactnessOf(p: Prepared, members: readonly number[]): number {
  if (members.length < 2) return 1
  let A = 0
  let X = 0
  let Y = 0
  for (const v of members) {
    A += p.area[v]
    X += p.area[v] * p.x[v]
    Y += p.area[v] * p.y[v]
  }
  const cx = X / A
  const cy = Y / A
  let I = 0
  for (const v of members) {
    const a = p.area[v]
    I += a * ((p.x[v] - cx) ** 2 + (p.y[v] - cy) ** 2) + (a * a) / TWO_PI
  }
  return Math.max(1, (TWO_PI * I) / (A * A))
}
