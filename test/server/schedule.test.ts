import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanYearConfig, RawReport, ScheduleResponse, ScheduleSummaryResponse } from '../../core/contracts/schedule.js'
import { notifyEvent } from '../../server/services/events.js'
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

// ---- an independent recomputation of docs/schedule-status.md from the raw reports and the planned dates ----

const ORDER = ['survey', 'district_plan', 'city_approval', 'design', 'preparation', 'construction', 'self_acceptance', 'city_acceptance', 'handover']
const COMPLETION = 7 // city_acceptance
const CONSTRUCTION = 5
const GAP = 25
const days = (a: string, b: string) => (Date.parse(a) - Date.parse(b)) / 86_400_000

interface Plan {
  start: (string | null)[]
  end: (string | null)[]
}

function recompute(plan: Plan, all: RawReport[], asOf: string) {
  const seen = all.filter((r) => r.reportDate <= asOf).sort((a, b) => a.reportDate.localeCompare(b.reportDate) || a.id - b.id)
  const last = seen.at(-1)
  const s = last ? ORDER.indexOf(last.stage) : 0
  const p = last ? last.progressPct : 0
  const finished = (k: number, pct: number) => k > COMPLETION || (k === COMPLETION && pct >= 100)
  const started = s > CONSTRUCTION || (s === CONSTRUCTION && p > 0)
  const completed = s > CONSTRUCTION || (s === CONSTRUCTION && p >= 100)
  if (finished(s, p)) {
    const on = seen.filter((r) => finished(ORDER.indexOf(r.stage), r.progressPct))[0].reportDate
    const end = plan.end[COMPLETION]
    return { stage: ORDER[s], progressPct: p, status: 'done', daysLate: end ? Math.max(0, days(on, end)) : 0, started, completed, completedOn: on }
  }
  const f = p >= 100 ? s + 1 : s
  let d = -1
  for (let j = f; j <= COMPLETION && d < 0; j++) if (plan.end[j]) d = j
  const deadline = d >= 0 ? plan.end[d]! : null
  const late = deadline ? Math.max(0, days(asOf, deadline)) : 0
  let status = 'on_track'
  if (late > 0) status = 'late'
  else {
    const st = plan.start[f]
    const en = plan.end[f]
    const expected = d === f && st && en ? Math.min(100, Math.max(0, (100 * (days(asOf, st) + 1)) / (days(en, st) + 1))) : null
    if (expected !== null && expected - (f === s ? p : 0) >= GAP) status = 'at_risk'
    else if (s === 0 && p === 0) status = 'not_started'
  }
  return { stage: ORDER[s], progressPct: p, status, daysLate: late, started, completed, completedOn: null }
}

async function loadRaw() {
  const plans = new Map<number, Plan>()
  const rows = await tdb.db.query<{ id: number; stage: string; ps: string | null; pe: string | null }>(
    `SELECT r.community_id AS id, r.stage, r.planned_start AS ps, r.planned_end AS pe
     FROM stage_records r JOIN communities c ON c.id = r.community_id WHERE c.plan_year = $1`,
    [year],
  )
  for (const r of rows) {
    const plan = plans.get(r.id) ?? { start: new Array(9).fill(null), end: new Array(9).fill(null) }
    plan.start[ORDER.indexOf(r.stage)] = r.ps
    plan.end[ORDER.indexOf(r.stage)] = r.pe
    plans.set(r.id, plan)
  }
  const programme = (await tdb.db.query<{ id: number }>('SELECT id FROM communities WHERE plan_year = $1 ORDER BY id', [year])).map((r) => r.id)
  const raw = await planner.json<{ reports: RawReport[]; truncated: boolean }>('/api/progress/reports?limit=200000')
  expect(raw.status).toBe(200)
  expect(raw.body.truncated).toBe(false)
  const byCommunity = new Map<number, RawReport[]>()
  for (const r of raw.body.reports) byCommunity.set(r.communityId, [...(byCommunity.get(r.communityId) ?? []), r])
  return { plans, programme, byCommunity, reports: raw.body.reports }
}

const schedule = async (q: string) => {
  const r = await planner.json<ScheduleResponse>(`/api/schedule${q}`)
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body
}
const summary = async (q: string) => {
  const r = await planner.json<ScheduleSummaryResponse>(`/api/schedule/summary${q}`)
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body
}

