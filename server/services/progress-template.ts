import ExcelJS from 'exceljs'
import type { IsoDate } from '../../core/domain/entities.js'
import { STAGES, type Stage } from '../../core/domain/stages.js'
import type { Queryable } from '../db/types.js'
import { badRequest } from '../http/errors.js'
import { COLUMNS, type ColumnKey } from './progress-columns.js'
import { STAGE_LABELS, stageLabel, type Lang } from './schedule-labels.js'

/**
 * The weekly progress template: a workbook with one pre-filled row per programme community in a scope
 * (city, district or street), dropdowns for the stage, and a sheet of instructions.
 */

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

/** Throws 400 when a template date is after the latest allowed report date. */
export function checkTemplateDate(date: IsoDate, maxDate: IsoDate): void {
  if (date > maxDate) throw badRequest(`The report date ${date} is after today (${maxDate})`)
}
