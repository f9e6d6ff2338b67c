import { authorize } from '../../core/auth/authorize.js'
import type { Principal } from '../../core/auth/roles.js'
import type { BulkIssueCode, BulkReport, BulkRowResult } from '../../core/contracts/schedule.js'
import type { IsoDate } from '../../core/domain/entities.js'
import { stageIndex, type Stage } from '../../core/domain/stages.js'
import type { Database, Queryable } from '../db/types.js'
import type { Actor } from './audit.js'
import { appendProgressReportIn, progressChanged } from './communities.js'
import { HEADER_KEYS, REQUIRED, columnName, normaliseHeader, type ColumnKey } from './progress-columns.js'
import type { SheetCell, SheetCells } from './xlsx-worker.js'
import { cityToday, scheduleToday, type ScheduleStore } from './schedule.js'
import { parseStageLabel } from './schedule-labels.js'
import { XLSX_LIMITS, checkXlsxZip, readXlsxInWorker } from './xlsx-upload.js'

/**
 * Weekly progress by spreadsheet upload: finds the header and reads the rows (progress-columns.ts), checks
 * every row against the database, and then appends all reports in one transaction, or none. The file itself
 * is checked and parsed by xlsx-upload.ts; the template to fill in is written by progress-template.ts.
 */

export const BULK_LIMITS = {
  /** Data rows in one upload. */
  maxRows: 20_000,
  ...XLSX_LIMITS,
}

type FileError = BulkReport['fileErrors'][number]

interface SheetRow {
  row: number
  idText: SheetCell
  code: string
  name: string
  stage: SheetCell
  pct: SheetCell
  reportDate: SheetCell
  note: SheetCell
}

type SheetRead = { ok: true; rows: SheetRow[] } | { ok: false; error: FileError }

const isBlank = (v: SheetCell) => v === null || (typeof v === 'string' && v.trim() === '')
const text = (v: SheetCell) => (v === null ? '' : String(v).trim())

/** Finds the sheet and row holding the header (order-free, zh or en) and reads the data rows under it. */
export function readSheetRows(sheets: SheetCells[], limits = BULK_LIMITS): SheetRead {
  if (sheets.length === 0) return { ok: false, error: { code: 'no_sheet', detail: 'The workbook has no worksheet' } }
  // The header is the row (in the first ten of any sheet) that names the most of what the upload needs.
  let best: { sheet: SheetCells; at: number; map: Map<ColumnKey, number>; score: number } | null = null
  const perfect = 100 + REQUIRED.length * 10
  for (const sheet of sheets) {
    for (let at = 0; at < Math.min(10, sheet.rows.length); at++) {
      const map = new Map<ColumnKey, number>()
      sheet.rows[at].cells.forEach((c, i) => {
        const key = typeof c === 'string' ? HEADER_KEYS.get(normaliseHeader(c)) : undefined
        if (key && !map.has(key)) map.set(key, i)
      })
      const score = (map.has('id') || map.has('code') ? 100 : 0) + REQUIRED.filter((k) => map.has(k)).length * 10 + Math.min(map.size, 9)
      if (!best || score > best.score) best = { sheet, at, map, score }
    }
    if (best && best.score >= perfect) break
  }
  if (!best || best.map.size === 0) {
    return { ok: false, error: { code: 'bad_header', detail: `No header row found; expected columns: ${[columnName('id'), ...REQUIRED.map(columnName)].join(', ')}` } }
  }
  const missing = REQUIRED.filter((k) => !best!.map.has(k)).map(columnName)
  if (!best.map.has('id') && !best.map.has('code')) missing.unshift(columnName('id'))
  if (missing.length) return { ok: false, error: { code: 'bad_header', detail: `Missing columns: ${missing.join(', ')}` } }
  const { sheet, at, map } = best
  const cell = (cells: SheetCell[], key: ColumnKey): SheetCell => {
    const i = map.get(key)
    return i === undefined ? null : (cells[i] ?? null)
  }
  const data = sheet.rows.slice(at + 1)
  if (sheet.truncated || data.length > limits.maxRows) {
    return { ok: false, error: { code: 'too_many_rows', detail: `More than ${limits.maxRows.toLocaleString('en')} rows; split the file` } }
  }
  const rows: SheetRow[] = []
  for (const r of data) {
    const row: SheetRow = {
      row: r.row,
      idText: cell(r.cells, 'id'),
      code: text(cell(r.cells, 'code')),
      name: text(cell(r.cells, 'name')),
      stage: cell(r.cells, 'stage'),
      pct: cell(r.cells, 'pct'),
      reportDate: cell(r.cells, 'reportDate'),
      note: cell(r.cells, 'note'),
    }
    // A line with neither a community nor anything to report (a total, a remark) is not a row of the upload.
    if (isBlank(row.idText) && !row.code && isBlank(row.stage) && isBlank(row.pct) && isBlank(row.reportDate)) continue
    rows.push(row)
  }
  if (rows.length === 0) return { ok: false, error: { code: 'empty', detail: 'The sheet has a header but no rows to report' } }
  return { ok: true, rows }
}

