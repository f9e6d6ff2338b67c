/**
 * The vector-tile server against a real database: embedded PGlite (JS encoder) or server PostGIS (ST_AsMVT),
 * selected by TEST_DB. Data: test/fixtures/tiles/fixture.sql, a few features around tile edges. The two
 * encoders are compared in tile-encoders.postgres.test.ts.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/db/types.js'
import { createTileService, encodeTile, LAYERS, MAX_TILE_BYTES, type TileService } from '../../server/tiles/index.js'
import { buildJsMvtQuery } from '../../server/tiles/js-mvt.js'
import { buildSqlMvtQuery } from '../../server/tiles/sql-mvt.js'
import { TILE_BUFFER, TILE_EXTENT, tileWidthM } from '../../server/tiles/sql.js'
import { createTableSource } from '../../server/tiles/table-source.js'
import { byId, decodeLayer, ringArea } from '../fixtures/tiles/decode-tile.js'
import { openFixtureDatabase, tileAt, tilesCovering } from '../fixtures/tiles/fixture-db.js'

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

let store: { db: Database; close(): Promise<void> }
let db: Database
let service: TileService
let server: http.Server
let base: string
const logged: string[] = []

function request(urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const tilePath = (layer: string, [z, x, y]: readonly number[]) => `/tiles/${layer}/${z}/${x}/${y}.mvt`

function serve(svc: TileService): Promise<{ server: http.Server; base: string }> {
  const s = http.createServer((req, res) => {
    if (!svc.handle(req, res)) {
      res.writeHead(418)
      res.end('express')
    }
  })
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve({ server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` })))
}

beforeAll(async () => {
  store = await openFixtureDatabase()
  db = store.db
  service = createTileService(db, { cacheBytes: 8 * 1024 * 1024, versionPollMs: 0, gate: null, log: (m) => logged.push(m) })
  ;({ server, base } = await serve(service))
})

afterAll(async () => {
  service?.close()
  await new Promise((r) => server?.close(r))
  await store?.close()
})

// The z15 tile holding 翠竹园 (1), cut by 跨界小区 (3) on its west edge and 北苑 (4) on its north edge.
const CENTRE_Z15 = tileAt(117.254, 31.853, 15)

describe('tile responses', () => {
  it('a tile with features answers 200 with one MVT layer, an ETag and cache headers', async () => {
    const r = await request(tilePath('communities', CENTRE_Z15), { 'accept-encoding': 'identity' })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    expect(r.headers['cache-control']).toBe('private, max-age=60')
    expect(r.headers['vary']).toBe('Accept-Encoding')
    expect(r.headers['content-encoding']).toBeUndefined()
    expect(r.headers['etag']).toMatch(/^"[A-Za-z0-9_-]{16,}"$/)
    const layer = decodeLayer(r.body, 'communities')
    expect(layer.version).toBe(2)
    expect(layer.extent).toBe(TILE_EXTENT)
    expect(layer.features.map((f) => f.id).sort()).toEqual([1, 3, 4, 5])
    expect(byId(layer.features).get(1)!.properties).toEqual({
      name: '翠竹园',
      stage: 'construction',
      progress_pct: 45,
      district_id: 2,
      street_id: 21,
      build_year: 1992,
      households: 420,
    })
  })

  it('a query string does not change the tile', async () => {
    const a = await request(tilePath('communities', CENTRE_Z15), { 'accept-encoding': 'identity' })
    const b = await request(`${tilePath('communities', CENTRE_Z15)}?v=7`, { 'accept-encoding': 'identity' })
    expect(b.status).toBe(200)
    expect(b.body.equals(a.body)).toBe(true)
  })

  it('a tile with nothing in it answers 204 with no body, and so does a zoom below the layer minzoom', async () => {
    const far = await request(tilePath('communities', tileAt(100, 40, 14)))
    expect(far.status).toBe(204)
    expect(far.body.length).toBe(0)
    expect(far.headers['cache-control']).toBe('private, max-age=60')
    const tooLow = await request(tilePath('facilities', tileAt(117.254, 31.853, 5)))
    expect(tooLow.status).toBe(204)
  })

  it.each([
    ['a zoom above 22', '/tiles/communities/23/0/0.mvt'],
    ['a negative zoom', '/tiles/communities/-1/0/0.mvt'],
    ['a fractional zoom', '/tiles/communities/1.5/0/0.mvt'],
    ['a non-numeric x', '/tiles/communities/14/abc/1.mvt'],
    ['an exponent', '/tiles/communities/14/1e3/1.mvt'],
    ['x = 2^z', '/tiles/communities/3/8/0.mvt'],
    ['y = 2^z', '/tiles/communities/3/0/8.mvt'],
    ['x = 1 at zoom 0', '/tiles/communities/0/1/0.mvt'],
  ])('%s answers 400 with a JSON error', async (_what, p) => {
    const r = await request(p)
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body.toString()).error.code).toBe('invalid_request')
  })

  it('the largest valid coordinates are accepted', async () => {
    expect((await request('/tiles/communities/22/4194303/4194303.mvt')).status).toBe(204)
    // At z0 the fixture districts are under one tile unit across: collapsed, so the world tile is empty.
    expect((await request('/tiles/districts/0/0/0.mvt')).status).toBe(204)
    expect((await request('/tiles/districts/8/211/104.mvt')).status).toBe(200)
  })

  it('an unknown layer answers 404 with {error:{code,message}}, for tiles and TileJSON', async () => {
    for (const p of ['/tiles/parcels/14/1/1.mvt', '/tiles/parcels.json', '/tiles/%E0%A4%A/1/1/1.mvt']) {
      const r = await request(p)
      expect(r.status).toBe(404)
      expect(r.headers['content-type']).toMatch(/^application\/json/)
      const body = JSON.parse(r.body.toString())
      expect(body.error.code).toBe('not_found')
      expect(typeof body.error.message).toBe('string')
    }
  })

  it('paths outside /tiles/ are left to Express; other methods on tiles are refused', async () => {
    expect((await request('/api/communities')).body.toString()).toBe('express')
    expect((await request('/tiles')).body.toString()).toBe('express')
    expect((await request('/tilesets/x')).body.toString()).toBe('express')
    const post = await request(tilePath('communities', CENTRE_Z15), {}, 'POST')
    expect(post.status).toBe(405)
    expect(post.headers['allow']).toBe('GET, HEAD')
  })

  it('If-None-Match with the current ETag answers 304 without a body; another ETag gets the tile', async () => {
    const first = await request(tilePath('communities', CENTRE_Z15))
    const etag = first.headers['etag']!
    const same = await request(tilePath('communities', CENTRE_Z15), { 'if-none-match': etag })
    expect(same.status).toBe(304)
    expect(same.body.length).toBe(0)
    expect(same.headers['etag']).toBe(etag)
    expect((await request(tilePath('communities', CENTRE_Z15), { 'if-none-match': `"other", W/${etag}` })).status).toBe(304)
    expect((await request(tilePath('communities', CENTRE_Z15), { 'if-none-match': '"other"' })).status).toBe(200)
  })

  it('gzip is sent when accepted, with its own ETag, and decompresses to the identity bytes', async () => {
    const plain = await request(tilePath('roads', tileAt(117.254, 31.853, 14)), { 'accept-encoding': 'identity' })
    const gz = await request(tilePath('roads', tileAt(117.254, 31.853, 14)), { 'accept-encoding': 'br, gzip;q=0.8' })
    expect(gz.status).toBe(200)
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length)
    expect(gz.headers['etag']).not.toBe(plain.headers['etag'])
    expect((await request(tilePath('roads', tileAt(117.254, 31.853, 14)), { 'accept-encoding': 'gzip', 'if-none-match': gz.headers['etag']! })).status).toBe(304)
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true)
    const refused = await request(tilePath('roads', tileAt(117.254, 31.853, 14)), { 'accept-encoding': 'gzip;q=0, identity' })
    expect(refused.headers['content-encoding']).toBeUndefined()
    expect(refused.body.equals(plain.body)).toBe(true)
  })

  it('HEAD answers the headers of GET without a body', async () => {
    const get = await request(tilePath('communities', CENTRE_Z15), { 'accept-encoding': 'gzip' })
    const head = await request(tilePath('communities', CENTRE_Z15), { 'accept-encoding': 'gzip' }, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    expect(head.headers['etag']).toBe(get.headers['etag'])
    expect(head.headers['content-length']).toBe(get.headers['content-length'])
  })
})

describe('TileJSON', () => {
  it('describes the layer with tile URLs built from the request host', async () => {
    const r = await request('/tiles/communities.json', { host: 'localhost:3000' })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toMatch(/^application\/json/)
    expect(r.headers['cache-control']).toBe('private, max-age=60')
    const tj = JSON.parse(r.body.toString())
    expect(tj.tilejson).toBe('3.0.0')
    expect(tj.tiles).toEqual(['http://localhost:3000/tiles/communities/{z}/{x}/{y}.mvt'])
    expect(tj.minzoom).toBe(5)
    expect(tj.maxzoom).toBe(16)
    expect(tj.vector_layers).toEqual([
      {
        id: 'communities',
        minzoom: 5,
        maxzoom: 16,
        fields: {
          name: 'String',
          stage: 'String',
          progress_pct: 'Number',
          district_id: 'Number',
          street_id: 'Number',
          build_year: 'Number',
          households: 'Number',
        },
      },
    ])
    // The extent of the communities table, rounded outward.
    const [w, s, e, n] = tj.bounds
    expect(w).toBeLessThanOrEqual(117.245)
    expect(w).toBeGreaterThan(117.2449)
    expect(s).toBeLessThanOrEqual(31.844)
    expect(s).toBeGreaterThan(31.8439)
    expect(e).toBeGreaterThanOrEqual(117.264)
    expect(e).toBeLessThan(117.2641)
    expect(n).toBeGreaterThanOrEqual(31.86)
    expect(n).toBeLessThan(31.8601)
  })

  it('uses X-Forwarded-Proto and X-Forwarded-Host behind a proxy', async () => {
    const r = await request('/tiles/roads.json', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'maps.example.org, proxy.internal' })
    const tj = JSON.parse(r.body.toString())
    expect(tj.tiles).toEqual(['https://maps.example.org/tiles/roads/{z}/{x}/{y}.mvt'])
    expect(tj.vector_layers[0].fields).toEqual({ name: 'String', class: 'String', bridge: 'Boolean' })
  })

  it('every layer has TileJSON whose id is its source-layer name', async () => {
    for (const layer of ['communities', 'facilities', 'roads', 'water', 'districts', 'streets']) {
      const tj = JSON.parse((await request(`/tiles/${layer}.json`)).body.toString())
      expect(tj.vector_layers[0].id).toBe(layer)
      expect(tj.name).toBe(layer)
    }
  })
})

/** The rows of a layer's table whose geometry meets the tile (grown by `margin` tiles), with the tile properties. */
async function rowsMeetingTile(layer: string, [z, x, y]: readonly number[], margin: number) {
  const def = LAYERS.find((l) => l.id === layer)!
  const props = def.fields.map((f) => `${f.sql} AS "${f.name}"`).join(', ')
  const unit = tileWidthM(z) / TILE_EXTENT
  return db.query(
    `SELECT t.id, ${props},
            least(ST_XMax(g) - ST_XMin(g), ST_YMax(g) - ST_YMin(g)) / $5 AS size_units
       FROM ${def.table} t, LATERAL (SELECT ST_Transform(t.geom, 3857) AS g) q
      WHERE ST_Intersects(t.geom, ST_Transform(ST_TileEnvelope($1, $2, $3, margin => $4), 4326))`,
    [z, x, y, margin, unit],
  )
}

