/** The tile routes and the JS encoder without a database: a fake one that fails on purpose, and pure helpers. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { DatabaseUnavailableError, type Database } from '../../server/db/types.js'
import { acceptsGzip, etagMatches, requestOrigin } from '../../server/tiles/http.js'
import { createTileService } from '../../server/tiles/index.js'
import { encodeMvtLayer } from '../../server/tiles/mvt-writer.js'
import { decodeLayer, ringArea } from '../fixtures/tiles/decode-tile.js'

function failingDatabase(error: () => Error): Database & { calls: number } {
  const db = {
    kind: 'pglite' as const,
    supportsMvt: false,
    calls: 0,
    async query(): Promise<never> {
      db.calls++
      await new Promise((r) => setTimeout(r, 20))
      throw error()
    },
    exec: async () => undefined,
    transaction: async () => {
      throw error()
    },
    listen: async () => {
      throw error()
    },
    ping: async () => false,
    close: async () => undefined,
  }
  return db
}

async function withService(db: Database, fn: (get: (p: string) => Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>, logs: string[]) => Promise<void>) {
  const logs: string[] = []
  const svc = createTileService(db, { cacheBytes: 1 << 20, versionPollMs: 0, gate: null, log: (m) => logs.push(m) })
  const server = http.createServer((req, res) => {
    if (!svc.handle(req, res)) res.writeHead(418).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const get = (p: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      http
        .get(`${base}${p}`, (res) => {
          let body = ''
          res.on('data', (c) => (body += c))
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
        })
        .on('error', reject)
    })
  try {
    await fn(get, logs)
  } finally {
    svc.close()
    await new Promise((r) => server.close(r))
  }
}

describe('tile errors', () => {
  it('an unreachable database answers 503 with Retry-After, logged once for requests sharing the computation', async () => {
    const db = failingDatabase(() => new DatabaseUnavailableError('The database is not reachable'))
    await withService(db, async (get, logs) => {
      const replies = await Promise.all([1, 2, 3, 4].map(() => get('/tiles/communities/14/13528/6661.mvt')))
      for (const r of replies) {
        expect(r.status).toBe(503)
        expect(r.headers['retry-after']).toBe('5')
        expect(JSON.parse(r.body).error.code).toBe('database_unavailable')
      }
      expect(db.calls).toBe(1)
      expect(logs).toHaveLength(1)
      expect(logs[0]).toContain('communities/14/13528/6661')
      // Errors are not cached: the next request asks the database again.
      await get('/tiles/communities/14/13528/6661.mvt')
      expect(db.calls).toBe(2)
    })
  })

  it('a failing query answers 500 without SQL or stack in the body; the log has the tile and the cause', async () => {
    const db = failingDatabase(() => new Error('column t.secret does not exist'))
    await withService(db, async (get, logs) => {
      const r = await get('/tiles/roads/14/13528/6661.mvt')
      expect(r.status).toBe(500)
      expect(JSON.parse(r.body)).toEqual({ error: { code: 'internal_error', message: 'Internal server error.' } })
      expect(logs.join('\n')).toContain('roads/14/13528/6661')
      expect(logs.join('\n')).toContain('column t.secret does not exist')
    })
  })

  it('TileJSON of an unreachable database answers 503', async () => {
    await withService(failingDatabase(() => new DatabaseUnavailableError('down')), async (get) => {
      expect((await get('/tiles/water.json')).status).toBe(503)
    })
  })

  it('validation happens before the database: 400 and 404 need no query', async () => {
    const db = failingDatabase(() => new Error('should not be called'))
    await withService(db, async (get) => {
      expect((await get('/tiles/communities/99/0/0.mvt')).status).toBe(400)
      expect((await get('/tiles/nope/1/0/0.mvt')).status).toBe(404)
      expect((await get('/tiles/communities/1/0.mvt')).status).toBe(404)
      expect((await get('/tiles/communities/3/0/0.mvt')).status).toBe(204) // below minzoom
      expect(db.calls).toBe(0)
    })
  })
})

describe('request helpers', () => {
  it('If-None-Match matches lists, weak tags and *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true)
    expect(etagMatches('"b", "a"', '"a"')).toBe(true)
    expect(etagMatches('W/"a"', '"a"')).toBe(true)
    expect(etagMatches('*', '"a"')).toBe(true)
    expect(etagMatches('"b"', '"a"')).toBe(false)
  })

  it('gzip is accepted unless refused with q=0', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true)
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true)
    expect(acceptsGzip('gzip;q=0')).toBe(false)
    expect(acceptsGzip('gzip; q=0.000, identity')).toBe(false)
    expect(acceptsGzip('identity')).toBe(false)
    expect(acceptsGzip(undefined)).toBe(false)
  })

  it('the origin comes from the proxy headers when present, else Host; a malformed host is not echoed', () => {
    const req = (headers: Record<string, string>) => ({ headers, socket: {} }) as unknown as http.IncomingMessage
    expect(requestOrigin(req({ host: 'localhost:3000' }))).toBe('http://localhost:3000')
    expect(requestOrigin(req({ host: 'a', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'maps.example.org' }))).toBe('https://maps.example.org')
    expect(requestOrigin(req({ host: 'x"><script>' }))).toBe('http://localhost')
    expect(requestOrigin(req({ host: 'h:1', 'x-forwarded-proto': 'gopher' }))).toBe('http://h:1')
  })
})

describe('JS MVT encoder', () => {
  const fields = [
    { name: 'name', type: 'string' as const },
    { name: 'n', type: 'integer' as const },
    { name: 'pct', type: 'number' as const },
    { name: 'flag', type: 'boolean' as const },
  ]

  it('round-trips ids, typed properties, points, lines and polygons with holes through @mapbox/vector-tile', () => {
    const bytes = encodeMvtLayer({
      name: 'things',
      extent: 4096,
      fields,
      features: [
        { id: 1, geometry: { type: 'Point', coordinates: [10, 20] }, values: ['点', 3, 12.5, true] },
        { id: 2, geometry: { type: 'MultiPoint', coordinates: [[1, 1], [5, 5]] }, values: ['b', -7, 0, false] },
        { id: 3, geometry: { type: 'LineString', coordinates: [[-64, 0], [100, 100], [4160, 50]] }, values: [null, 2 ** 40, null, null] },
        {
          id: 4_000_000_000,
          geometry: {
            type: 'Polygon',
            coordinates: [
              [[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]],
              [[20, 20], [20, 40], [40, 40], [40, 20], [20, 20]],
            ],
          },
          values: ['b', 3, 12.5, undefined],
        },
      ],
    })!
    const layer = decodeLayer(bytes, 'things')
    expect(layer.extent).toBe(4096)
    expect(layer.version).toBe(2)
    expect(layer.features.map((f) => [f.id, f.type, f.properties])).toEqual([
      [1, 1, { name: '点', n: 3, pct: 12.5, flag: true }],
      [2, 1, { name: 'b', n: -7, pct: 0, flag: false }],
      [3, 2, { n: 2 ** 40 }],
      [4_000_000_000, 3, { name: 'b', n: 3, pct: 12.5 }],
    ])
    expect(layer.features[1].parts).toEqual([[[1, 1]], [[5, 5]]])
    expect(layer.features[2].parts).toEqual([[[-64, 0], [100, 100], [4160, 50]]])
    expect(layer.features[3].parts).toHaveLength(2)
    expect(ringArea(layer.features[3].parts[0])).toBeGreaterThan(0)
  })

  it('leaves out rings under one square unit, and the whole polygon when its exterior is one', () => {
    const bytes = encodeMvtLayer({
      name: 'l',
      extent: 4096,
      fields: [],
      features: [
        { id: 1, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] }, values: [] },
        {
          id: 2,
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [[[0, 0], [1, 0], [0, 1], [0, 0]], [[0, 0], [0, 0], [0, 0], [0, 0]]],
              [[[0, 0], [50, 0], [50, 50], [0, 50], [0, 0]], [[5, 5], [5, 6], [6, 5], [5, 5]]],
            ],
          },
          values: [],
        },
      ],
    })!
    const features = decodeLayer(bytes, 'l').features
    expect(features.map((f) => f.id)).toEqual([2])
    expect(features[0].parts).toHaveLength(1)
    expect(encodeMvtLayer({ name: 'l', extent: 4096, fields: [], features: [] })).toBeNull()
  })
})
