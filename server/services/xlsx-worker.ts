import { parentPort, workerData } from 'node:worker_threads'
import ExcelJS from 'exceljs'

/**
 * Runs inside a worker thread (see readXlsxInWorker in xlsx-upload.ts): opens an untrusted XLSX with a
 * capped heap and hands back plain cell values, so a hostile file can exhaust only this thread.
 * Dates come back as 'YYYY-MM-DD', formulas as their cached result, rich text and links as their text.
 */

export type SheetCell = string | number | null

export interface SheetCells {
  name: string
  /** Non-empty rows in order, with their 1-based row numbers in the sheet. */
  rows: { row: number; cells: SheetCell[] }[]
  /** True when the sheet had more non-empty rows than were read. */
  truncated: boolean
}

export interface XlsxWorkerInput {
  file: Uint8Array
  /** Read at most this many non-empty rows per sheet. */
  maxRows: number
  /** Read at most this many columns per row (a template has about a dozen). */
  maxColumns: number
}

export type XlsxWorkerOutput = { ok: true; sheets: SheetCells[] } | { ok: false; detail: string }

function plain(v: ExcelJS.CellValue | undefined): SheetCell {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'string') return v
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('')
    if ('formula' in v || 'sharedFormula' in v) return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
    if ('hyperlink' in v && 'text' in v) return plain(v.text as ExcelJS.CellValue)
    if ('error' in v) return String(v.error)
  }
  return null
}

async function readCells(input: XlsxWorkerInput): Promise<SheetCells[]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(input.file.buffer, input.file.byteOffset, input.file.byteLength) as unknown as ExcelJS.Buffer)
  return wb.worksheets.map((ws) => {
    const rows: SheetCells['rows'] = []
    let truncated = false
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (truncated) return
      const cells: SheetCell[] = []
      const last = Math.min(row.cellCount, input.maxColumns)
      for (let c = 1; c <= last; c++) cells.push(plain(row.getCell(c).value))
      while (cells.length && (cells[cells.length - 1] === null || cells[cells.length - 1] === '')) cells.pop()
      if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return
      if (rows.length >= input.maxRows) truncated = true
      else rows.push({ row: rowNumber, cells })
    })
    return { name: ws.name, rows, truncated }
  })
}

if (parentPort) {
  const port = parentPort
  readCells(workerData as XlsxWorkerInput).then(
    (sheets) => port.postMessage({ ok: true, sheets } satisfies XlsxWorkerOutput),
    (e: unknown) => port.postMessage({ ok: false, detail: e instanceof Error ? e.message : String(e) } satisfies XlsxWorkerOutput),
  )
}
