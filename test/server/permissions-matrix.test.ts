import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tilesCovering } from '../../server/tiles/index.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-db.js'
import { startTestServer, type JsonAnswer, type TestClient, type TestServer } from '../helpers/test-server.js'

/**
 * Every role × every write endpoint × a community in the user's own street, another street of their
 * district, and another district; plus the reads that are restricted. The expectations below are written
 * out by hand from the rules, independently of core/auth/authorize.ts, and compared with what the
 * real HTTP API answers.
 */
type Who = 'anonymous' | 'admin' | 'planner' | 'leader' | 'analyst' | 'district' | 'street'
const WHO: Who[] = ['anonymous', 'admin', 'planner', 'leader', 'analyst', 'district', 'street']
type Place = 'own_street' | 'own_district_other_street' | 'other_district'
const PLACES: Place[] = ['own_street', 'own_district_other_street', 'other_district']

const planning = (w: Who) => w === 'admin' || w === 'planner'
/** Progress and dates: planners anywhere; district staff in their district; street staff in their street. */
const reporting = (w: Who, p: Place) =>
  planning(w) || (w === 'district' && p !== 'other_district') || (w === 'street' && p === 'own_street')

const COMMUNITY_WRITES: Record<string, (w: Who, p: Place) => boolean> = {
  'PATCH community attributes': (w) => planning(w),
  'PATCH community budget': (w) => planning(w),
  'PATCH community outline': (w) => planning(w),
  'POST progress report': reporting,
  'PATCH stage dates': reporting,
}
const USER_WRITES: Record<string, (w: Who) => boolean> = {
  'POST user': (w) => w === 'admin',
  'PATCH user': (w) => w === 'admin',
  'POST user password reset': (w) => w === 'admin',
}
/** Planned facilities are planning work; walking-coverage analyses are for those who read the whole city's analyses. */
const FACILITY_WRITES: Record<string, (w: Who) => boolean> = {
  'POST planned facility': (w) => planning(w),
  'PATCH facility': (w) => planning(w),
  'POST 片区': (w) => planning(w),
  'POST tender package': (w) => planning(w),
}
const analysing = (w: Who) => ['admin', 'planner', 'leader', 'analyst'].includes(w)
const READS: Record<string, (w: Who) => boolean> = {
  'GET network': (w) => w !== 'anonymous',
  'GET 片区': (w) => w !== 'anonymous',
  'POST 片区 proposals': analysing,
  'GET coverage': analysing,
  'GET coverage export': analysing,
  'GET isochrones': analysing,
  'POST siting': analysing,
  'POST what-if': analysing,
  'GET communities': (w) => w !== 'anonymous',
  'GET community detail': (w) => w !== 'anonymous',
  'GET summary': (w) => w !== 'anonymous',
  'GET tile': (w) => w !== 'anonymous',
  'GET users': (w) => w === 'admin',
  'GET audit': (w) => ['admin', 'planner', 'leader', 'district', 'street'].includes(w),
  'GET audit CSV': (w) => ['admin', 'planner', 'leader', 'district', 'street'].includes(w),
  'GET audit verify': (w) => w === 'admin',
  'GET schedule': (w) => w !== 'anonymous',
  'GET schedule summary': (w) => w !== 'anonymous',
  'GET progress reports': (w) => w !== 'anonymous',
  'GET plan-year settings': (w) => w !== 'anonymous',
  'PUT plan-year settings': (w) => planning(w),
  'GET progress template': (w) => ['admin', 'planner', 'district', 'street'].includes(w),
  'POST progress bulk validate': (w) => ['admin', 'planner', 'district', 'street'].includes(w),
  'GET weekly report': (w) => w !== 'anonymous',
}

let tdb: TestDatabase
let srv: TestServer
const clients = new Map<Who, TestClient>()
const communityAt = new Map<Place, { id: number; districtId: number; streetId: number }>()
let street1: { id: number; districtId: number }
let tilePath: string
let userCounter = 0

