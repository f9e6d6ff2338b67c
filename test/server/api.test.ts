import { area } from '@turf/turf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SummaryResponse } from '../../core/contracts/responses.js'
import { STAGES } from '../../core/domain/stages.js'
import { tilesCovering } from '../../server/tiles/index.js'
import { decodeLayer } from '../fixtures/tiles/decode-tile.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-db.js'
import { jsonBody, startTestServer, type TestServer } from '../helpers/test-server.js'

let tdb: TestDatabase
let srv: TestServer

beforeAll(async () => {
  tdb = await openTestDatabase()
  srv = await startTestServer(tdb.db)
})
afterAll(async () => {
  await srv?.close()
  await tdb?.close()
})

describe('reading the demo city', () => {
  it('reports healthy once the data is loaded', async () => {
    const r = await srv.json('/api/health')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ status: 'ok' })
  })

  it('serves at least 800 communities as GeoJSON with ids and every attribute', async () => {
    const res = await srv.get('/api/communities?format=geojson')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/geo\+json/)
    const fc = await res.json()
    expect(fc.type).toBe('FeatureCollection')
    expect(fc.features.length).toBeGreaterThanOrEqual(800)
    const f = fc.features[0]
    expect(f.id).toBe(f.properties.id)
    expect(f.geometry.type).toBe('MultiPolygon')
    for (const key of ['name', 'districtName', 'streetName', 'buildYear', 'households', 'floorAreaM2', 'population', 'stage', 'deficiencies', 'ownersAgreeing']) {
      expect(f.properties).toHaveProperty(key)
    }
  })

  it('measures community areas in square metres, agreeing with a geodesic computation', async () => {
    const fc = await (await srv.get('/api/communities?format=geojson&limit=25')).json()
    for (const f of fc.features) {
      const expected = area(f)
      expect(Math.abs(f.properties.areaM2 - expected) / expected).toBeLessThan(0.01)
    }
  })

  it('filters by district, stage and bounding box together', async () => {
    const districts = (await srv.json('/api/districts')).body
    expect(districts.length).toBeGreaterThanOrEqual(4)
    const d = districts[1]
    const all = (await srv.json(`/api/communities?district=${d.id}`)).body
    expect(all.total).toBe(d.communities)
    expect(all.rows.every((c: any) => c.districtId === d.id)).toBe(true)
    const stage = all.rows[0].stage
    const staged = (await srv.json(`/api/communities?district=${d.id}&stage=${stage}`)).body
    expect(staged.total).toBe(all.rows.filter((c: any) => c.stage === stage).length)

    const detail = (await srv.json(`/api/communities/${all.rows[0].id}`)).body
    const [w, s, e, n] = detail.bbox
    const inBox = (await srv.json(`/api/communities?bbox=${w},${s},${e},${n}`)).body
    expect(inBox.rows.map((c: any) => c.id)).toContain(all.rows[0].id)
    expect(inBox.total).toBeLessThan(50)
  })

  it('finds communities by part of their name or code, with LIKE wildcards taken literally', async () => {
    const target = (await srv.json('/api/communities/7')).body
    const part = [...target.name].slice(0, 2).join('')
    const byName = (await srv.json(`/api/communities?q=${encodeURIComponent(part)}`)).body
    expect(byName.rows.map((c: any) => c.id)).toContain(7)
    expect(byName.rows.every((c: any) => c.name.includes(part) || c.code.includes(part))).toBe(true)
    const byCode = (await srv.json(`/api/communities?q=${target.code.toLowerCase()}`)).body
    expect(byCode.rows.map((c: any) => c.id)).toEqual([7])
    expect((await srv.json('/api/communities?q=%25')).body.total).toBe(0)
    expect((await srv.json('/api/communities?q=_')).body.total).toBe(0)
    const summary: SummaryResponse = (await srv.json(`/api/summary?q=${encodeURIComponent(part)}`)).body
    expect(summary.totals.communities).toBe(byName.total)
  })

  it('lists streets of one district and facilities of every type', async () => {
    const districts = (await srv.json('/api/districts')).body
    const streets = (await srv.json(`/api/streets?district=${districts[0].id}`)).body
    expect(streets.length).toBeGreaterThan(0)
    expect(streets.every((s: any) => s.districtId === districts[0].id)).toBe(true)
    const fac = await (await srv.get('/api/facilities?format=geojson')).json()
    expect(fac.features.length).toBeGreaterThanOrEqual(300)
    expect(new Set(fac.features.map((f: any) => f.properties.type)).size).toBe(10)
    const kg = (await srv.json('/api/facilities?type=kindergarten')).body
    expect(kg.length).toBeGreaterThan(0)
    expect(kg.every((f: any) => f.type === 'kindergarten')).toBe(true)
  })

  it('opens one community with its stage timeline', async () => {
    const list = (await srv.json('/api/communities?year=2026&limit=1')).body
    const c = (await srv.json(`/api/communities/${list.rows[0].id}`)).body
    expect(c.name).toBe(list.rows[0].name)
    expect(c.stageRecords.length).toBeGreaterThan(0)
    expect(STAGES).toContain(c.stageRecords[0].stage)
    expect(c.geometry.type).toBe('MultiPolygon')
    expect(c.centroid[0]).toBeGreaterThan(c.bbox[0])
    expect(c.centroid[0]).toBeLessThan(c.bbox[2])
  })
})

