import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BulkReport } from '../../core/contracts/schedule.js'
import { BULK_LIMITS } from '../../server/services/progress-bulk.js'
import { STAGE_LABELS } from '../../server/services/schedule-labels.js'
import { checkXlsxZip, readXlsxInWorker } from '../../server/services/xlsx-upload.js'
import { editFirstSheet, loadWorkbook, rowOfCommunity, sheetObjects, uploadProgress, workbookOf, zipOf } from '../helpers/progress-xlsx.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-db.js'
import { startTestServer, type TestClient, type TestServer } from '../helpers/test-server.js'

let tdb: TestDatabase
let srv: TestServer
let district: TestClient
let street: TestClient
let leader: TestClient
let planYear: number
/** The demo's frozen today: every programme community has a report on this date. */
let today: string

interface ProgrammeRow {
  id: number
  code: string
  districtId: number
  streetId: number
  stage: string
  progressPct: number
}
const programme = (where = 'true', params: unknown[] = []) =>
  tdb.db.query<ProgrammeRow>(
    `SELECT id, code, district_id AS "districtId", street_id AS "streetId", stage, progress_pct AS "progressPct"
     FROM communities WHERE plan_year = ${planYear} AND ${where} ORDER BY id`,
    params,
  )
const countReports = async () => (await tdb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM progress_reports'))[0].n
const progressVersion = async () => (await tdb.db.query<{ v: number }>("SELECT version::int AS v FROM layer_versions WHERE layer = 'progress'"))[0].v

async function template(client: TestClient, query = '') {
  const res = await client.get(`/api/progress/template${query}`)
  expect(res.status).toBe(200)
  return { res, file: Buffer.from(await res.arrayBuffer()) }
}

beforeAll(async () => {
  tdb = await openTestDatabase()
  srv = await startTestServer(tdb.db)
  ;[district, street, leader] = await Promise.all([srv.login('district'), srv.login('street'), srv.login('leader')])
  const meta = (await srv.json('/api/meta')).body
  planYear = meta.planYear
  today = (await srv.json('/api/schedule/summary')).body.today
})
afterAll(async () => {
  await srv?.close()
  await tdb?.close()
})

describe('the progress template', () => {
  it("gives district staff exactly their district's programme communities, pre-filled with current values", async () => {
    const { res, file } = await template(district)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const disposition = res.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^attachment; filename="progress-template-[\d-]+\.xlsx"; filename\*=UTF-8''/)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(/^进度填报模板-.+-\d{4}-\d{2}-\d{2}\.xlsx$/)

    const wb = await loadWorkbook(file)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['进度填报', '说明'])
    const ws = wb.worksheets[0]
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const rows = sheetObjects(ws)
    const expected = await programme('district_id = 1')
    expect(rows.map((r) => r['小区编号']).sort((a, b) => Number(a) - Number(b))).toEqual(expected.map((c) => c.id))
    const byId = new Map(expected.map((c) => [c.id, c]))
    for (const r of rows) {
      const c = byId.get(r['小区编号'] as number)!
      expect(r['小区代码']).toBe(c.code)
      expect(r['当前阶段']).toBe(STAGE_LABELS.zh[c.stage as keyof typeof STAGE_LABELS.zh])
      expect(r['本周阶段']).toBe(r['当前阶段'])
      expect(r['当前进度%']).toBe(c.progressPct)
      expect(r['本周进度%']).toBe(c.progressPct)
      expect((r['填报日期'] as Date).toISOString().slice(0, 10)).toBe(today)
      expect((r['上次填报日期'] as Date).toISOString().slice(0, 10)).toBe(today)
    }
    // The stage column offers the nine stages; progress is limited to whole numbers 0–100.
    expect(ws.getCell('I2').dataValidation).toMatchObject({ type: 'list' })
    expect(ws.getCell('I2').dataValidation.formulae[0]).toContain(STAGE_LABELS.zh.construction)
    expect(ws.getCell('J2').dataValidation).toMatchObject({ type: 'whole', formulae: [0, 100] })
    expect(ws.getCell('A2').fill).toMatchObject({ type: 'pattern' })
  })

  it("gives street staff their street's communities only, and English headers on request", async () => {
    const { file } = await template(street, '?lang=en')
    const wb = await loadWorkbook(file)
    expect(wb.worksheets[1].name).toBe('Instructions')
    const rows = sheetObjects(wb.worksheets[0])
    const expected = await programme('street_id = 1')
    expect(expected.length).toBeGreaterThan(0)
    expect(rows.map((r) => r['Community ID']).sort((a, b) => Number(a) - Number(b))).toEqual(expected.map((c) => c.id))
    expect(rows[0]['Stage this week']).toBe(STAGE_LABELS.en[expected.find((c) => c.id === rows[0]['Community ID'])!.stage as 'survey'])
  })

  it('gives planners the whole programme, or one district when asked; scoped staff cannot ask for another district', async () => {
    const planner = await srv.login('planner')
    const all = sheetObjects((await loadWorkbook((await template(planner)).file)).worksheets[0])
    expect(all.length).toBe((await programme()).length)
    const two = sheetObjects((await loadWorkbook((await template(planner, '?districtId=2&reportDate=2026-11-09')).file)).worksheets[0])
    expect(two.map((r) => r['小区编号']).sort((a, b) => Number(a) - Number(b))).toEqual((await programme('district_id = 2')).map((c) => c.id))
    expect((two[0]['填报日期'] as Date).toISOString().slice(0, 10)).toBe('2026-11-09')
    expect((await district.json('/api/progress/template?districtId=2')).status).toBe(403)
    expect((await street.json('/api/progress/template?districtId=2')).status).toBe(403)
    const ownDistrict = sheetObjects((await loadWorkbook((await template(street, '?districtId=1')).file)).worksheets[0])
    expect(ownDistrict.length).toBe((await programme('street_id = 1')).length)
    expect((await planner.json('/api/progress/template?districtId=999')).status).toBe(400)
    expect((await planner.json('/api/progress/template?reportDate=2099-01-01')).status).toBe(400)
  })

  it('is refused to a leader, who cannot report progress', async () => {
    const r = await leader.json('/api/progress/template')
    expect(r.status).toBe(403)
    expect(r.body.error.code).toBe('forbidden')
  })
})