beforeAll(async () => {
  tdb = await openTestDatabase()
  srv = await startTestServer(tdb.db)
  clients.set('anonymous', srv.anon)
  clients.set('admin', srv)
  for (const w of ['planner', 'leader', 'analyst', 'district', 'street'] as const) clients.set(w, await srv.login(w))
  const me = (await clients.get('street')!.json('/api/auth/me')).body.user
  street1 = { id: me.streetId, districtId: me.districtId }
  const rows = (await srv.json('/api/communities')).body.rows as { id: number; districtId: number; streetId: number }[]
  communityAt.set('own_street', rows.find((c) => c.streetId === street1.id)!)
  communityAt.set('own_district_other_street', rows.find((c) => c.districtId === street1.districtId && c.streetId !== street1.id)!)
  communityAt.set('other_district', rows.find((c) => c.districtId !== street1.districtId)!)
  for (const p of PLACES) expect(communityAt.get(p), p).toBeTruthy()
  const d = (await srv.json(`/api/communities/${communityAt.get('own_street')!.id}`)).body
  const [[x, y]] = tilesCovering([d.centroid[0], d.centroid[1], d.centroid[0], d.centroid[1]], 14)
  tilePath = `/tiles/communities/14/${x}/${y}.mvt`
})
afterAll(async () => {
  await srv?.close()
  await tdb?.close()
})

async function communityWrite(action: string, c: TestClient, id: number): Promise<JsonAnswer> {
  const cur = (await srv.json(`/api/communities/${id}`)).body
  switch (action) {
    case 'PATCH community attributes':
      return c.send('PATCH', `/api/communities/${id}`, { neighbourhood: `矩阵测试${cur.version}`, version: cur.version })
    case 'PATCH community budget':
      return c.send('PATCH', `/api/communities/${id}`, { investmentPlannedWan: cur.investmentPlannedWan + 1, version: cur.version })
    case 'PATCH community outline':
      return c.send('PATCH', `/api/communities/${id}`, { geometry: cur.geometry, version: cur.version })
    case 'POST progress report':
      return c.send('POST', `/api/communities/${id}/progress`, { stage: cur.stage, progressPct: 50, reportDate: '2026-11-20', note: '矩阵测试' })
    case 'PATCH stage dates': {
      const rec = cur.stageRecords.find((r: any) => r.stage === 'survey')
      return c.send('PATCH', `/api/communities/${id}/stages/survey`, { plannedEnd: '2026-03-31', version: rec?.version ?? 0 })
    }
  }
  throw new Error(action)
}

async function userWrite(action: string, c: TestClient): Promise<JsonAnswer> {
  if (action === 'POST user') {
    return c.send('POST', '/api/users', { username: `matrix${++userCounter}`, displayName: '矩阵用户', role: 'analyst' })
  }
  const target = (await srv.json('/api/users?q=matrix-target')).body[0]
  if (action === 'PATCH user') return c.send('PATCH', `/api/users/${target.id}`, { displayName: `目标${target.version}`, version: target.version })
  return c.send('POST', `/api/users/${target.id}/reset-password`, { version: target.version })
}

let facilityCounter = 0
async function facilityWrite(action: string, c: TestClient): Promise<JsonAnswer> {
  if (action === 'POST 片区') {
    return c.send('POST', '/api/clusters', { name: `矩阵片区${++facilityCounter}`, year: 2026, memberIds: [communityAt.get('own_street')!.id] })
  }
  if (action === 'POST tender package') {
    const created = await srv.send('POST', '/api/clusters', { name: `矩阵标段片区${++facilityCounter}`, year: 2026, memberIds: [communityAt.get('other_district')!.id] })
    return c.send('POST', '/api/packages', { name: `矩阵标段${facilityCounter}`, year: 2026, clusterIds: [created.body.id] })
  }
  if (action === 'POST planned facility') {
    return c.send('POST', '/api/facilities', { name: `矩阵设施${++facilityCounter}`, type: 'fitness', lon: 117.25, lat: 31.85 })
  }
  const target = (await srv.json('/api/facilities?type=fitness')).body.find((f: any) => f.name === '矩阵目标设施')
  const cur = (await srv.json(`/api/facilities/${target.id}`)).body
  return c.send('PATCH', `/api/facilities/${target.id}`, { name: '矩阵目标设施', version: cur.version, lon: cur.lon + 0.0001, lat: cur.lat })
}

