import type { ClusterFlag } from '../contracts/clusters.js'
import { checkClusterMembers, type ClusterGraph } from './check.js'
import { createPrng, deriveSeed } from './prng.js'

/**
 * Automatic 片区 proposals: partition the available communities into contiguous groups of about the
 * target number of residents, within [min, max].
 *
 * Rules for what cannot be helped (the tests pin them):
 * - A community alone above the maximum becomes its own proposal flagged `isolated_oversized` (the planner
 *   splits it by hand). Nothing else joins it.
 * - A connected group of the proposal graph (oversized communities left out) whose residents together stay
 *   below the minimum becomes one proposal flagged `isolated_undersized` (a lone community included).
 * - A single community left over after repair (below the minimum, every neighbouring proposal too full to
 *   take it) is `unassigned` with reason `no_room`; a leftover of several communities stays a proposal
 *   flagged `below_min`. So every available community is in exactly one proposal or in `unassigned`.
 *
 * Compactness of a group: its normalised moment of inertia, each member a disc of its own area at its
 * centroid: 2π·I / A² with I the polar moment about the group's area-weighted centroid and A the total area.
 * 1 for a single round compound, about 1.3 for three compounds in a tight triangle, more for a chain; the
 * members' discs may overlap where outlines are not round, so values below 1 are reported as 1.
 *
 * Objective (lower is better), summed over the grown groups (the isolated ones are fixed and not counted):
 * ((residents − target) / target)² + λ·(compactness − 1), plus 10 + 10·(shortfall or excess)/target for a
 * group outside [min, max]. λ = `compactnessWeight` (default 0.1).
 *
 * Method: region growing from the periphery (the next seed is the unassigned community with the fewest
 * unassigned neighbours, ties broken by a seeded random key) toward the target and never past the maximum;
 * then repair of groups below the minimum (merge into a neighbour when the sum fits, take boundary members
 * from neighbours that stay ≥ min, or share the group out among neighbours with room); then single moves of
 * boundary communities between adjacent groups that lower the objective, keep the group they leave
 * connected and the group they join within the maximum. Several restarts with their own random keys; the best objective wins (the earliest on a tie).
 */

export interface ProposalInput {
  graph: ClusterGraph
  /** Local metres of each community's centroid (compactness). */
  centroidX: Float64Array
  centroidY: Float64Array
  /** 1 = may be assigned (in scope, not locked in an approved 片区, eligible when eligibleOnly). */
  available: Uint8Array
  /** Area (m²) per community, for compactness; without it (or where ≤ 0) a member counts as a disc of the typical neighbour spacing. */
  areaM2?: ArrayLike<number>
}

export interface ProposalOptions {
  minResidents: number
  maxResidents: number
  targetResidents: number
  sameStreet: boolean
  allowBarrierCrossing: boolean
  /** Independent runs (integer ≥ 1); the best objective is kept. */
  restarts: number
  seed: number
  /** λ, the weight of compactness against the residents' deviation (default 0.1). */
  compactnessWeight?: number
}

export interface ProposedCluster {
  /** Ascending community indices. */
  members: number[]
  residents: number
  flags: ClusterFlag[]
  /** 2π·I / A² (1 = one round compound; larger = less compact). */
  compactness: number
}

export type UnassignedReason = 'isolated_oversized' | 'isolated_undersized' | 'no_room'

export interface ProposalResult {
  /** Ordered by their smallest member index. */
  clusters: ProposedCluster[]
  /** Ascending by index; core only ever uses `no_room` (the isolated cases are proposals, flagged). */
  unassigned: { index: number; reason: UnassignedReason }[]
  objective: number
}

const DEFAULT_COMPACTNESS_WEIGHT = 0.1
const BOUND_PENALTY = 10
/** Upper bound on the improvement passes over all communities per restart. */
const MAX_IMPROVE_PASSES = 40
const TWO_PI = 2 * Math.PI
/** Growth scores a candidate by distance to the group's centre (in typical spacings), minus links into the group, plus its free neighbours. */
const LINK_WEIGHT = 0.6
const FREE_WEIGHT = 0.35
const NOISE_WEIGHT = 0.5