/** Largest distance (tile units) from a decoded vertex to the row's own outline, leaving out vertices the clip made. */
async function worstVertexOffset(layer: string, id: number, [z, x, y]: readonly number[], parts: [number, number][][]) {
  const def = LAYERS.find((l) => l.id === layer)!
  const unit = tileWidthM(z) / TILE_EXTENT
  const onClipEdge = (v: number) => v <= -TILE_BUFFER || v >= TILE_EXTENT + TILE_BUFFER
  const pts = parts.flat().filter(([px, py]) => !onClipEdge(px) && !onClipEdge(py))
  if (pts.length === 0) return 0
  const outline = def.geometryKind === 'polygon' ? 'ST_Boundary(ST_Transform(t.geom, 3857))' : 'ST_Transform(t.geom, 3857)'
  const [r] = await db.query(
    `SELECT max(ST_Distance(o.g, ST_SetSRID(ST_Point(ST_XMin(e) + v.px * $5, ST_YMax(e) - v.py * $5), 3857))) / $5 AS worst
       FROM (SELECT ${outline} AS g FROM ${def.table} t WHERE t.id = $6) o,
            ST_TileEnvelope($1, $2, $3) AS e, unnest($4::float8[], $7::float8[]) AS v(px, py)`,
    [z, x, y, pts.map((p) => p[0]), unit, id, pts.map((p) => p[1])],
  )
  return Number(r.worst)
}

