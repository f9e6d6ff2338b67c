import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScheduleSummaryResponse } from '../../core/contracts/schedule.js'
import { STAGES } from '../../core/domain/stages.js'
import { SCHEDULE_STATUSES } from '../../core/schedule/status.js'
import { STAGE_LABELS, STATUS_LABELS } from '../../server/services/schedule-labels.js'
import { loadWorkbook } from '../helpers/progress-xlsx.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-db.js'
import { startTestServer, type TestServer } from '../helpers/test-server.js'

let tdb: TestDatabase
let srv: TestServer
const HOSTILE = '=HYPERLINK("http://example.invalid/steal","点击查看")'
let renamedId: number

beforeAll(async () => {
  tdb = await openTestDatabase()
  srv = await startTestServer(tdb.db)
  // A late community whose name a spreadsheet would run as a formula if it were written as one.
  const late = (await srv.json<ScheduleSummaryResponse>('/api/schedule/summary')).body.late
  expect(late.length).toBeGreaterThan(0)
  renamedId = late[0].communityId
  await tdb.db.query('UPDATE communities SET name = $2 WHERE id = $1', [renamedId, HOSTILE])
  await tdb.db.query("UPDATE layer_versions SET version = version + 1 WHERE layer = 'communities'")
})
afterAll(async () => {
  await srv?.close()
  await tdb?.close()
})

async function weekly(query = '') {
  const res = await srv.get(`/api/reports/weekly.xlsx${query}`)
  expect(res.status).toBe(200)
  return { res, wb: await loadWorkbook(Buffer.from(await res.arrayBuffer())) }
}

/** Rows as arrays of values (1-based sheet rows → 0-based arrays without the empty first slot). */
function rowsOf(ws: ExcelJS.Worksheet): { n: number; v: ExcelJS.CellValue[] }[] {
  const out: { n: number; v: ExcelJS.CellValue[] }[] = []
  ws.eachRow((row, n) => out.push({ n, v: (row.values as ExcelJS.CellValue[]).slice(1) }))
  return out
}
const rowLabelled = (ws: ExcelJS.Worksheet, label: string) => {
  const r = rowsOf(ws).find((x) => x.v[0] === label)
  if (!r) throw new Error(`no row "${label}" in ${ws.name}`)
  return r.v
}
const isoOf = (v: ExcelJS.CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)

