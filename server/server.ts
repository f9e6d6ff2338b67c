import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { ensureDemoData } from '../data/demo/index.js'
import { createApp, createHttpServer, type Readiness } from './app.js'
import type { AppConfig } from './config.js'
import { acquireFolderLock, openDatabase, type Database } from './db/index.js'
import type { FolderLock } from './db/folder-lock.js'
import { migrate } from './db/migrate.js'
import { SessionStore } from './auth/sessions.js'
import { pruneLoginAttempts } from './auth/throttle.js'
import { createTileGate } from './http/auth.js'
import { isDemoDataset } from './services/reference.js'
import { ensureAdminAccount, ensureDemoAccounts } from './services/users.js'
import { WalkingAnalysisStore } from './services/walking-network.js'
import { DatabaseUnavailableError } from './db/types.js'
import { createTileService, tilesCovering, type TileService } from './tiles/index.js'

export interface RunningServer {
  url: string
  server: http.Server
  /** Resolves when migrations and data are ready (health turns 200). */
  ready: Promise<void>
  db(): Database | null
  tiles(): TileService | null
  close(): Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Starts the app: lock the embedded folder first (a second process must fail before touching the port),
 * listen at once (health says 503 while starting), then open, migrate, load demo data and go ready.
 */
export async function startServer(config: AppConfig, opts: { log?: (m: string) => void } = {}): Promise<RunningServer> {
  const log = opts.log ?? ((m: string) => console.log(m))
  const lock: FolderLock | undefined = config.databaseUrl ? undefined : acquireFolderLock(config.dataDir)
  const readiness: Readiness = { phase: 'starting' }
  let db: Database | null = null
  let tiles: TileService | null = null
  let sessions: SessionStore | null = null
  let walking: WalkingAnalysisStore | null = null
  let closing = false

  const app = createApp({
    config,
    readiness,
    getDb: () => (readiness.phase === 'ready' ? db : null),
    getSessions: () => sessions,
    getWalking: () => walking,
    onDataChanged: (layers) => layers.forEach((l) => tiles?.invalidate(l)),
    log: (m) => console.error(m),
  })
  const fastPath = { handle: (req: http.IncomingMessage, res: http.ServerResponse) => (tiles ? tiles.handle(req, res) : false) }
  const server = createHttpServer(app, fastPath)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port, config.host, () => resolve())
    })
  } catch (e) {
    lock?.release()
    throw e
  }
  const port = (server.address() as AddressInfo).port
  const url = `http://localhost:${port}`

  const ready = (async () => {
    const t0 = Date.now()
    // A server database may not be up yet (or may restart): keep trying, health stays 503 meanwhile.
    for (let attempt = 1; !closing; attempt++) {
      try {
        readiness.phase = 'starting'
        db ??= await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, heldLock: lock }, log)
        readiness.phase = 'migrating'
        const applied = await migrate(db, { log })
        if (applied.length) log(`[db] ${applied.length} migration(s) applied`)
        if (config.loadDemo) {
          readiness.phase = 'loading'
          await ensureDemoData(db, log)
        }
        await ensureAccounts(db, config, log)
        break
      } catch (e) {
        if (!(e instanceof DatabaseUnavailableError) || closing) {
          readiness.phase = 'failed'
          readiness.detail = (e as Error).message
          throw e
        }
        readiness.phase = 'starting'
        readiness.detail = `database unavailable (attempt ${attempt}); retrying`
        log(`[db] database not reachable yet (attempt ${attempt}); retrying in 2 s`)
        await sleep(2000)
      }
    }
    if (closing || !db) return
    sessions = createSessionStore(db, config)
    tiles = createTileService(db, { cacheBytes: config.tileCacheBytes, log: (m) => console.error(m), gate: createTileGate(sessions) })
    walking = new WalkingAnalysisStore(db, config.analysis)
    readiness.phase = 'ready'
    readiness.detail = undefined
    log(`[server] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${db.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'server PostgreSQL'})`)
    if (config.tileCacheBytes > 0) void warmCityTiles(db, tiles, log)
    void warmWalkingNetwork(walking, log)
  })()
  ready.catch(() => undefined)

  return {
    url,
    server,
    ready,
    db: () => db,
    tiles: () => tiles,
    async close() {
      if (closing) return
      closing = true
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 2_000).unref()
      })
      await ready.catch(() => undefined)
      tiles?.close()
      await db?.close()
      lock?.release()
    },
  }
}

export function createSessionStore(db: Database, config: AppConfig): SessionStore {
  return new SessionStore(db, {
    idleMinutes: config.auth.sessionIdleMinutes,
    absoluteHours: config.auth.sessionAbsoluteHours,
    policy: config.auth.passwordPolicy,
    log: (m) => console.error(m),
  })
}

/** The first administrator, and the demo accounts when the demo city is loaded; old sign-in records pruned. */
export async function ensureAccounts(db: Database, config: AppConfig, log: (m: string) => void): Promise<void> {
  await ensureAdminAccount(db, config.auth.adminPassword, config.auth.passwordPolicy, log)
  if (await isDemoDataset(db)) await ensureDemoAccounts(db, log)
  await pruneLoginAttempts(db)
  await db.query('DELETE FROM sessions WHERE expires_at < now()')
}

/**
 * Renders the city-wide low-zoom tiles once after start, so the first map view is served from the cache
 * (the embedded database's first query of each kind is slow while its WebAssembly warms up).
 */
/** Builds the walking network and the communities' entrances in the background, so the first coverage request is quick. */
async function warmWalkingNetwork(walking: WalkingAnalysisStore, log: (m: string) => void) {
  const t0 = Date.now()
  try {
    const snap = await walking.snapshot()
    if (snap.network) log(`[walking] network of ${snap.network.net.edgeCount} edges and ${snap.places.length} communities' entrances ready in ${Date.now() - t0} ms`)
    else log('[walking] no walkable roads: coverage uses straight-line distances × the detour factor')
  } catch (e) {
    log(`[walking] could not build the walking network yet: ${(e as Error).message}`)
  }
}

async function warmCityTiles(db: Database, tiles: TileService, log: (m: string) => void) {
  try {
    const t0 = Date.now()
    const ext = await db.query<{ w: number; s: number; e: number; n: number }>(
      'SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n FROM (SELECT ST_Extent(geom)::geometry AS e FROM districts) x',
    )
    const b = ext[0]
    if (b?.w == null) return
    const bbox: [number, number, number, number] = [b.w, b.s, b.e, b.n]
    // A city, not a province: at national scale low zooms come from the cache as users pan instead.
    const zooms = [10, 11, 12].filter((z) => tilesCovering(bbox, z).length <= 64)
    const n = await tiles.warm(bbox, zooms)
    log(`[tiles] warmed ${n} city tiles in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  } catch (e) {
    log(`[tiles] warm-up skipped: ${(e as Error).message}`)
  }
}