async function read(action: string, c: TestClient): Promise<JsonAnswer> {
  const id = communityAt.get('other_district')!.id
  switch (action) {
    case 'GET network':
      return c.json('/api/network')
    case 'GET 片区':
      return c.json('/api/clusters?year=2026')
    case 'POST 片区 proposals':
      return c.send('POST', '/api/clusters/proposals', { year: 2026, restarts: 1 })
    case 'GET coverage':
      return c.json('/api/coverage?type=clinic')
    case 'GET coverage export': {
      const res = await c.get('/api/coverage/export?type=clinic&format=csv')
      return { status: res.status, body: res.status === 200 ? null : await res.json(), headers: res.headers }
    }
    case 'GET isochrones':
      return c.json('/api/coverage/isochrones?type=clinic')
    case 'POST siting':
      return c.send('POST', '/api/coverage/siting', { type: 'clinic', k: 1 })
    case 'POST what-if':
      return c.send('POST', '/api/coverage/what-if', { type: 'clinic', add: [{ lon: 117.25, lat: 31.85 }] })
    case 'GET communities':
      return c.json('/api/communities?limit=5')
    case 'GET community detail':
      return c.json(`/api/communities/${id}`)
    case 'GET summary':
      return c.json('/api/summary')
    case 'GET tile': {
      const res = await c.get(tilePath)
      return { status: res.status, body: null, headers: res.headers }
    }
    case 'GET users':
      return c.json('/api/users')
    case 'GET audit':
      return c.json('/api/audit?limit=1000')
    case 'GET audit CSV':
      return c.json('/api/audit?format=csv')
    case 'GET audit verify':
      return c.json('/api/audit/verify')
    case 'GET schedule':
      return c.json('/api/schedule?asOf=2026-06-01')
    case 'GET schedule summary':
      return c.json('/api/schedule/summary')
    case 'GET progress reports':
      return c.json('/api/progress/reports?limit=5')
    case 'GET plan-year settings':
      return c.json('/api/plan-years/2026')
    case 'GET progress template': {
      const res = await c.get('/api/progress/template')
      return { status: res.status, body: res.status === 200 ? null : await res.json(), headers: res.headers }
    }
    case 'POST progress bulk validate':
      // Not a workbook: allowed roles get the validation report (with a file error), others a refusal.
      return c.json('/api/progress/bulk?mode=validate', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'not a workbook' })
    case 'GET weekly report': {
      const res = await c.get('/api/reports/weekly.xlsx')
      return { status: res.status, body: res.status === 200 ? null : await res.json(), headers: res.headers }
    }
    case 'PUT plan-year settings': {
      const cur = (await srv.json('/api/plan-years/2026')).body
      return c.send('PUT', '/api/plan-years/2026', { version: cur.version, milestones: cur.milestones, targets: {} })
    }
  }
  throw new Error(action)
}

interface Outcome { who: Who; action: string; place?: Place; expected: boolean; status: number; code?: string }

function judge(o: Outcome): 'ok' | 'unexpected_allow' | 'unexpected_deny' | 'wrong_refusal' {
  const allowed = o.status >= 200 && o.status < 300
  if (o.expected && !allowed) return 'unexpected_deny'
  if (!o.expected && allowed) return 'unexpected_allow'
  // A refusal must be the right one: 401 for nobody signed in, 403 (with a reason code) for a signed-in user.
  if (!o.expected && o.status !== (o.who === 'anonymous' ? 401 : 403)) return 'wrong_refusal'
  return 'ok'
}

