import type { ClusterFlag } from '../contracts/clusters.js'
import type { Adjacency } from './adjacency.js'

/** What a 片区 check needs of the communities, indexed like the adjacency. */
export interface ClusterGraph {
  adjacency: Adjacency
  /** Residents per community (≥ 0). */
  residents: ArrayLike<number>
  /** 街道 id per community (for the same-street rule). */
  streetIds: ArrayLike<number>
  /** The communities' own ids, which flags report. */
  communityIds: ArrayLike<number>
}

export interface ClusterRules {
  minResidents: number
  maxResidents: number
  /** Flag members in several streets (mixed_streets). */
  sameStreet?: boolean
  /** Links across a major road or the river count as adjacency; no crosses_barrier flag (default false). */
  allowBarrierCrossing?: boolean
}

export interface ContiguityOptions {
  /** Use the adjacency's barrier-crossing links too (default false). */
  allowBarrierCrossing?: boolean
}

/**
 * Per-adjacency scratch, so a check allocates nothing of the graph's size: stamps say "in the member list"
 * and "reached" for the current generation only.
 */
interface Scratch {
  inSet: Uint32Array
  seen: Uint32Array
  queue: Uint32Array
  gen: number
}
const scratchByAdjacency = new WeakMap<Adjacency, Scratch>()

function scratchFor(adjacency: Adjacency): Scratch {
  let s = scratchByAdjacency.get(adjacency)
  if (!s) {
    s = { inSet: new Uint32Array(adjacency.count), seen: new Uint32Array(adjacency.count), queue: new Uint32Array(adjacency.count), gen: 0 }
    scratchByAdjacency.set(adjacency, s)
  }
  if (s.gen >= 0xfffffff0) {
    s.inSet.fill(0)
    s.seen.fill(0)
    s.gen = 0
  }
  s.gen++
  return s
}

function checkIndex(adjacency: Adjacency, i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= adjacency.count) throw new RangeError(`member index ${i} is not a community of the adjacency (0..${adjacency.count - 1})`)
}

/**
 * The connected groups of a member list (duplicates count once): each group ascending, groups largest
 * first (ties: the one with the smaller first index).
 */
export function componentsOf(adjacency: Adjacency, members: readonly number[], opts: ContiguityOptions = {}): number[][] {
  const allow = opts.allowBarrierCrossing ?? false
  const s = scratchFor(adjacency)
  const g = s.gen
  for (const m of members) {
    checkIndex(adjacency, m)
    s.inSet[m] = g
  }
  const { offsets, neighbours, crossesBarrier } = adjacency
  const groups: number[][] = []
  for (const start of members) {
    if (s.seen[start] === g) continue
    s.seen[start] = g
    let head = 0
    let tail = 0
    s.queue[tail++] = start
    while (head < tail) {
      const u = s.queue[head++]
      for (let e = offsets[u]; e < offsets[u + 1]; e++) {
        const v = neighbours[e]
        if (s.inSet[v] !== g || s.seen[v] === g || (!allow && crossesBarrier[e] !== 0)) continue
        s.seen[v] = g
        s.queue[tail++] = v
      }
    }
    const group = Array.from(s.queue.subarray(0, tail)).sort((a, b) => a - b)
    groups.push(group)
  }
  return groups.sort((a, b) => b.length - a.length || a[0] - b[0])
}

/** True when the members form one group under the adjacency (an empty list counts as contiguous). */
export function isContiguous(adjacency: Adjacency, members: readonly number[], opts: ContiguityOptions = {}): boolean {
  return componentsOf(adjacency, members, opts).length <= 1
}

/**
 * Flags for a member list (indices), in the order of CLUSTER_FLAG_CODES; empty when every rule is met.
 * - not_contiguous: not one group even with barrier-crossing links; communityIds = the groups other than the largest.
 * - below_min / above_max: values {residents, min, max}.
 * - crosses_barrier: one group only through links across a major road or the river (unless allowed);
 *   communityIds = the members beyond the crossing (the groups other than the largest without those links).
 * - mixed_streets (when sameStreet): communityIds = members outside the most common street; values {streets}.
 * Duplicated members count once.
 */
export function checkClusterMembers(graph: ClusterGraph, members: readonly number[], rules: ClusterRules): ClusterFlag[] {
  const adjacency = graph.adjacency
  const flags: ClusterFlag[] = []
  const ids = (groups: number[][]) =>
    groups
      .slice(1)
      .flat()
      .map((i) => Number(graph.communityIds[i]))
      .sort((a, b) => a - b)

  const all = componentsOf(adjacency, members, { allowBarrierCrossing: true })
  let residents = 0
  for (const g of all) for (const i of g) residents += Number(graph.residents[i])
  if (all.length > 1) flags.push({ code: 'not_contiguous', communityIds: ids(all), values: { groups: all.length } })
  if (residents < rules.minResidents) flags.push({ code: 'below_min', values: { residents, min: rules.minResidents, max: rules.maxResidents } })
  if (residents > rules.maxResidents) flags.push({ code: 'above_max', values: { residents, min: rules.minResidents, max: rules.maxResidents } })
  if (all.length === 1 && !rules.allowBarrierCrossing) {
    const strict = componentsOf(adjacency, members, { allowBarrierCrossing: false })
    if (strict.length > 1) flags.push({ code: 'crosses_barrier', communityIds: ids(strict), values: { groups: strict.length } })
  }
  if (rules.sameStreet) {
    const count = new Map<number, number>()
    for (const g of all) for (const i of g) count.set(Number(graph.streetIds[i]), (count.get(Number(graph.streetIds[i])) ?? 0) + 1)
    if (count.size > 1) {
      let main = 0
      let mainCount = -1
      for (const [street, c] of count) if (c > mainCount || (c === mainCount && street < main)) [main, mainCount] = [street, c]
      const outside = all
        .flat()
        .filter((i) => Number(graph.streetIds[i]) !== main)
        .map((i) => Number(graph.communityIds[i]))
        .sort((a, b) => a - b)
      flags.push({ code: 'mixed_streets', communityIds: outside, values: { streets: count.size } })
    }
  }
  return flags
}
