/** A tile source over one PostGIS table, encoding with ST_AsMVT where the database has it and in JS elsewhere. */
import type { Database } from '../db/types.js'
import { encodeTileInJs } from './js-mvt.js'
import { fieldDescriptions, type LayerDef } from './layers.js'
import type { TileJson, TileSource } from './source.js'
import { encodeTileWithStAsMvt, type EncodedTile } from './sql-mvt.js'
import { quoteIdent } from './sql.js'

export type TileEncoder = 'sql' | 'js'

/** No tile is served larger than this (uncompressed bytes). */
export const MAX_TILE_BYTES = 500_000

export interface TableSourceOptions {
  /** 'sql' (ST_AsMVT, server PostGIS only) or 'js'; by default whichever the database supports. */
  encoder?: TileEncoder
  maxTileBytes?: number
  /** Told when a tile had to drop features to stay under maxTileBytes. */
  log?: (m: string) => void
}

const WORLD: [number, number, number, number] = [-180, -85.0511, 180, 85.0511]

export function encodeLayerTile(db: Database, layer: LayerDef, z: number, x: number, y: number, limit: number, encoder: TileEncoder): Promise<EncodedTile> {
  return encoder === 'sql' ? encodeTileWithStAsMvt(db, layer, z, x, y, limit) : encodeTileInJs(db, layer, z, x, y, limit)
}

export function createTableSource(db: Database, layer: LayerDef, opts: TableSourceOptions = {}): TileSource {
  const encoder: TileEncoder = opts.encoder ?? (db.supportsMvt ? 'sql' : 'js')
  if (encoder === 'sql' && !db.supportsMvt) throw new Error(`The ${db.kind} database cannot encode tiles with ST_AsMVT`)
  const maxTileBytes = opts.maxTileBytes ?? MAX_TILE_BYTES
  const fields = fieldDescriptions(layer)
  let bounds: Promise<[number, number, number, number]> | null = null

  const loadBounds = async (): Promise<[number, number, number, number]> => {
    const [r] = await db.query<{ w: number | null; s: number; e: number; n: number }>(
      `SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n FROM (SELECT ST_Extent(geom) AS b FROM ${quoteIdent(layer.table)}) q`,
    )
    if (!r || r.w === null) return WORLD
    // Outward to 1e-6° so the box still contains every feature.
    const down = (v: number) => Math.floor(v * 1e6) / 1e6
    const up = (v: number) => Math.ceil(v * 1e6) / 1e6
    return [down(r.w), down(r.s), up(r.e), up(r.n)]
  }

  return {
    id: layer.id,
    fields,
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    async tileJson(baseUrl) {
      if (!bounds) {
        const p = loadBounds()
        bounds = p
        p.catch(() => {
          if (bounds === p) bounds = null
        })
      }
      const b = await bounds
      const json: TileJson = {
        tilejson: '3.0.0',
        name: layer.id,
        scheme: 'xyz',
        tiles: [`${baseUrl}/${encodeURIComponent(layer.id)}/{z}/{x}/{y}.mvt`],
        minzoom: layer.minzoom,
        maxzoom: layer.maxzoom,
        bounds: b,
        vector_layers: [{ id: layer.id, fields: { ...fields }, minzoom: layer.minzoom, maxzoom: layer.maxzoom }],
      }
      return json
    },
    async getTile(z, x, y) {
      if (z < layer.minzoom) return null
      let limit = layer.maxFeatures
      // Over the byte budget, keep the most important features that fit (layer.order) and try again.
      for (let attempt = 0; ; attempt++) {
        const t = await encodeLayerTile(db, layer, z, x, y, limit, encoder)
        if (!t.bytes || t.bytes.length <= maxTileBytes || t.features <= 1 || attempt === 4) return t.bytes
        const next = Math.max(1, Math.min(t.features - 1, Math.floor(((t.features * maxTileBytes) / t.bytes.length) * 0.9)))
        opts.log?.(`[tiles] ${layer.id}/${z}/${x}/${y}: ${t.bytes.length} bytes with ${t.features} features is over ${maxTileBytes}; keeping ${next}`)
        limit = next
      }
    },
    invalidate() {
      bounds = null
    },
  }
}
