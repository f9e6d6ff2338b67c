import ExcelJS from 'exceljs'
import type { ScheduleSummaryResponse } from '../../core/contracts/schedule.js'
import type { IsoDate } from '../../core/domain/entities.js'
import { STAGES, type Stage } from '../../core/domain/stages.js'
import { SCHEDULE_STATUSES } from '../../core/schedule/status.js'
import { getSchedule, getScheduleSummary, type ScheduleStore } from './schedule.js'
import { STAGE_LABELS, STATUS_LABELS, type Lang } from './schedule-labels.js'

/**
 * The weekly report (周报) as a workbook: overview, districts, late list. Every number comes from the same
 * schedule summary as GET /api/schedule/summary for that date, so the file and the dashboard agree.
 * Text goes in as plain string cells and never as a formula, so a name like "=HYPERLINK(…)" stays text.
 */

const WORDS = {
  zh: {
    title: (year: number) => `城镇老旧小区改造 ${year} 年度进度周报`,
    sheets: ['概览', '分区统计', '滞后清单'],
    asOf: '统计截至',
    today: '数据日期',
    generated: '生成时间',
    kpiHead: ['指标', '完成', '目标', '完成率%'],
    kpis: {
      communities: '纳入计划小区（个）',
      started: '已开工（个）',
      completed: '已完工（个）',
      households: '完工惠及户数（户）',
      floorAreaM2: '完工建筑面积（m²）',
      planned: '计划投资（万元）',
      spent: '已完成投资（万元）',
    },
    statusHead: ['状态', '小区数', '占比%'],
    total: '合计',
    milestoneHead: ['节点目标', '截止日期', '阶段', '要求进度%', '已达标', '总数', '达标率%', '剩余天数'],
    byStageTitle: '各区小区所处阶段（个）',
    district: '区',
    rankTitle: '各区进度排名',
    rankHead: ['排名', '区', '小区数', '已开工', '已完工', '平均进度%', '按期率%', '最长滞后天数'],
    lateHead: ['序号', '区', '街道', '小区', '当前阶段', '进度%', '滞后天数', '截止日期', '截止阶段'],
    noLate: '无滞后小区',
  },
  en: {
    title: (year: number) => `Old residential community renovation ${year}: weekly progress report`,
    sheets: ['Summary', 'By district', 'Late list'],
    asOf: 'As of',
    today: 'Data date',
    generated: 'Generated',
    kpiHead: ['Indicator', 'Achieved', 'Target', 'Achieved %'],
    kpis: {
      communities: 'Communities in the programme',
      started: 'Works started',
      completed: 'Works completed',
      households: 'Households in completed communities',
      floorAreaM2: 'Floor area completed (m²)',
      planned: 'Planned investment (10k yuan)',
      spent: 'Investment spent (10k yuan)',
    },
    statusHead: ['Status', 'Communities', 'Share %'],
    total: 'Total',
    milestoneHead: ['Milestone', 'Due', 'Stage', 'Required %', 'Met', 'Total', 'Met %', 'Days left'],
    byStageTitle: 'Communities by stage and district',
    district: 'District',
    rankTitle: 'District ranking',
    rankHead: ['Rank', 'District', 'Communities', 'Started', 'Completed', 'Average progress %', 'On-time %', 'Most days late'],
    lateHead: ['No.', 'District', 'Street', 'Community', 'Stage', 'Progress %', 'Days late', 'Deadline', 'Deadline stage'],
    noLate: 'No community is late',
  },
}

type CellInput = string | number | Date | null

/** A cell value that can only be data: numbers stay numbers, dates dates, everything else a string. */
function plainValue(v: CellInput): ExcelJS.CellValue {
  if (v === null) return null
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (v instanceof Date) return v
  return String(v)
}

const dateCell = (d: IsoDate | null) => (d ? new Date(d + 'T00:00:00Z') : null)
const pctOf = (value: number, target: number) => (target > 0 ? Math.round((value / target) * 1000) / 10 : null)
const round1 = (n: number) => Math.round(n * 10) / 10
const round2 = (n: number) => Math.round(n * 100) / 100

function addRow(ws: ExcelJS.Worksheet, values: CellInput[], opts: { bold?: boolean; fill?: string } = {}): ExcelJS.Row {
  const row = ws.addRow(values.map(plainValue))
  row.eachCell((cell) => {
    if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd'
    if (opts.bold) cell.font = { bold: true }
    if (opts.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: opts.fill } }
  })
  return row
}
const HEAD = 'FFDDEBF7'
const TOTAL = 'FFF2F2F2'

export interface WeeklyReport {
  file: Buffer
  asOf: IsoDate
  planYear: number
}

/** Builds the weekly report for a plan year on a date (default: the schedule's today), city-wide. */
export async function weeklyReportXlsx(store: ScheduleStore, year: number, asOf: IsoDate | undefined, lang: Lang, now = new Date()): Promise<WeeklyReport> {
  const summary = await getScheduleSummary(store, year, {}, asOf)
  const schedule = await getSchedule(store, year, {}, summary.asOf)
  const inputs = await store.inputs(year)
  const districtOf = new Map(inputs.infos.map((c) => [c.communityId, c.districtId]))
  const stageCounts = new Map<number, Record<Stage, number>>()
  for (const d of summary.districts) stageCounts.set(d.id, Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>)
  for (const r of schedule.rows) {
    const d = districtOf.get(r.communityId)
    if (d !== undefined) stageCounts.get(d)![r.stage]++
  }

  const w = WORDS[lang]
  const wb = new ExcelJS.Workbook()
  wb.creator = 'renewmap'
  wb.created = now
  writeOverview(wb.addWorksheet(w.sheets[0]), summary, lang, now)
  writeDistricts(wb.addWorksheet(w.sheets[1]), summary, stageCounts, lang)
  writeLateList(wb.addWorksheet(w.sheets[2], { views: [{ state: 'frozen', ySplit: 1 }] }), summary, lang)
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), asOf: summary.asOf, planYear: year }
}

