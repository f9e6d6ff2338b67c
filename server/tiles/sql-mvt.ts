/** The server path: PostGIS clips, snaps and encodes the tile itself with ST_AsMVTGeom and ST_AsMVT. */
import type { Queryable } from '../db/types.js'
import type { LayerDef } from './layers.js'
import { TILE_BUFFER, TILE_EXTENT } from './sql.js'
import { bindTile, buildRowsSql, GEOM_COLUMN, ID_COLUMN, Params, propertyColumns, type TileQuery } from './tile-query.js'

export interface EncodedTile {
  /** The tile, or null when no feature is left in it. */
  bytes: Buffer | null
  features: number
}

export function buildSqlMvtQuery(layer: LayerDef, z: number, x: number, y: number, limit: number): TileQuery {
  const p = new Params()
  const t = bindTile(p, z, x, y)
  const rows = buildRowsSql(layer, z, x, y, limit, p)
  const name = p.add(layer.id, 'text')
  const props = propertyColumns(layer, 'r')
  const sql =
    `SELECT ST_AsMVT(q, ${name}, ${TILE_EXTENT}, '${GEOM_COLUMN}', '${ID_COLUMN}') AS mvt, count(*)::int AS n FROM (` +
    `SELECT r.${ID_COLUMN}, ${props}, ` +
    `ST_AsMVTGeom(r.${GEOM_COLUMN}, ST_TileEnvelope(${t.z}, ${t.x}, ${t.y}), ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS ${GEOM_COLUMN} ` +
    `FROM (${rows.sql}) r) q WHERE q.${GEOM_COLUMN} IS NOT NULL`
  return { sql, params: p.values, kind: rows.kind }
}

export async function encodeTileWithStAsMvt(db: Queryable, layer: LayerDef, z: number, x: number, y: number, limit: number): Promise<EncodedTile> {
  const q = buildSqlMvtQuery(layer, z, x, y, limit)
  const [row] = await db.query<{ mvt: Uint8Array | null; n: number }>(q.sql, q.params)
  const mvt = row?.mvt
  if (!mvt || mvt.length === 0) return { bytes: null, features: 0 }
  return { bytes: Buffer.isBuffer(mvt) ? mvt : Buffer.from(mvt.buffer, mvt.byteOffset, mvt.length), features: row.n }
}
