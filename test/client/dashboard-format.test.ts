import { describe, expect, it } from 'vitest'
import { asOfOptions, formatAreaM2, formatMoneyPair, formatTargetShare, shortDate, targetShare } from '../../client/features/dashboard/dashboard-format.js'
import { funnelBars } from '../../client/features/dashboard/funnel.js'
import { trendRows } from '../../client/features/dashboard/trend-rows.js'

describe('money on the dashboard', () => {
  it('shows a programme of 54亿 in 亿元 for both planned and spent, with the share spent', () => {
    const m = formatMoneyPair(540_139.43, 359_369.35, 'zh')
    expect(m.planned).toEqual({ value: '54.01', unitKey: 'kpi.unitYiYuan' })
    expect(m.spent).toEqual({ value: '35.94', unitKey: 'kpi.unitYiYuan' })
    expect(m.share).toBeCloseTo(0.6653, 3)
  })

  it('keeps a programme under 1亿 in 万元, so small districts do not read as 0.85亿', () => {
    const m = formatMoneyPair(8_460.9, 5_258.9, 'zh')
    expect(m.planned).toEqual({ value: '8,460.9', unitKey: 'kpi.unitWanYuan' })
    expect(m.spent.unitKey).toBe('kpi.unitWanYuan')
  })

  it('uses billions or millions of yuan in English (1亿 = 100 million)', () => {
    expect(formatMoneyPair(540_139.43, 359_369.35, 'en').spent).toEqual({ value: '3.59', unitKey: 'kpi.unitBillionYuan' })
    expect(formatMoneyPair(84_609.9, 52_589.5, 'en').planned).toEqual({ value: '846.1', unitKey: 'kpi.unitMillionYuan' })
  })

  it('has no share when nothing is planned', () => {
    expect(formatMoneyPair(0, 0, 'zh').share).toBeNull()
  })
})

describe('floor area and targets', () => {
  it('writes floor area in 万㎡ in Chinese and million m² in English', () => {
    expect(formatAreaM2(6_454_640, 'zh')).toEqual({ value: '645.5', unitKey: 'kpi.unitFloorArea' })
    expect(formatAreaM2(6_454_640, 'en')).toEqual({ value: '6.45', unitKey: 'kpi.unitFloorArea' })
  })

  it('reports the share of a target, and a dash when there is no target', () => {
    expect(targetShare({ value: 232, target: 307 })).toBeCloseTo(0.7557, 3)
    expect(formatTargetShare({ value: 232, target: 307 }, 'zh')).toBe('75.6%')
    expect(targetShare({ value: 3, target: 0 })).toBeNull()
    expect(formatTargetShare({ value: 3, target: 0 }, 'en')).toBe('—')
  })
})

describe('the date picker', () => {
  it('lists today first, then the report weeks newest first, today only once', () => {
    expect(asOfOptions(['2026-01-05', '2026-01-12', '2026-01-19'], '2026-01-19')).toEqual(['2026-01-19', '2026-01-12', '2026-01-05'])
    expect(asOfOptions(['2026-01-05', '2026-01-12'], '2026-01-14')).toEqual(['2026-01-14', '2026-01-12', '2026-01-05'])
  })

  it('never offers a week after today', () => {
    expect(asOfOptions(['2026-01-05', '2026-01-12'], '2026-01-08')).toEqual(['2026-01-08', '2026-01-05'])
  })

  it('shortens week ticks to month-day', () => {
    expect(shortDate('2026-11-16')).toBe('11-16')
  })
})

describe('the stage funnel', () => {
  const rows = [
    { stage: 'survey', reached: 300, current: 0 },
    { stage: 'design', reached: 240, current: 60 },
    { stage: 'construction', reached: 120, current: 120 },
    { stage: 'handover', reached: 0, current: 0 },
  ] as const

  it('measures bars against the programme size', () => {
    const bars = funnelBars(rows, 300)
    expect(bars.map((b) => b.reachedShare)).toEqual([1, 0.8, 0.4, 0])
    expect(bars.map((b) => b.currentShare)).toEqual([0, 0.2, 0.4, 0])
  })

  it('gives the share that got on from the previous stage, 0 after an empty stage', () => {
    expect(funnelBars(rows, 300).map((b) => b.fromPrevious)).toEqual([1, 0.8, 0.5, 0])
  })

  it('never draws a bar past 100 % when the programme size is smaller than the first stage', () => {
    expect(funnelBars(rows, 200)[0].reachedShare).toBe(1)
  })

  it('draws empty bars for an empty programme', () => {
    expect(funnelBars([{ stage: 'survey', reached: 0, current: 0 }], 0)[0]).toMatchObject({ reachedShare: 0, currentShare: 0 })
  })
})

describe('the weekly trend', () => {
  it('flattens status counts into one row per week for the chart', () => {
    const rows = trendRows([{ week: '2026-01-05', byStatus: { not_started: 5, on_track: 3, at_risk: 1, late: 1, done: 0 }, started: 2, completed: 0 }])
    expect(rows).toEqual([{ week: '2026-01-05', not_started: 5, on_track: 3, at_risk: 1, late: 1, done: 0, started: 2, completed: 0 }])
  })
})