describe('tile contents', () => {
  const cases: [string, [number, number, number]][] = [
    ['communities', CENTRE_Z15],
    ['communities', tileAt(117.2455, 31.8537, 16)], // west half of 跨界小区
    ['communities', tileAt(117.2465, 31.8537, 16)], // east half
    ['communities', tileAt(117.262, 31.8455, 15)], // the courtyard
    ['facilities', tileAt(117.2458, 31.85, 16)], // the clinic lies in this tile's buffer
    ['facilities', tileAt(117.2462, 31.85, 16)],
    ['roads', tileAt(117.254, 31.853, 14)],
    ['roads', tileAt(117.254, 31.853, 16)],
    ['water', tileAt(117.25, 31.8605, 14)],
    ['districts', tileAt(117.25, 31.85, 12)],
    ['streets', tileAt(117.25, 31.85, 13)],
  ]

  it.each(cases)('%s %j holds every row meeting the tile, with its properties and its own outline', async (layer, tile) => {
    const r = await request(tilePath(layer, tile), { 'accept-encoding': 'identity' })
    expect(r.status).toBe(200)
    const features = decodeLayer(r.body, layer).features
    const inTile = await rowsMeetingTile(layer, tile, 0)
    const inBuffer = await rowsMeetingTile(layer, tile, TILE_BUFFER / TILE_EXTENT)
    const got = byId(features)
    // Everything that meets the tile and is big enough not to collapse on the grid is there.
    for (const row of inTile) if (row.size_units >= 2) expect(got.has(row.id), `${layer} ${row.id}`).toBe(true)
    // Nothing is there that does not reach into the buffered tile.
    const allowed = new Map(inBuffer.map((row) => [row.id, row]))
    for (const f of features) {
      const row = allowed.get(f.id)
      expect(row, `${layer} feature ${f.id}`).toBeDefined()
      const def = LAYERS.find((l) => l.id === layer)!
      const expected: Record<string, unknown> = {}
      for (const field of def.fields) if (row![field.name] !== null) expected[field.name] = row![field.name]
      expect(f.properties).toEqual(expected)
      for (const [px, py] of f.parts.flat()) {
        expect(px).toBeGreaterThanOrEqual(-TILE_BUFFER)
        expect(px).toBeLessThanOrEqual(TILE_EXTENT + TILE_BUFFER)
        expect(py).toBeGreaterThanOrEqual(-TILE_BUFFER)
        expect(py).toBeLessThanOrEqual(TILE_EXTENT + TILE_BUFFER)
      }
      expect(await worstVertexOffset(layer, f.id!, tile, f.parts)).toBeLessThanOrEqual(1)
    }
  })

  it('the clinic in the buffer appears in both tiles it is near, at the same place', async () => {
    const west = decodeLayer((await request(tilePath('facilities', tileAt(117.2458, 31.85, 16)))).body, 'facilities')
    const east = decodeLayer((await request(tilePath('facilities', tileAt(117.2462, 31.85, 16)))).body, 'facilities')
    const w = byId(west.features).get(2)!
    const e = byId(east.features).get(2)!
    expect(w.type).toBe(1)
    expect(w.parts[0][0][0] - TILE_EXTENT).toBe(e.parts[0][0][0])
    expect(w.parts[0][0][1]).toBe(e.parts[0][0][1])
  })

  it('a community with a courtyard decodes as one polygon with a hole, rings oriented as MVT 2.1 requires', async () => {
    const tile = tileAt(117.262, 31.8455, 15)
    const r = await request(tilePath('communities', tile))
    const f = byId(decodeLayer(r.body, 'communities').features).get(2)!
    expect(f.type).toBe(3)
    expect(f.parts.length).toBe(2)
    expect(ringArea(f.parts[0])).toBeGreaterThan(0)
    expect(ringArea(f.parts[1])).toBeLessThan(0)
    // What MapLibre builds from it: one polygon, not two.
    const layer = decodeLayer(r.body, 'communities').tile.layers.communities
    const feature = [...Array(layer.length).keys()].map((i) => layer.feature(i)).find((g) => g.id === 2)!
    expect(feature.toGeoJSON(tile[1], tile[2], tile[0]).geometry.type).toBe('Polygon')
  })

  it('a community crossing a tile edge is cut at the buffer on both sides', async () => {
    const west = byId(decodeLayer((await request(tilePath('communities', tileAt(117.2455, 31.8537, 16)))).body, 'communities').features).get(3)!
    const east = byId(decodeLayer((await request(tilePath('communities', tileAt(117.2465, 31.8537, 16)))).body, 'communities').features).get(3)!
    expect(Math.max(...west.parts[0].map((p) => p[0]))).toBe(TILE_EXTENT + TILE_BUFFER)
    expect(Math.min(...east.parts[0].map((p) => p[0]))).toBe(-TILE_BUFFER)
  })

  it('below z10 communities are points on their surface, with the same properties', async () => {
    const low = decodeLayer((await request(tilePath('communities', tileAt(117.254, 31.853, 9)))).body, 'communities')
    expect(low.features.map((f) => f.id).sort()).toEqual([1, 2, 3, 4, 5, 6])
    expect(low.features.every((f) => f.type === 1 && f.parts.length === 1)).toBe(true)
    const atTen = decodeLayer((await request(tilePath('communities', tileAt(117.254, 31.853, 10)))).body, 'communities')
    expect(atTen.features.find((f) => f.id === 1)!.type).toBe(3)
    expect(byId(low.features).get(6)!.properties).toEqual(byId(atTen.features).get(6)!.properties)
    expect(byId(low.features).get(6)!.properties.name).toBe('O\'Brien "老" 小区')
  })

  it('a community too small to see at z12 is dropped rather than sent collapsed, and is back at z16', async () => {
    const z12 = decodeLayer((await request(tilePath('communities', tileAt(117.2545, 31.851, 12)))).body, 'communities')
    expect(z12.features.map((f) => f.id)).not.toContain(5)
    expect(z12.features.map((f) => f.id)).toContain(1)
    const z16 = decodeLayer((await request(tilePath('communities', tileAt(117.2545, 31.851, 16)))).body, 'communities')
    const tiny = byId(z16.features).get(5)!
    expect(tiny.type).toBe(3)
    expect(ringArea(tiny.parts[0])).toBeGreaterThan(0)
  })

  it('roads below z12 are only arterial and secondary; z12 adds local; z13 shows all; a missing name is left out', async () => {
    const ids = async (z: number) =>
      decodeLayer((await request(tilePath('roads', tileAt(117.254, 31.853, z)))).body, 'roads').features.map((f) => f.id).sort()
    expect(await ids(11)).toEqual([1, 2])
    expect(await ids(12)).toEqual([1, 2, 3])
    expect(await ids(13)).toEqual([1, 2, 3, 4])
    const local = decodeLayer((await request(tilePath('roads', tileAt(117.254, 31.853, 14)))).body, 'roads').features.find((f) => f.id === 3)!
    expect(local.properties).toEqual({ class: 'local', bridge: false })
  })

  it('no tile is over 500 KB from z10 to z16, in any layer', async () => {
    let largest = 0
    for (let z = 10; z <= 16; z++) {
      for (const layer of LAYERS) {
        for (const t of tilesCovering([117.244, 31.843, 117.265, 31.861], z)) {
          const bytes = await encodeTile(db, layer.id, ...t)
          largest = Math.max(largest, bytes?.length ?? 0)
        }
      }
    }
    expect(largest).toBeGreaterThan(0)
    expect(largest).toBeLessThanOrEqual(MAX_TILE_BYTES)
  })

  it('a tile over its byte budget keeps the most important features that fit, and says so', async () => {
    const notes: string[] = []
    const communities = LAYERS.find((l) => l.id === 'communities')!
    const full = decodeLayer((await encodeTile(db, 'communities', ...CENTRE_Z15))!, 'communities').features
    const source = createTableSource(db, communities, { maxTileBytes: 250, log: (m) => notes.push(m) })
    const bytes = (await source.getTile(...CENTRE_Z15))!
    expect(bytes.length).toBeLessThanOrEqual(250)
    const kept = decodeLayer(bytes, 'communities').features
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.length).toBeLessThan(full.length)
    // Most households first.
    const ranked = full.map((f) => [f.id, f.properties.households as number] as const).sort((a, b) => b[1] - a[1])
    expect(kept.map((f) => f.id).sort()).toEqual(ranked.slice(0, kept.length).map((r) => r[0]).sort())
    expect(notes.join('\n')).toContain(`communities/${CENTRE_Z15.join('/')}`)
  })
})