/** A calendar date from a cell: ISO text (what the worker makes of date cells), 2026/11/16, 2026年11月16日, or an Excel serial. */
export function parseSheetDate(v: SheetCell): IsoDate | null {
  if (typeof v === 'number') {
    // Excel's day serial (1900 system): day 25569 is 1970-01-01.
    if (!Number.isInteger(v) || v < 25_569 || v > 80_000) return null
    return new Date((v - 25_569) * 86_400_000).toISOString().slice(0, 10)
  }
  if (typeof v !== 'string') return null
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v.normalize('NFKC').trim())
  if (!m) return null
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
  const d = new Date(iso + 'T00:00:00Z')
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null
}

function parsePct(v: SheetCell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v !== 'string') return null
  const s = v.normalize('NFKC').trim().replace(/%$/, '').trim()
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) return null
  return Number(s)
}

function parseId(v: SheetCell): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN
  return Number.isInteger(n) && n >= 1 && n <= 2_147_483_647 ? n : null
}

export interface BulkContext {
  principal: Principal
  /** Report dates after this day are refused (the dataset's today or the city's, whichever is later). */
  maxDate: IsoDate
}

interface KnownCommunity {
  id: number
  code: string
  name: string
  districtId: number
  streetId: number
}
interface LatestOfStage {
  communityId: number
  stage: Stage
  progressPct: number
  reportDate: IsoDate
  id: number
}

/** A row ready to append. */
export interface BulkApplyRow {
  communityId: number
  stage: Stage
  progressPct: number
  reportDate: IsoDate
  note: string
}

const NOTE_MAX = 2000

