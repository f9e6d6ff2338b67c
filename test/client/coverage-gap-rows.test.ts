import { describe, expect, it } from 'vitest'
import type { CoverageRow } from '../../core/contracts/coverage.js'
import {
  DEFAULT_GAP_FILTER,
  DEFAULT_GAP_SORT,
  scrollTopToShow,
  selectGapRows,
  toggleGapSort,
  visibleRowRange,
  type AreaNames,
} from '../../client/features/coverage/gap-rows.js'

const row = (id: number, over: Partial<CoverageRow>): CoverageRow => ({
  communityId: id,
  name: `小区${id}`,
  districtId: 1,
  streetId: 11,
  residents: 1000,
  nearestFacilityId: 7,
  nearestFacilityName: '阳光幼儿园',
  meters: 600,
  minutes: 10,
  covered: true,
  ...over,
})

const rows: CoverageRow[] = [
  row(1, { name: '幸福小区', residents: 3200, minutes: 14.2, covered: false, districtId: 2, streetId: 21 }),
  row(2, { name: '安居苑', residents: 800, minutes: 4.1, covered: true, districtId: 1, streetId: 12 }),
  row(3, { name: '春晖里', residents: 5100, minutes: null, meters: null, nearestFacilityId: null, nearestFacilityName: null, covered: false, districtId: 1, streetId: 11 }),
  row(4, { name: '和平新村', residents: 3200, minutes: 22, covered: false, districtId: 1, streetId: 12 }),
]

const names: AreaNames = {
  district: (id) => ({ 1: '庐阳区', 2: '包河区' })[id] ?? '',
  street: (id) => ({ 11: '大杨镇', 12: '杏林街道', 21: '滨湖街道' })[id] ?? '',
}
const zh = new Intl.Collator('zh-CN')
const ids = (list: CoverageRow[]) => list.map((r) => r.communityId)

describe('the gap table', () => {
  it('lists only communities not served, most residents first, by default', () => {
    const out = selectGapRows(rows, DEFAULT_GAP_FILTER, DEFAULT_GAP_SORT, names, zh)
    // 4 and 1 have the same residents: the lower id first, so the order never jitters between results.
    expect(ids(out)).toEqual([3, 1, 4])
  })

  it('shows every community when the filter is switched to all, and filters by district', () => {
    expect(ids(selectGapRows(rows, { uncoveredOnly: false, districtId: null }, DEFAULT_GAP_SORT, names, zh))).toEqual([3, 1, 4, 2])
    expect(ids(selectGapRows(rows, { uncoveredOnly: false, districtId: 2 }, DEFAULT_GAP_SORT, names, zh))).toEqual([1])
  })

  it('sorts an unreachable community as the longest walk', () => {
    const all = { uncoveredOnly: false, districtId: null }
    expect(ids(selectGapRows(rows, all, { key: 'minutes', dir: 'desc' }, names, zh))).toEqual([3, 4, 1, 2])
    expect(ids(selectGapRows(rows, all, { key: 'minutes', dir: 'asc' }, names, zh))).toEqual([2, 1, 4, 3])
  })

  it('sorts names in pinyin order for Chinese', () => {
    const all = { uncoveredOnly: false, districtId: null }
    // 安 (an) < 春 (chun) < 和 (he) < 幸 (xing)
    expect(selectGapRows(rows, all, { key: 'name', dir: 'asc' }, names, zh).map((r) => r.name)).toEqual(['安居苑', '春晖里', '和平新村', '幸福小区'])
  })

  it('sorts by district, then street', () => {
    const all = { uncoveredOnly: false, districtId: null }
    // 包河区 (bao) before 庐阳区 (lu); inside 庐阳区, 大杨镇 (da) before 杏林街道 (xing).
    expect(ids(selectGapRows(rows, all, { key: 'district', dir: 'asc' }, names, zh))).toEqual([1, 3, 4, 2])
  })

  it('does not reorder the rows it was given', () => {
    const before = ids(rows)
    selectGapRows(rows, DEFAULT_GAP_FILTER, { key: 'name', dir: 'asc' }, names, zh)
    expect(ids(rows)).toEqual(before)
  })

  it('flips the direction when the same column is clicked again, and starts a new column in its natural order', () => {
    expect(toggleGapSort(DEFAULT_GAP_SORT, 'residents')).toEqual({ key: 'residents', dir: 'asc' })
    expect(toggleGapSort(DEFAULT_GAP_SORT, 'name')).toEqual({ key: 'name', dir: 'asc' })
    expect(toggleGapSort({ key: 'name', dir: 'asc' }, 'minutes')).toEqual({ key: 'minutes', dir: 'desc' })
  })
})

describe('drawing only the rows in view', () => {
  it('renders the visible rows plus a margin, never past either end', () => {
    expect(visibleRowRange(0, 300, 34, 3000, 8)).toEqual({ start: 0, end: 18 })
    expect(visibleRowRange(34 * 1000, 300, 34, 3000, 8)).toEqual({ start: 992, end: 1018 })
    expect(visibleRowRange(34 * 2995, 300, 34, 3000, 8)).toEqual({ start: 2987, end: 3000 })
    expect(visibleRowRange(0, 300, 34, 0)).toEqual({ start: 0, end: 0 })
  })

  it('keeps a window of a few dozen rows however long the list is', () => {
    const { start, end } = visibleRowRange(34 * 1500, 360, 34, 3000)
    expect(end - start).toBeLessThan(40)
  })

  it('scrolls just enough to bring a row into view', () => {
    expect(scrollTopToShow(0, 340, 300, 34)).toBe(0) // above: to its top
    expect(scrollTopToShow(20, 0, 300, 34)).toBe(21 * 34 - 300) // below: its bottom at the bottom edge
    expect(scrollTopToShow(5, 0, 300, 34)).toBe(0) // already visible
  })
})
