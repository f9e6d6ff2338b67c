/**
 * The rows of one tile, shared by both encoders: the layer's id and properties, and its geometry in EPSG:3857
 * (simplified for the zoom, or a point on surface where the zoom rule asks for points). The WHERE clause is a
 * bounding-box probe of the geometry column with a constant box, so the GiST index answers it.
 */
import { ruleForZoom, SIMPLIFY_TOLERANCE_PX, TILE_SIZE_PX, type GeometryKind, type LayerDef } from './layers.js'
import { quoteIdent, TILE_BUFFER, TILE_EXTENT, tileBoundsLonLat, tileWidthM } from './sql.js'

/** Internal column names; property names never start with "__". */
export const ID_COLUMN = '__tile_id'
export const GEOM_COLUMN = '__tile_geom'

export interface TileQuery {
  sql: string
  params: unknown[]
  /** The geometry kind the rows carry at this zoom (a polygon layer drawn as points is 'point'). */
  kind: GeometryKind
}

/** Collects bound parameters and hands out their $n placeholders. */
export class Params {
  readonly values: unknown[] = []
  add(v: unknown, cast: string): string {
    this.values.push(v)
    return `$${this.values.length}::${cast}`
  }
}

export interface TileCoordSql {
  z: string
  x: string
  y: string
}

/** Binds z, x, y once; every query of a tile refers to them by these placeholders. */
export function bindTile(p: Params, z: number, x: number, y: number): TileCoordSql {
  return { z: p.add(z, 'int'), x: p.add(x, 'int'), y: p.add(y, 'int') }
}

/** Simplification tolerance at zoom z, in EPSG:3857 metres (a fraction of one rendered pixel). */
export function simplifyToleranceM(z: number): number {
  return (tileWidthM(z) / TILE_SIZE_PX) * SIMPLIFY_TOLERANCE_PX
}

/**
 * SELECT <id>, <properties>, <geometry in 3857> FROM <table> WHERE geom && <tile box + buffer> ORDER BY … LIMIT n.
 * Property columns come out under their tile names, in field order.
 */
export function buildRowsSql(layer: LayerDef, z: number, x: number, y: number, limit: number, p: Params): { sql: string; kind: GeometryKind } {
  const rule = ruleForZoom(layer, z)
  const [west, south, east, north] = tileBoundsLonLat(z, x, y, TILE_BUFFER / TILE_EXTENT)
  const box = `ST_MakeEnvelope(${p.add(west, 'float8')}, ${p.add(south, 'float8')}, ${p.add(east, 'float8')}, ${p.add(north, 'float8')}, 4326)`
  let kind: GeometryKind = layer.geometryKind
  let geom: string
  if (rule.asPoint) {
    kind = 'point'
    geom = 'ST_Transform(ST_PointOnSurface(t.geom), 3857)'
  } else if (kind === 'point') {
    geom = 'ST_Transform(t.geom, 3857)'
  } else {
    geom = `ST_Simplify(ST_Transform(t.geom, 3857), ${p.add(simplifyToleranceM(z), 'float8')}, true)`
  }
  const props = layer.fields.map((f) => `${f.sql} AS ${quoteIdent(f.name)}`)
  const where = [`t.geom && ${box}`]
  if (rule.where) where.push(`(${rule.where})`)
  const sql =
    `SELECT t.id AS ${ID_COLUMN}, ${[...props, `${geom} AS ${GEOM_COLUMN}`].join(', ')} ` +
    `FROM ${quoteIdent(layer.table)} t WHERE ${where.join(' AND ')} ` +
    `ORDER BY ${layer.order}, t.id LIMIT ${p.add(limit, 'int')}`
  return { sql, kind }
}

/** The property columns as they appear in the rows query, for the outer selects. */
export function propertyColumns(layer: LayerDef, alias: string): string {
  return layer.fields.map((f) => `${alias}.${quoteIdent(f.name)}`).join(', ')
}
