import ExcelJS from 'exceljs'
import type { CoverageResponse } from '../../core/contracts/coverage.js'
import type { NamedUnit } from '../../core/coverage/summarise.js'
import { csvDocument } from '../http/csv.js'

/**
 * The gap table as a file: not-served communities first (most residents first), then the served ones.
 * Headers in the interface language; numbers stay numbers in XLSX.
 */

const HEADERS = {
  zh: ['序号', '小区', '区', '街道', '居民（人）', '最近设施', '步行距离（米）', '步行时间（分钟）', '是否覆盖', '计算方法', '步速（米/秒）', '覆盖标准（分钟）'],
  en: ['No.', 'Community', 'District', 'Street', 'Residents', 'Nearest facility', 'Walking distance (m)', 'Walking time (min)', 'Covered', 'Method', 'Walking speed (m/s)', 'Threshold (min)'],
}
const WORDS = {
  zh: { yes: '是', no: '否', network: '沿路网步行', 'straight-line': '直线距离×绕行系数', unreachable: '不可达', sheet: '服务覆盖缺口' },
  en: { yes: 'yes', no: 'no', network: 'walking network', 'straight-line': 'straight line × detour', unreachable: 'unreachable', sheet: 'Coverage gaps' },
}

export interface ExportUnits {
  districts: readonly NamedUnit[]
  streets: readonly NamedUnit[]
}

function tableOf(cov: CoverageResponse, units: ExportUnits, lang: 'zh' | 'en'): (string | number)[][] {
  const w = WORDS[lang]
  const district = new Map(units.districts.map((d) => [d.id, d.name]))
  const street = new Map(units.streets.map((s) => [s.id, s.name]))
  const rows = [...cov.rows].sort((a, b) => Number(a.covered) - Number(b.covered) || b.residents - a.residents || a.communityId - b.communityId)
  return rows.map((r, i) => [
    i + 1,
    r.name,
    district.get(r.districtId) ?? '',
    street.get(r.streetId) ?? '',
    r.residents,
    r.nearestFacilityName ?? w.unreachable,
    r.meters === null ? '' : Math.round(r.meters),
    r.minutes === null ? '' : Math.round(r.minutes * 10) / 10,
    r.covered ? w.yes : w.no,
    w[cov.method],
    cov.walkSpeedMps,
    cov.thresholdMinutes,
  ])
}

export function coverageCsv(cov: CoverageResponse, units: ExportUnits, lang: 'zh' | 'en'): string {
  return csvDocument(HEADERS[lang], tableOf(cov, units, lang))
}

export async function coverageXlsx(cov: CoverageResponse, units: ExportUnits, lang: 'zh' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'renewmap'
  const ws = wb.addWorksheet(WORDS[lang].sheet, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.addRow(HEADERS[lang])
  ws.getRow(1).font = { bold: true }
  // Cells are written as values, never formulas: text like "=1+1" stays text.
  for (const row of tableOf(cov, units, lang)) ws.addRow(row)
  ws.columns.forEach((c, i) => (c.width = [6, 22, 10, 12, 10, 24, 14, 14, 8, 16, 12, 12][i] ?? 12))
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADERS[lang].length } }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