/** Proposes 片区 for the available communities: growth from the periphery, repair, boundary moves, best of several restarts. */
export function proposeClusters(input: ProposalInput, opts: ProposalOptions): ProposalResult {
  const p = prepare(input, opts)
  const { n, fixed } = p
  const ws = new Workspace(p)
  let bestRegion: Int32Array | null = null
  let bestObjective = Infinity
  for (let k = 0; k < opts.restarts; k++) {
    const rand = createPrng(deriveSeed(opts.seed, k))
    ws.reset()
    ws.growFromPeriphery(rand)
    ws.repair()
    ws.improve(rand)
    const obj = ws.objective()
    if (bestRegion === null || obj < bestObjective - 1e-12) {
      bestObjective = obj
      bestRegion = ws.regionOf.slice()
    }
  }
  const regionOf = bestRegion ?? new Int32Array(n).fill(-1)
  // The fixed (isolated) proposals get group ids after the grown ones: one per oversized community, one per small connected group.
  let next = regionOf.reduce((m, r) => Math.max(m, r), -1) + 1
  const compRegion = new Map<number, number>()
  for (let v = 0; v < n; v++) {
    if (!fixed[v]) continue
    if (p.oversized[v]) regionOf[v] = next++
    else {
      if (!compRegion.has(p.comp[v])) compRegion.set(p.comp[v], next++)
      regionOf[v] = compRegion.get(p.comp[v])!
    }
  }
  return finalize(p, regionOf)
}

/** The plain baseline: seeds in index order, each grown breadth-first until it reaches the target or is stuck; no repair, no restarts. */
export function growRegionsPlain(input: ProposalInput, opts: ProposalOptions): ProposalResult {
  const p = prepare(input, opts)
  const { n, active, wOff, wAdj, res } = p
  const regionOf = new Int32Array(n).fill(-1)
  const queue = new Int32Array(n)
  let regions = 0
  for (let s = 0; s < n; s++) {
    if (!active[s] || regionOf[s] >= 0) continue
    const r = regions++
    regionOf[s] = r
    let sum = res[s]
    let head = 0
    let tail = 0
    queue[tail++] = s
    grow: while (head < tail && sum < opts.targetResidents) {
      const u = queue[head++]
      for (let e = wOff[u]; e < wOff[u + 1]; e++) {
        const w = wAdj[e]
        if (regionOf[w] >= 0) continue
        regionOf[w] = r
        sum += res[w]
        queue[tail++] = w
        if (sum >= opts.targetResidents) break grow
      }
    }
  }
  return finalize(p, regionOf)
}

// ---- preparation shared by both ----

