import type { ClusterFlag } from '../contracts/clusters.js'
import type { ClusterGraph } from './check.js'
import { createPrng, deriveSeed } from './prng.js'
import { growFromPeriphery } from './propose-grow.js'
import { improve, objective } from './propose-moves.js'
import { finalize, prepare } from './propose-prepare.js'
import { repair } from './propose-repair.js'
import { Workspace } from './propose-workspace.js'

export { growRegionsPlain } from './grow-plain.js'

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
 *
 * Where the pieces live: input checks, the proposal graph and the output in `propose-prepare.ts`; the search
 * state of one restart in `propose-workspace.ts`; the phases in `propose-grow.ts`, `propose-repair.ts` and
 * `propose-moves.ts` (with the objective); the plain baseline `growRegionsPlain` in `grow-plain.ts`.
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
    growFromPeriphery(ws, rand)
    repair(ws)
    improve(ws, rand)
    const obj = objective(ws)
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