describe('the summary', () => {
  it('adds up to the same totals as the community list for the same filters', async () => {
    const districts = (await srv.json('/api/districts')).body
    for (const q of ['', `?district=${districts[0].id}`, '?stage=construction,design', '?year=2026']) {
      const sum: SummaryResponse = (await srv.json(`/api/summary${q}`)).body
      const rows = (await srv.json(`/api/communities${q}`)).body.rows
      expect(sum.totals.communities).toBe(rows.length)
      expect(sum.totals.households).toBe(rows.reduce((a: number, c: any) => a + c.households, 0))
      expect(sum.totals.floorAreaM2).toBeCloseTo(rows.reduce((a: number, c: any) => a + c.floorAreaM2, 0), 3)
      expect(sum.totals.investmentPlannedWan).toBeCloseTo(rows.reduce((a: number, c: any) => a + c.investmentPlannedWan, 0), 3)
      expect(sum.byStage.reduce((a, s) => a + s.communities, 0)).toBe(rows.length)
      expect(sum.byDistrict.reduce((a, d) => a + d.communities, 0)).toBe(rows.length)
      for (const d of sum.byDistrict) expect(Object.values(d.byStage).reduce((a, n) => a + n, 0)).toBe(d.communities)
    }
  })

  it('changes when a filter narrows the communities', async () => {
    const all: SummaryResponse = (await srv.json('/api/summary')).body
    const one: SummaryResponse = (await srv.json(`/api/summary?district=${all.byDistrict[0].districtId}`)).body
    expect(one.totals.communities).toBe(all.byDistrict[0].communities)
    expect(one.totals.communities).toBeLessThan(all.totals.communities)
  })
})

