import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import compression from 'compression'
import express from 'express'
import type { SessionStore } from './auth/sessions.js'
import type { AppConfig } from './config.js'
import type { Database } from './db/types.js'
import { adminRouter } from './http/admin-routes.js'
import { csrfMiddleware, sessionMiddleware } from './http/auth.js'
import { authRouter } from './http/auth-routes.js'
import { clusterRouter } from './http/cluster-routes.js'
import { coverageRouter } from './http/coverage-routes.js'
import { errorHandler, notFoundApi } from './http/errors.js'
import { progressRouter } from './http/progress-routes.js'
import { apiRouter } from './http/routes.js'
import { scheduleRouter } from './http/schedule-routes.js'
import { EventHub } from './services/events.js'
import { ScheduleStore } from './services/schedule.js'
import { WalkingAnalysisStore } from './services/walking-network.js'

/** Where start-up stands; /api/health answers 200 only when ready and the database answers. */
export interface Readiness {
  phase: 'starting' | 'migrating' | 'loading' | 'ready' | 'failed'
  detail?: string
}

export interface FastPathHandler {
  /** Returns true when it handled the request (tiles are served outside Express for throughput). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean
}

export interface AppDeps {
  config: AppConfig
  readiness: Readiness
  /** Set once the database is open; requests before that get 503. */
  getDb: () => Database | null
  /** The session store (shared with the tile gate), set with the database. */
  getSessions: () => SessionStore | null
  fastPath?: FastPathHandler | null
  /** The walking network and coverage caches (created here when not given; the server warms its own). */
  getWalking?: () => WalkingAnalysisStore | null
  /** Server-push fan-out of this process (created here when not given). */
  getEvents?: () => EventHub | null
  onDataChanged?: (layers: string[]) => void
  log?: (m: string) => void
}

export function createApp(deps: AppDeps): express.Express {
  const log = deps.log ?? ((m: string) => console.error(m))
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  app.set('query parser', 'extended')
  // Behind a reverse proxy, req.ip and req.secure come from X-Forwarded-* only when configured to trust it.
  app.set('trust proxy', deps.config.auth.trustProxy)

  app.get('/api/health', async (_req, res) => {
    const db = deps.getDb()
    if (deps.readiness.phase !== 'ready' || !db) {
      res.status(503).json({ status: deps.readiness.phase, detail: deps.readiness.detail ?? null })
      return
    }
    if (!(await db.ping())) {
      res.status(503).json({ status: 'database_unavailable' })
      return
    }
    res.json({ status: 'ok' })
  })

  // GeoJSON of a city is megabytes; gzip it (tiles compress on their own fast path).
  app.use(compression({ threshold: 1024 }))
  app.use('/api', express.json({ limit: '1mb' }))
  let router: express.Router | null = null
  app.use('/api', (req, res, next) => {
    const db = deps.getDb()
    const sessions = deps.getSessions()
    if (deps.readiness.phase !== 'ready' || !db || !sessions) {
      res.setHeader('Retry-After', '3')
      res.status(503).json({ error: { code: 'starting', message: `The server is starting (${deps.readiness.phase}); try again shortly.` } })
      return
    }
    if (!router) {
      const r = express.Router()
      const config = deps.config
      // Every API request: resolve the session, then refuse cross-site writes; routes decide with permit().
      r.use(sessionMiddleware(sessions), csrfMiddleware())
      r.use('/auth', authRouter({ db, config, sessions }))
      r.use(adminRouter({ db, config, sessions }))
      const onDataChanged = deps.onDataChanged ?? (() => undefined)
      r.use(apiRouter({ db, config, onDataChanged }))
      const store = deps.getWalking?.() ?? new WalkingAnalysisStore(db, config.analysis)
      r.use(coverageRouter({ db, store, onDataChanged }))
      r.use(clusterRouter({ db, config, store, onDataChanged }))
      const schedule = new ScheduleStore(db)
      r.use(scheduleRouter({ db, config, store: schedule, events: deps.getEvents?.() ?? new EventHub(db, log) }))
      r.use(progressRouter({ db, config, store: schedule, onDataChanged }))
      router = r
    }
    router(req, res, next)
  })
  app.use('/api', notFoundApi)

  // The built client, with index.html for every other path (client-side routing).
  const indexFile = path.join(deps.config.clientDir, 'index.html')
  app.use(express.static(deps.config.clientDir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }))
  app.get(/^\/(?!api\/|tiles\/).*/, (_req, res) => {
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text/plain; charset=utf-8').send('The client is not built yet: run `npm run build` (npm start does it for you).')
      return
    }
    res.setHeader('Cache-Control', 'no-cache')
    res.sendFile(indexFile)
  })

  app.use(errorHandler(log))
  return app
}

function noCacheForHtml(res: http.ServerResponse, file: string) {
  // Hashed assets can be cached long; the HTML that names them must be revalidated.
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache')
  else if (/[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2?|png|svg)$/.test(file)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
}

/** The HTTP server: the tile fast path first, Express for everything else. */
export function createHttpServer(app: express.Express, fastPath?: FastPathHandler | null): http.Server {
  const server = http.createServer((req, res) => {
    if (fastPath && fastPath.handle(req, res)) return
    app(req, res)
  })
  server.keepAliveTimeout = 65_000
  return server
}