describe('the weekly report workbook', () => {
  it('carries the same numbers as the schedule summary', async () => {
    const summary = (await srv.json<ScheduleSummaryResponse>('/api/schedule/summary')).body
    const { res, wb } = await weekly()
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(decodeURIComponent((res.headers.get('content-disposition') ?? '').split("UTF-8''")[1])).toBe(`老旧小区改造周报-${summary.planYear}-${summary.asOf}.xlsx`)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '分区统计', '滞后清单'])

    const [overview, byDistrict, lateSheet] = wb.worksheets
    expect(String(overview.getCell('A1').value)).toContain(String(summary.planYear))
    expect(isoOf(rowLabelled(overview, '统计截至')[1])).toBe(summary.asOf)
    const k = summary.kpis
    expect(rowLabelled(overview, '纳入计划小区（个）')[1]).toBe(k.communities)
    expect(rowLabelled(overview, '已开工（个）').slice(1, 3)).toEqual([k.started.value, k.started.target])
    expect(rowLabelled(overview, '已完工（个）').slice(1, 3)).toEqual([k.completed.value, k.completed.target])
    expect(rowLabelled(overview, '完工惠及户数（户）').slice(1, 3)).toEqual([k.households.value, k.households.target])
    const floor = rowLabelled(overview, '完工建筑面积（m²）')
    expect(floor[1]).toBeCloseTo(k.floorAreaM2.value, 1)
    expect(floor[2]).toBeCloseTo(k.floorAreaM2.target, 1)
    expect(rowLabelled(overview, '计划投资（万元）')[1]).toBeCloseTo(k.investment.planned, 1)
    expect(rowLabelled(overview, '已完成投资（万元）')[1]).toBeCloseTo(k.investment.spent, 1)
    for (const st of SCHEDULE_STATUSES) expect(rowLabelled(overview, STATUS_LABELS.zh[st])[1]).toBe(summary.statusCounts[st])
    for (const m of summary.milestones) {
      const row = rowLabelled(overview, m.name.zh)
      expect([isoOf(row[1]), row[4], row[5], row[7]]).toEqual([m.date, m.met, m.total, m.daysLeft])
    }

    // Stage × district: each district's row adds up to its programme; the total row to the whole programme.
    const all = rowsOf(byDistrict)
    const header = all.find((r) => r.v[0] === '区')!.v
    expect(header.slice(1, 10)).toEqual(STAGES.map((s) => STAGE_LABELS.zh[s]))
    for (const d of summary.districts) {
      const row = all.find((r) => r.v[0] === d.name && typeof r.v[1] === 'number')!.v
      const counts = row.slice(1, 10) as number[]
      expect(counts.reduce((a, b) => a + b, 0)).toBe(d.communities)
      expect(row[10]).toBe(d.communities)
    }
    const total = all.find((r) => r.v[0] === '合计')!.v
    expect(total[10]).toBe(k.communities)
    expect(total.slice(1, 10)).toEqual(STAGES.map((s) => summary.funnel.find((f) => f.stage === s)!.current))
    // The ranking: rank, name, size and late count as the summary has them.
    const rankHeader = all.find((r) => r.v[0] === '排名')!
    const ranked = all.filter((r) => r.n > rankHeader.n).map((r) => r.v)
    expect(ranked.map((r) => [r[0], r[1], r[2], r[3 + SCHEDULE_STATUSES.indexOf('late')]])).toEqual(
      [...summary.districts].sort((a, b) => a.rank! - b.rank!).map((d) => [d.rank, d.name, d.communities, d.byStatus.late]),
    )

    // The late list: one row per late community, most days late first.
    const late = rowsOf(lateSheet).slice(1)
    expect(late.length).toBe(summary.late.length)
    expect(late.map((r) => [r.v[3], r.v[6], isoOf(r.v[7])])).toEqual(summary.late.map((l) => [l.name, l.daysLate, l.deadline]))
  })

  it('writes a name that looks like a formula as text, and no formula anywhere', async () => {
    const { wb } = await weekly()
    const lateSheet = wb.worksheets[2]
    let cell: ExcelJS.Cell | null = null
    lateSheet.eachRow((row) => row.eachCell((c) => c.value === HOSTILE && (cell = c)))
    expect(cell).not.toBeNull()
    expect(cell!.type).toBe(ExcelJS.ValueType.String)
    expect(cell!.formula).toBeUndefined()
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)))
  })

  it('follows asOf and lang, and agrees with the summary for that date', async () => {
    const asOf = '2026-09-07'
    const summary = (await srv.json<ScheduleSummaryResponse>(`/api/schedule/summary?asOf=${asOf}`)).body
    const { wb } = await weekly(`?asOf=${asOf}&lang=en`)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'By district', 'Late list'])
    expect(isoOf(rowLabelled(wb.worksheets[0], 'As of')[1])).toBe(asOf)
    expect(rowLabelled(wb.worksheets[0], 'Works started')[1]).toBe(summary.kpis.started.value)
    expect(rowLabelled(wb.worksheets[0], 'Late')[1]).toBe(summary.statusCounts.late)
    expect(rowsOf(wb.worksheets[2]).length - 1).toBe(Math.max(summary.late.length, 1))
  })

  it('can be exported by every signed-in role but not anonymously', async () => {
    const leader = await srv.login('leader')
    expect((await leader.get('/api/reports/weekly.xlsx')).status).toBe(200)
    expect((await srv.anon.json('/api/reports/weekly.xlsx')).status).toBe(401)
    expect((await srv.json('/api/reports/weekly.xlsx?lang=fr')).status).toBe(400)
  })
})
