import { buildAdjacency, type AdjacencyBarriers } from '../../core/clusters/adjacency.js'
import type { ClusterGraph } from '../../core/clusters/check.js'
import type { MultiPolygon, Position } from '../../core/domain/geo.js'
import { createLocalProjection, projectX, projectY } from '../../core/network/geodesy.js'
import type { WalkingAnalysisStore } from './walking-network.js'

/**
 * The communities as a graph for 片区 work: who neighbours whom (outlines within the gap, and whether a
 * major road or the river runs between), residents, streets, and centroids in metres. Cached per data
 * version and gap, in the same per-process cache as the walking network.
 */
export interface CommunityGraph extends ClusterGraph {
  /** Index of each community id in the arrays. */
  indexOf: Map<number, number>
  districtIds: Int32Array
  buildYears: Int32Array
  centroidX: Float64Array
  centroidY: Float64Array
  /** Area of each community in m² (compactness treats members as discs of their area). */
  areaM2: Float64Array
  gapM: number
}

/** Roads that split 片区: arterials and anything closed to pedestrians. */
const MAJOR_ROADS_SQL = "SELECT ST_AsGeoJSON(geom, 7) AS g FROM roads WHERE road_class = 'arterial' OR NOT walkable ORDER BY id"

export async function loadCommunityGraph(store: WalkingAnalysisStore, gapM: number): Promise<CommunityGraph> {
  const versions = await store.versions()
  const key = `cluster-graph:${versions.communities}:${versions.roads}:${versions.water}:${gapM}`
  return store.memo(key, async () => {
    const db = store.db
    const rows = await db.query<{ id: number; streetId: number; districtId: number; residents: number; buildYear: number; areaM2: number; cx: number; cy: number; g: string }>(
      `SELECT id, street_id AS "streetId", district_id AS "districtId", population AS residents, build_year AS "buildYear", area_m2 AS "areaM2",
              ST_X(ST_Centroid(geom)) AS cx, ST_Y(ST_Centroid(geom)) AS cy, ST_AsGeoJSON(geom, 7) AS g
       FROM communities ORDER BY id`,
    )
    const roads = await db.query<{ g: string }>(MAJOR_ROADS_SQL)
    const water = await db.query<{ g: string }>('SELECT ST_AsGeoJSON(geom, 7) AS g FROM water ORDER BY id')
    const barriers: AdjacencyBarriers = {
      lines: roads.map((r) => (JSON.parse(r.g) as { coordinates: Position[] }).coordinates),
      polygons: water.flatMap((w) => (JSON.parse(w.g) as MultiPolygon).coordinates),
    }
    const polygons = rows.map((r) => (JSON.parse(r.g) as MultiPolygon).coordinates.map((poly) => poly[0]))
    const adjacency = buildAdjacency(polygons, { gapM, barriers })
    const lon0 = rows.reduce((s, r) => s + r.cx, 0) / Math.max(1, rows.length)
    const lat0 = rows.reduce((s, r) => s + r.cy, 0) / Math.max(1, rows.length)
    const projection = createLocalProjection(lon0, lat0)
    return {
      adjacency,
      communityIds: Int32Array.from(rows, (r) => r.id),
      residents: Float64Array.from(rows, (r) => r.residents),
      streetIds: Int32Array.from(rows, (r) => r.streetId),
      districtIds: Int32Array.from(rows, (r) => r.districtId),
      buildYears: Int32Array.from(rows, (r) => r.buildYear),
      centroidX: Float64Array.from(rows, (r) => projectX(projection, r.cx)),
      centroidY: Float64Array.from(rows, (r) => projectY(projection, r.cy)),
      areaM2: Float64Array.from(rows, (r) => r.areaM2),
      indexOf: new Map(rows.map((r, i) => [r.id, i])),
      gapM,
    }
  })
}

/** Indices of community ids (unknown ids are reported, not dropped). */
export function indicesOf(graph: CommunityGraph, ids: readonly number[]): { indices: number[]; unknown: number[] } {
  const indices: number[] = []
  const unknown: number[] = []
  for (const id of ids) {
    const i = graph.indexOf.get(id)
    if (i === undefined) unknown.push(id)
    else indices.push(i)
  }
  return { indices, unknown }
}
