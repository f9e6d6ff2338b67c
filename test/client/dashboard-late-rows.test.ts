import { describe, expect, it } from 'vitest'
import type { LateRow } from '../../core/contracts/schedule.js'
import { DEFAULT_LATE_SORT, sortLateRows, toggleLateSort } from '../../client/features/dashboard/late-rows.js'

const row = (communityId: number, over: Partial<LateRow>): LateRow => ({
  communityId,
  name: `小区${communityId}`,
  districtId: 1,
  districtName: '东湖区',
  streetId: 1,
  streetName: '站前街道',
  stage: 'design',
  progressPct: 50,
  daysLate: 10,
  deadline: '2026-05-01',
  deadlineStage: 'design',
  ...over,
})

const rows = [
  row(1, { daysLate: 30, stage: 'construction', progressPct: 40, deadline: '2026-06-01', districtName: '西园区' }),
  row(2, { daysLate: 214, stage: 'design', progressPct: 85, deadline: '2026-04-16' }),
  row(3, { daysLate: 30, stage: 'preparation', progressPct: 90, deadline: null, districtName: '北岗区' }),
  row(4, { daysLate: 5, stage: 'design', progressPct: 20, deadline: '2026-10-01' }),
]
const ids = (r: LateRow[]) => r.map((x) => x.communityId)

describe('sorting the late list', () => {
  it('puts the most days late first by default, ties by community id', () => {
    expect(ids(sortLateRows(rows, DEFAULT_LATE_SORT, 'zh'))).toEqual([2, 1, 3, 4])
  })

  it('sorts by stage in workflow order, then progress', () => {
    expect(ids(sortLateRows(rows, { key: 'stage', dir: 'asc' }, 'zh'))).toEqual([4, 2, 3, 1])
  })

  it('sorts by deadline oldest first with rows without a deadline last', () => {
    expect(ids(sortLateRows(rows, { key: 'deadline', dir: 'asc' }, 'en'))).toEqual([2, 1, 4, 3])
  })

  it('sorts district names in pinyin order in Chinese', () => {
    // 北 (běi) < 东 (dōng) < 西 (xī)
    expect(sortLateRows(rows, { key: 'districtName', dir: 'asc' }, 'zh').map((r) => r.districtName)).toEqual(['北岗区', '东湖区', '东湖区', '西园区'])
  })

  it('does not reorder the rows it was given', () => {
    const before = ids(rows)
    sortLateRows(rows, { key: 'progressPct', dir: 'asc' }, 'zh')
    expect(ids(rows)).toEqual(before)
  })

  it('flips a column clicked again and starts a new one in its natural direction', () => {
    expect(toggleLateSort(DEFAULT_LATE_SORT, 'daysLate')).toEqual({ key: 'daysLate', dir: 'asc' })
    expect(toggleLateSort(DEFAULT_LATE_SORT, 'name')).toEqual({ key: 'name', dir: 'asc' })
    expect(toggleLateSort({ key: 'name', dir: 'asc' }, 'progressPct')).toEqual({ key: 'progressPct', dir: 'desc' })
  })
})
