import fs from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import ExcelJS from 'exceljs'
import { authorize } from '../../core/auth/authorize.js'
import type { Principal } from '../../core/auth/roles.js'
import type { BulkIssueCode, BulkReport, BulkRowResult } from '../../core/contracts/schedule.js'
import type { IsoDate } from '../../core/domain/entities.js'
import { STAGES, stageIndex, type Stage } from '../../core/domain/stages.js'
import type { Database, Queryable } from '../db/types.js'
import { badRequest } from '../http/errors.js'
import type { Actor } from './audit.js'
import { appendProgressReportIn, progressChanged } from './communities.js'
import type { SheetCell, SheetCells, XlsxWorkerInput, XlsxWorkerOutput } from './progress-xlsx-worker.js'
import { cityToday, scheduleToday, type ScheduleStore } from './schedule.js'
import { STAGE_LABELS, parseStageLabel, stageLabel, type Lang } from './schedule-labels.js'

/**
 * Weekly progress by spreadsheet: a pre-filled template per scope, and the upload that checks every row
 * and then appends all reports in one transaction, or none.
 */

export const BULK_LIMITS = {
  /** Data rows in one upload. */
  maxRows: 20_000,
  /** What the zip may unpack to, by its own central directory, and how many files it may hold. */
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxZipEntries: 2_000,
  /** The parsing worker: heap cap and wall-clock limit. */
  workerHeapMb: 256,
  workerTimeoutMs: 20_000,
  /** Parsing workers at once in this process (each may take workerHeapMb). */
  concurrentWorkers: 2,
}

type FileError = BulkReport['fileErrors'][number]

// ---------------------------------------------------------------------------------------------------------
// Columns

type ColumnKey = 'id' | 'code' | 'name' | 'district' | 'street' | 'currentStage' | 'currentPct' | 'lastReportDate' | 'stage' | 'pct' | 'reportDate' | 'note'

interface ColumnSpec {
  key: ColumnKey
  zh: string
  en: string
  /** Written by the template for information; ignored on upload. */
  readOnly: boolean
  width: number
  /** Other header texts accepted on upload (compared after normaliseHeader). */
  aliases: string[]
}

const COLUMNS: ColumnSpec[] = [
  { key: 'id', zh: '小区编号', en: 'Community ID', readOnly: true, width: 10, aliases: ['编号', '小区id', 'id', 'communityid'] },
  { key: 'code', zh: '小区代码', en: 'Community code', readOnly: true, width: 16, aliases: ['代码', 'code', 'communitycode'] },
  { key: 'name', zh: '小区名称', en: 'Community name', readOnly: true, width: 24, aliases: ['小区', 'name', 'community'] },
  { key: 'district', zh: '区', en: 'District', readOnly: true, width: 10, aliases: [] },
  { key: 'street', zh: '街道', en: 'Street', readOnly: true, width: 12, aliases: [] },
  { key: 'currentStage', zh: '当前阶段', en: 'Current stage', readOnly: true, width: 12, aliases: [] },
  { key: 'currentPct', zh: '当前进度%', en: 'Current progress %', readOnly: true, width: 11, aliases: [] },
  { key: 'lastReportDate', zh: '上次填报日期', en: 'Last report date', readOnly: true, width: 13, aliases: [] },
  { key: 'stage', zh: '本周阶段', en: 'Stage this week', readOnly: false, width: 14, aliases: ['阶段', 'stage', 'newstage'] },
  { key: 'pct', zh: '本周进度%', en: 'Progress this week %', readOnly: false, width: 12, aliases: ['进度', '本周进度', 'progress', 'progresspct', 'pct'] },
  { key: 'reportDate', zh: '填报日期', en: 'Report date', readOnly: false, width: 13, aliases: ['日期', '报告日期', 'date', 'reportdate'] },
  { key: 'note', zh: '备注', en: 'Note', readOnly: false, width: 30, aliases: ['说明', 'note', 'notes', 'remark', 'remarks', 'comment'] },
]
const REQUIRED: ColumnKey[] = ['stage', 'pct', 'reportDate']

/** Header text as compared on upload: width-folded, lower case, without spaces, %, brackets or asterisks. */
const normaliseHeader = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s%*()（）[\]【】:：]/g, '')

const HEADER_KEYS: Map<string, ColumnKey> = (() => {
  const m = new Map<string, ColumnKey>()
  for (const c of COLUMNS) for (const text of [c.zh, c.en, ...c.aliases]) m.set(normaliseHeader(text), c.key)
  return m
})()

const columnName = (key: ColumnKey) => {
  const c = COLUMNS.find((x) => x.key === key)!
  return `${c.zh} (${c.en})`
}