describe('the tile SQL', () => {
  it('the tile SQL finds rows through the GiST index of the geometry column', async () => {
    for (const layer of LAYERS) {
      const [z, x, y] = tileAt(117.254, 31.853, 14)
      const queries = [buildJsMvtQuery(layer, z, x, y, layer.maxFeatures)]
      if (db.supportsMvt) queries.push(buildSqlMvtQuery(layer, z, x, y, layer.maxFeatures))
      for (const q of queries) {
        const plan = await db.transaction(async (tx) => {
          // With sequential scans priced out, a plan without the index means the predicate cannot use it.
          await tx.query('SET LOCAL enable_seqscan = off')
          return tx.query(`EXPLAIN ${q.sql}`, q.params)
        })
        const text = plan.map((r) => r['QUERY PLAN']).join('\n')
        expect(text, layer.id).toContain(`${layer.table}_geom_idx`)
        expect(text, layer.id).not.toMatch(/Seq Scan on (public\.)?"?\w+"? t\b/)
      }
    }
  })
})

describe('cache', () => {
  it('an UPDATE shows after layer_versions is bumped and polled; until then the cached tile is served', async () => {
    const tile = tileAt(117.254, 31.853, 15)
    const otherTile = tileAt(117.254, 31.853, 13)
    await service.refreshVersions()
    const before = await request(tilePath('communities', tile), { 'accept-encoding': 'identity' })
    await request(tilePath('roads', otherTile))
    await db.query(`UPDATE communities SET stage = 'city_acceptance' WHERE id = 1`)
    await service.refreshVersions()
    const stale = await request(tilePath('communities', tile), { 'accept-encoding': 'identity' })
    expect(stale.headers['etag']).toBe(before.headers['etag'])

    await db.query(`UPDATE layer_versions SET version = version + 1 WHERE layer = 'communities'`)
    await service.refreshVersions()
    const after = await request(tilePath('communities', tile), { 'accept-encoding': 'identity', 'if-none-match': before.headers['etag']! })
    expect(after.status).toBe(200)
    expect(after.headers['etag']).not.toBe(before.headers['etag'])
    expect(byId(decodeLayer(after.body, 'communities').features).get(1)!.properties.stage).toBe('city_acceptance')

    // Other layers keep their cached tiles.
    const hits = service.stats().hits
    await request(tilePath('roads', otherTile))
    expect(service.stats().hits).toBe(hits + 1)
  })

  it('invalidate(layer) after a local write shows the change at once', async () => {
    const tile = tileAt(117.254, 31.853, 15)
    await request(tilePath('communities', tile))
    await db.query(`UPDATE communities SET progress_pct = 55 WHERE id = 1`)
    service.invalidate('communities')
    const r = await request(tilePath('communities', tile), { 'accept-encoding': 'identity' })
    expect(byId(decodeLayer(r.body, 'communities').features).get(1)!.properties.progress_pct).toBe(55)
  })

  it('concurrent requests for one cold tile compute it once', async () => {
    let tileQueries = 0
    const counting: Database = {
      kind: db.kind,
      supportsMvt: db.supportsMvt,
      // Tile queries are slowed down so every request arrives while the first computation is still running.
      query: async (sql, params) => {
        if (sql.includes('__tile_geom')) {
          tileQueries++
          await new Promise((r) => setTimeout(r, 150))
        }
        return db.query(sql, params)
      },
      exec: (sql) => db.exec(sql),
      transaction: (fn) => db.transaction(fn),
      listen: (channel, onPayload) => db.listen(channel, onPayload),
      ping: () => db.ping(),
      close: async () => undefined,
    }
    const svc = createTileService(counting, { cacheBytes: 1024 * 1024, versionPollMs: 0, gate: null })
    const own = await serve(svc)
    const get = (p: string, h: Record<string, string> = {}) =>
      new Promise<Reply>((resolve, reject) => {
        http
          .get(`${own.base}${p}`, { headers: h }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
          })
          .on('error', reject)
      })
    try {
      const p = tilePath('communities', tileAt(117.262, 31.8455, 15))
      const replies = await Promise.all(Array.from({ length: 16 }, (_, i) => get(p, { 'accept-encoding': i % 2 ? 'gzip' : 'identity' })))
      expect(replies.every((r) => r.status === 200)).toBe(true)
      expect(new Set(replies.map((r) => r.headers['etag'])).size).toBe(2) // one per encoding
      expect(tileQueries).toBe(1)
      expect(svc.stats()).toMatchObject({ hits: 0, misses: 16, entries: 1 })
      await get(p)
      expect(tileQueries).toBe(1)
      expect(svc.stats().hits).toBe(1)
      expect(svc.stats().bytes).toBeGreaterThan(replies[0].body.length + replies[1].body.length)
    } finally {
      svc.close()
      await new Promise((r) => own.server.close(r))
    }
  })

  it('serving the fixture logged nothing (no errors, no tile over budget)', () => {
    expect(logged).toEqual([])
  })
})
