import { buildAdjacency, type Adjacency } from '../../core/clusters/adjacency.js'
import type { ClusterGraph } from '../../core/clusters/check.js'
import { measureOutlines } from '../../core/clusters/geometry.js'
import type { ProposalInput } from '../../core/clusters/propose.js'
import type { Position } from '../../core/domain/geo.js'
import { generateBlockCity, type BlockCity, type BlockCityOptions } from '../../bench/lib/synthetic-blocks.js'

/** Generated block-and-compound cities (seeded), shared with the benchmark: see bench/lib/synthetic-blocks.ts. */
export { generateBlockCity, type BlockCity, type BlockCityOptions }

export interface ClusterProblem {
  adjacency: Adjacency
  graph: ClusterGraph
  input: ProposalInput
}

/** Adjacency, graph and proposal input for outlines with residents (every community available). */
export function clusterProblem(
  communities: readonly { id: number; rings: Position[][]; residents: number; streetId?: number }[],
  opts: { gapM: number; barriers?: BlockCity['barriers'] },
): ClusterProblem {
  const polygons = communities.map((c) => c.rings)
  const adjacency = buildAdjacency(polygons, { gapM: opts.gapM, barriers: opts.barriers })
  const measured = measureOutlines(polygons)
  const graph: ClusterGraph = {
    adjacency,
    residents: Float64Array.from(communities, (c) => c.residents),
    streetIds: Int32Array.from(communities, (c) => c.streetId ?? 0),
    communityIds: Float64Array.from(communities, (c) => c.id),
  }
  return {
    adjacency,
    graph,
    input: { graph, centroidX: measured.centroidX, centroidY: measured.centroidY, areaM2: measured.areaM2, available: new Uint8Array(communities.length).fill(1) },
  }
}

/** A square outline (closed ring) of side `sideM` metres with its south-west corner `xM`, `yM` metres from a fixed origin. */
export function squareAt(xM: number, yM: number, sideM: number): Position[] {
  const lon0 = 120.15
  const lat0 = 30.25
  const mLat = (6_371_008.8 * Math.PI) / 180
  const mLon = mLat * Math.cos((lat0 * Math.PI) / 180)
  const p = (x: number, y: number): Position => [lon0 + x / mLon, lat0 + y / mLat]
  return [p(xM, yM), p(xM + sideM, yM), p(xM + sideM, yM + sideM), p(xM, yM + sideM), p(xM, yM)]
}

/** Metres to lon/lat around the same origin as squareAt. */
export function pointAt(xM: number, yM: number): Position {
  const lat0 = 30.25
  const mLat = (6_371_008.8 * Math.PI) / 180
  const mLon = mLat * Math.cos((lat0 * Math.PI) / 180)
  return [120.15 + xM / mLon, lat0 + yM / mLat]
}
