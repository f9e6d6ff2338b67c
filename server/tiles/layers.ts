import { MAX_ZOOM, quoteIdent, quoteLiteral } from './sql.js'

/**
 * The vector-tile layers as data: which table, which properties (as escaped SQL expressions over alias `t`),
 * and what each zoom shows. The source-layer name equals the layer id, which equals the table name.
 */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean'
export type GeometryKind = 'point' | 'line' | 'polygon'

export interface LayerField {
  /** Property name in the tile. */
  name: string
  /** How the value is encoded (integer → uint/sint, number → double), as ST_AsMVT does for int4 and float8. */
  type: FieldType
  /** SQL expression over alias `t`, already escaped. */
  sql: string
}

export interface ZoomRule {
  /** The rule applies up to and including this zoom; the first matching rule wins. */
  maxzoom: number
  /** Emit one point per feature (ST_PointOnSurface) instead of its stored geometry. */
  asPoint?: boolean
  /** Extra SQL condition over alias `t`, already escaped. */
  where?: string
}

export interface LayerDef {
  id: string
  table: string
  geometryKind: GeometryKind
  /** Below minzoom the layer has no tiles (204); above maxzoom clients overzoom, but tiles are still served. */
  minzoom: number
  maxzoom: number
  fields: LayerField[]
  rules: ZoomRule[]
  /** Feature order inside a tile, most important first (SQL over `t`); features past the cap are dropped first. */
  order: string
  /** Most features one tile may carry. */
  maxFeatures: number
}

const col = (name: string) => `t.${quoteIdent(name)}`
const field = (name: string, type: FieldType, column = name): LayerField => ({ name, type, sql: col(column) })
const inList = (column: string, values: readonly string[]) => `${col(column)} IN (${values.map(quoteLiteral).join(', ')})`

/** Geometries are simplified by this fraction of a screen pixel (a tile is drawn 512 px wide) at the tile's zoom. */
export const SIMPLIFY_TOLERANCE_PX = 0.5
/** Rendered tile width in CSS pixels, for the simplification tolerance. */
export const TILE_SIZE_PX = 512

const MAJOR_ROADS = ['arterial', 'secondary'] as const

export const LAYERS: readonly LayerDef[] = [
  {
    id: 'communities',
    table: 'communities',
    geometryKind: 'polygon',
    minzoom: 5,
    maxzoom: 16,
    fields: [
      field('name', 'string'),
      field('stage', 'string'),
      field('progress_pct', 'number'),
      field('district_id', 'integer'),
      field('street_id', 'integer'),
      field('build_year', 'integer'),
      field('households', 'integer'),
    ],
    // Below z10 a community is a few pixels: send its point on surface, not its outline.
    rules: [{ maxzoom: 9, asPoint: true }, { maxzoom: MAX_ZOOM }],
    order: `${col('households')} DESC`,
    maxFeatures: 10_000,
  },
  {
    id: 'facilities',
    table: 'facilities',
    geometryKind: 'point',
    minzoom: 10,
    maxzoom: 16,
    fields: [field('name', 'string'), field('type', 'string'), field('status', 'string')],
    rules: [{ maxzoom: MAX_ZOOM }],
    order: `CASE ${col('status')} WHEN 'existing' THEN 0 ELSE 1 END`,
    maxFeatures: 20_000,
  },
  {
    id: 'roads',
    table: 'roads',
    geometryKind: 'line',
    minzoom: 8,
    maxzoom: 16,
    fields: [field('name', 'string'), field('class', 'string', 'road_class'), field('bridge', 'boolean')],
    rules: [
      { maxzoom: 11, where: inList('road_class', MAJOR_ROADS) },
      { maxzoom: 12, where: inList('road_class', [...MAJOR_ROADS, 'local']) },
      { maxzoom: MAX_ZOOM },
    ],
    order: `CASE ${col('road_class')} WHEN 'arterial' THEN 0 WHEN 'secondary' THEN 1 WHEN 'local' THEN 2 ELSE 3 END`,
    maxFeatures: 20_000,
  },
  {
    id: 'water',
    table: 'water',
    geometryKind: 'polygon',
    minzoom: 6,
    maxzoom: 16,
    fields: [field('name', 'string'), field('kind', 'string')],
    rules: [{ maxzoom: MAX_ZOOM }],
    order: `ST_Area(${col('geom')}) DESC`,
    maxFeatures: 10_000,
  },
  {
    id: 'districts',
    table: 'districts',
    geometryKind: 'polygon',
    minzoom: 0,
    maxzoom: 16,
    fields: [field('name', 'string'), field('code', 'string')],
    rules: [{ maxzoom: MAX_ZOOM }],
    order: `ST_Area(${col('geom')}) DESC`,
    maxFeatures: 10_000,
  },
  {
    id: 'streets',
    table: 'streets',
    geometryKind: 'polygon',
    minzoom: 8,
    maxzoom: 16,
    fields: [field('name', 'string'), field('district_id', 'integer')],
    rules: [{ maxzoom: MAX_ZOOM }],
    order: `ST_Area(${col('geom')}) DESC`,
    maxFeatures: 10_000,
  },
]

/** The rule for zoom z (the last rule covers every zoom above the others). */
export function ruleForZoom(layer: LayerDef, z: number): ZoomRule {
  return layer.rules.find((r) => z <= r.maxzoom) ?? layer.rules[layer.rules.length - 1] ?? { maxzoom: MAX_ZOOM }
}

/** TileJSON field descriptions ("String", "Number", "Boolean"). */
export function fieldDescriptions(layer: LayerDef): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of layer.fields) out[f.name] = f.type === 'string' ? 'String' : f.type === 'boolean' ? 'Boolean' : 'Number'
  return out
}