describe('GET /api/schedule', () => {
  it('agrees with an independent recomputation from the raw reports for every week of the demo year', async () => {
    const raw = await loadRaw()
    const head = await summary('')
    expect(head.weeks.length).toBeGreaterThanOrEqual(40)
    expect(head.weeks.at(-1)).toBe(head.today)
    let compared = 0
    const seenStatuses = new Set<string>()
    for (const week of head.weeks) {
      const s = await schedule(`?asOf=${week}`)
      expect(s.asOf).toBe(week)
      expect(s.rows.map((r) => r.communityId)).toEqual(raw.programme)
      for (const row of s.rows) {
        const want = recompute(raw.plans.get(row.communityId)!, raw.byCommunity.get(row.communityId) ?? [], week)
        expect({ ...row, id: row.communityId }).toMatchObject({ id: row.communityId, ...want })
        seenStatuses.add(row.status)
        compared++
      }
    }
    expect(compared).toBe(head.weeks.length * raw.programme.length)
    // The demo year goes through every status somewhere, so each branch of the rule was compared.
    expect([...seenStatuses].sort()).toEqual(['at_risk', 'done', 'late', 'not_started', 'on_track'])
  })

  it('the late list, status counts, KPIs and funnel of the summary agree with the rows', async () => {
    const raw = await loadRaw()
    const head = await summary('')
    for (const week of [head.weeks[8], head.weeks[30], head.today]) {
      const [s, sum] = [await schedule(`?asOf=${week}`), await summary(`?asOf=${week}`)]
      const late = s.rows.filter((r) => r.status === 'late')
      expect(sum.late.map((r) => r.communityId).sort((a, b) => a - b)).toEqual(late.map((r) => r.communityId).sort((a, b) => a - b))
      for (let k = 1; k < sum.late.length; k++) expect(sum.late[k - 1].daysLate).toBeGreaterThanOrEqual(sum.late[k].daysLate)
      for (const l of sum.late) expect(l.daysLate).toBe(late.find((r) => r.communityId === l.communityId)!.daysLate)
      const counts: Record<string, number> = { not_started: 0, on_track: 0, at_risk: 0, late: 0, done: 0 }
      for (const r of s.rows) counts[r.status]++
      expect(sum.statusCounts).toEqual(counts)
      expect(sum.kpis.communities).toBe(raw.programme.length)
      expect(sum.kpis.started.value).toBe(s.rows.filter((r) => r.started).length)
      expect(sum.kpis.completed.value).toBe(s.rows.filter((r) => r.completed).length)
      const hh = await tdb.db.query<{ id: number; households: number }>('SELECT id, households FROM communities WHERE plan_year = $1', [year])
      const households = new Map(hh.map((r) => [r.id, r.households]))
      expect(sum.kpis.households.value).toBe(s.rows.filter((r) => r.completed).reduce((n, r) => n + households.get(r.communityId)!, 0))
      expect(sum.kpis.households.target).toBe(hh.reduce((n, r) => n + r.households, 0))
      expect(sum.funnel[0].reached).toBe(raw.programme.length)
      expect(sum.funnel.reduce((n, f) => n + f.current, 0)).toBe(raw.programme.length)
      // Districts add up to the city, and the trend's point for this week is the same count.
      const byDistrict = sum.districts.reduce((n, d) => n + d.byStatus.late, 0)
      expect(byDistrict).toBe(counts.late)
      expect(sum.trend.at(-1)).toMatchObject({ week: sum.weeks.filter((w) => w <= week).at(-1), byStatus: week === sum.trend.at(-1)!.week ? counts : expect.anything() })
      expect(sum.districts.map((d) => d.rank)).toEqual(sum.districts.map((_, k) => k + 1))
    }
  })

  it('scopes by district, street and 片区 give the same rows as the city, filtered', async () => {
    const city = await schedule('')
    const someone = city.rows[0]
    const [c] = await tdb.db.query<{ districtId: number; streetId: number }>('SELECT district_id AS "districtId", street_id AS "streetId" FROM communities WHERE id = $1', [someone.communityId])
    const inDistrict = await tdb.db.query<{ id: number }>('SELECT id FROM communities WHERE plan_year = $1 AND district_id = $2 ORDER BY id', [year, c.districtId])
    const d = await schedule(`?districtId=${c.districtId}`)
    expect(d.rows.map((r) => r.communityId)).toEqual(inDistrict.map((r) => r.id))
    for (const r of d.rows) expect(r).toEqual(city.rows.find((x) => x.communityId === r.communityId))
    const st = await schedule(`?streetId=${c.streetId}`)
    expect(st.rows.length).toBeGreaterThan(0)
    expect(st.rows.length).toBeLessThanOrEqual(d.rows.length)
    const sumD = await summary(`?districtId=${c.districtId}`)
    expect(sumD.kpis.communities).toBe(d.rows.length)
    expect(sumD.districts.length).toBeGreaterThan(1) // the ranking still shows every district
    expect((await planner.json('/api/schedule?asOf=2026-02-30')).status).toBe(400)
    expect((await planner.json('/api/schedule?bogus=1')).status).toBe(400)
  })

  it('the state as of week N is the reports up to week N: a later report changes today, never week N', async () => {
    const head = await summary('')
    const weekN = head.weeks[20]
    const before = await schedule(`?asOf=${weekN}`)
    const beforeToday = await schedule('')
    const target = beforeToday.rows.find((r) => r.status === 'late')!
    const posted = await planner.send('POST', `/api/communities/${target.communityId}/progress`, {
      stage: 'handover',
      progressPct: 0,
      reportDate: head.today,
      note: '测试：补报综合验收通过',
    })
    expect(posted.status).toBe(201)
    expect(await schedule(`?asOf=${weekN}`)).toEqual(before)
    const after = await schedule('')
    expect(after.rows.find((r) => r.communityId === target.communityId)).toMatchObject({ status: 'done', stage: 'handover', completedOn: head.today })
    // A back-dated report (dated week N) changes week N and every week after it — the history is what was reported.
    const other = before.rows.find((r) => r.status === 'on_track' && r.communityId !== target.communityId)!
    const back = await planner.send('POST', `/api/communities/${other.communityId}/progress`, { stage: other.stage, progressPct: 0, reportDate: weekN, note: '测试：更正' })
    expect(back.status).toBe(201)
    const corrected = (await schedule(`?asOf=${weekN}`)).rows.find((r) => r.communityId === other.communityId)!
    expect(corrected).toMatchObject({ progressPct: 0, reportDate: weekN })
    const raw = await loadRaw()
    expect(corrected).toMatchObject(recompute(raw.plans.get(other.communityId)!, raw.byCommunity.get(other.communityId)!, weekN))
  })

  it('the history is never overwritten: the database refuses an UPDATE of a report', async () => {
    await expect(tdb.db.query("UPDATE progress_reports SET progress_pct = 1 WHERE id = (SELECT min(id) FROM progress_reports)")).rejects.toThrow(/never updated/)
  })

  it('another API process over the same database sees a report at once (caches keyed by data versions)', async () => {
    const second = await startTestServer(tdb.db)
    try {
      const p2 = await second.login('planner')
      const row = (await schedule('')).rows.find((r) => r.status === 'on_track' && r.stage === 'construction' && r.progressPct < 90)!
      await p2.json('/api/schedule') // warm the second process's cache
      const r = await planner.send('POST', `/api/communities/${row.communityId}/progress`, { stage: 'construction', progressPct: row.progressPct + 10, reportDate: (await schedule('')).today, note: '' })
      expect(r.status).toBe(201)
      const seen = (await p2.json<ScheduleResponse>('/api/schedule')).body.rows.find((x) => x.communityId === row.communityId)!
      expect(seen.progressPct).toBe(row.progressPct + 10)
    } finally {
      await second.close()
    }
  })
})

