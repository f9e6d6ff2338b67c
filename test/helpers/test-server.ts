import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEMO_ACCOUNTS } from '../../data/demo/accounts.js'
import { createApp, createHttpServer, type Readiness } from '../../server/app.js'
import { SESSION_COOKIE, type SessionStore } from '../../server/auth/sessions.js'
import { readConfig, type AppConfig } from '../../server/config.js'
import type { Database } from '../../server/db/types.js'
import { createTileGate } from '../../server/http/auth.js'
import { createSessionStore, ensureAccounts } from '../../server/server.js'
import { createTileService, type TileService } from '../../server/tiles/index.js'

/** The first administrator's password in every test database. */
export const TEST_ADMIN_PASSWORD = 'Test-Operator-Pass-2026'

export function testConfig(env: NodeJS.ProcessEnv = {}): AppConfig {
  return { ...readConfig({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env }), port: 0, host: '127.0.0.1' }
}

export interface JsonAnswer<T = any> {
  status: number
  body: T
  headers: Headers
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export interface TestClient {
  username: string | null
  cookie: string | null
  csrf: string | null
  get(path: string, init?: RequestInit): Promise<Response>
  json<T = any>(path: string, init?: RequestInit): Promise<JsonAnswer<T>>
  send<T = any>(method: string, path: string, body?: unknown): Promise<JsonAnswer<T>>
}

export interface TestServer extends TestClient {
  url: string
  tiles: TileService
  sessions: SessionStore
  readiness: Readiness
  /** A client with no session. */
  anon: TestClient
  /** Signs in (demo accounts know their password; others pass it) and returns that user's client. */
  login(username: string, password?: string): Promise<TestClient>
  close(): Promise<void>
}

function makeClient(url: string, state: { username: string | null; cookie: string | null; csrf: string | null }): TestClient {
  const get = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (state.cookie && !headers.has('cookie')) headers.set('cookie', state.cookie)
    const method = (init.method ?? 'GET').toUpperCase()
    if (state.csrf && method !== 'GET' && method !== 'HEAD' && !headers.has('x-csrf-token')) headers.set('x-csrf-token', state.csrf)
    return fetch(url + path, { ...init, headers })
  }
  const json = async (path: string, init?: RequestInit) => {
    const res = await get(path, init)
    const text = await res.text()
    let body: any = null
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      body = text
    }
    return { status: res.status, body, headers: res.headers }
  }
  return {
    get username() {
      return state.username
    },
    get cookie() {
      return state.cookie
    },
    get csrf() {
      return state.csrf
    },
    get,
    json,
    send: (method, path, body) => json(path, body === undefined ? { method } : jsonBody(method, body)),
  }
}

/** Signs in over HTTP; throws with the server's answer when it fails. */
export async function signIn(url: string, username: string, password?: string): Promise<TestClient> {
  const pw = password ?? DEMO_ACCOUNTS.find((a) => a.username === username)?.password ?? (username === 'admin' ? TEST_ADMIN_PASSWORD : undefined)
  if (!pw) throw new Error(`No known password for ${username}`)
  const res = await fetch(url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: pw }) })
  const body = await res.json()
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${JSON.stringify(body)}`)
  const setCookie = res.headers.get('set-cookie') ?? ''
  const m = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie)
  if (!m) throw new Error(`login ${username}: no session cookie in ${setCookie}`)
  return makeClient(url, { username, cookie: `${SESSION_COOKIE}=${m[1]}`, csrf: body.csrfToken })
}

/**
 * The real app (Express + tile fast path, sessions and the tile gate) over a test database, on a free port.
 * Its own get/json/send act as the administrator; `anon` has no session; `login` signs in anyone.
 */
export async function startTestServer(db: Database, opts: { env?: NodeJS.ProcessEnv; adminPassword?: string } = {}): Promise<TestServer> {
  const config = testConfig(opts.env)
  await ensureAccounts(db, config, () => undefined)
  const readiness: Readiness = { phase: 'ready' }
  const sessions = createSessionStore(db, config)
  const tiles = createTileService(db, { cacheBytes: 32 * 1024 * 1024, log: () => undefined, gate: createTileGate(sessions) })
  const errors: string[] = []
  const app = createApp({
    config,
    readiness,
    getDb: () => db,
    getSessions: () => sessions,
    onDataChanged: (layers) => layers.forEach((l) => tiles.invalidate(l)),
    log: (m) => errors.push(m),
  })
  const server: http.Server = createHttpServer(app, tiles)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const admin = await signIn(url, 'admin', opts.adminPassword ?? TEST_ADMIN_PASSWORD)
  return {
    ...admin,
    username: admin.username,
    cookie: admin.cookie,
    csrf: admin.csrf,
    url,
    tiles,
    sessions,
    readiness,
    anon: makeClient(url, { username: null, cookie: null, csrf: null }),
    login: (username, password) => signIn(url, username, password),
    async close() {
      tiles.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export const jsonBody = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})
