/**
 * The columns of the progress spreadsheet: what the template writes and which header texts (zh, en or an
 * alias) an upload may use for each.
 */

export type ColumnKey = 'id' | 'code' | 'name' | 'district' | 'street' | 'currentStage' | 'currentPct' | 'lastReportDate' | 'stage' | 'pct' | 'reportDate' | 'note'

export interface ColumnSpec {
  key: ColumnKey
  zh: string
  en: string
  /** Written by the template for information; ignored on upload. */
  readOnly: boolean
  width: number
  /** Other header texts accepted on upload (compared after normaliseHeader). */
  aliases: string[]
}

export const COLUMNS: ColumnSpec[] = [
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

/** Columns an upload must have, besides the community's ID or code. */
export const REQUIRED: ColumnKey[] = ['stage', 'pct', 'reportDate']

/** Header text as compared on upload: width-folded, lower case, without spaces, %, brackets or asterisks. */
export const normaliseHeader = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s%*()（）[\]【】:：]/g, '')

/** Every accepted header text, normalised, to its column. */
export const HEADER_KEYS: Map<string, ColumnKey> = (() => {
  const m = new Map<string, ColumnKey>()
  for (const c of COLUMNS) for (const text of [c.zh, c.en, ...c.aliases]) m.set(normaliseHeader(text), c.key)
  return m
})()

/** A column as named in error messages: both languages. */
export const columnName = (key: ColumnKey) => {
  const c = COLUMNS.find((x) => x.key === key)!
  return `${c.zh} (${c.en})`
}
