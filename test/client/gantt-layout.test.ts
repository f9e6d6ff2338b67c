import { describe, expect, it } from 'vitest'
import type { StageRecord } from '../../core/domain/entities.js'
import {
  actualBarSegments,
  createTimeScale,
  crisp,
  dateOfDay,
  fitText,
  ganttDomain,
  monthLabelStep,
  monthTicks,
  overallSpan,
  plannedBar,
  sortGanttRows,
  stageSpans,
  tintColor,
  todayX,
  xOfDate,
} from '../../client/features/schedule/gantt-layout.js'

/** Day numbers computed independently of the module, from the calendar. */
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000

const rec = (r: Partial<StageRecord> & Pick<StageRecord, 'stage'>): StageRecord => ({
  communityId: 1,
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  progressPct: 0,
  ...r,
})

describe('the Gantt time scale', () => {
  // 2026 has 365 days: one pixel per day from x = 100.
  const scale = createTimeScale({ startDay: day(2026, 1, 1), endDay: day(2027, 1, 1) }, 100, 465)

  it('places each day one pixel after the previous one on a one-pixel-per-day scale', () => {
    expect(xOfDate(scale, '2026-01-01')).toBe(100)
    expect(xOfDate(scale, '2026-02-01')).toBe(131)
    expect(xOfDate(scale, '2026-12-31')).toBe(464)
    expect(xOfDate(scale, '2027-01-01')).toBe(465)
  })

  it('puts the today line in the middle of today', () => {
    expect(todayX(scale, '2026-03-01')).toBe(100 + 31 + 28 + 0.5)
  })

  it('refuses an empty domain', () => {
    expect(() => createTimeScale({ startDay: 5, endDay: 5 }, 0, 100)).toThrow(RangeError)
  })

  it('snaps 1px lines onto a pixel column', () => {
    expect(crisp(10.2)).toBe(10.5)
    expect(crisp(10.7)).toBe(11.5)
  })
})

describe('the Gantt domain', () => {
  it('covers the whole plan year and extends to whole months around dates outside it', () => {
    const d = ganttDomain(['2026-03-15', '2027-02-10', null], 2026)
    expect(dateOfDay(d.startDay)).toBe('2026-01-01')
    expect(dateOfDay(d.endDay)).toBe('2027-03-01')
  })

  it('starts on the first of the month of an early date before the plan year', () => {
    const d = ganttDomain(['2025-11-20'], 2026)
    expect(d).toEqual({ startDay: day(2025, 11, 1), endDay: day(2027, 1, 1) })
  })

  it('works from dates alone, ending after the month of the last date', () => {
    expect(ganttDomain(['2026-05-31', '2026-05-01'])).toEqual({ startDay: day(2026, 5, 1), endDay: day(2026, 6, 1) })
  })

  it('needs a date or a year', () => {
    expect(() => ganttDomain([null, undefined])).toThrow(RangeError)
  })
})

describe('month ticks', () => {
  // Nov 2025 .. Feb 2027 inclusive: 30 + 31 + 365 + 31 + 28 = 485 days, one pixel each.
  const scale = createTimeScale({ startDay: day(2025, 11, 1), endDay: day(2027, 3, 1) }, 0, 485)
  const ticks = monthTicks(scale)

  it('has one tick per month, in order, across a year boundary', () => {
    expect(ticks).toHaveLength(16)
    expect(ticks.map((t) => `${t.year}-${t.month}`).slice(0, 4)).toEqual(['2025-11', '2025-12', '2026-1', '2026-2'])
    expect(ticks.at(-1)).toMatchObject({ year: 2027, month: 2, x: 457, xEnd: 485 })
  })

  it('marks January as a year boundary at the right place', () => {
    const starts = ticks.filter((t) => t.yearStart)
    expect(starts.map((t) => [t.year, t.x])).toEqual([
      [2026, 61],
      [2027, 426],
    ])
  })

  it('ends each month where the next begins', () => {
    expect(ticks[0]).toMatchObject({ x: 0, xEnd: 30 })
    expect(ticks[3]).toMatchObject({ month: 2, x: 92, xEnd: 120 })
  })

  it('skips a partial first month so every tick is a real month start', () => {
    const partial = createTimeScale({ startDay: day(2026, 1, 15), endDay: day(2026, 4, 1) }, 0, 76)
    expect(monthTicks(partial).map((t) => t.month)).toEqual([2, 3])
  })

  it('thins the labels when months get narrow', () => {
    expect(monthLabelStep(40)).toBe(1)
    expect(monthLabelStep(20)).toBe(2)
    expect(monthLabelStep(12)).toBe(3)
    expect(monthLabelStep(6)).toBe(6)
    expect(monthLabelStep(2)).toBe(12)
  })
})

