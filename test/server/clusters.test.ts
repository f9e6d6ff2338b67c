import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterListResponse, ClusterRow, ProposalResponse, TenderPackageRow } from '../../core/contracts/clusters.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-db.js'
import { startTestServer, type TestClient, type TestServer } from '../helpers/test-server.js'

let tdb: TestDatabase
let srv: TestServer
let planner: TestClient
let year: number

beforeAll(async () => {
  tdb = await openTestDatabase()
  srv = await startTestServer(tdb.db)
  planner = await srv.login('planner')
  year = (await planner.json('/api/meta')).body.planYear
})
afterAll(async () => {
  await srv?.close()
  await tdb?.close()
})

// ---- an independent adjacency over the served GeoJSON: its own projection, segment distances and crossings ----

type XY = [number, number]
interface Outline {
  id: number
  rings: XY[][]
  box: [number, number, number, number]
}

function projector(lat0: number) {
  const k = Math.cos((lat0 * Math.PI) / 180)
  return (p: number[]): XY => [p[0] * 111_195 * k, p[1] * 111_195]
}

function segDist(p: XY, q: XY, a: XY, b: XY): number {
  const cross = (o: XY, u: XY, v: XY) => (u[0] - o[0]) * (v[1] - o[1]) - (u[1] - o[1]) * (v[0] - o[0])
  const d1 = cross(a, b, p)
  const d2 = cross(a, b, q)
  const d3 = cross(p, q, a)
  const d4 = cross(p, q, b)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0
  const pt = (x: XY, s: XY, t: XY) => {
    const dx = t[0] - s[0]
    const dy = t[1] - s[1]
    const l = dx * dx + dy * dy
    const u = l === 0 ? 0 : Math.max(0, Math.min(1, ((x[0] - s[0]) * dx + (x[1] - s[1]) * dy) / l))
    return Math.hypot(s[0] + u * dx - x[0], s[1] + u * dy - x[1])
  }
  return Math.min(pt(p, a, b), pt(q, a, b), pt(a, p, q), pt(b, p, q))
}

function outlineDistance(a: Outline, b: Outline): number {
  if (a.box[0] > b.box[2] + 40 || b.box[0] > a.box[2] + 40 || a.box[1] > b.box[3] + 40 || b.box[1] > a.box[3] + 40) return Infinity
  let best = Infinity
  for (const ra of a.rings) for (let i = 1; i < ra.length; i++) for (const rb of b.rings) for (let j = 1; j < rb.length; j++) best = Math.min(best, segDist(ra[i - 1], ra[i], rb[j - 1], rb[j]))
  return best
}

async function outlines(): Promise<Map<number, Outline>> {
  const fc = (await planner.json('/api/communities?format=geojson')).body
  const lat0 = fc.features[0].geometry.coordinates[0][0][0][1]
  const proj = projector(lat0)
  const map = new Map<number, Outline>()
  for (const f of fc.features) {
    const rings: XY[][] = f.geometry.coordinates.map((poly: number[][][]) => poly[0].map(proj))
    const xs = rings.flat().map((p) => p[0])
    const ys = rings.flat().map((p) => p[1])
    map.set(f.id, { id: f.id, rings, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] })
  }
  return map
}

/** Members are contiguous when every one is reachable through pairs less than 30 m apart (a generous check: barriers ignored). */
function independentlyContiguous(members: number[], all: Map<number, Outline>): boolean {
  const seen = new Set([members[0]])
  const queue = [members[0]]
  while (queue.length) {
    const u = queue.pop()!
    for (const v of members) {
      if (seen.has(v)) continue
      if (outlineDistance(all.get(u)!, all.get(v)!) <= 30.5) {
        seen.add(v)
        queue.push(v)
      }
    }
  }
  return seen.size === members.length
}

const propose = async (c: TestClient, body: Record<string, unknown> = {}) => {
  const r = await c.send<ProposalResponse>('POST', '/api/clusters/proposals', { year, ...body })
  expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(200)
  return r.body
}

