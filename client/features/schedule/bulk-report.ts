import type { BulkIssueCode, BulkReport, BulkRowResult } from '../../../core/contracts/schedule.js'
import { formatNumber, type Lang } from '../../i18n/format.js'
import type { Translate } from '../../i18n/i18n-context.js'
import type { MessageKey } from '../../i18n/zh.js'

/**
 * What the progress page does with a bulk upload's answer: recognise a report wherever the server put it,
 * order and filter its rows, turn issue codes into sentences, and check a file before sending it.
 */

/** The server refuses bodies above this (express.raw limit); checked first so nobody waits for a 413. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

export type FileCheck = { ok: true } | { ok: false; reason: 'not_xlsx' | 'too_large' | 'empty' }

/** Only .xlsx workbooks go up: by name, since browsers disagree on the MIME type of spreadsheets. */
export function checkUploadFile(file: { name: string; size: number }, maxBytes = MAX_UPLOAD_BYTES): FileCheck {
  if (!/\.xlsx$/i.test(file.name.trim())) return { ok: false, reason: 'not_xlsx' }
  if (file.size === 0) return { ok: false, reason: 'empty' }
  if (file.size > maxBytes) return { ok: false, reason: 'too_large' }
  return { ok: true }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null
}

/** A value shaped like a BulkReport (the counts, the rows and the file errors). */
export function isBulkReport(x: unknown): x is BulkReport {
  return (
    isObject(x) &&
    typeof x.toApply === 'number' &&
    typeof x.errors === 'number' &&
    typeof x.unchanged === 'number' &&
    Array.isArray(x.rows) &&
    Array.isArray(x.fileErrors)
  )
}

/**
 * The report in an answer: the body itself, `{report}`, or an error body's `error.details` (or
 * `error.details.report`); also the `details` of an ApiError thrown for a 422. Null when there is none.
 */
export function findBulkReport(answer: unknown): BulkReport | null {
  if (isBulkReport(answer)) return answer
  if (!isObject(answer)) return null
  if (isBulkReport(answer.report)) return answer.report
  const nested = isObject(answer.error) ? answer.error.details : answer.details
  if (isBulkReport(nested)) return nested
  if (isObject(nested) && isBulkReport(nested.report)) return nested.report
  return null
}

/** Saving is offered only for a clean report that has something to save. */
export function canApply(report: BulkReport): boolean {
  return report.fileErrors.length === 0 && report.errors === 0 && report.toApply > 0
}

export type BulkFilter = 'all' | 'errors' | 'warnings' | 'apply'

const rank = (r: BulkRowResult) => (r.outcome === 'error' ? 0 : r.warnings.length > 0 ? 1 : r.outcome === 'apply' ? 2 : 3)

/** Rows in a new array: errors first, then warnings, then rows to save, then unchanged ones; by row number within each. */
export function orderBulkRows(rows: readonly BulkRowResult[]): BulkRowResult[] {
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.row - b.row)
}

export function filterBulkRows(rows: readonly BulkRowResult[], filter: BulkFilter): BulkRowResult[] {
  switch (filter) {
    case 'all':
      return [...rows]
    case 'errors':
      return rows.filter((r) => r.outcome === 'error')
    case 'warnings':
      return rows.filter((r) => r.warnings.length > 0)
    case 'apply':
      return rows.filter((r) => r.outcome === 'apply')
  }
}

export interface RowMessage {
  tone: 'error' | 'warning'
  code: BulkIssueCode
  /** "第 12 行：进度应为 0–100 的数字". */
  text: string
  /** The server's own words (English, with the values), for a tooltip. */
  detail?: string
}

/** The row's errors then warnings as sentences in the UI language, each naming the sheet row. */
export function rowMessages(row: BulkRowResult, t: Translate): RowMessage[] {
  const say = (tone: RowMessage['tone']) => (i: { code: BulkIssueCode; detail?: string }): RowMessage => ({
    tone,
    code: i.code,
    text: t('progress.bulk.rowMessage', { row: row.row, message: t(`progress.bulk.issue.${i.code}` as MessageKey) }),
    ...(i.detail ? { detail: i.detail } : {}),
  })
  return [...row.errors.map(say('error')), ...row.warnings.map(say('warning'))]
}

/** A file-level problem as a sentence. */
export function fileErrorMessage(e: BulkReport['fileErrors'][number], t: Translate): string {
  return t(`progress.bulk.file.${e.code}` as MessageKey)
}

/** A file size for people: "820 B", "12.4 KB", "3.1 MB". */
export function formatBytes(bytes: number, lang: Lang): string {
  if (bytes < 1024) return `${formatNumber(bytes, lang)} B`
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, lang, 1)} KB`
  return `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`
}