describe('bars', () => {
  it('draws the planned bar through its end date', () => {
    expect(plannedBar({ plannedStart: '2026-03-01', plannedEnd: '2026-03-31' })).toEqual({ startDay: day(2026, 3, 1), endDay: day(2026, 4, 1) })
    expect(plannedBar({ plannedStart: '2026-03-01', plannedEnd: null })).toBeNull()
  })

  it('cuts a finished actual bar where it passes the planned end, the late part as long as the delay', () => {
    const segs = actualBarSegments({ plannedStart: '2026-03-01', plannedEnd: '2026-03-31', actualStart: '2026-03-01', actualEnd: '2026-04-10' }, '2026-06-01')
    expect(segs).toEqual([
      { startDay: day(2026, 3, 1), endDay: day(2026, 4, 1), late: false, open: false },
      { startDay: day(2026, 4, 1), endDay: day(2026, 4, 11), late: true, open: false },
    ])
    expect(segs[1].endDay - segs[1].startDay).toBe(10)
  })

  it('runs an unfinished actual bar to the end of today, open', () => {
    const segs = actualBarSegments({ plannedStart: '2026-03-01', plannedEnd: '2026-03-31', actualStart: '2026-03-05', actualEnd: null }, '2026-04-05')
    expect(segs).toEqual([
      { startDay: day(2026, 3, 5), endDay: day(2026, 4, 1), late: false, open: true },
      { startDay: day(2026, 4, 1), endDay: day(2026, 4, 6), late: true, open: true },
    ])
  })

  it('keeps a bar finished on time in one piece', () => {
    expect(actualBarSegments({ plannedStart: null, plannedEnd: '2026-03-31', actualStart: '2026-03-02', actualEnd: '2026-03-31' }, '2026-06-01')).toEqual([
      { startDay: day(2026, 3, 2), endDay: day(2026, 4, 1), late: false, open: false },
    ])
  })

  it('makes the whole bar late when work began after the planned end', () => {
    expect(actualBarSegments({ plannedStart: null, plannedEnd: '2026-03-31', actualStart: '2026-04-02', actualEnd: null }, '2026-04-03')).toEqual([
      { startDay: day(2026, 4, 2), endDay: day(2026, 4, 4), late: true, open: true },
    ])
  })

  it('never calls a bar late without a planned end, and draws nothing before work starts', () => {
    expect(actualBarSegments({ plannedStart: null, plannedEnd: null, actualStart: '2026-04-02', actualEnd: null }, '2026-09-01')).toEqual([
      { startDay: day(2026, 4, 2), endDay: day(2026, 9, 2), late: false, open: true },
    ])
    expect(actualBarSegments({ plannedStart: '2026-01-01', plannedEnd: '2026-02-01', actualStart: null, actualEnd: null }, '2026-09-01')).toEqual([])
  })
})