interface Prepared {
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

function prepare(input: ProposalInput, opts: ProposalOptions): Prepared {
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

/** One group's share of the objective. */
function groupTerm(opts: ProposalOptions, lambda: number, residents: number, compactness: number): number {
  const T = opts.targetResidents
  const dev = (residents - T) / T
  let f = dev * dev + lambda * Math.max(0, compactness - 1)
  if (residents < opts.minResidents) f += BOUND_PENALTY + (BOUND_PENALTY * (opts.minResidents - residents)) / T
  else if (residents > opts.maxResidents) f += BOUND_PENALTY + (BOUND_PENALTY * (residents - opts.maxResidents)) / T
  return f
}

// ---- the search state of one restart ----

class Workspace {
  readonly regionOf: Int32Array
  private readonly p: Prepared
  private readonly sum: Float64Array
  private readonly cnt: Int32Array
  private readonly sA: Float64Array
  private readonly sX: Float64Array
  private readonly sY: Float64Array
  private readonly sQ: Float64Array
  /** Per-community second moment of its disc about the origin: a(x² + y²) + a²/2π. */
  private readonly q: Float64Array
  private readonly freeDeg: Int32Array
  private readonly key: Float64Array
  private readonly stamp: Uint32Array
  private gen = 0
  private readonly queue: Int32Array
  private regions = 0
  private readonly heap: Heap
  private readonly spacing: number
  private readonly min: number
  private readonly max: number
  private readonly target: number

  constructor(p: Prepared) {
    this.p = p
    const n = p.n
    this.regionOf = new Int32Array(n)
    this.sum = new Float64Array(n)
    this.cnt = new Int32Array(n)
    this.sA = new Float64Array(n)
    this.sX = new Float64Array(n)
    this.sY = new Float64Array(n)
    this.sQ = new Float64Array(n)
    this.q = new Float64Array(n)
    for (let v = 0; v < n; v++) this.q[v] = p.area[v] * (p.x[v] * p.x[v] + p.y[v] * p.y[v]) + (p.area[v] * p.area[v]) / TWO_PI
    this.freeDeg = new Int32Array(n)
    this.key = new Float64Array(n)
    this.stamp = new Uint32Array(n)
    this.queue = new Int32Array(n)
    this.heap = new Heap(n + p.wAdj.length + 1)
    let a = 0
    let k = 0
    for (let v = 0; v < n; v++) if (p.active[v]) ((a += p.area[v]), k++)
    this.spacing = k ? Math.sqrt(a / k) : 100
    this.min = p.opts.minResidents
    this.max = p.opts.maxResidents
    this.target = p.opts.targetResidents
  }

  reset(): void {
    this.regionOf.fill(-1)
    this.sum.fill(0)
    this.cnt.fill(0)
    this.sA.fill(0)
    this.sX.fill(0)
    this.sY.fill(0)
    this.sQ.fill(0)
    this.regions = 0
  }

  private nextGen(): number {
    if (++this.gen >= 0xfffffff0) {
      this.stamp.fill(0)
      this.gen = 1
    }
    return this.gen
  }

  private add(v: number, r: number): void {
    const p = this.p
    const a = p.area[v]
    this.regionOf[v] = r
    this.sum[r] += p.res[v]
    this.cnt[r]++
    this.sA[r] += a
    this.sX[r] += a * p.x[v]
    this.sY[r] += a * p.y[v]
    this.sQ[r] += this.q[v]
  }

  private remove(v: number): void {
    const p = this.p
    const r = this.regionOf[v]
    const a = p.area[v]
    this.regionOf[v] = -1
    this.sum[r] -= p.res[v]
    this.cnt[r]--
    if (this.cnt[r] === 0) {
      this.sum[r] = this.sA[r] = this.sX[r] = this.sY[r] = this.sQ[r] = 0
      return
    }
    this.sA[r] -= a
    this.sX[r] -= a * p.x[v]
    this.sY[r] -= a * p.y[v]
    this.sQ[r] -= this.q[v]
  }

  /** The objective term of a group from its sums (0 for an empty group). */
  private termOf(count: number, sum: number, A: number, X: number, Y: number, Q: number): number {
    if (count <= 0) return 0
    return groupTerm(this.p.opts, this.p.lambda, sum, count > 1 ? (TWO_PI * (Q - (X * X + Y * Y) / A)) / (A * A) : 1)
  }

  private term(r: number): number {
    return this.termOf(this.cnt[r], this.sum[r], this.sA[r], this.sX[r], this.sY[r], this.sQ[r])
  }

  /** Term of group r with community v added (sign +1) or taken out (sign −1). */
  private termWith(r: number, v: number, sign: 1 | -1): number {
    const p = this.p
    const a = p.area[v]
    return this.termOf(this.cnt[r] + sign, this.sum[r] + sign * p.res[v], this.sA[r] + sign * a, this.sX[r] + sign * a * p.x[v], this.sY[r] + sign * a * p.y[v], this.sQ[r] + sign * this.q[v])
  }

  /** Growth from the periphery toward the target, never past the maximum. */
  growFromPeriphery(rand: () => number): void {
    const p = this.p
    const { n, active, fixed, wOff, wAdj } = p
    for (let v = 0; v < n; v++) this.key[v] = rand()
    const heap = this.heap
    heap.clear()
    for (let v = 0; v < n; v++) {
      if (!active[v] || fixed[v]) continue
      let d = 0
      for (let e = wOff[v]; e < wOff[v + 1]; e++) if (!fixed[wAdj[e]]) d++
      this.freeDeg[v] = d
      heap.push(v, d + this.key[v])
    }
    const members: number[] = []
    while (heap.size > 0) {
      const prio = heap.topPriority()
      const s = heap.pop()
      if (this.regionOf[s] >= 0 || prio !== this.freeDeg[s] + this.key[s]) continue
      const r = this.regions++
      members.length = 0
      this.assign(s, r)
      members.push(s)
      for (;;) {
        const u = this.bestCandidate(r, members)
        if (u < 0) break
        this.assign(u, r)
        members.push(u)
      }
    }
  }

  private assign(v: number, r: number): void {
    const { wOff, wAdj, fixed } = this.p
    this.add(v, r)
    for (let e = wOff[v]; e < wOff[v + 1]; e++) {
      const w = wAdj[e]
      if (fixed[w] || this.regionOf[w] >= 0) continue
      this.freeDeg[w]--
      this.heap.push(w, this.freeDeg[w] + this.key[w])
    }
  }

  /** The unassigned neighbour to add next, or -1 when the group should stop. */
  private bestCandidate(r: number, members: readonly number[]): number {
    const p = this.p
    const { wOff, wAdj, fixed, res } = p
    const s = this.sum[r]
    const T = this.target
    if (s >= T) return -1
    const cx = this.sX[r] / this.sA[r]
    const cy = this.sY[r] / this.sA[r]
    const g = this.nextGen()
    let best = -1
    let bestScore = Infinity
    for (const m of members) {
      for (let e = wOff[m]; e < wOff[m + 1]; e++) {
        const u = wAdj[e]
        if (fixed[u] || this.regionOf[u] >= 0 || this.stamp[u] === g) continue
        this.stamp[u] = g
        const after = s + res[u]
        if (after > this.max) continue
        // Past the minimum, only steps that bring the group nearer the target.
        if (s >= this.min && Math.abs(after - T) >= Math.abs(s - T)) continue
        let links = 0
        for (let f = wOff[u]; f < wOff[u + 1]; f++) if (this.regionOf[wAdj[f]] === r) links++
        const score = Math.hypot(p.x[u] - cx, p.y[u] - cy) / this.spacing - LINK_WEIGHT * links + FREE_WEIGHT * this.freeDeg[u] + NOISE_WEIGHT * this.key[u]
        if (score < bestScore || (score === bestScore && u < best)) {
          bestScore = score
          best = u
        }
      }
    }
    return best
  }

  /** The distinct groups next to the members of r (excluding r and the fixed ones), ascending. */
  private neighbourRegions(r: number, members: readonly number[]): number[] {
    const { wOff, wAdj, fixed } = this.p
    const out: number[] = []
    for (const m of members) {
      for (let e = wOff[m]; e < wOff[m + 1]; e++) {
        const u = wAdj[e]
        if (fixed[u]) continue
        const b = this.regionOf[u]
        if (b >= 0 && b !== r && !out.includes(b)) out.push(b)
      }
    }
    return out.sort((a, b) => a - b)
  }

  /** True when group r stays connected without community v (v in r). */
  private connectedWithout(r: number, v: number): boolean {
    const need = this.cnt[r] - 1
    if (need <= 0) return true
    const { wOff, wAdj } = this.p
    let start = -1
    for (let e = wOff[v]; e < wOff[v + 1]; e++) {
      if (this.regionOf[wAdj[e]] === r) {
        start = wAdj[e]
        break
      }
    }
    if (start < 0) return false
    const g = this.nextGen()
    this.stamp[v] = g
    this.stamp[start] = g
    let head = 0
    let tail = 0
    this.queue[tail++] = start
    while (head < tail) {
      const u = this.queue[head++]
      for (let e = wOff[u]; e < wOff[u + 1]; e++) {
        const w = wAdj[e]
        if (this.stamp[w] === g || this.regionOf[w] !== r) continue
        this.stamp[w] = g
        this.queue[tail++] = w
        if (tail === need) return true
      }
    }
    return tail === need
  }

  private membersOf(): number[][] {
    const lists: number[][] = Array.from({ length: this.regions }, () => [])
    for (let v = 0; v < this.p.n; v++) if (this.regionOf[v] >= 0 && !this.p.fixed[v]) lists[this.regionOf[v]].push(v)
    return lists
  }

  /** Groups below the minimum: merge into a neighbour, take members from neighbours, or share out among neighbours with room. */
  repair(): void {
    const lists = this.membersOf()
    const order = lists.map((_, r) => r).filter((r) => this.cnt[r] > 0 && this.sum[r] < this.min)
    order.sort((a, b) => this.sum[a] - this.sum[b] || a - b)
    for (const r of order) {
      if (this.cnt[r] === 0 || this.sum[r] >= this.min) continue
      if (this.mergeIntoNeighbour(r, lists)) continue
      this.takeFromNeighbours(r, lists)
      if (this.sum[r] >= this.min) continue
      this.shareOut(r, lists)
    }
  }

  private mergeIntoNeighbour(r: number, lists: number[][]): boolean {
    let best = -1
    let bestDelta = Infinity
    for (const b of this.neighbourRegions(r, lists[r])) {
      if (this.sum[r] + this.sum[b] > this.max) continue
      const merged = this.termOf(this.cnt[r] + this.cnt[b], this.sum[r] + this.sum[b], this.sA[r] + this.sA[b], this.sX[r] + this.sX[b], this.sY[r] + this.sY[b], this.sQ[r] + this.sQ[b])
      const delta = merged - this.term(r) - this.term(b)
      if (delta < bestDelta) {
        bestDelta = delta
        best = b
      }
    }
    if (best < 0) return false
    for (const v of lists[r]) {
      this.remove(v)
      this.add(v, best)
      lists[best].push(v)
    }
    lists[r] = []
    return true
  }

  private takeFromNeighbours(r: number, lists: number[][]): void {
    const { wOff, wAdj, fixed, res } = this.p
    for (;;) {
      const cands: { v: number; b: number; delta: number }[] = []
      const g = this.nextGen()
      for (const m of lists[r]) {
        for (let e = wOff[m]; e < wOff[m + 1]; e++) {
          const v = wAdj[e]
          const b = this.regionOf[v]
          if (fixed[v] || b < 0 || b === r || this.stamp[v] === g) continue
          this.stamp[v] = g
          if (this.sum[b] - res[v] < this.min || this.sum[r] + res[v] > this.max) continue
          cands.push({ v, b, delta: this.termWith(r, v, 1) + this.termWith(b, v, -1) - this.term(r) - this.term(b) })
        }
      }
      cands.sort((a, b) => a.delta - b.delta || a.v - b.v)
      const pick = cands.find((c) => this.connectedWithout(c.b, c.v))
      if (!pick) return
      this.move(pick.v, pick.b, r, lists)
      if (this.sum[r] >= this.min) return
    }
  }

  private move(v: number, from: number, to: number, lists: number[][]): void {
    this.remove(v)
    this.add(v, to)
    const i = lists[from].indexOf(v)
    lists[from].splice(i, 1)
    lists[to].push(v)
  }

  /** Moves every member of r into neighbouring groups with room; undone unless all of them find one. */
  private shareOut(r: number, lists: number[][]): void {
    const { wOff, wAdj, fixed, res } = this.p
    const moved: { v: number; to: number }[] = []
    let pending = lists[r].slice()
    let progress = true
    while (pending.length && progress) {
      progress = false
      const rest: number[] = []
      for (const v of pending) {
        let best = -1
        let bestDelta = Infinity
        for (let e = wOff[v]; e < wOff[v + 1]; e++) {
          const u = wAdj[e]
          const b = this.regionOf[u]
          if (fixed[u] || b < 0 || b === r || this.sum[b] + res[v] > this.max) continue
          const delta = this.termWith(b, v, 1) - this.term(b)
          if (delta < bestDelta || (delta === bestDelta && b < best)) {
            bestDelta = delta
            best = b
          }
        }
        if (best < 0) rest.push(v)
        else {
          this.move(v, r, best, lists)
          moved.push({ v, to: best })
          progress = true
        }
      }
      pending = rest
    }
    if (pending.length === 0) return
    for (let k = moved.length - 1; k >= 0; k--) this.move(moved[k].v, moved[k].to, r, lists)
  }

  /** Single moves of boundary communities to an adjacent group while the objective drops; the group left stays connected. */
  improve(rand: () => number): void {
    const { n, active, fixed, wOff, wAdj } = this.p
    const order: number[] = []
    for (let v = 0; v < n; v++) if (active[v] && !fixed[v]) order.push(v)
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      const t = order[i]
      order[i] = order[j]
      order[j] = t
    }
    for (let pass = 0; pass < MAX_IMPROVE_PASSES; pass++) {
      let moves = 0
      for (const v of order) {
        const a = this.regionOf[v]
        let best = -1
        let bestDelta = -1e-9
        let base = NaN
        for (let e = wOff[v]; e < wOff[v + 1]; e++) {
          const u = wAdj[e]
          const b = this.regionOf[u]
          // Never past the maximum, as in growth.
          if (fixed[u] || b === a || b < 0 || this.sum[b] + this.p.res[v] > this.max) continue
          if (Number.isNaN(base)) base = this.termWith(a, v, -1) - this.term(a)
          const delta = base + this.termWith(b, v, 1) - this.term(b)
          if (delta < bestDelta || (delta === bestDelta && b < best)) {
            bestDelta = delta
            best = b
          }
        }
        if (best < 0 || !this.connectedWithout(a, v)) continue
        this.remove(v)
        this.add(v, best)
        moves++
      }
      if (moves === 0) break
    }
  }

  /** The objective recomputed from the assignment (not from running sums), over the grown groups. */
  objective(): number {
    const { n, fixed } = this.p
    const r = this.regionOf.slice()
    this.reset()
    let regions = 0
    for (let v = 0; v < n; v++) {
      if (r[v] < 0 || fixed[v]) continue
      this.add(v, r[v])
      regions = Math.max(regions, r[v] + 1)
    }
    this.regions = regions
    let total = 0
    for (let k = 0; k < regions; k++) total += this.term(k)
    return total
  }
}

/** A binary min-heap of (item, priority) in typed arrays, with room for every push of one growth pass. */
class Heap {
  private readonly items: Int32Array
  private readonly prio: Float64Array
  size = 0
  constructor(capacity: number) {
    this.items = new Int32Array(capacity)
    this.prio = new Float64Array(capacity)
  }
  clear(): void {
    this.size = 0
  }
  push(item: number, priority: number): void {
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.prio[parent] < priority || (this.prio[parent] === priority && this.items[parent] <= item)) break
      this.items[i] = this.items[parent]
      this.prio[i] = this.prio[parent]
      i = parent
    }
    this.items[i] = item
    this.prio[i] = priority
  }
  topPriority(): number {
    return this.prio[0]
  }
  pop(): number {
    const top = this.items[0]
    const lastItem = this.items[--this.size]
    const lastPrio = this.prio[this.size]
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= this.size) break
      if (c + 1 < this.size && (this.prio[c + 1] < this.prio[c] || (this.prio[c + 1] === this.prio[c] && this.items[c + 1] < this.items[c]))) c++
      if (lastPrio < this.prio[c] || (lastPrio === this.prio[c] && lastItem <= this.items[c])) break
      this.items[i] = this.items[c]
      this.prio[i] = this.prio[c]
      i = c
    }
    this.items[i] = lastItem
    this.prio[i] = lastPrio
    return top
  }
}

// ---- output ----

/** Proposals and unassigned from a complete assignment; the objective over every group but the isolated ones. */
function finalize(p: Prepared, regionOf: Int32Array): ProposalResult {
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
