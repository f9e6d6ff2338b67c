import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/index.js'
import type { Database } from '../../server/db/types.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-db.js'
import { startTestServer, type TestServer } from '../helpers/test-server.js'

/** A TCP relay in front of PostgreSQL that can be cut and restored, to play a database going away. */
class Relay {
  private server: net.Server | null = null
  private sockets = new Set<net.Socket>()
  port = 0
  constructor(private target: { host: string; port: number }) {}
  async up() {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host)
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => s.destroy())
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', () => resolve()))
    this.port = (this.server.address() as net.AddressInfo).port
  }
  async down() {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => this.server!.close(() => resolve()))
  }
}

describe('when the server database goes away', () => {
  let tdb: TestDatabase
  let relay: Relay
  let db: Database
  let srv: TestServer

  beforeAll(async () => {
    tdb = await openTestDatabase()
    const u = new URL(tdb.location)
    relay = new Relay({ host: u.hostname, port: Number(u.port || 5432) })
    await relay.up()
    u.hostname = '127.0.0.1'
    u.port = String(relay.port)
    db = await openDatabase({ databaseUrl: u.toString(), dataDir: '' })
    srv = await startTestServer(db)
  })
  afterAll(async () => {
    await srv?.close()
    await db?.close()
    await tdb?.close()
  })

  it('answers 503 while it is gone, never crashes, and recovers when it comes back', async () => {
    expect((await srv.json('/api/summary')).status).toBe(200)
    await relay.down()
    const during = await srv.json('/api/summary')
    expect(during.status).toBe(503)
    expect(during.body.error.code).toBe('database_unavailable')
    expect((await srv.json('/api/health')).status).toBe(503)
    const tile = await srv.get('/tiles/communities/14/13529/6643.mvt')
    expect(tile.status).toBe(503)
    await relay.up()
    let status = 0
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await srv.json('/api/summary')).status
      if (status !== 200) await new Promise((r) => setTimeout(r, 250))
    }
    expect(status).toBe(200)
    expect((await srv.json('/api/health')).body).toEqual({ status: 'ok' })
  })
})
