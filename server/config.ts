import path from 'node:path'

/** Configuration read once from the environment; everything else receives it as a value. */
export interface AppConfig {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | null
  /** Optional raster basemap tile URL template (e.g. Tianditu with a key), passed to the client. */
  basemapUrl: string | null
  basemapAttribution: string | null
  /** Directory holding the built client (vite build output). */
  clientDir: string
  /** Bytes the in-memory tile cache may hold. */
  tileCacheBytes: number
  /** Load the demo city when the database has no data. */
  loadDemo: boolean
}

function intFrom(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
  return n
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: intFrom('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    databaseUrl: env.DATABASE_URL || null,
    basemapUrl: env.BASEMAP_URL || null,
    basemapAttribution: env.BASEMAP_ATTRIBUTION || null,
    clientDir: path.resolve(env.CLIENT_DIR || 'dist/client'),
    tileCacheBytes: intFrom('TILE_CACHE_MB', env.TILE_CACHE_MB, 64, 0, 65536) * 1024 * 1024,
    loadDemo: env.LOAD_DEMO !== '0',
  }
}