// ---------------------------------------------------------------------------------------------------------
// The template

export interface TemplateOptions {
  planYear: number
  lang: Lang
  reportDate: IsoDate
  /** Restricts the rows; both null means the whole city. */
  districtId: number | null
  streetId: number | null
}

interface TemplateRow {
  id: number
  code: string
  name: string
  districtName: string
  streetName: string
  stage: Stage
  progressPct: number
  lastReportDate: IsoDate | null
}

const toExcelDate = (d: IsoDate) => new Date(d + 'T00:00:00Z')

const INSTRUCTIONS: Record<Lang, string[]> = {
  zh: [
    '如何填写进度填报模板',
    '',
    '1. 每行一个小区。灰色列（小区编号至上次填报日期）只供参考，上传时不读取；请勿修改小区编号。',
    '2. 白色列为本周填报内容：本周阶段（下拉选择）、本周进度%（0–100 的整数）、填报日期、备注（不超过 2000 字）。',
    '3. 模板已预填当前阶段和进度；如本周没有变化，可保留原值，系统按本周再次确认登记。',
    '4. 阶段与进度、日期都和最近一次填报相同的行视为“无变化”，上传时跳过。',
    '5. 填报日期不能晚于今天；早于最近一次填报日期的行会提示，但仍可提交（补报）。',
    '6. 上传后先“检查”：系统逐行给出错误和提示，不写入任何数据。只要有一行出错，整份文件都不会提交；改正后重新上传。',
    '7. 提示（阶段倒退、进度下降、日期早于上次填报）不阻止提交，请确认无误。',
    '8. 只能填报本人负责范围内的小区；一份文件最多 20,000 行、5 MB。',
    '',
    '阶段名称：',
  ],
  en: [
    'How to fill in the progress template',
    '',
    '1. One community per row. Grey columns (Community ID to Last report date) are for reference and ignored on upload; do not change the Community ID.',
    '2. White columns are this week\'s report: stage (pick from the list), progress % (a whole number 0–100), report date and a note (up to 2000 characters).',
    '3. The current stage and progress are filled in; keep them when nothing changed and the row confirms them for this week.',
    '4. A row whose stage, progress and date equal the latest report is "unchanged" and skipped.',
    '5. The report date cannot be in the future; a date before the latest report is flagged but allowed (a late report).',
    '6. Upload to check first: every row gets its errors and warnings and nothing is saved. One row in error stops the whole file; correct it and upload again.',
    '7. Warnings (stage going back, progress going down, date before the latest report) do not block saving; make sure they are intended.',
    '8. You can report only communities in your own area; at most 20,000 rows and 5 MB per file.',
    '',
    'Stage names:',
  ],
}

