import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CoverageResponse, IsochroneResponse, NetworkGeoJson, RouteResponse, SitingResponse, WhatIfResponse } from '../../core/contracts/coverage.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-db.js'
import { startTestServer, type TestClient, type TestServer } from '../helpers/test-server.js'

let tdb: TestDatabase
let srv: TestServer
let analyst: TestClient
let planner: TestClient

beforeAll(async () => {
  tdb = await openTestDatabase()
  srv = await startTestServer(tdb.db)
  analyst = await srv.login('analyst')
  planner = await srv.login('planner')
})
afterAll(async () => {
  await srv?.close()
  await tdb?.close()
})

const coverage = async (c: TestClient, query: string) => {
  const r = await c.json<CoverageResponse>(`/api/coverage?${query}`)
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body
}

/** Independent shortest path over the served GeoJSON: plain Dijkstra on its edges and lengths. */
function independentRoute(fc: NetworkGeoJson, from: [number, number], to: [number, number]) {
  const coord = new Map<number, [number, number]>()
  const adj = new Map<number, [number, number][]>()
  for (const f of fc.features) {
    const { from: a, to: b, lengthM } = f.properties
    coord.set(a, f.geometry.coordinates[0] as [number, number])
    coord.set(b, f.geometry.coordinates[1] as [number, number])
    adj.set(a, [...(adj.get(a) ?? []), [b, lengthM]])
    adj.set(b, [...(adj.get(b) ?? []), [a, lengthM]])
  }
  const nearest = (p: [number, number]) => {
    let best = -1
    let bestD = Infinity
    const k = Math.cos((p[1] * Math.PI) / 180)
    for (const [n, c] of coord) {
      const d = ((c[0] - p[0]) * k) ** 2 + (c[1] - p[1]) ** 2
      if (d < bestD) {
        bestD = d
        best = n
      }
    }
    return best
  }
  const s = nearest(from)
  const t = nearest(to)
  const dist = new Map<number, number>([[s, 0]])
  const done = new Set<number>()
  const queue: [number, number][] = [[0, s]]
  while (queue.length) {
    queue.sort((x, y) => x[0] - y[0])
    const [d, u] = queue.shift()!
    if (done.has(u)) continue
    done.add(u)
    if (u === t) return d
    for (const [v, w] of adj.get(u) ?? []) {
      if (d + w < (dist.get(v) ?? Infinity)) {
        dist.set(v, d + w)
        queue.push([d + w, v])
      }
    }
  }
  return Infinity
}

describe('the walking network', () => {
  it('describes itself and serves its edges with lengths in metres', async () => {
    const info = await analyst.json('/api/network')
    expect(info.status).toBe(200)
    expect(info.body.edges).toBeGreaterThan(1000)
    expect(info.body.mainComponentShare).toBeGreaterThan(0.9)
    expect(info.body.entrances.boundary + info.body.entrances.nearest).toBeGreaterThan(800)
    const geo = await analyst.json<NetworkGeoJson>('/api/network?format=geojson')
    expect(geo.status).toBe(200)
    expect(geo.body.features).toHaveLength(info.body.edges)
    for (const f of geo.body.features.slice(0, 50)) {
      expect(f.geometry.coordinates).toHaveLength(2)
      expect(f.properties.lengthM).toBeGreaterThan(0)
    }
  })

  it('routes agree with an independent shortest path over /api/network within half a metre', async () => {
    const fc = (await analyst.json<NetworkGeoJson>('/api/network?format=geojson')).body
    const meta = (await analyst.json('/api/meta')).body
    const [w, s, e, n] = meta.bbox as number[]
    let checked = 0
    for (let i = 0; i < 8; i++) {
      const from: [number, number] = [w + ((e - w) * (i + 1)) / 10, s + ((n - s) * (i % 3 + 1)) / 5]
      const to: [number, number] = [w + ((e - w) * (8 - i)) / 10, s + ((n - s) * (4 - (i % 3))) / 5]
      const r = await analyst.json<RouteResponse>(`/api/network/route?from=${from.join(',')}&to=${to.join(',')}`)
      const expected = independentRoute(fc, from, to)
      if (expected === Infinity) {
        expect(r.status).toBe(422)
        continue
      }
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      expect(Math.abs(r.body.meters - expected)).toBeLessThan(0.5)
      expect(r.body.minutes).toBeCloseTo(r.body.meters / 60, 6)
      checked++
    }
    expect(checked).toBeGreaterThanOrEqual(6)
  })

  it('refuses a malformed point with a clear message', async () => {
    const r = await analyst.json('/api/network/route?from=117.2&to=117.3,31.8')
    expect(r.status).toBe(400)
    expect(r.body.error.message).toMatch(/LON,LAT/)
  })
})

