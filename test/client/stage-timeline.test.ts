import { describe, expect, it } from 'vitest'
import type { StageRecord } from '../../core/domain/entities.js'
import { STAGES } from '../../core/domain/stages.js'
import { computeStageTimeline, datePct, timelineExtent } from '../../client/features/communities/stage-timeline.js'

const rec = (r: Partial<StageRecord> & Pick<StageRecord, 'stage'>): StageRecord => ({
  communityId: 1,
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  progressPct: 0,
  ...r,
})

describe('the stage timeline', () => {
  const asOf = '2026-06-15'
  const rows = computeStageTimeline(
    [
      rec({ stage: 'design', plannedStart: '2026-01-01', plannedEnd: '2026-02-28', actualStart: '2026-01-05', actualEnd: '2026-03-10', progressPct: 100 }),
      rec({ stage: 'survey', plannedStart: '2025-10-01', plannedEnd: '2025-11-30', actualStart: '2025-10-01', actualEnd: '2025-11-20', progressPct: 100 }),
      rec({ stage: 'construction', plannedStart: '2026-04-01', plannedEnd: '2026-06-01', actualStart: '2026-04-10', progressPct: 60 }),
      rec({ stage: 'self_acceptance', plannedStart: '2026-07-01', plannedEnd: '2026-07-31' }),
    ],
    asOf,
  )
  const byStage = Object.fromEntries(rows.map((r) => [r.stage, r]))

  it('lists all nine stages in workflow order', () => {
    expect(rows.map((r) => r.stage)).toEqual([...STAGES])
  })

  it('marks a stage finished after its planned end as late by the overrun in days', () => {
    expect(byStage.design.status).toBe('done')
    expect(byStage.design.lateDays).toBe(10)
    expect(byStage.survey.lateDays).toBe(0)
  })

  it('counts an unfinished stage past its planned end as late until today', () => {
    expect(byStage.construction.status).toBe('in_progress')
    expect(byStage.construction.lateDays).toBe(14)
  })

  it('does not call a future stage late, nor one without a plan', () => {
    expect(byStage.self_acceptance.status).toBe('not_started')
    expect(byStage.self_acceptance.lateDays).toBe(0)
    expect(byStage.handover.status).toBe('not_planned')
    expect(byStage.handover.lateDays).toBe(0)
  })

  it('lays dates out on one axis that spans every date and today', () => {
    const extent = timelineExtent(rows, asOf)
    expect(datePct('2025-10-01', extent)).toBe(0)
    expect(datePct('2026-07-31', extent)).toBe(100)
    const today = datePct(asOf, extent)
    expect(today).toBeGreaterThan(0)
    expect(today).toBeLessThan(100)
  })
})
