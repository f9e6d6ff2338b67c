import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApp, createHttpServer, type Readiness } from '../../server/app.js'
import { readConfig } from '../../server/config.js'
import type { Database } from '../../server/db/types.js'
import { createTileService, type TileService } from '../../server/tiles/index.js'

export interface TestServer {
  url: string
  tiles: TileService
  readiness: Readiness
  get(path: string, init?: RequestInit): Promise<Response>
  json<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }>
  close(): Promise<void>
}

/** The real app (Express + tile fast path) over a test database, on a free port. */
export async function startTestServer(db: Database): Promise<TestServer> {
  const config = { ...readConfig({}), port: 0, host: '127.0.0.1' }
  const readiness: Readiness = { phase: 'ready' }
  const tiles = createTileService(db, { cacheBytes: 32 * 1024 * 1024, log: () => undefined })
  const errors: string[] = []
  const app = createApp({
    config,
    readiness,
    getDb: () => db,
    onDataChanged: (layers) => layers.forEach((l) => tiles.invalidate(l)),
    log: (m) => errors.push(m),
  })
  const server: http.Server = createHttpServer(app, tiles)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const get = (path: string, init?: RequestInit) => fetch(url + path, init)
  return {
    url,
    tiles,
    readiness,
    get,
    async json(path, init) {
      const res = await get(path, init)
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
    },
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