describe('walking coverage', () => {
  it('answers for every community with the network method and a consistent summary', async () => {
    const cov = await coverage(analyst, 'type=kindergarten&minutes=10')
    expect(cov.method).toBe('network')
    expect(cov.walkSpeedMps).toBe(1)
    expect(cov.thresholdMinutes).toBe(10)
    expect(cov.rows.length).toBeGreaterThan(800)
    for (const r of cov.rows) {
      if (r.meters === null) expect(r.covered).toBe(false)
      else expect(r.covered).toBe(r.meters / 60 <= 10)
    }
    const covered = cov.rows.filter((r) => r.covered)
    expect(cov.summary.coveredCommunities).toBe(covered.length)
    expect(cov.summary.coveredResidents).toBe(covered.reduce((s, r) => s + r.residents, 0))
    expect(cov.summary.byDistrict.reduce((s, d) => s + d.coveredResidents, 0)).toBe(cov.summary.coveredResidents)
    // Gaps exist (the demo city leaves some areas without kindergartens) and are ranked by residents.
    expect(cov.summary.unserved.length).toBeGreaterThan(0)
    const u = cov.summary.unserved.map((x) => x.residents)
    expect([...u].sort((a, b) => b - a)).toEqual(u)
  })

  it('5-minute coverage lies inside 10, and 10 inside 15', async () => {
    const [c5, c10, c15] = await Promise.all([5, 10, 15].map((m) => coverage(analyst, `type=elderly_care&minutes=${m}`)))
    for (let i = 0; i < c5.rows.length; i++) {
      if (c5.rows[i].covered) expect(c10.rows[i].covered).toBe(true)
      if (c10.rows[i].covered) expect(c15.rows[i].covered).toBe(true)
    }
    expect(c5.summary.share).toBeLessThan(c15.summary.share)
  })

  it('the elderly walking profile serves fewer residents', async () => {
    const std = await coverage(analyst, 'type=clinic')
    const old = await coverage(analyst, 'type=clinic&profile=elderly')
    expect(std.thresholdMinutes).toBe(15)
    expect(old.walkSpeedMps).toBe(0.8)
    expect(old.summary.coveredResidents).toBeLessThan(std.summary.coveredResidents)
  })

  it('is refused to district staff and to anonymous callers', async () => {
    const staff = await srv.login('district')
    expect((await staff.json('/api/coverage?type=clinic')).status).toBe(403)
    expect((await srv.anon.json('/api/coverage?type=clinic')).status).toBe(401)
    expect((await analyst.json('/api/coverage?type=bakery')).status).toBe(400)
  })

  it('isochrones come as three nested bands, identical on every request', async () => {
    const a = await analyst.json<IsochroneResponse>('/api/coverage/isochrones?type=kindergarten')
    expect(a.status).toBe(200)
    expect(a.body.method).toBe('network')
    expect(a.body.features.map((f) => f.properties.minutes)).toEqual([5, 10, 15])
    expect(a.body.features.every((f) => f.geometry.coordinates.length > 0)).toBe(true)
    const b = await analyst.json<IsochroneResponse>('/api/coverage/isochrones?type=kindergarten')
    expect(JSON.stringify(b.body)).toBe(JSON.stringify(a.body))
    const one = await analyst.json<IsochroneResponse>(`/api/coverage/isochrones?type=kindergarten&facility=${(await coverage(analyst, 'type=kindergarten')).rows.find((r) => r.nearestFacilityId)!.nearestFacilityId}`)
    expect(one.status).toBe(200)
    expect(one.body.facilityId).not.toBeNull()
  })
})