describe('bad requests get clear JSON errors', () => {
  const cases: [string, number, string][] = [
    ['/api/communities?bbox=1,2,3', 400, 'invalid_request'],
    ['/api/communities?bbox=10,10,5,20', 400, 'invalid_request'],
    ['/api/communities?stage=flying', 400, 'invalid_request'],
    ['/api/communities?district=abc', 400, 'invalid_request'],
    ['/api/communities?year=3000', 400, 'invalid_request'],
    ['/api/communities?format=kml', 400, 'invalid_request'],
    ['/api/communities/abc', 400, 'invalid_request'],
    ['/api/communities/999999', 404, 'not_found'],
    ['/api/nothing-here', 404, 'not_found'],
    ['/api/facilities?type=castle', 400, 'invalid_request'],
  ]
  it.each(cases)('GET %s answers %i %s', async (path, status, code) => {
    const r = await srv.json(path)
    expect(r.status).toBe(status)
    expect(r.body.error.code).toBe(code)
    expect(typeof r.body.error.message).toBe('string')
    expect(JSON.stringify(r.body)).not.toMatch(/SELECT|at .*\.ts|node_modules/)
  })

  it('rejects a body that is not JSON', async () => {
    const r = await srv.json('/api/communities/1', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{name:' })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('invalid_json')
  })
})

describe('writing', () => {
  it('updates attributes and moves the version on', async () => {
    const before = (await srv.json('/api/communities/3')).body
    const r = await srv.json('/api/communities/3', jsonBody('PATCH', { hasOwnersCommittee: !before.hasOwnersCommittee, neighbourhood: '测试社区', version: before.version }))
    expect(r.status).toBe(200)
    expect(r.body.hasOwnersCommittee).toBe(!before.hasOwnersCommittee)
    expect(r.body.neighbourhood).toBe('测试社区')
    expect(r.body.version).toBe(before.version + 1)
    const after = (await srv.json('/api/communities/3')).body
    expect(after.neighbourhood).toBe('测试社区')
  })

  it('refuses a stale version with 409 and the current record', async () => {
    const cur = (await srv.json('/api/communities/4')).body
    await srv.json('/api/communities/4', jsonBody('PATCH', { buildings: cur.buildings + 1, version: cur.version }))
    const stale = await srv.json('/api/communities/4', jsonBody('PATCH', { buildings: 1, version: cur.version }))
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('version_conflict')
    expect(stale.body.error.details.current.buildings).toBe(cur.buildings + 1)
    expect((await srv.json('/api/communities/4')).body.buildings).toBe(cur.buildings + 1)
  })

  it('rejects invalid or unknown fields and keeps the record unchanged', async () => {
    const cur = (await srv.json('/api/communities/5')).body
    for (const body of [{ buildYear: 1700 }, { ownershipType: 'castle' }, { geom: 'POINT(0 0)' }, {}, { ownersConsulted: cur.ownersTotal + 10 }]) {
      const r = await srv.json('/api/communities/5', jsonBody('PATCH', body))
      expect([400, 409]).toContain(r.status)
      expect(r.body.error.message.length).toBeGreaterThan(0)
    }
    expect((await srv.json('/api/communities/5')).body.version).toBe(cur.version)
  })

  it('appends progress reports, keeps the history, and takes the current stage from the latest date', async () => {
    const id = (await srv.json('/api/communities?year=2026&limit=1&offset=5')).body.rows[0].id
    const before = (await srv.json(`/api/communities/${id}/progress`)).body as any[]
    const a = await srv.json(`/api/communities/${id}/progress`, jsonBody('POST', { stage: 'construction', progressPct: 40, reportDate: '2026-11-18', note: '管线施工中' }))
    expect(a.status).toBe(201)
    expect(a.body.community.stage).toBe('construction')
    expect(a.body.community.progressPct).toBe(40)
    // A back-dated report is kept but does not override the newer one.
    const b = await srv.json(`/api/communities/${id}/progress`, jsonBody('POST', { stage: 'preparation', progressPct: 100, reportDate: '2026-11-01' }))
    expect(b.status).toBe(201)
    expect(b.body.community.stage).toBe('construction')
    const after = (await srv.json(`/api/communities/${id}/progress`)).body as any[]
    expect(after.length).toBe(before.length + 2)
    expect(after[0].note).toBe('管线施工中')
    const bad = await srv.json(`/api/communities/${id}/progress`, jsonBody('POST', { stage: 'construction', progressPct: 140, reportDate: '2026-02-30' }))
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toMatch(/progressPct|reportDate/)
  })

  it('shows a reported stage change in the summary at once', async () => {
    const id = (await srv.json('/api/communities?stage=design&limit=1')).body.rows[0].id
    const before: SummaryResponse = (await srv.json('/api/summary')).body
    await srv.json(`/api/communities/${id}/progress`, jsonBody('POST', { stage: 'preparation', progressPct: 10, reportDate: '2026-11-20' }))
    const after: SummaryResponse = (await srv.json('/api/summary')).body
    const count = (s: SummaryResponse, st: string) => s.byStage.find((x) => x.stage === st)!.communities
    expect(count(after, 'design')).toBe(count(before, 'design') - 1)
    expect(count(after, 'preparation')).toBe(count(before, 'preparation') + 1)
  })

  it('redraws the community tile with the reported stage, with a new ETag', async () => {
    const row = (await srv.json('/api/communities?stage=preparation&limit=1')).body.rows[0]
    const detail = (await srv.json(`/api/communities/${row.id}`)).body
    const [lon, lat] = detail.centroid
    const [[x, y]] = tilesCovering([lon, lat, lon, lat], 15)
    const path = `/tiles/communities/15/${x}/${y}.mvt`
    const before = await srv.get(path, { headers: { 'accept-encoding': 'identity' } })
    const beforeTag = before.headers.get('etag')
    const stageIn = async (res: Response) =>
      decodeLayer(new Uint8Array(await res.arrayBuffer()), 'communities').features.find((f) => f.id === row.id)?.properties.stage
    expect(await stageIn(before)).toBe('preparation')
    await srv.json(`/api/communities/${row.id}/progress`, jsonBody('POST', { stage: 'construction', progressPct: 5, reportDate: '2026-11-21' }))
    const after = await srv.get(path, { headers: { 'accept-encoding': 'identity', 'if-none-match': beforeTag! } })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(beforeTag)
    expect(await stageIn(after)).toBe('construction')
  })
})