describe('the role × action × scope matrix over the real API', () => {
  it('has no unexpected allow and no unexpected deny', async () => {
    await srv.send('POST', '/api/users', { username: 'matrix-target', displayName: '目标', role: 'analyst' })
    await srv.send('POST', '/api/facilities', { name: '矩阵目标设施', type: 'fitness', lon: 117.26, lat: 31.86 })
    const outcomes: Outcome[] = []
    for (const who of WHO) {
      const c = clients.get(who)!
      for (const [action, rule] of Object.entries(COMMUNITY_WRITES)) {
        for (const place of PLACES) {
          const r = await communityWrite(action, c, communityAt.get(place)!.id)
          outcomes.push({ who, action, place, expected: rule(who, place), status: r.status, code: r.body?.error?.code })
        }
      }
      for (const [action, rule] of Object.entries(USER_WRITES)) {
        const r = await userWrite(action, c)
        outcomes.push({ who, action, expected: rule(who), status: r.status, code: r.body?.error?.code })
      }
      for (const [action, rule] of Object.entries(FACILITY_WRITES)) {
        const r = await facilityWrite(action, c)
        outcomes.push({ who, action, expected: rule(who), status: r.status, code: r.body?.error?.code })
      }
      for (const [action, rule] of Object.entries(READS)) {
        const r = await read(action, c)
        outcomes.push({ who, action, expected: rule(who), status: r.status, code: r.body?.error?.code })
      }
    }
    const verdicts = outcomes.map((o) => ({ ...o, verdict: judge(o) }))
    const bad = verdicts.filter((v) => v.verdict !== 'ok')
    const count = (v: string) => verdicts.filter((x) => x.verdict === v).length
    console.log(
      `[matrix] ${outcomes.length} cases: ${outcomes.filter((o) => o.expected).length} expected allows, ` +
        `${outcomes.filter((o) => !o.expected).length} expected denies; unexpected allows ${count('unexpected_allow')}, ` +
        `unexpected denies ${count('unexpected_deny')}, wrong refusal status ${count('wrong_refusal')}`,
    )
    expect(bad, JSON.stringify(bad, null, 1)).toEqual([])
    expect(outcomes.length).toBe(WHO.length * (Object.keys(COMMUNITY_WRITES).length * PLACES.length + Object.keys(USER_WRITES).length + Object.keys(FACILITY_WRITES).length + Object.keys(READS).length))
  })

  it('refuses out-of-scope writes with forbidden_scope and role refusals with forbidden', async () => {
    const other = communityAt.get('other_district')!.id
    const street = clients.get('street')!
    const r = await street.send('POST', `/api/communities/${other}/progress`, { stage: 'construction', progressPct: 10, reportDate: '2026-11-20' })
    expect(r.status).toBe(403)
    expect(r.body.error.code).toBe('forbidden_scope')
    expect(r.body.error.details.scope).toEqual({ districtId: street1.districtId, streetId: street1.id })
    const leader = clients.get('leader')!
    const own = communityAt.get('own_street')!.id
    const l = await leader.send('POST', `/api/communities/${own}/progress`, { stage: 'construction', progressPct: 10, reportDate: '2026-11-20' })
    expect(l.status).toBe(403)
    expect(l.body.error.code).toBe('forbidden')
  })

  it('never lets district or street staff change geometry, budget or attributes, even in their own street', async () => {
    const own = communityAt.get('own_street')!.id
    for (const who of ['district', 'street'] as const) {
      const before = (await srv.json(`/api/communities/${own}`)).body
      for (const patch of [{ investmentSpentWan: 1 }, { geometry: before.geometry }, { households: 1 }]) {
        const r = await clients.get(who)!.send('PATCH', `/api/communities/${own}`, { ...patch, version: before.version })
        expect(r.status).toBe(403)
      }
      expect((await srv.json(`/api/communities/${own}`)).body.version).toBe(before.version)
    }
  })

  it('shows district and street staff only the audit rows of their own area', async () => {
    for (const who of ['district', 'street'] as const) {
      const rows = (await clients.get(who)!.json('/api/audit?limit=1000')).body.rows as any[]
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) {
        if (who === 'street') expect(row.streetId).toBe(street1.id)
        else expect(row.districtId).toBe(street1.districtId)
      }
    }
    const all = (await srv.json('/api/audit?limit=1000')).body.rows as any[]
    expect(all.some((r) => r.districtId !== street1.districtId)).toBe(true)
  })
})