describe('GET /api/progress/reports', () => {
  it('returns the raw history oldest first, filtered and limited', async () => {
    const [{ n }] = await tdb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM progress_reports')
    const all = await planner.json<{ reports: RawReport[]; truncated: boolean }>('/api/progress/reports?limit=200000')
    expect(all.body.reports).toHaveLength(n)
    for (let k = 1; k < all.body.reports.length; k++) {
      const [a, b] = [all.body.reports[k - 1], all.body.reports[k]]
      expect(a.reportDate < b.reportDate || (a.reportDate === b.reportDate && a.id < b.id)).toBe(true)
    }
    const some = await planner.json<{ reports: RawReport[]; truncated: boolean }>('/api/progress/reports?limit=10&from=2026-03-01&to=2026-03-31')
    expect(some.body).toMatchObject({ truncated: true })
    expect(some.body.reports).toHaveLength(10)
    for (const r of some.body.reports) expect(r.reportDate >= '2026-03-01' && r.reportDate <= '2026-03-31').toBe(true)
    expect((await srv.anon.json('/api/progress/reports')).status).toBe(401)
  })
})

describe('plan-year settings', () => {
  it('defaults, a versioned audited update that the summary uses, a stale write refused, roles enforced', async () => {
    const first = await planner.json<PlanYearConfig>(`/api/plan-years/${year}`)
    expect(first.body).toMatchObject({ year, version: 0, rules: { completionStage: 'city_acceptance', atRiskGapPct: 25 } })
    expect(first.body.milestones.map((m) => m.id)).toEqual(['tender', 'pipelines', 'self_acceptance', 'city_acceptance'])
    const body = {
      version: 0,
      milestones: [...first.body.milestones, { id: 'handover', name: { zh: '移交长效管理', en: 'Handover' }, date: `${year}-12-31`, stage: 'handover', pct: 0 }],
      targets: { completed: 250 },
      atRiskGapPct: 10,
    }
    const analyst = await srv.login('analyst')
    expect((await analyst.send('PUT', `/api/plan-years/${year}`, body)).status).toBe(403)
    const put = await planner.send<PlanYearConfig>('PUT', `/api/plan-years/${year}`, body)
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ version: 1, targets: { completed: 250 }, rules: { atRiskGapPct: 10 } })
    const stale = await planner.send('PUT', `/api/plan-years/${year}`, body)
    expect(stale.status).toBe(409)
    expect(JSON.stringify(stale.body)).toContain('李规划')
    const sum = await summary('')
    expect(sum.kpis.completed.target).toBe(250)
    expect(sum.milestones.map((m) => m.id)).toContain('handover')
    // A lower at-risk threshold can only move communities from on track / not started to at risk.
    const tight = await schedule('?asOf=' + sum.weeks[20])
    expect(tight.rules.atRiskGapPct).toBe(10)
    const [audit] = await tdb.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'plan_year.update' AND entity_id = $1", [String(year)])
    expect(audit.n).toBe(1)
    const bad = await planner.send('PUT', `/api/plan-years/${year}`, { ...body, version: 1, milestones: [{ ...body.milestones[0], stage: 'nope' }] })
    expect(bad.status).toBe(400)
    // Put the defaults back for the other tests.
    const reset = await planner.send('PUT', `/api/plan-years/${year}`, { version: 1, milestones: first.body.milestones, targets: {}, atRiskGapPct: 25 })
    expect(reset.status).toBe(200)
  })
})

