/**
 * The vector-tile service: a registry of table sources, a byte-bounded tile cache with single flight, and the
 * raw node:http handler for /tiles. Data changes reach the cache through invalidate() (this process) and
 * refreshVersions() (layer_versions, bumped by every process in the transaction that changed the data).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Database } from '../db/types.js'
import { TileCache } from './cache.js'
import { buildTileEntry, createTileHandler, type TileEntry, type TileGate } from './http.js'
import { LAYERS } from './layers.js'
import { TileError, TileSourceRegistry, type TileSource } from './source.js'
import { createTableSource, type TileEncoder } from './table-source.js'

export type { TileJson, TileSource } from './source.js'
export type { LayerDef } from './layers.js'
export type { TileEncoder } from './table-source.js'
export { LAYERS } from './layers.js'
export { MAX_TILE_BYTES } from './table-source.js'

export interface TileService {
  /** Handles GET/HEAD /tiles/... (returns true) or returns false for any other path so Express handles it. */
  handle(req: IncomingMessage, res: ServerResponse): boolean
  /** Drop cached tiles of a layer after a write committed in this process (e.g. 'communities'). */
  invalidate(layer: string): void
  /** Poll layer_versions (written by every process in the same transaction as a data change) so caches of other API processes invalidate too; call periodically. */
  refreshVersions(): Promise<void>
  stats(): { hits: number; misses: number; bytes: number; entries: number }
  /** Renders the tiles of every layer covering bbox at the given zooms into the cache; resolves to the count. */
  warm(bbox: [number, number, number, number], zooms: number[]): Promise<number>
  close(): void
}

export interface TileServiceOptions {
  /** Bytes the tile cache may hold (both encodings of every tile); 0 disables caching, not single flight. */
  cacheBytes: number
  log?: (m: string) => void
  /** How often to poll layer_versions; 0 turns polling off (call refreshVersions yourself). Default 2000. */
  versionPollMs?: number
  /** Who may read tiles: the auth module's tile gate; null makes tiles public (only tests of the encoder do that). */
  gate: TileGate | null
}

const DEFAULT_VERSION_POLL_MS = 2000

// Buffers plus the key and header strings, roughly.
const entrySize = (key: string, e: TileEntry) => 2 * key.length + (e.body?.length ?? 0) + (e.gzip?.length ?? 0) + 400

export function createTileService(db: Database, opts: TileServiceOptions): TileService {
  if (!(opts.cacheBytes >= 0)) throw new Error(`cacheBytes must be a number ≥ 0, got ${opts.cacheBytes}`)
  const log = opts.log ?? ((m: string) => console.warn(m))
  const registry = new TileSourceRegistry(LAYERS.map((layer) => createTableSource(db, layer, { log })))
  const cache = new TileCache<TileEntry>(opts.cacheBytes, entrySize)
  // Part of every cache key: bumping it makes the layer's cached tiles unreachable, including ones still being computed.
  const generation = new Map<string, number>(registry.ids().map((id) => [id, 0]))
  const seenVersions = new Map<string, number>()

  const lookup = (source: TileSource, z: number, x: number, y: number): TileEntry | Promise<TileEntry> => {
    const gen = generation.get(source.id)!
    const key = `${source.id}/${gen}/${z}/${x}/${y}`
    const hit = cache.get(key)
    if (hit !== undefined) return hit
    return cache.load(
      key,
      async () => {
        try {
          return await buildTileEntry(await source.getTile(z, x, y))
        } catch (e) {
          throw new TileError(source.id, { z, x, y }, e)
        }
      },
      () => generation.get(source.id) === gen,
    )
  }

  const invalidate = (layer: string) => {
    const source = registry.get(layer)
    if (!source) return
    generation.set(layer, generation.get(layer)! + 1)
    cache.deletePrefix(`${layer}/`)
    source.invalidate()
  }

  const refreshVersions = async () => {
    const rows = await db.query<{ layer: string; version: number }>('SELECT layer, version FROM layer_versions')
    for (const r of rows) {
      const version = Number(r.version)
      if (seenVersions.get(r.layer) === version) continue
      seenVersions.set(r.layer, version)
      invalidate(r.layer)
    }
  }

  const handle = createTileHandler({ registry, lookup, log, gate: opts.gate ?? undefined })

  let timer: NodeJS.Timeout | null = null
  const pollMs = opts.versionPollMs ?? DEFAULT_VERSION_POLL_MS
  if (pollMs > 0) {
    let failing = false
    let running = false
    timer = setInterval(() => {
      if (running) return
      running = true
      refreshVersions()
        .then(
          () => {
            if (failing) log('[tiles] layer_versions readable again')
            failing = false
          },
          (e) => {
            // Once per outage, not once per poll.
            if (!failing) log(`[tiles] cannot read layer_versions, tile caches may be stale: ${(e as Error).message}`)
            failing = true
          },
        )
        .finally(() => {
          running = false
        })
    }, pollMs)
    timer.unref()
  }

  const warm = async (bbox: [number, number, number, number], zooms: number[]) => {
    let n = 0
    for (const z of zooms) {
      for (const [x, y] of tilesCovering(bbox, z)) {
        for (const id of registry.ids()) {
          const source = registry.get(id)!
          if (z < source.minzoom || z > source.maxzoom) continue
          await lookup(source, z, x, y)
          n++
        }
      }
    }
    return n
  }

  return {
    handle,
    invalidate,
    refreshVersions,
    warm,
    stats: () => cache.stats(),
    close() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}

/** Tile (x, y) pairs at zoom z covering a lon/lat bbox (Web Mercator). */
export function tilesCovering(bbox: [number, number, number, number], z: number): [number, number][] {
  const n = 2 ** z
  const clampLat = (lat: number) => Math.max(-85.0511, Math.min(85.0511, lat))
  const tx = (lon: number) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)))
  const ty = (lat: number) => {
    const r = (clampLat(lat) * Math.PI) / 180
    return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)))
  }
  const out: [number, number][] = []
  for (let x = tx(bbox[0]); x <= tx(bbox[2]); x++) for (let y = ty(bbox[3]); y <= ty(bbox[1]); y++) out.push([x, y])
  return out
}

/**
 * Encodes one tile directly (no cache, no HTTP) with the chosen path: 'sql' (ST_AsMVT, server PostGIS) or 'js'
 * (tile-space geometry from SQL, encoded in JavaScript; works on both). For benchmarks and comparisons.
 */
export async function encodeTile(
  db: Database,
  layerId: string,
  z: number,
  x: number,
  y: number,
  opts: { encoder?: TileEncoder } = {},
): Promise<Buffer | null> {
  const layer = LAYERS.find((l) => l.id === layerId)
  if (!layer) throw new Error(`No tile layer "${layerId}"`)
  return createTableSource(db, layer, { encoder: opts.encoder }).getTile(z, x, y)
}