describe('siting and what-if', () => {
  it('suggests sites whose gains add up, and adopting one as a planned facility recomputes coverage', async () => {
    const before = await coverage(planner, 'type=kindergarten&minutes=10')
    const siting = await planner.send<SitingResponse>('POST', '/api/coverage/siting', { type: 'kindergarten', minutes: 10, k: 3 })
    expect(siting.status, JSON.stringify(siting.body)).toBe(200)
    const s = siting.body
    expect(s.sites.length).toBeGreaterThan(0)
    expect(s.before.coveredResidents).toBe(before.summary.coveredResidents)
    expect(s.after.coveredResidents - s.before.coveredResidents).toBe(s.sites.reduce((t, x) => t + x.marginalResidents, 0))
    for (let i = 1; i < s.sites.length; i++) expect(s.sites[i].marginalResidents).toBeLessThanOrEqual(s.sites[i - 1].marginalResidents)

    const first = s.sites[0]
    const created = await planner.send('POST', '/api/facilities', { name: '规划幼儿园（选址建议 1）', type: 'kindergarten', lon: first.lon, lat: first.lat })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.status).toBe('planned')
    const after = await coverage(planner, 'type=kindergarten&minutes=10')
    // Adding a facility never lowers anyone's coverage, and this one adds at least its suggested gain.
    for (let i = 0; i < after.rows.length; i++) {
      if (before.rows[i].covered) expect(after.rows[i].covered).toBe(true)
      if (before.rows[i].meters !== null) expect(after.rows[i].meters!).toBeLessThanOrEqual(before.rows[i].meters! + 1e-9)
    }
    expect(after.summary.coveredResidents - before.summary.coveredResidents).toBeGreaterThanOrEqual(first.marginalResidents)
    for (const id of first.communityIds) expect(after.rows.find((r) => r.communityId === id)!.covered).toBe(true)
    const excluded = await coverage(planner, 'type=kindergarten&minutes=10&planned=exclude')
    expect(excluded.summary.coveredResidents).toBeLessThan(after.summary.coveredResidents)

    const audit = await srv.json(`/api/audit?entityType=facility&entityId=${created.body.id}`)
    expect(audit.body.rows.map((r: any) => r.action)).toContain('facility.create')
  })

  it('a leader may run siting but not add facilities', async () => {
    const leader = await srv.login('leader')
    expect((await leader.send('POST', '/api/coverage/siting', { type: 'clinic', k: 1 })).status).toBe(200)
    expect((await leader.send('POST', '/api/facilities', { name: '诊所', type: 'clinic', lon: 117.2, lat: 31.8 })).status).toBe(403)
  })

  it('what-if: removing a facility never helps, adding one never hurts, nothing is saved', async () => {
    const base = await coverage(analyst, 'type=supermarket')
    const busiest = [...new Set(base.rows.map((r) => r.nearestFacilityId).filter((x): x is number => x !== null))][0]
    const removed = await analyst.send<WhatIfResponse>('POST', '/api/coverage/what-if', { type: 'supermarket', remove: [busiest] })
    expect(removed.status, JSON.stringify(removed.body)).toBe(200)
    expect(removed.body.after.coveredResidents).toBeLessThanOrEqual(removed.body.before.coveredResidents)
    expect(removed.body.changed.length).toBeGreaterThan(0)
    const target = base.rows.find((r) => !r.covered)!
    const geo = await analyst.json(`/api/communities/${target.communityId}`)
    const [lon, lat] = geo.body.centroid
    const added = await analyst.send<WhatIfResponse>('POST', '/api/coverage/what-if', { type: 'supermarket', add: [{ lon, lat }] })
    expect(added.body.after.coveredResidents).toBeGreaterThan(added.body.before.coveredResidents)
    expect(added.body.changed.find((c) => c.communityId === target.communityId)?.coveredAfter).toBe(true)
    expect((await coverage(analyst, 'type=supermarket')).summary).toEqual(base.summary)
    expect((await analyst.send('POST', '/api/coverage/what-if', { type: 'supermarket' })).status).toBe(400)
  })

  it('facility edits are versioned: a stale move gets 409 with who changed it', async () => {
    const created = await planner.send('POST', '/api/facilities', { name: '规划助餐点', type: 'meal_assistance', lon: 117.25, lat: 31.85 })
    const id = created.body.id
    const moved = await planner.send('PATCH', `/api/facilities/${id}`, { version: 1, lon: 117.251, lat: 31.851 })
    expect(moved.status).toBe(200)
    expect(moved.body.version).toBe(2)
    const stale = await srv.send('PATCH', `/api/facilities/${id}`, { version: 1, name: '改名' })
    expect(stale.status).toBe(409)
    expect(stale.body.error.details.lastChange.actorName).toBeTruthy()
    expect((await planner.json(`/api/facilities/${id}?version=2`, { method: 'DELETE' })).status).toBe(204)
  })
})