describe('uploading a filled template', () => {
  it('reports rows left as they were as unchanged, and validating writes nothing', async () => {
    const { file } = await template(district)
    const before = await countReports()
    const r = await uploadProgress(district, file, 'validate')
    expect(r.status).toBe(200)
    const report: BulkReport = r.body
    expect(report.fileErrors).toEqual([])
    expect(report.sheetRows).toBe((await programme('district_id = 1')).length)
    expect(report.unchanged).toBe(report.sheetRows)
    expect(report.toApply).toBe(0)
    expect(await countReports()).toBe(before)
  })

  it('applies edited rows in one go: reports, community stage and progress, audit rows and the progress version all move', async () => {
    const rows = (await programme('district_id = 1')).filter((c) => c.stage === 'construction' && c.progressPct <= 80).slice(0, 3)
    expect(rows.length).toBe(3)
    const { file } = await template(district)
    const edited = await editFirstSheet(file, (ws, col) => {
      for (const c of rows) {
        const row = rowOfCommunity(ws, c.id)
        row.getCell(col('本周进度%')).value = c.progressPct + 10
        row.getCell(col('备注')).value = '本周完成外墙保温'
      }
      // One more community moves on to the next stage.
      rowOfCommunity(ws, rows[0].id).getCell(col('本周阶段')).value = STAGE_LABELS.zh.self_acceptance
      rowOfCommunity(ws, rows[0].id).getCell(col('本周进度%')).value = 5
    })
    const validated: BulkReport = (await uploadProgress(district, edited, 'validate')).body
    expect(validated.toApply).toBe(3)
    expect(validated.errors).toBe(0)
    const toApply = validated.rows.filter((r) => r.outcome === 'apply')
    expect(toApply.map((r) => r.communityId).sort()).toEqual(rows.map((c) => c.id).sort())
    expect(toApply.find((r) => r.communityId === rows[0].id)).toMatchObject({ stage: 'self_acceptance', progressPct: 5, reportDate: today })

    const before = { reports: await countReports(), version: await progressVersion() }
    const auditBefore = (await tdb.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'progress.report'"))[0].n
    const applied = await uploadProgress(district, edited, 'apply')
    expect(applied.status).toBe(200)
    expect(applied.body.applied).toBe(3)
    expect(await countReports()).toBe(before.reports + 3)
    expect(await progressVersion()).toBeGreaterThan(before.version)
    const audits = await tdb.db.query<{ entityId: string; actorName: string }>(
      `SELECT entity_id AS "entityId", actor_name AS "actorName" FROM audit_log WHERE action = 'progress.report' ORDER BY id DESC LIMIT 3`,
    )
    expect((await tdb.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'progress.report'"))[0].n).toBe(auditBefore + 3)
    expect(audits.map((a) => Number(a.entityId)).sort()).toEqual(rows.map((c) => c.id).sort())

    const reports = (await srv.json(`/api/progress/reports?communityId=${rows[1].id}`)).body.reports
    expect(reports.at(-1)).toMatchObject({ stage: 'construction', progressPct: rows[1].progressPct + 10, reportDate: today, note: '本周完成外墙保温' })
    const c0 = (await srv.json(`/api/communities/${rows[0].id}`)).body
    expect(c0).toMatchObject({ stage: 'self_acceptance', progressPct: 5 })
    const schedule = (await srv.json(`/api/schedule?districtId=1`)).body.rows
    expect(schedule.find((r: any) => r.communityId === rows[1].id)).toMatchObject({ progressPct: rows[1].progressPct + 10 })

    // The same file again: everything matches the latest reports now, so nothing is appended.
    const again = await uploadProgress(district, edited, 'apply')
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ applied: 0, toApply: 0, unchanged: again.body.sheetRows })
    expect(await countReports()).toBe(before.reports + 3)
  })

  it('refuses the whole file when one row is wrong, and writes nothing', async () => {
    const own = (await programme('district_id = 1')).slice(0, 4)
    const other = (await programme('district_id = 2'))[0]
    const { file } = await template(district)
    const edited = await editFirstSheet(file, (ws, col) => {
      for (const c of own) rowOfCommunity(ws, c.id).getCell(col('填报日期')).value = new Date('2026-11-18T00:00:00Z')
      rowOfCommunity(ws, own[0].id).getCell(col('本周进度%')).value = 120
      rowOfCommunity(ws, own[1].id).getCell(col('本周阶段')).value = '开工了'
      rowOfCommunity(ws, own[2].id).getCell(col('填报日期')).value = new Date('2099-01-01T00:00:00Z')
      ws.addRow([999_999, null, 'Nowhere', null, null, null, null, null, '项目实施', 50, '2026-11-18'])
      ws.addRow([other.id, other.code, null, null, null, null, null, null, '项目实施', 50, '2026-11-18'])
      ws.addRow([own[3].id, own[3].code, null, null, null, null, null, null, '项目实施', 60, '2026-11-18'])
      ws.addRow([own[3].id + 0, 'WRONG-CODE', null, null, null, null, null, null, '项目实施', 60, '2026-11-18'])
      ws.addRow([own[3].id, null, null, null, null, null, null, null, '项目实施', 60, '2026-11-18', 'x'.repeat(2001)])
    })
    const before = await countReports()
    const versionBefore = await progressVersion()
    const r = await uploadProgress(district, edited, 'apply')
    expect(r.status).toBe(422)
    const report: BulkReport = r.body
    expect(report.applied).toBeUndefined()
    const codesOf = (id: number | null, row?: number) =>
      report.rows.filter((x) => x.communityId === id && (row === undefined || x.row === row)).flatMap((x) => x.errors.map((e) => e.code))
    expect(codesOf(own[0].id)).toContain('bad_pct')
    expect(codesOf(own[1].id)).toContain('bad_stage')
    expect(codesOf(own[2].id)).toContain('future_date')
    expect(codesOf(999_999)).toEqual(['unknown_community'])
    expect(codesOf(other.id)).toEqual(['out_of_scope'])
    const dupRows = report.rows.filter((x) => x.communityId === own[3].id)
    expect(dupRows.length).toBe(4)
    expect(dupRows[0].errors).toEqual([])
    expect(dupRows[1].errors.map((e) => e.code)).toEqual(['duplicate_row'])
    expect(dupRows[2].errors.map((e) => e.code)).toEqual(['unknown_community'])
    expect(dupRows[3].errors.map((e) => e.code)).toEqual(['duplicate_row', 'note_too_long'])
    expect(report.errors).toBe(report.rows.filter((x) => x.outcome === 'error').length)
    expect(report.errors).toBeGreaterThanOrEqual(7)
    expect(await countReports()).toBe(before)
    expect(await progressVersion()).toBe(versionBefore)
  })

  it('warns about a stage going back, progress going down and a date before the latest report, without blocking', async () => {
    const [a, b, c] = (await programme('district_id = 1')).filter((x) => x.stage === 'construction' && x.progressPct >= 20 && x.progressPct <= 90).slice(3, 6)
    const file = await workbookOf(
      ['本周进度%', '填报日期', '小区编号', '本周阶段'], // any order
      [
        [100, today, a.id, STAGE_LABELS.zh.design],
        [b.progressPct - 10, today, b.id, 'construction'],
        [c.progressPct + 5, '2026/11/10', c.id, 'Construction'],
      ],
    )
    const r = await uploadProgress(district, file, 'validate')
    expect(r.status).toBe(200)
    const report: BulkReport = r.body
    expect(report.errors).toBe(0)
    expect(report.toApply).toBe(3)
    expect(report.warnings).toBe(3)
    const warnings = (id: number) => report.rows.find((x) => x.communityId === id)!.warnings.map((w) => w.code)
    expect(warnings(a.id)).toContain('stage_regress')
    expect(warnings(b.id)).toEqual(['pct_regress'])
    expect(warnings(c.id)).toEqual(['before_last_report'])
  })

  it('reads English headers, stage names and codes; rows are identified by code when the id is missing', async () => {
    const [a, b] = (await programme('street_id = 1')).filter((x) => x.stage !== 'handover')
    const file = await workbookOf(
      ['Note', 'Report date', 'Progress this week %', 'Stage this week', 'Community code'],
      [
        ['checked on site', today, '55%', 'Design & review', a.code],
        [null, today, 40, 'preparation', b.code],
      ],
      'Progress',
    )
    const report: BulkReport = (await uploadProgress(street, file, 'validate')).body
    expect(report.fileErrors).toEqual([])
    expect(report.rows.map((r) => [r.communityId, r.stage, r.progressPct, r.errors])).toEqual([
      [a.id, 'design', 55, []],
      [b.id, 'preparation', 40, []],
    ])
  })

  it('is refused to a leader before the file is read', async () => {
    const r = await uploadProgress(leader, Buffer.from('anything'), 'validate')
    expect(r.status).toBe(403)
  })
})

describe('uploads that are not a usable workbook', () => {
  it('names a body that is not an xlsx, in validate (200) and apply (422)', async () => {
    const text = Buffer.from('小区编号,本周进度%\n1,50\n')
    const v = await uploadProgress(district, text, 'validate', 'application/octet-stream')
    expect(v.status).toBe(200)
    expect(v.body.fileErrors.map((e: any) => e.code)).toEqual(['not_xlsx'])
    const a = await uploadProgress(district, text, 'apply')
    expect(a.status).toBe(422)
    expect(a.body.fileErrors[0].code).toBe('not_xlsx')
    const plainZip = zipOf([{ name: 'readme.txt', data: Buffer.from('hello') }])
    expect((await uploadProgress(district, plainZip, 'validate')).body.fileErrors[0].code).toBe('not_xlsx')
    expect((await district.json('/api/progress/bulk?mode=validate', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: text })).status).toBe(415)
  })

  it('refuses a zip bomb by its directory before unpacking anything', async () => {
    const liar = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declaredSize: 0xfffffff0 },
    ])
    const started = Date.now()
    const r = await uploadProgress(district, liar, 'validate')
    expect(r.body.fileErrors[0].code).toBe('too_large')
    expect(Date.now() - started).toBeLessThan(2_000)

    // Really compressible: 60 MB of zeros deflate to about 60 kB.
    const bomb = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024), deflate: true },
    ])
    expect(bomb.length).toBeLessThan(200_000)
    const b = await uploadProgress(district, bomb, 'apply')
    expect(b.status).toBe(422)
    expect(b.body.fileErrors[0]).toMatchObject({ code: 'too_large' })
    const many = zipOf(Array.from({ length: BULK_LIMITS.maxZipEntries + 1 }, (_, i) => ({ name: `xl/f${i}.xml`, data: Buffer.from('x') })))
    expect(checkXlsxZip(many)).toMatchObject({ ok: false, error: { code: 'too_large' } })
  })

  it('says which columns are missing, and refuses an empty sheet', async () => {
    const noPct = await workbookOf(['小区编号', '本周阶段', '填报日期'], [[1, '项目实施', today]])
    const r = await uploadProgress(district, noPct, 'validate')
    expect(r.body.fileErrors[0].code).toBe('bad_header')
    expect(r.body.fileErrors[0].detail).toContain('本周进度%')
    const empty = await workbookOf(['小区编号', '本周阶段', '本周进度%', '填报日期'], [])
    expect((await uploadProgress(district, empty, 'validate')).body.fileErrors[0].code).toBe('empty')
  })

  it('refuses more than 20,000 rows', async () => {
    const rows = Array.from({ length: BULK_LIMITS.maxRows + 1 }, (_, i) => [i + 1, '项目实施', 50, today])
    const big = await workbookOf(['小区编号', '本周阶段', '本周进度%', '填报日期'], rows)
    const r = await uploadProgress(district, big, 'validate')
    expect(r.body.fileErrors[0].code).toBe('too_many_rows')
  })

  it('answers 413 with a JSON error for a body over 5 MB', async () => {
    const r = await uploadProgress(district, Buffer.alloc(5 * 1024 * 1024 + 10), 'validate')
    expect(r.status).toBe(413)
    expect(r.body.error.code).toBe('payload_too_large')
  })

  it('stops a worker that runs out of its memory allowance', async () => {
    const file = await workbookOf(['小区编号', '小区名称'], Array.from({ length: 5_000 }, (_, i) => [i + 1, `小区${i}`]))
    const r = await readXlsxInWorker(file, { ...BULK_LIMITS, workerHeapMb: 16 })
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large' } })
  })

  it('stops a worker that takes too long', async () => {
    const file = await workbookOf(['小区编号'], [[1]])
    const r = await readXlsxInWorker(file, { ...BULK_LIMITS, workerTimeoutMs: 1 })
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large' } })
  })
})
