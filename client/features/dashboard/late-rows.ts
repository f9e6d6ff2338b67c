import type { LateRow } from '../../../core/contracts/schedule.js'
import { stageIndex } from '../../../core/domain/stages.js'
import type { Lang } from '../../i18n/format.js'

export const LATE_SORT_KEYS = ['districtName', 'streetName', 'name', 'stage', 'progressPct', 'daysLate', 'deadline'] as const
export type LateSortKey = (typeof LATE_SORT_KEYS)[number]
export type SortDir = 'asc' | 'desc'
export interface LateSort {
  key: LateSortKey
  dir: SortDir
}

/** Most days late first, as the server sends them. */
export const DEFAULT_LATE_SORT: LateSort = { key: 'daysLate', dir: 'desc' }

/** Numbers start high-first (most late, most progress); names and dates start A–Z / oldest first. */
export function defaultDirOf(key: LateSortKey): SortDir {
  return key === 'daysLate' || key === 'progressPct' ? 'desc' : 'asc'
}

/** Clicking a column: the same column flips its direction, another one starts in its natural direction. */
export function toggleLateSort(current: LateSort, key: LateSortKey): LateSort {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: defaultDirOf(key) }
}

const collators = new Map<Lang, Intl.Collator>()
function collatorOf(lang: Lang): Intl.Collator {
  let c = collators.get(lang)
  if (!c) {
    c = new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en', { numeric: true })
    collators.set(lang, c)
  }
  return c
}

function compareBy(a: LateRow, b: LateRow, key: LateSortKey, lang: Lang): number {
  switch (key) {
    case 'stage':
      return stageIndex(a.stage) - stageIndex(b.stage) || a.progressPct - b.progressPct
    case 'progressPct':
    case 'daysLate':
      return a[key] - b[key]
    case 'deadline':
      // Rows without a deadline sort after those with one.
      return (a.deadline ?? '9999') < (b.deadline ?? '9999') ? -1 : (a.deadline ?? '9999') > (b.deadline ?? '9999') ? 1 : 0
    default:
      return collatorOf(lang).compare(a[key], b[key])
  }
}

/** A sorted copy; ties fall back to most days late, then community id, so the order is stable. */
export function sortLateRows(rows: readonly LateRow[], sort: LateSort, lang: Lang): LateRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => sign * compareBy(a, b, sort.key, lang) || b.daysLate - a.daysLate || a.communityId - b.communityId)
}