describe('exports of the gap table', () => {
  it('CSV has a BOM, Chinese headers and one line per community, not-served first', async () => {
    const res = await analyst.get('/api/coverage/export?type=kindergarten&minutes=10&format=csv')
    expect(res.status).toBe(200)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    const lines = text.trim().split('\r\n')
    expect(lines[0]).toContain('步行时间（分钟）')
    const cov = await coverage(analyst, 'type=kindergarten&minutes=10')
    expect(lines).toHaveLength(cov.rows.length + 1)
    expect(lines[1]).toMatch(/,否,/)
  })

  it('XLSX re-reads with the same rows and numbers', async () => {
    const res = await analyst.get('/api/coverage/export?type=kindergarten&minutes=10&format=xlsx&lang=en')
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer)
    const sheet = wb.worksheets[0]
    const cov = await coverage(analyst, 'type=kindergarten&minutes=10')
    expect(sheet.rowCount).toBe(cov.rows.length + 1)
    expect(sheet.getRow(1).getCell(8).value).toBe('Walking time (min)')
    const residents = sheet.getColumn(5).values.slice(2).reduce((s: number, v) => s + Number(v), 0)
    expect(residents).toBe(cov.summary.residents)
    const coveredRows = sheet.getColumn(9).values.filter((v) => v === 'yes').length
    expect(coveredRows).toBe(cov.summary.coveredCommunities)
  })
})

describe('without a walking network', () => {
  it('falls back to straight-line distance × 1.3 and says so', async () => {
    await tdb.db.exec("DELETE FROM roads; UPDATE layer_versions SET version = version + 1 WHERE layer = 'roads'")
    const cov = await coverage(analyst, 'type=clinic')
    expect(cov.method).toBe('straight-line')
    expect(cov.detourFactor).toBe(1.3)
    // Recompute independently: haversine from each community's point on surface to every clinic.
    const places = await tdb.db.query<{ id: number; lon: number; lat: number }>('SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM communities ORDER BY id')
    const clinics = await tdb.db.query<{ lon: number; lat: number }>("SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM facilities WHERE type = 'clinic'")
    const rad = Math.PI / 180
    const hav = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
      2 * 6371008.8 * Math.asin(Math.sqrt(Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2))
    for (const [i, p] of places.entries()) {
      const expected = Math.min(...clinics.map((c) => hav(p, c))) * 1.3
      expect(cov.rows[i].communityId).toBe(p.id)
      expect(cov.rows[i].meters!).toBeCloseTo(expected, 3)
    }
    const iso = await analyst.json<IsochroneResponse>('/api/coverage/isochrones?type=clinic')
    expect(iso.body.method).toBe('straight-line')
    expect(iso.body.features.map((f) => f.properties.minutes)).toEqual([5, 10, 15])
    const route = await analyst.json('/api/network/route?from=117.2,31.8&to=117.3,31.85')
    expect(route.status).toBe(409)
    expect(route.body.error.code).toBe('no_network')
    const siting = await analyst.send<SitingResponse>('POST', '/api/coverage/siting', { type: 'clinic', k: 2 })
    expect(siting.status).toBe(200)
    expect(siting.body.method).toBe('straight-line')
    expect(siting.body.after.coveredResidents).toBeGreaterThanOrEqual(siting.body.before.coveredResidents)
  })
})