describe('a community as one row', () => {
  const records = [
    rec({ stage: 'design', plannedStart: '2026-03-01', plannedEnd: '2026-04-30', actualStart: '2026-03-03', actualEnd: '2026-05-02' }),
    rec({ stage: 'survey', plannedStart: '2026-01-10', plannedEnd: '2026-02-28', actualStart: '2026-01-12', actualEnd: '2026-02-20' }),
    rec({ stage: 'city_acceptance', plannedStart: '2026-11-01', plannedEnd: '2026-11-30' }),
    rec({ stage: 'handover', plannedStart: '2026-12-01', plannedEnd: '2026-12-31' }),
  ]

  it('spans the first planned start to the planned end of city acceptance, not handover', () => {
    expect(overallSpan(records)).toEqual({ plannedStart: '2026-01-10', plannedEnd: '2026-11-30', actualStart: '2026-01-12', actualEnd: null })
  })

  it('is finished when city acceptance has an actual end', () => {
    const done = [...records.filter((r) => r.stage !== 'city_acceptance'), rec({ stage: 'city_acceptance', plannedEnd: '2026-11-30', actualStart: '2026-11-02', actualEnd: '2026-11-25' })]
    expect(overallSpan(done).actualEnd).toBe('2026-11-25')
  })

  it('falls back to the latest planned end before completion when city acceptance is unplanned', () => {
    expect(overallSpan(records.filter((r) => r.stage !== 'city_acceptance')).plannedEnd).toBe('2026-04-30')
  })

  it('lists all nine stages for the community level, unplanned ones empty', () => {
    const spans = stageSpans(records)
    expect(spans).toHaveLength(9)
    expect(spans[0]).toMatchObject({ stage: 'survey', plannedStart: '2026-01-10' })
    expect(spans[1]).toMatchObject({ stage: 'district_plan', plannedStart: null, actualStart: null, progressPct: 0 })
  })
})

describe('sorting community rows', () => {
  const rows = [
    { id: 1, name: '春晖小区', daysLate: 0, plannedEnd: '2026-11-30' },
    { id: 2, name: '北苑小区', daysLate: 12, plannedEnd: null },
    { id: 3, name: '安居小区', daysLate: 12, plannedEnd: '2026-10-31' },
    { id: 4, name: '东湖小区', daysLate: 3, plannedEnd: '2026-10-31' },
  ]

  it('puts the most days late first, ties by name in pinyin order', () => {
    expect(sortGanttRows(rows, 'daysLate').map((r) => r.id)).toEqual([3, 2, 4, 1])
  })

  it('sorts names in pinyin order', () => {
    expect(sortGanttRows(rows, 'name').map((r) => r.name)).toEqual(['安居小区', '北苑小区', '春晖小区', '东湖小区'])
  })

  it('puts the earliest planned end first and unplanned rows last', () => {
    expect(sortGanttRows(rows, 'plannedEnd').map((r) => r.id)).toEqual([3, 4, 1, 2])
  })

  it('does not reorder the rows it was given', () => {
    sortGanttRows(rows, 'name')
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4])
  })
})

describe('fitting labels', () => {
  it('keeps a label that fits', () => {
    expect(fitText('东关街道', 60, 13)).toBe('东关街道')
  })

  it('cuts a long Chinese name with an ellipsis within the width', () => {
    // 13px per character: 60px holds 4 characters, 3 of them and the ellipsis when it has to be cut.
    expect(fitText('供电局职工宿舍小区', 60, 13)).toBe('供电局…')
  })

  it('fits more Latin letters than Chinese characters in the same width', () => {
    const cut = fitText('Power supply bureau dormitory', 60, 13)
    expect(cut.endsWith('…')).toBe(true)
    expect(cut.length).toBeGreaterThan(4)
  })
})

describe('the light planned colour of a stage', () => {
  it('mixes the stage colour with white', () => {
    expect(tintColor('#000000', 0.5)).toBe('#808080')
    expect(tintColor('#f39c12', 0)).toBe('#f39c12')
    expect(tintColor('#f39c12', 1)).toBe('#ffffff')
    expect(tintColor('#3f8fd2', 0.75)).toBe('#cfe3f4')
  })

  it('leaves a colour it cannot read as it is', () => {
    expect(tintColor('var(--accent)', 0.5)).toBe('var(--accent)')
  })
})
