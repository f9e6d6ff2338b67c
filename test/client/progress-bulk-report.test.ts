import { describe, expect, it } from 'vitest'
import type { BulkReport, BulkRowResult } from '../../core/contracts/schedule.js'
import {
  canApply,
  checkUploadFile,
  fileErrorMessage,
  filterBulkRows,
  findBulkReport,
  formatBytes,
  orderBulkRows,
  rowMessages,
} from '../../client/features/schedule/bulk-report.js'
import { createTranslator } from '../../client/i18n/i18n-context.js'

const row = (r: Partial<BulkRowResult> & Pick<BulkRowResult, 'row' | 'outcome'>): BulkRowResult => ({
  communityId: r.row,
  name: `小区${r.row}`,
  stage: 'construction',
  progressPct: 50,
  reportDate: '2026-11-16',
  errors: [],
  warnings: [],
  ...r,
})

const report = (rows: BulkRowResult[], extra: Partial<BulkReport> = {}): BulkReport => ({
  sheetRows: rows.length,
  toApply: rows.filter((r) => r.outcome === 'apply').length,
  unchanged: rows.filter((r) => r.outcome === 'unchanged').length,
  errors: rows.filter((r) => r.outcome === 'error').length,
  warnings: rows.filter((r) => r.warnings.length > 0).length,
  rows,
  fileErrors: [],
  ...extra,
})

const rows = [
  row({ row: 2, outcome: 'apply' }),
  row({ row: 3, outcome: 'unchanged' }),
  row({ row: 4, outcome: 'apply', warnings: [{ code: 'pct_regress', detail: '60 → 50 (construction, reported 2026-11-09)' }] }),
  row({ row: 12, outcome: 'error', errors: [{ code: 'bad_pct', detail: '120 is outside 0–100' }], progressPct: null }),
  row({ row: 7, outcome: 'error', errors: [{ code: 'unknown_community' }, { code: 'future_date' }] }),
]

describe('choosing a file to upload', () => {
  it('takes an .xlsx workbook whatever the case of its extension', () => {
    expect(checkUploadFile({ name: '进度填报模板-鼓楼区.XLSX', size: 20_000 })).toEqual({ ok: true })
  })

  it('refuses other spreadsheet formats before sending anything', () => {
    expect(checkUploadFile({ name: 'progress.xls', size: 20_000 })).toEqual({ ok: false, reason: 'not_xlsx' })
    expect(checkUploadFile({ name: 'progress.csv', size: 20_000 })).toEqual({ ok: false, reason: 'not_xlsx' })
    expect(checkUploadFile({ name: 'progress.xlsx.pdf', size: 20_000 })).toEqual({ ok: false, reason: 'not_xlsx' })
  })

  it('refuses an empty file and one over the 5 MB limit', () => {
    expect(checkUploadFile({ name: 'a.xlsx', size: 0 })).toEqual({ ok: false, reason: 'empty' })
    expect(checkUploadFile({ name: 'a.xlsx', size: 5 * 1024 * 1024 + 1 })).toEqual({ ok: false, reason: 'too_large' })
    expect(checkUploadFile({ name: 'a.xlsx', size: 5 * 1024 * 1024 })).toEqual({ ok: true })
  })

  it('shows sizes in B, KB and MB', () => {
    expect(formatBytes(820, 'en')).toBe('820 B')
    expect(formatBytes(12_698, 'en')).toBe('12.4 KB')
    expect(formatBytes(3_250_586, 'zh')).toBe('3.1 MB')
  })
})

describe('finding the report in an answer', () => {
  const r = report(rows)

  it('reads a report sent as the body (validate, and a 422 apply)', () => {
    expect(findBulkReport(r)).toBe(r)
  })

  it('reads a report inside an error body or an ApiError’s details', () => {
    expect(findBulkReport({ error: { code: 'bulk_rejected', message: 'x', details: r } })).toBe(r)
    expect(findBulkReport({ error: { code: 'bulk_rejected', message: 'x', details: { report: r } } })).toBe(r)
    expect(findBulkReport({ details: r })).toBe(r)
    expect(findBulkReport({ report: r })).toBe(r)
  })

  it('finds nothing in an ordinary error', () => {
    expect(findBulkReport({ error: { code: 'forbidden', message: 'no' } })).toBeNull()
    expect(findBulkReport(null)).toBeNull()
    expect(findBulkReport({ rows: [] })).toBeNull()
  })
})

describe('the validation report', () => {
  it('lists errors first, then warnings, rows to save and unchanged rows, by row number within each', () => {
    expect(orderBulkRows(rows).map((r) => r.row)).toEqual([7, 12, 4, 2, 3])
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 12, 7])
  })

  it('filters errors, warnings and rows to save', () => {
    expect(filterBulkRows(rows, 'errors').map((r) => r.row)).toEqual([12, 7])
    expect(filterBulkRows(rows, 'warnings').map((r) => r.row)).toEqual([4])
    expect(filterBulkRows(rows, 'apply').map((r) => r.row)).toEqual([2, 4])
    expect(filterBulkRows(rows, 'all')).toHaveLength(5)
  })

  it('offers saving only without errors and with something to save', () => {
    expect(canApply(report(rows))).toBe(false)
    const clean = rows.filter((r) => r.outcome !== 'error')
    expect(canApply(report(clean))).toBe(true)
    expect(canApply(report(clean.filter((r) => r.outcome === 'unchanged')))).toBe(false)
    expect(canApply(report(clean, { fileErrors: [{ code: 'bad_header' }] }))).toBe(false)
  })

  it('says what is wrong with a row in Chinese, naming the sheet row', () => {
    const t = createTranslator('zh')
    expect(rowMessages(rows[3], t)).toEqual([{ tone: 'error', code: 'bad_pct', text: '第 12 行：进度应为 0–100 的数字', detail: '120 is outside 0–100' }])
    expect(rowMessages(rows[4], t).map((m) => m.text)).toEqual(['第 7 行：找不到该小区，请核对小区编号（不要修改模板中的编号）', '第 7 行：填报日期不能晚于今天'])
  })

  it('says it in English too, warnings after errors', () => {
    const t = createTranslator('en')
    expect(rowMessages(rows[2], t)).toEqual([
      { tone: 'warning', code: 'pct_regress', text: 'Row 4: Progress is lower than the latest report of this stage; make sure this is intended', detail: '60 → 50 (construction, reported 2026-11-09)' },
    ])
  })

  it('explains file-level problems', () => {
    expect(fileErrorMessage({ code: 'bad_header', detail: 'Missing columns: 本周阶段' }, createTranslator('zh'))).toBe('表头与模板不符：请使用本页下载的模板，不要修改表头')
  })
})