function writeOverview(ws: ExcelJS.Worksheet, s: ScheduleSummaryResponse, lang: Lang, now: Date) {
  const w = WORDS[lang]
  const k = s.kpis
  const title = addRow(ws, [w.title(s.planYear)])
  title.getCell(1).font = { bold: true, size: 16 }
  addRow(ws, [w.asOf, dateCell(s.asOf)])
  addRow(ws, [w.today, dateCell(s.today)])
  addRow(ws, [w.generated, now.toISOString().replace('T', ' ').slice(0, 19) + ' UTC'])
  ws.addRow([])
  addRow(ws, w.kpiHead, { bold: true, fill: HEAD })
  const kpi = (label: string, value: number, target: number | null) => {
    const row = addRow(ws, [label, round2(value), target === null ? null : round2(target), target === null ? null : pctOf(value, target)])
    for (const c of [row.getCell(2), row.getCell(3)]) if (typeof c.value === 'number') c.numFmt = Number.isInteger(c.value) ? '#,##0' : '#,##0.00'
  }
  kpi(w.kpis.communities, k.communities, null)
  kpi(w.kpis.started, k.started.value, k.started.target)
  kpi(w.kpis.completed, k.completed.value, k.completed.target)
  kpi(w.kpis.households, k.households.value, k.households.target)
  kpi(w.kpis.floorAreaM2, k.floorAreaM2.value, k.floorAreaM2.target)
  kpi(w.kpis.planned, k.investment.planned, k.investment.target)
  kpi(w.kpis.spent, k.investment.spent, k.investment.planned)
  ws.addRow([])
  addRow(ws, w.statusHead, { bold: true, fill: HEAD })
  for (const st of SCHEDULE_STATUSES) addRow(ws, [STATUS_LABELS[lang][st], s.statusCounts[st], pctOf(s.statusCounts[st], k.communities)])
  addRow(ws, [w.total, k.communities, k.communities ? 100 : null], { bold: true, fill: TOTAL })
  ws.addRow([])
  addRow(ws, w.milestoneHead, { bold: true, fill: HEAD })
  for (const m of s.milestones) {
    addRow(ws, [m.name[lang], dateCell(m.date), STAGE_LABELS[lang][m.stage], m.pct, m.met, m.total, pctOf(m.met, m.total), m.daysLeft])
  }
  ws.getColumn(1).width = 30
  for (let c = 2; c <= 8; c++) ws.getColumn(c).width = 14
}

function writeDistricts(ws: ExcelJS.Worksheet, s: ScheduleSummaryResponse, stageCounts: Map<number, Record<Stage, number>>, lang: Lang) {
  const w = WORDS[lang]
  addRow(ws, [w.byStageTitle], { bold: true })
  addRow(ws, [w.district, ...STAGES.map((st) => STAGE_LABELS[lang][st]), w.total], { bold: true, fill: HEAD })
  const totals = Object.fromEntries(STAGES.map((st) => [st, 0])) as Record<Stage, number>
  for (const d of [...s.districts].sort((a, b) => a.id - b.id)) {
    const c = stageCounts.get(d.id)!
    STAGES.forEach((st) => (totals[st] += c[st]))
    addRow(ws, [d.name, ...STAGES.map((st) => c[st]), STAGES.reduce((n, st) => n + c[st], 0)])
  }
  addRow(ws, [w.total, ...STAGES.map((st) => totals[st]), STAGES.reduce((n, st) => n + totals[st], 0)], { bold: true, fill: TOTAL })
  ws.addRow([])
  addRow(ws, [w.rankTitle], { bold: true })
  const [rank, district, communities, ...rest] = w.rankHead
  addRow(ws, [rank, district, communities, ...SCHEDULE_STATUSES.map((st) => STATUS_LABELS[lang][st]), ...rest], { bold: true, fill: HEAD })
  for (const d of [...s.districts].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))) {
    addRow(ws, [
      d.rank ?? null,
      d.name,
      d.communities,
      ...SCHEDULE_STATUSES.map((st) => d.byStatus[st]),
      d.started,
      d.completed,
      round1(d.avgOverallPct),
      round1(d.onTimeRate * 100),
      d.maxDaysLate,
    ])
  }
  ws.getColumn(1).width = 14
  ws.getColumn(2).width = 14
  for (let c = 3; c <= 14; c++) ws.getColumn(c).width = 11
}

function writeLateList(ws: ExcelJS.Worksheet, s: ScheduleSummaryResponse, lang: Lang) {
  const w = WORDS[lang]
  addRow(ws, w.lateHead, { bold: true, fill: HEAD })
  s.late.forEach((r, i) =>
    addRow(ws, [
      i + 1,
      r.districtName,
      r.streetName,
      r.name,
      STAGE_LABELS[lang][r.stage],
      r.progressPct,
      r.daysLate,
      dateCell(r.deadline),
      r.deadlineStage ? STAGE_LABELS[lang][r.deadlineStage] : null,
    ]),
  )
  if (s.late.length === 0) addRow(ws, [w.noLate])
  else ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: w.lateHead.length } }
  ;[6, 10, 12, 24, 12, 9, 10, 12, 12].forEach((width, i) => (ws.getColumn(i + 1).width = width))
}
