import zlib from 'node:zlib'
import ExcelJS from 'exceljs'
import type { TestClient } from './test-server.js'

/** Spreadsheets for the bulk-progress tests: read a template, edit it, write sheets and hostile zips. */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export type CellValue = string | number | Date | null

export async function loadWorkbook(buf: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buf as ExcelJS.Buffer)
  return wb
}

/** The first sheet as objects keyed by header text. */
export function sheetObjects(ws: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String)
  const out: Record<string, ExcelJS.CellValue>[] = []
  ws.eachRow((row, n) => {
    if (n === 1) return
    const o: Record<string, ExcelJS.CellValue> = {}
    header.forEach((h, i) => (o[h] = row.getCell(i + 1).value))
    out.push(o)
  })
  return out
}

/** Loads a workbook, lets `edit` change its first sheet (by header text), and writes it again. */
export async function editFirstSheet(buf: Buffer, edit: (ws: ExcelJS.Worksheet, col: (header: string) => number) => void): Promise<Buffer> {
  const wb = await loadWorkbook(buf)
  const ws = wb.worksheets[0]
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => (v === undefined || v === null ? '' : String(v)))
  const col = (h: string) => {
    const i = header.indexOf(h)
    if (i < 1) throw new Error(`no column ${h} in ${header.join(', ')}`)
    return i
  }
  edit(ws, col)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The sheet row (1-based) holding a community id in the first column. */
export function rowOfCommunity(ws: ExcelJS.Worksheet, id: number): ExcelJS.Row {
  let found: ExcelJS.Row | null = null
  ws.eachRow((row, n) => {
    if (n > 1 && row.getCell(1).value === id) found = row
  })
  if (!found) throw new Error(`community ${id} is not in the sheet`)
  return found
}

/** A one-sheet workbook from a header and rows. */
export async function workbookOf(header: string[], rows: CellValue[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheetName)
  ws.addRow(header)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A stored (or deflated) zip written by hand, with sizes in the central directory as given (to lie about them). */
export function zipOf(entries: { name: string; data: Buffer; declaredSize?: number; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const body = e.deflate ? zlib.deflateRawSync(e.data, { level: 9 }) : e.data
    const crc = zlib.crc32(e.data)
    const size = e.declaredSize ?? e.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(e.deflate ? 8 : 0, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(e.deflate ? 8 : 0, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(entries.length, 8)
  eocd.writeUInt16LE(entries.length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}

/** POSTs a file to the bulk endpoint as a raw body. */
export function uploadProgress(client: TestClient, file: Buffer, mode: 'validate' | 'apply', contentType = XLSX_TYPE) {
  return client.json(`/api/progress/bulk?mode=${mode}`, { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(file) })
}