/** Checks every row against the database (which communities exist, the user's area, the latest reports). */
export async function validateRows(db: Queryable, rows: SheetRow[], ctx: BulkContext): Promise<{ results: BulkRowResult[]; apply: BulkApplyRow[] }> {
  const ids = [...new Set(rows.map((r) => parseId(r.idText)).filter((n): n is number => n !== null))]
  const codes = [...new Set(rows.filter((r) => isBlank(r.idText) && r.code).map((r) => r.code))]
  const known = await db.query<KnownCommunity>(
    `SELECT id, code, name, district_id AS "districtId", street_id AS "streetId" FROM communities
     WHERE id = ANY($1::int[]) OR code = ANY($2::text[])`,
    [ids, codes],
  )
  const byId = new Map(known.map((c) => [c.id, c]))
  const byCode = new Map(known.map((c) => [c.code, c]))
  const latest = await db.query<LatestOfStage>(
    `SELECT DISTINCT ON (community_id, stage) community_id AS "communityId", stage, progress_pct AS "progressPct", report_date AS "reportDate", id
     FROM progress_reports WHERE community_id = ANY($1::int[]) ORDER BY community_id, stage, report_date DESC, id DESC`,
    [known.map((c) => c.id)],
  )
  const ofStage = new Map<string, LatestOfStage>()
  const overall = new Map<number, LatestOfStage>()
  for (const l of latest) {
    l.id = Number(l.id)
    ofStage.set(`${l.communityId}:${l.stage}`, l)
    const cur = overall.get(l.communityId)
    if (!cur || l.reportDate > cur.reportDate || (l.reportDate === cur.reportDate && l.id > cur.id)) overall.set(l.communityId, l)
  }

  const firstRowOf = new Map<number, number>()
  const results: BulkRowResult[] = []
  const apply: BulkApplyRow[] = []
  for (const r of rows) {
    const errors: BulkRowResult['errors'] = []
    const warnings: BulkRowResult['warnings'] = []
    const fail = (code: BulkIssueCode, detail?: string) => errors.push(detail === undefined ? { code } : { code, detail })
    const warn = (code: BulkIssueCode, detail: string) => warnings.push({ code, detail })

    let community: KnownCommunity | undefined
    if (!isBlank(r.idText)) {
      const id = parseId(r.idText)
      community = id === null ? undefined : byId.get(id)
      if (!community) fail('unknown_community', `No community with ID ${text(r.idText)}`)
      else if (r.code && r.code !== community.code) {
        fail('unknown_community', `Community ${community.id} has code ${community.code}, the row says ${r.code}`)
        community = undefined
      }
    } else if (r.code) {
      community = byCode.get(r.code)
      if (!community) fail('unknown_community', `No community with code ${r.code}`)
    } else fail('unknown_community', 'The row names no community (ID or code)')

    if (community) {
      if (!authorize(ctx.principal, 'progress.report', { districtId: community.districtId, streetId: community.streetId }).allowed) {
        fail('out_of_scope', `Community ${community.id} is outside your ${ctx.principal.role === 'street_staff' ? 'street' : 'district'}`)
      }
      const first = firstRowOf.get(community.id)
      if (first !== undefined) fail('duplicate_row', `Community ${community.id} is also in row ${first}`)
      else firstRowOf.set(community.id, r.row)
    }

    const nothingReported = isBlank(r.stage) && isBlank(r.pct)
    let stage: Stage | null = null
    let pct: number | null = null
    let date: IsoDate | null = null
    if (!nothingReported) {
      stage = isBlank(r.stage) ? null : parseStageLabel(text(r.stage))
      if (stage === null) fail('bad_stage', isBlank(r.stage) ? 'No stage given' : `Unknown stage "${text(r.stage)}"`)
      pct = parsePct(r.pct)
      if (pct === null) fail('bad_pct', isBlank(r.pct) ? 'No progress given' : `"${text(r.pct)}" is not a number`)
      else if (pct < 0 || pct > 100) {
        fail('bad_pct', `${pct} is outside 0–100`)
        pct = null
      }
      date = parseSheetDate(r.reportDate)
      if (date === null) fail('bad_date', isBlank(r.reportDate) ? 'No report date given' : `"${text(r.reportDate)}" is not a date (YYYY-MM-DD)`)
      else if (date > ctx.maxDate) fail('future_date', `${date} is after today (${ctx.maxDate})`)
      else if (date < '1990-01-01') {
        fail('bad_date', `${date} is too early`)
        date = null
      }
    }
    const note = text(r.note)
    if (note.length > NOTE_MAX) fail('note_too_long', `${note.length} characters (at most ${NOTE_MAX})`)

    let outcome: BulkRowResult['outcome'] = errors.length ? 'error' : 'apply'
    if (nothingReported && !errors.length) outcome = 'unchanged'
    if (outcome === 'apply' && community && stage && pct !== null && date) {
      const last = overall.get(community.id)
      if (last && last.stage === stage && last.progressPct === pct && date <= last.reportDate) outcome = 'unchanged'
      else if (last) {
        if (stageIndex(stage) < stageIndex(last.stage)) warn('stage_regress', `${last.stage} → ${stage}`)
        const same = ofStage.get(`${community.id}:${stage}`)
        if (same && pct < same.progressPct) warn('pct_regress', `${same.progressPct} → ${pct} (${stage}, reported ${same.reportDate})`)
        if (date < last.reportDate) warn('before_last_report', `${date} is before the latest report (${last.reportDate})`)
      }
    }
    results.push({
      row: r.row,
      communityId: community?.id ?? parseId(r.idText),
      name: community?.name ?? r.name,
      outcome,
      stage,
      progressPct: pct,
      reportDate: date,
      errors,
      warnings: outcome === 'unchanged' ? [] : warnings,
    })
    if (outcome === 'apply') apply.push({ communityId: community!.id, stage: stage!, progressPct: pct!, reportDate: date!, note })
  }
  return { results, apply }
}