/** Writes the template workbook: one row per programme community in the scope, current values pre-filled. */
export async function progressTemplateXlsx(db: Queryable, opts: TemplateOptions): Promise<{ file: Buffer; rows: number }> {
  const params: unknown[] = [opts.planYear]
  const where = ['c.plan_year = $1']
  if (opts.districtId !== null) where.push(`c.district_id = $${params.push(opts.districtId)}`)
  if (opts.streetId !== null) where.push(`c.street_id = $${params.push(opts.streetId)}`)
  const rows = await db.query<TemplateRow>(
    `SELECT c.id, c.code, c.name, d.name AS "districtName", s.name AS "streetName", c.stage, c.progress_pct AS "progressPct",
            (SELECT max(r.report_date) FROM progress_reports r WHERE r.community_id = c.id) AS "lastReportDate"
     FROM communities c JOIN districts d ON d.id = c.district_id JOIN streets s ON s.id = c.street_id
     WHERE ${where.join(' AND ')} ORDER BY c.district_id, c.street_id, c.id`,
    params,
  )
  const lang = opts.lang
  const wb = new ExcelJS.Workbook()
  wb.creator = 'renewmap'
  const ws = wb.addWorksheet(lang === 'zh' ? '进度填报' : 'Progress', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: c.width }))
  for (const r of rows) {
    ws.addRow({
      id: r.id,
      code: r.code,
      name: r.name,
      district: r.districtName,
      street: r.streetName,
      currentStage: stageLabel(r.stage, lang),
      currentPct: r.progressPct,
      lastReportDate: r.lastReportDate ? toExcelDate(r.lastReportDate) : null,
      stage: stageLabel(r.stage, lang),
      pct: r.progressPct,
      reportDate: toExcelDate(opts.reportDate),
      note: '',
    })
  }
  const grey: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } }
  const headerEditable: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } }
  COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1)
    if (c.key === 'lastReportDate' || c.key === 'reportDate') col.numFmt = 'yyyy-mm-dd'
    if (c.key === 'id' || c.key === 'code' || c.key === 'name') col.alignment = { vertical: 'middle' }
    col.eachCell({ includeEmpty: false }, (cell, rowNumber) => {
      if (rowNumber === 1) {
        cell.font = { bold: true }
        cell.fill = c.readOnly ? grey : headerEditable
      } else if (c.readOnly) {
        cell.fill = grey
        cell.font = { color: { argb: 'FF595959' } }
      }
    })
  })
  if (rows.length) {
    const last = rows.length + 1
    const letter = (key: ColumnKey) => ws.getColumn(key).letter
    const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations
    validations.add(`${letter('stage')}2:${letter('stage')}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${STAGES.map((s) => stageLabel(s, lang)).join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'error',
      errorTitle: lang === 'zh' ? '阶段' : 'Stage',
      error: lang === 'zh' ? '请从下拉列表中选择阶段' : 'Pick a stage from the list',
    })
    validations.add(`${letter('pct')}2:${letter('pct')}${last}`, {
      type: 'whole',
      operator: 'between',
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorStyle: 'error',
      errorTitle: lang === 'zh' ? '进度' : 'Progress',
      error: lang === 'zh' ? '请输入 0 到 100 的整数' : 'Enter a whole number from 0 to 100',
    })
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } }

  const help = wb.addWorksheet(lang === 'zh' ? '说明' : 'Instructions')
  help.getColumn(1).width = 110
  for (const line of INSTRUCTIONS[lang]) help.addRow([line])
  for (const s of STAGES) help.addRow([`  ${STAGE_LABELS.zh[s]} / ${STAGE_LABELS.en[s]} (${s})`])
  help.getRow(1).font = { bold: true, size: 14 }
  help.getColumn(1).alignment = { wrapText: true, vertical: 'top' }
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length }
}

// ---------------------------------------------------------------------------------------------------------
// The file: zip checks, then parsing in a worker thread

const SIG_LOCAL = 0x04034b50
const SIG_CENTRAL = 0x02014b50
const SIG_EOCD = 0x06054b50
const SIG_ZIP64_LOCATOR = 0x07064b50
const SIG_ZIP64_EOCD = 0x06064b50

export type ZipCheck = { ok: true; entries: number; uncompressedBytes: number } | { ok: false; error: FileError }

/**
 * Reads the zip's central directory (no decompression) and refuses what is not an XLSX or would unpack to
 * too much: the declared sizes of a zip bomb give it away before any parser sees it.
 */
export function checkXlsxZip(buf: Buffer, limits = BULK_LIMITS): ZipCheck {
  const notXlsx = (detail: string): ZipCheck => ({ ok: false, error: { code: 'not_xlsx', detail } })
  const tooLarge = (detail: string): ZipCheck => ({ ok: false, error: { code: 'too_large', detail } })
  if (buf.length < 22 || buf.readUInt32LE(0) !== SIG_LOCAL) return notXlsx('The file is not an Excel workbook (.xlsx)')
  // The end-of-central-directory record sits in the last 22 + up to 65,535 comment bytes.
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return notXlsx('The file is not a complete .xlsx (no zip directory)')
  let entries = buf.readUInt16LE(eocd + 10)
  let cdSize = buf.readUInt32LE(eocd + 12)
  let cdOffset = buf.readUInt32LE(eocd + 16)
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG_ZIP64_LOCATOR) return notXlsx('Damaged zip64 directory')
    const at = Number(buf.readBigUInt64LE(loc + 8))
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== SIG_ZIP64_EOCD) return notXlsx('Damaged zip64 directory')
    entries = Number(buf.readBigUInt64LE(at + 32))
    cdSize = Number(buf.readBigUInt64LE(at + 40))
    cdOffset = Number(buf.readBigUInt64LE(at + 48))
  }
  if (entries > limits.maxZipEntries) return tooLarge(`The workbook holds ${entries} files (at most ${limits.maxZipEntries})`)
  if (cdOffset + cdSize > buf.length) return notXlsx('Damaged zip directory')
  let p = cdOffset
  let total = 0
  const names = new Set<string>()
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) return notXlsx('Damaged zip directory')
    let size = buf.readUInt32LE(p + 24)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    if (p + 46 + nameLen + extraLen + commentLen > buf.length) return notXlsx('Damaged zip directory')
    names.add(buf.toString('utf8', p + 46, p + 46 + nameLen))
    if (size === 0xffffffff) {
      // The real size is in the zip64 extra field (id 1); past 4 GB either way.
      size = Number.MAX_SAFE_INTEGER
      let e = p + 46 + nameLen
      const end = e + extraLen
      while (e + 4 <= end) {
        const id = buf.readUInt16LE(e)
        const len = buf.readUInt16LE(e + 2)
        if (id === 1 && len >= 8 && e + 12 <= end) size = Number(buf.readBigUInt64LE(e + 4))
        e += 4 + len
      }
    }
    total += size
    if (total > limits.maxUncompressedBytes) {
      return tooLarge(`The workbook would unpack to more than ${Math.round(limits.maxUncompressedBytes / 1048576)} MB`)
    }
    p += 46 + nameLen + extraLen + commentLen
  }
  if (!names.has('[Content_Types].xml') || ![...names].some((n) => n.startsWith('xl/'))) {
    return notXlsx('The zip is not an Excel workbook (.xlsx); save the sheet as .xlsx and upload again')
  }
  return { ok: true, entries, uncompressedBytes: total }
}

const moduleUrl = import.meta.url
const workerUrl = new URL(`./progress-xlsx-worker${moduleUrl.endsWith('.ts') ? '.ts' : '.js'}`, moduleUrl)

/**
 * The worker's entry. Built JavaScript runs as it is; under tsx (dev, tests) the worker is TypeScript and a
 * worker does not inherit the loader, so a one-line module loads it through tsx's API.
 */
let entryOnce: { entry: URL | string; eval: boolean } | null = null
function workerEntry(): { entry: URL | string; eval: boolean } {
  entryOnce ??= makeWorkerEntry()
  return entryOnce
}
function makeWorkerEntry(): { entry: URL | string; eval: boolean } {
  if (!workerUrl.pathname.endsWith('.ts')) return { entry: workerUrl, eval: false }
  // The ESM build of tsx's API, found through its package exports (require.resolve would give the CJS one).
  const pkgPath = createRequire(moduleUrl).resolve('tsx/package.json')
  const exported = (JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']
  const api = new URL(exported.import.default, pathToFileURL(pkgPath)).href
  return { entry: `import(${JSON.stringify(api)}).then((api) => api.tsImport(${JSON.stringify(workerUrl.href)}, ${JSON.stringify(moduleUrl)}))`, eval: true }
}

let running = 0
const waiting: (() => void)[] = []
async function withWorkerSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= BULK_LIMITS.concurrentWorkers) await new Promise<void>((resolve) => waiting.push(resolve))
  else running++
  try {
    return await fn()
  } finally {
    const next = waiting.shift()
    if (next) next()
    else running--
  }
}

export type ParsedXlsx = { ok: true; sheets: SheetCells[] } | { ok: false; error: FileError }

/** Opens the workbook in a worker thread with a heap cap and a deadline; a hostile file costs only that thread. */
export function readXlsxInWorker(file: Buffer, limits = BULK_LIMITS): Promise<ParsedXlsx> {
  return withWorkerSlot(
    () =>
      new Promise<ParsedXlsx>((resolve) => {
        let settled = false
        const input: XlsxWorkerInput = { file: new Uint8Array(file), maxRows: limits.maxRows + 20, maxColumns: 64 }
        const { entry, eval: isEval } = workerEntry()
        const worker = new Worker(entry, {
          eval: isEval,
          workerData: input,
          resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
        })
        const finish = (r: ParsedXlsx) => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          void worker.terminate()
          resolve(r)
        }
        const timer = setTimeout(
          () => finish({ ok: false, error: { code: 'too_large', detail: `Reading the workbook took longer than ${limits.workerTimeoutMs / 1000} s` } }),
          limits.workerTimeoutMs,
        )
        worker.on('message', (m: XlsxWorkerOutput) =>
          finish(m.ok ? { ok: true, sheets: m.sheets } : { ok: false, error: { code: 'parse_failed', detail: `The workbook could not be read: ${m.detail}` } }),
        )
        worker.on('error', (e: Error & { code?: string }) =>
          finish(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? { ok: false, error: { code: 'too_large', detail: 'The workbook needs more memory to read than allowed' } }
              : { ok: false, error: { code: 'parse_failed', detail: `The workbook could not be read: ${e.message}` } },
          ),
        )
        worker.on('exit', (code) => finish({ ok: false, error: { code: 'parse_failed', detail: `The workbook reader stopped (exit ${code})` } }))
      }),
  )
}

// ---------------------------------------------------------------------------------------------------------
// Rows

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
  const zip = checkXlsxZip(file)
  if (!zip.ok) return zip
  const parsed = await readXlsxInWorker(file)
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

/** Throws 400 when a template date is after the latest allowed report date. */
export function checkTemplateDate(date: IsoDate, maxDate: IsoDate): void {
  if (date > maxDate) throw badRequest(`The report date ${date} is after today (${maxDate})`)
}