describe('automatic proposals for the whole city', () => {
  let result: ProposalResponse

  it('are contiguous (checked independently over the GeoJSON), within the bounds or flagged, and never overlap', async () => {
    result = await propose(planner)
    expect(result.proposals.length).toBeGreaterThan(20)
    const all = await outlines()
    const seen = new Set<number>()
    for (const p of result.proposals) {
      for (const id of p.memberIds) {
        expect(seen.has(id), `community ${id} in two proposals`).toBe(false)
        seen.add(id)
      }
      expect(independentlyContiguous(p.memberIds, all), `${p.key} is not contiguous`).toBe(true)
      if (p.flags.length === 0) {
        expect(p.residents).toBeGreaterThanOrEqual(5000)
        expect(p.residents).toBeLessThanOrEqual(12000)
      } else {
        for (const f of p.flags) expect(['below_min', 'above_max', 'isolated_oversized', 'isolated_undersized', 'not_contiguous', 'crosses_barrier', 'mixed_streets']).toContain(f.code)
      }
      expect(p.flags.map((f) => f.code)).not.toContain('not_contiguous')
    }
    // Every community of the city is in a proposal or listed with a reason.
    expect(seen.size + result.unassigned.length).toBe(result.params.communityCount)
    // Compounds with no neighbour to grow with stay small and say so; every other 片区 meets the bounds.
    const grown = result.proposals.filter((p) => !p.flags.some((f) => f.code === 'isolated_undersized' || f.code === 'isolated_oversized'))
    expect(grown.length).toBeGreaterThan(50)
    expect(grown.filter((p) => p.residents >= 5000 && p.residents <= 12000).length / grown.length).toBeGreaterThan(0.95)
    for (const p of result.proposals.filter((x) => x.flags.some((f) => f.code === 'isolated_undersized'))) expect(p.residents).toBeLessThan(5000)
  })

  it('gives the same proposals for the same seed', async () => {
    const again = await propose(planner)
    expect(again.proposals.map((p) => p.memberIds)).toEqual(result.proposals.map((p) => p.memberIds))
  })

  it('can be limited to one street and to eligible communities', async () => {
    const streetId = (await planner.json('/api/streets')).body[0].id
    const r = await propose(planner, { streetId, eligibleOnly: true })
    const rows = (await planner.json(`/api/communities?street=${streetId}`)).body.rows as { id: number; buildYear: number }[]
    const inStreet = new Set(rows.map((c) => c.id))
    for (const p of r.proposals) for (const id of p.memberIds) expect(inStreet.has(id)).toBe(true)
    const old = new Set(rows.filter((c) => c.buildYear < 2000).map((c) => c.id))
    for (const p of r.proposals) for (const id of p.memberIds) expect(old.has(id)).toBe(true)
    expect(r.unassigned.filter((u) => u.reason === 'ineligible').length).toBe(rows.length - old.size)
  })

  it('are accepted all at once, and then listed with outlines, stats and flags', async () => {
    const accepted = await planner.send<ClusterRow[]>('POST', '/api/clusters/accept', {
      year,
      clusters: result.proposals.map((p, i) => ({ name: `片区${i + 1}`, memberIds: p.memberIds })),
    })
    expect(accepted.status, JSON.stringify(accepted.body).slice(0, 300)).toBe(201)
    const list = (await planner.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body
    expect(list.clusters).toHaveLength(result.proposals.length)
    const c = list.clusters[0]
    expect(c.memberIds).toEqual([...result.proposals[0].memberIds].sort((a, b) => a - b))
    expect(c.residents).toBe(result.proposals[0].residents)
    expect(c.stats.communities).toBe(c.memberIds.length)
    expect(c.stats.households).toBeGreaterThan(0)
    expect(c.status).toBe('proposed')
    const geo = (await planner.json(`/api/clusters?year=${year}&format=geojson`)).body
    expect(geo.features).toHaveLength(list.clusters.length)
    expect(geo.features[0].geometry.type).toBe('MultiPolygon')
  })
})

describe('walking coverage by 片区', () => {
  it('sums each 片区 of the plan year in the coverage summary', async () => {
    const list = (await planner.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body
    const cov = (await planner.json('/api/coverage?type=kindergarten')).body
    expect(cov.summary.byCluster).toHaveLength(list.clusters.length)
    for (const c of list.clusters.slice(0, 20)) {
      const g = cov.summary.byCluster.find((x: any) => x.id === c.id)
      expect(g.residents).toBe(c.residents)
      expect(g.communities).toBe(c.memberIds.length)
      const served = cov.rows.filter((r: any) => c.memberIds.includes(r.communityId) && r.covered).reduce((t: number, r: any) => t + r.residents, 0)
      expect(g.coveredResidents).toBe(served)
      expect(c.stats.walkingCoverage.kindergarten).toBeCloseTo(served / c.residents, 9)
    }
  })
})

describe('editing a 片区', () => {
  it('adds a neighbour, refuses a stale edit, moves a community between 片区, and records it all in the audit trail', async () => {
    const list = (await planner.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body
    const [a, b] = list.clusters
    const moved = b.memberIds[0]
    const r = await planner.send<ClusterRow>('PATCH', `/api/clusters/${a.id}`, { version: a.version, memberIds: [...a.memberIds, moved] })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.version).toBe(a.version + 1)
    expect(r.body.memberIds).toContain(moved)
    const bAfter = (await planner.json<ClusterRow>(`/api/clusters/${b.id}`))
    if (b.memberIds.length > 1) expect(bAfter.body.memberIds).not.toContain(moved)
    else expect(bAfter.status).toBe(404)
    const stale = await srv.send('PATCH', `/api/clusters/${a.id}`, { version: a.version, name: '旧版本' })
    expect(stale.status).toBe(409)
    expect(stale.body.error.details.lastChange.actorName).toBeTruthy()
    const audit = (await srv.json(`/api/audit?entityType=cluster&entityId=${a.id}`)).body.rows.map((x: any) => x.action)
    expect(audit).toContain('cluster.update')
    expect(audit).toContain('cluster.create')
  })

  it('flags a member list that is not contiguous or out of bounds while editing', async () => {
    const list = (await planner.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body
    const far = [list.clusters[0].memberIds[0], list.clusters[list.clusters.length - 1].memberIds[0]]
    const r = await planner.send('POST', '/api/clusters/check', { year, memberIds: far })
    expect(r.status).toBe(200)
    const codes = r.body.flags.map((f: any) => f.code)
    expect(codes).toContain('not_contiguous')
    expect(codes).toContain('below_min')
  })

  it('splits, merges back and deletes, each versioned', async () => {
    const c = (await planner.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body.clusters.find((x) => x.memberIds.length >= 3)!
    const split = await planner.send('POST', `/api/clusters/${c.id}/split`, { version: c.version, memberIds: [c.memberIds[0]], name: '拆分出的片区' })
    expect(split.status, JSON.stringify(split.body)).toBe(201)
    expect(split.body.created.memberIds).toEqual([c.memberIds[0]])
    expect(split.body.original.memberIds).not.toContain(c.memberIds[0])
    const merged = await planner.send<ClusterRow>('POST', `/api/clusters/${c.id}/merge`, { version: split.body.original.version, otherId: split.body.created.id, otherVersion: split.body.created.version })
    expect(merged.status, JSON.stringify(merged.body)).toBe(200)
    expect(merged.body.memberIds).toEqual(c.memberIds)
    expect((await planner.json(`/api/clusters/${split.body.created.id}`)).status).toBe(404)
  })

  it('locks an approved 片区: members cannot change and proposals leave it alone', async () => {
    const c = (await planner.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body.clusters[1]
    const approved = await planner.send<ClusterRow>('PATCH', `/api/clusters/${c.id}`, { version: c.version, status: 'approved' })
    expect(approved.status).toBe(200)
    const locked = await planner.send('PATCH', `/api/clusters/${c.id}`, { version: approved.body.version, memberIds: c.memberIds.slice(1) })
    expect(locked.status).toBe(409)
    expect(locked.body.error.code).toBe('cluster_locked')
    const other = (await planner.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body.clusters[0]
    const steal = await planner.send('PATCH', `/api/clusters/${other.id}`, { version: other.version, memberIds: [...other.memberIds, c.memberIds[0]] })
    expect(steal.status).toBe(409)
    const r = await propose(planner)
    const lockedIds = new Set(r.unassigned.filter((u) => u.reason === 'locked').map((u) => u.communityId))
    for (const id of c.memberIds) expect(lockedIds.has(id)).toBe(true)
    for (const p of r.proposals) for (const id of p.memberIds) expect(lockedIds.has(id)).toBe(false)
  })

  it('is refused to leaders and district staff; analysts may ask for proposals but not save them', async () => {
    const leader = await srv.login('leader')
    expect((await leader.send('POST', '/api/clusters', { name: 'x', year, memberIds: [1] })).status).toBe(403)
    const analyst = await srv.login('analyst')
    expect((await analyst.send('POST', '/api/clusters/proposals', { year, restarts: 2 })).status).toBe(200)
    expect((await analyst.send('POST', '/api/clusters/accept', { year, clusters: [{ name: 'x', memberIds: [1] }] })).status).toBe(403)
    const district = await srv.login('district')
    expect((await district.send('POST', '/api/clusters/proposals', { year })).status).toBe(403)
    expect((await district.json(`/api/clusters?year=${year}`)).status).toBe(200)
  })
})

describe('tender packages', () => {
  it('sum their 片区 and export to XLSX with the same numbers', async () => {
    const list = (await planner.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body
    const picked = list.clusters.slice(2, 5)
    const created = await planner.send<TenderPackageRow>('POST', '/api/packages', { name: '一标段', year, clusterIds: picked.map((c) => c.id) })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.totals.residents).toBe(picked.reduce((s, c) => s + c.residents, 0))
    expect(created.body.totals.communities).toBe(picked.reduce((s, c) => s + c.memberIds.length, 0))
    const dup = await planner.send('POST', '/api/packages', { name: '重复', year, clusterIds: [picked[0].id] })
    expect(dup.status).toBe(409)
    const res = await planner.get(`/api/packages?year=${year}&format=xlsx`)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer)
    const sum = wb.worksheets[0]
    expect(sum.getRow(2).getCell(1).value).toBe('一标段')
    expect(sum.getRow(2).getCell(6).value).toBe(created.body.totals.residents)
    expect(wb.worksheets[1].rowCount).toBe(created.body.totals.communities + 1)
  })

  it('a deleted 片区 re-created with its package (as undo does) is back in the package', async () => {
    const pkg = (await planner.json<TenderPackageRow[]>(`/api/packages?year=${year}`)).body.find((p) => p.name === '一标段')!
    const victim = (await planner.json<ClusterRow>(`/api/clusters/${pkg.clusterIds[0]}`)).body
    expect((await planner.json(`/api/clusters/${victim.id}?version=${victim.version}`, { method: 'DELETE' })).status).toBe(204)
    expect((await planner.json<TenderPackageRow[]>(`/api/packages?year=${year}`)).body.find((p) => p.id === pkg.id)!.clusterIds).not.toContain(victim.id)
    const again = await planner.send<ClusterRow>('POST', '/api/clusters', { name: victim.name, year, status: victim.status, memberIds: victim.memberIds, packageId: pkg.id })
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    expect(again.body.packageId).toBe(pkg.id)
    const after = (await planner.json<TenderPackageRow[]>(`/api/packages?year=${year}`)).body.find((p) => p.id === pkg.id)!
    expect(after.totals.residents).toBe(pkg.totals.residents)
    expect(after.version).toBe(pkg.version + 1)
  })
})