describe('server push', () => {
  /** Opens the event stream and collects parsed events until closed. */
  async function openStream(client: TestClient) {
    const ctrl = new AbortController()
    const res = await client.get('/api/events', { signal: ctrl.signal })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const events: { event: string; data: any }[] = []
    const waiters: (() => void)[] = []
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let buf = ''
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buf += decoder.decode(value, { stream: true })
          let k: number
          while ((k = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, k)
            buf = buf.slice(k + 2)
            const event = /^event: (.+)$/m.exec(block)?.[1]
            const data = /^data: (.+)$/m.exec(block)?.[1]
            if (event) events.push({ event, data: data ? JSON.parse(data) : null })
            waiters.splice(0).forEach((w) => w())
          }
        }
      } catch {
        // aborted
      }
    })()
    const waitFor = async (pred: (e: { event: string; data: any }) => boolean, ms = 8000) => {
      const until = Date.now() + ms
      for (;;) {
        const hit = events.find(pred)
        if (hit) return hit
        if (Date.now() > until) throw new Error(`no matching event in ${ms} ms; got ${JSON.stringify(events)}`)
        await new Promise<void>((r) => {
          waiters.push(r)
          setTimeout(r, 200)
        })
      }
    }
    return { events, waitFor, close: () => ctrl.abort() }
  }

  it('a committed progress report reaches every open stream; a rolled-back write sends nothing', async () => {
    const leader = await srv.login('leader')
    const a = await openStream(leader)
    const b = await openStream(await srv.login('district'))
    try {
      await a.waitFor((e) => e.event === 'ready')
      await b.waitFor((e) => e.event === 'ready')
      await expect(
        tdb.db.transaction(async (tx) => {
          await notifyEvent(tx, { type: 'progress', communityIds: [-1], reports: 1, by: 'rolled back', at: new Date().toISOString() })
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      const row = (await schedule('')).rows.find((r) => r.stage === 'design')!
      const t0 = Date.now()
      const r = await planner.send('POST', `/api/communities/${row.communityId}/progress`, { stage: 'design', progressPct: Math.min(100, row.progressPct + 5), reportDate: (await schedule('')).today, note: '' })
      expect(r.status).toBe(201)
      const got = await a.waitFor((e) => e.event === 'progress')
      expect(got.data).toMatchObject({ type: 'progress', communityIds: [row.communityId], reports: 1, by: expect.stringContaining('李规划') })
      await b.waitFor((e) => e.event === 'progress' && e.data.communityIds?.[0] === row.communityId)
      expect(Date.now() - t0).toBeLessThan(5000)
      expect(a.events.some((e) => e.data?.by === 'rolled back')).toBe(false)
      expect((await srv.anon.json('/api/events')).status).toBe(401)
    } finally {
      a.close()
      b.close()
    }
  })
})

