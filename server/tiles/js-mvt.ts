/**
 * The embedded path: PGlite's PostGIS has no protobuf, so SQL does what ST_AsMVTGeom does (to tile units with
 * y flipped, snap to the integer grid, clip to the buffered tile, repair, drop what collapsed, orient rings)
 * and JavaScript encodes the rows. Same rows query as the ST_AsMVT path, so both give the same features.
 */
import type { Queryable } from '../db/types.js'
import type { GeometryKind, LayerDef } from './layers.js'
import { encodeMvtLayer, type MvtFeatureInput } from './mvt-writer.js'
import type { EncodedTile } from './sql-mvt.js'
import { TILE_BUFFER, TILE_EXTENT } from './sql.js'
import { bindTile, buildRowsSql, GEOM_COLUMN, ID_COLUMN, Params, propertyColumns, type TileQuery } from './tile-query.js'

const CLIP_BOX = `'BOX(${-TILE_BUFFER} ${-TILE_BUFFER},${TILE_EXTENT + TILE_BUFFER} ${TILE_EXTENT + TILE_BUFFER})'::box2d`

/**
 * Tile-space geometry from `a.sg` (already in tile units and snapped). Polygons: clip, snap the new vertices on
 * the clip edges, repair ('structure' keeps holes and drops parts that collapsed), snap again and orient exterior
 * rings counter-clockwise in y-up terms, which is clockwise on screen as MVT 2.1 requires (ST_AsMVTGeom agrees).
 */
function clipExpression(kind: GeometryKind): string {
  switch (kind) {
    case 'polygon':
      return (
        `ST_ForcePolygonCCW(ST_SnapToGrid(ST_CollectionExtract(ST_MakeValid(` +
        `ST_SnapToGrid(ST_ClipByBox2D(a.sg, ${CLIP_BOX}), 1), 'method=structure keepcollapsed=false'), 3), 1))`
      )
    case 'line':
      return `ST_SnapToGrid(ST_CollectionExtract(ST_ClipByBox2D(a.sg, ${CLIP_BOX}), 2), 1)`
    case 'point':
      return `ST_CollectionExtract(ST_ClipByBox2D(a.sg, ${CLIP_BOX}), 1)`
  }
}

export function buildJsMvtQuery(layer: LayerDef, z: number, x: number, y: number, limit: number): TileQuery {
  const p = new Params()
  const t = bindTile(p, z, x, y)
  const rows = buildRowsSql(layer, z, x, y, limit, p)
  // Same affine as ST_AsMVTGeom: x' = (x - xmin)·extent/width, y' = (ymax - y)·extent/height.
  const sql =
    `SELECT r.${ID_COLUMN}, ${propertyColumns(layer, 'r')}, ST_AsGeoJSON(c.tg, 0, 0) AS ${GEOM_COLUMN} ` +
    `FROM (${rows.sql}) r ` +
    `CROSS JOIN (SELECT ST_XMin(e) AS x0, ST_YMax(e) AS y1, ${TILE_EXTENT} / (ST_XMax(e) - ST_XMin(e)) AS sx, ` +
    `${TILE_EXTENT} / (ST_YMax(e) - ST_YMin(e)) AS sy FROM ST_TileEnvelope(${t.z}, ${t.x}, ${t.y}) AS e) k ` +
    `CROSS JOIN LATERAL (SELECT ST_Simplify(ST_SnapToGrid(ST_Affine(r.${GEOM_COLUMN}, k.sx, 0, 0, -k.sy, -k.x0 * k.sx, k.y1 * k.sy), 1), 0) AS sg) a ` +
    `CROSS JOIN LATERAL (SELECT ${clipExpression(rows.kind)} AS tg) c ` +
    `WHERE c.tg IS NOT NULL AND NOT ST_IsEmpty(c.tg)`
  return { sql, params: p.values, kind: rows.kind }
}

export async function encodeTileInJs(db: Queryable, layer: LayerDef, z: number, x: number, y: number, limit: number): Promise<EncodedTile> {
  const q = buildJsMvtQuery(layer, z, x, y, limit)
  const rows = await db.query(q.sql, q.params)
  if (rows.length === 0) return { bytes: null, features: 0 }
  const names = layer.fields.map((f) => f.name)
  const features: MvtFeatureInput[] = rows.map((r) => ({
    id: Number(r[ID_COLUMN]),
    geometry: JSON.parse(r[GEOM_COLUMN] as string),
    values: names.map((n) => r[n]),
  }))
  const bytes = encodeMvtLayer({ name: layer.id, extent: TILE_EXTENT, fields: layer.fields, features })
  return { bytes, features: bytes ? features.length : 0 }
}
