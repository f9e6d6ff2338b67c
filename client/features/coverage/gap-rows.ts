import type { CoverageRow } from '../../../core/contracts/coverage.js'

/** The columns the gap table sorts by. */
export type GapSortKey = 'residents' | 'minutes' | 'name' | 'district'
export type SortDir = 'asc' | 'desc'
export interface GapSort {
  key: GapSortKey
  dir: SortDir
}

/** Most residents first: the biggest gaps lead. */
export const DEFAULT_GAP_SORT: GapSort = { key: 'residents', dir: 'desc' }

/** The direction a column sorts in when first chosen: numbers biggest first, names A→Z. */
const FIRST_DIR: Record<GapSortKey, SortDir> = { residents: 'desc', minutes: 'desc', name: 'asc', district: 'asc' }

/** Clicking a column header: the same column flips its direction, another starts in its natural one. */
export function toggleGapSort(current: GapSort, key: GapSortKey): GapSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
  return { key, dir: FIRST_DIR[key] }
}

export interface GapFilter {
  /** Only communities not served within the threshold (the default). */
  uncoveredOnly: boolean
  districtId: number | null
}

export const DEFAULT_GAP_FILTER: GapFilter = { uncoveredOnly: true, districtId: null }

/** District and street names by id (from the coverage summary or the reference data). */
export interface AreaNames {
  district: (id: number) => string
  street: (id: number) => string
}

/**
 * The rows of the gap table: filtered, then sorted by the chosen column with stable tie-breaks (residents
 * descending, then id). An unreachable community counts as the longest walk. Names compare with `collator`
 * (pinyin order for zh-CN). Does not change `rows`.
 */
export function selectGapRows(
  rows: readonly CoverageRow[],
  filter: GapFilter,
  sort: GapSort,
  names: AreaNames,
  collator: Intl.Collator,
): CoverageRow[] {
  const kept = rows.filter((r) => (!filter.uncoveredOnly || !r.covered) && (filter.districtId === null || r.districtId === filter.districtId))
  const sign = sort.dir === 'asc' ? 1 : -1
  const walk = (r: CoverageRow) => (r.minutes === null || !Number.isFinite(r.minutes) ? Number.POSITIVE_INFINITY : r.minutes)
  const primary = (a: CoverageRow, b: CoverageRow): number => {
    switch (sort.key) {
      case 'residents':
        return a.residents - b.residents
      case 'minutes': {
        const wa = walk(a)
        const wb = walk(b)
        return wa === wb ? 0 : wa < wb ? -1 : 1
      }
      case 'name':
        return collator.compare(a.name, b.name)
      case 'district':
        return collator.compare(names.district(a.districtId), names.district(b.districtId)) || collator.compare(names.street(a.streetId), names.street(b.streetId))
    }
  }
  return kept.sort((a, b) => sign * primary(a, b) || b.residents - a.residents || a.communityId - b.communityId)
}

/** Rows rendered for a scroll position: the visible ones plus `overscan` either side (fixed row height). */
export function visibleRowRange(scrollTopPx: number, viewportPx: number, rowHeightPx: number, total: number, overscan = 8): { start: number; end: number } {
  if (total === 0 || rowHeightPx <= 0) return { start: 0, end: 0 }
  const first = Math.floor(Math.max(0, scrollTopPx) / rowHeightPx)
  const count = Math.ceil(Math.max(0, viewportPx) / rowHeightPx) + 1
  const start = Math.max(0, Math.min(first - overscan, total - 1))
  const end = Math.min(total, first + count + overscan)
  return { start, end: Math.max(start, end) }
}

/** The scrollTop that brings row `index` into view (unchanged when it is already visible). */
export function scrollTopToShow(index: number, scrollTopPx: number, viewportPx: number, rowHeightPx: number): number {
  const top = index * rowHeightPx
  const bottom = top + rowHeightPx
  if (top < scrollTopPx) return top
  if (bottom > scrollTopPx + viewportPx) return Math.max(0, bottom - viewportPx)
  return scrollTopPx
}