function reportOf(results: BulkRowResult[], fileErrors: FileError[]): BulkReport {
  return {
    sheetRows: results.length,
    toApply: results.filter((r) => r.outcome === 'apply').length,
    unchanged: results.filter((r) => r.outcome === 'unchanged').length,
    errors: results.filter((r) => r.outcome === 'error').length,
    warnings: results.filter((r) => r.warnings.length > 0).length,
    rows: results,
    fileErrors,
  }
}

/** The latest date a report may carry: the schedule's today (the demo's frozen clock) or the city's, whichever is later. */
export async function reportDateLimit(store: ScheduleStore, planYear: number, now = new Date()): Promise<IsoDate> {
  const a = scheduleToday(await store.inputs(planYear), now)
  const b = cityToday(now)
  return a > b ? a : b
}

/** Checks the file and reads its rows; file-level problems come back as the report's fileErrors. */
async function readUpload(file: Buffer): Promise<SheetRead> {
  if (file.length === 0) return { ok: false, error: { code: 'not_xlsx', detail: 'The upload is empty' } }
  const zip = checkXlsxZip(file, BULK_LIMITS)
  if (!zip.ok) return zip
  const parsed = await readXlsxInWorker(file, BULK_LIMITS)
  if (!parsed.ok) return parsed
  return readSheetRows(parsed.sheets)
}

/** mode=validate: the report for every row; nothing is written. */
export async function validateBulkProgress(db: Queryable, file: Buffer, ctx: BulkContext): Promise<BulkReport> {
  const read = await readUpload(file)
  if (!read.ok) return reportOf([], [read.error])
  return reportOf((await validateRows(db, read.rows, ctx)).results, [])
}

/**
 * mode=apply: checks again inside one transaction (the communities locked, so the checks hold until commit)
 * and appends every `apply` row, or writes nothing when any row or the file has an error.
 */
export async function applyBulkProgress(db: Database, file: Buffer, ctx: BulkContext, actor: Actor & { id: number }): Promise<{ ok: boolean; report: BulkReport }> {
  const read = await readUpload(file)
  if (!read.ok) return { ok: false, report: reportOf([], [read.error]) }
  const rows = read.rows
  return db.transaction(async (tx) => {
    const ids = [...new Set(rows.map((r) => parseId(r.idText)).filter((n): n is number => n !== null))]
    const codes = [...new Set(rows.map((r) => r.code).filter(Boolean))]
    // In id order, so two uploads touching the same communities queue instead of deadlocking.
    await tx.query('SELECT id FROM communities WHERE id = ANY($1::int[]) OR code = ANY($2::text[]) ORDER BY id FOR UPDATE', [ids, codes])
    const { results, apply } = await validateRows(tx, rows, ctx)
    const report = reportOf(results, [])
    if (report.errors > 0) return { ok: false, report }
    for (const a of apply) {
      await appendProgressReportIn(tx, a.communityId, { stage: a.stage, progressPct: a.progressPct, reportDate: a.reportDate, note: a.note }, actor)
    }
    if (apply.length) await progressChanged(tx, [...new Set(apply.map((a) => a.communityId))], apply.length, actor)
    return { ok: true, report: { ...report, applied: apply.length } }
  })
}
