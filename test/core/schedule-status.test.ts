import { describe, expect, it } from 'vitest'
import { STAGES, type Stage } from '../../core/domain/stages.js'
import { replayDates, scheduleAt, sortReports, type ScheduleSubject } from '../../core/schedule/replay.js'
import { computeScheduleState, DEFAULT_SCHEDULE_RULES, latestAsOf, type PlannedSpan, type ReportPoint } from '../../core/schedule/status.js'
import { computeFunnel, defaultMilestones, hasReached, milestoneStatuses, reportWeeks } from '../../core/schedule/summary.js'

// One community's plan in 2026: each stage a calendar month (construction three), in order.
const PLAN: Record<Stage, [string, string]> = {
  survey: ['2026-01-01', '2026-01-31'],
  district_plan: ['2026-02-01', '2026-02-28'],
  city_approval: ['2026-03-01', '2026-03-31'],
  design: ['2026-04-01', '2026-04-30'],
  preparation: ['2026-05-01', '2026-05-31'],
  construction: ['2026-06-01', '2026-08-31'],
  self_acceptance: ['2026-09-01', '2026-09-30'],
  city_acceptance: ['2026-10-01', '2026-10-31'],
  handover: ['2026-11-01', '2026-12-31'],
}
const planned = (drop: Stage[] = []): (PlannedSpan | undefined)[] =>
  STAGES.map((s) => (drop.includes(s) ? undefined : { plannedStart: PLAN[s][0], plannedEnd: PLAN[s][1] }))

let nextId = 1
const rep = (stage: Stage, progressPct: number, reportDate: string, id = nextId++): ReportPoint => ({ id, stage, progressPct, reportDate })

/** The state from a set of reports, as the API computes it (latest on or before asOf, first completion). */
function stateOf(reports: ReportPoint[], asOf: string, plan = planned()) {
  const { latest, completedOn } = latestAsOf(reports, asOf, DEFAULT_SCHEDULE_RULES)
  return computeScheduleState(plan, latest, completedOn, asOf)
}

describe('schedule status rule', () => {
  it('nothing reported and nothing due yet: not started, on time', () => {
    const s = stateOf([], '2025-12-15')
    expect(s).toMatchObject({ status: 'not_started', daysLate: 0, stage: 'survey', progressPct: 0, deadline: '2026-01-31', deadlineStage: 'survey', reportDate: null })
    expect(s.expectedPct).toBe(0)
  })

  it('nothing reported while the first stage is two-thirds through its plan: at risk', () => {
    const s = stateOf([], '2026-01-20')
    // 20 of 31 days elapsed → 64.5 % expected, 0 % done: a gap of at least 25 points.
    expect(s.expectedPct).toBeCloseTo((100 * 20) / 31, 9)
    expect(s.status).toBe('at_risk')
  })

  it('past the planned end of the unfinished stage: late by the days since', () => {
    expect(stateOf([], '2026-02-03')).toMatchObject({ status: 'late', daysLate: 3, deadline: '2026-01-31' })
    expect(stateOf([rep('construction', 50, '2026-07-15')], '2026-09-02')).toMatchObject({ status: 'late', daysLate: 2, deadlineStage: 'construction' })
  })

  it('on the planned end day itself is not late yet', () => {
    expect(stateOf([rep('construction', 95, '2026-08-24')], '2026-08-31')).toMatchObject({ status: 'on_track', daysLate: 0 })
  })

  it('behind the linear plan of the current stage by 25 points or more: at risk; less: on track', () => {
    const reports = [rep('construction', 50, '2026-07-15')]
    const mid = stateOf(reports, '2026-07-16') // 46 of 92 days → 50 % expected
    expect(mid.expectedPct).toBeCloseTo(50, 9)
    expect(mid.status).toBe('on_track')
    const later = stateOf(reports, '2026-08-10') // 71 / 92 → 77.2 %, gap 27.2
    expect(later.status).toBe('at_risk')
    const justUnder = stateOf(reports, '2026-08-07') // 68 / 92 → 73.9 %, gap 23.9
    expect(justUnder.status).toBe('on_track')
  })

  it('a stage reported at 100 % moves the deadline to the next stage', () => {
    const s = stateOf([rep('construction', 100, '2026-08-20')], '2026-08-25')
    expect(s).toMatchObject({ status: 'on_track', deadlineStage: 'self_acceptance', deadline: '2026-09-30', expectedPct: 0, completed: true, started: true })
  })

  it('finished a stage late but the next one is not due: on track again (lateness is about now)', () => {
    const s = stateOf([rep('preparation', 100, '2026-06-10')], '2026-06-12')
    expect(s).toMatchObject({ status: 'on_track', daysLate: 0, deadlineStage: 'construction' })
  })

  it('completed early: done, 0 days late, completion date from the first report showing it', () => {
    const s = stateOf([rep('city_acceptance', 60, '2026-09-08'), rep('city_acceptance', 100, '2026-09-15'), rep('handover', 10, '2026-09-22')], '2026-10-01')
    expect(s).toMatchObject({ status: 'done', daysLate: 0, completedOn: '2026-09-15', stage: 'handover', overallPct: 100 })
  })

  it('completed late: done with the days completion came after the planned end of city acceptance', () => {
    const s = stateOf([rep('city_acceptance', 100, '2026-11-10')], '2026-11-20')
    expect(s).toMatchObject({ status: 'done', daysLate: 10, completedOn: '2026-11-10', deadline: '2026-10-31' })
  })

  it('a handover report alone counts as done on its date', () => {
    expect(stateOf([rep('handover', 0, '2026-11-02')], '2026-11-03')).toMatchObject({ status: 'done', completedOn: '2026-11-02', daysLate: 2 })
  })

  it('reports out of order: the latest report date wins, then the later arrival on the same date', () => {
    const a = rep('construction', 50, '2026-07-15', 10)
    const backdated = rep('construction', 30, '2026-07-08', 11) // arrives later, dated earlier
    expect(stateOf([a, backdated], '2026-07-20').progressPct).toBe(50)
    const sameDayCorrection = rep('construction', 45, '2026-07-15', 12)
    expect(stateOf([sameDayCorrection, a, backdated], '2026-07-20').progressPct).toBe(45)
  })

  it('reports dated after asOf do not count', () => {
    const s = stateOf([rep('construction', 40, '2026-07-06'), rep('construction', 80, '2026-08-01')], '2026-07-20')
    expect(s).toMatchObject({ progressPct: 40, reportDate: '2026-07-06' })
  })

  it('a correction after completion undoes done', () => {
    const reports = [rep('city_acceptance', 100, '2026-10-20'), rep('city_acceptance', 80, '2026-10-27')]
    expect(stateOf(reports, '2026-10-21').status).toBe('done')
    expect(stateOf(reports, '2026-11-05')).toMatchObject({ status: 'late', daysLate: 5, completedOn: null })
  })

  it('missing planned end of the current stage: the deadline is the next planned end, and no at-risk test', () => {
    const plan = planned(['preparation'])
    const s = stateOf([rep('preparation', 0, '2026-05-04')], '2026-05-30', plan)
    expect(s).toMatchObject({ deadlineStage: 'construction', deadline: '2026-08-31', expectedPct: null, status: 'on_track' })
    expect(stateOf([rep('preparation', 0, '2026-05-04')], '2026-09-03', plan)).toMatchObject({ status: 'late', daysLate: 3 })
  })

  it('no planned dates at all: never late, never at risk', () => {
    const none = STAGES.map(() => undefined)
    expect(stateOf([], '2030-01-01', none)).toMatchObject({ status: 'not_started', deadline: null, daysLate: 0, expectedPct: null })
    expect(stateOf([rep('design', 40, '2026-04-06')], '2030-01-01', none)).toMatchObject({ status: 'on_track', daysLate: 0 })
  })

  it('planned dates in the future: nothing expected yet', () => {
    const s = stateOf([rep('survey', 0, '2025-11-03')], '2025-11-10')
    expect(s).toMatchObject({ status: 'not_started', expectedPct: 0, daysLate: 0 })
  })

  it('overall progress and the started / completed flags', () => {
    const s = stateOf([rep('construction', 50, '2026-07-15')], '2026-07-16')
    expect(s.overallPct).toBeCloseTo((100 * 5.5) / 8, 9)
    expect(s).toMatchObject({ started: true, completed: false })
    expect(stateOf([rep('construction', 0, '2026-06-01')], '2026-06-02')).toMatchObject({ started: false, completed: false })
    expect(stateOf([rep('self_acceptance', 0, '2026-09-01')], '2026-09-02')).toMatchObject({ started: true, completed: true })
  })

  it('progress above 100 or below 0 is clamped', () => {
    expect(computeScheduleState(planned(), rep('design', 140, '2026-04-10'), null, '2026-04-11').progressPct).toBe(100)
  })
})

describe('replay', () => {
  /** A random history: mostly forward, sometimes corrections and back-dated reports, shuffled ids. */
  function randomSubject(seed: number): ScheduleSubject {
    let x = seed
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648)
    const reports: ReportPoint[] = []
    let k = 0
    let pct = 0
    for (let week = 0; week < 40; week++) {
      if (rnd() < 0.15) continue // a missed week
      pct += Math.round(rnd() * 40)
      if (pct >= 100) {
        pct = rnd() < 0.5 ? 100 : 0
        if (pct === 0) k = Math.min(8, k + 1)
      }
      if (rnd() < 0.1) pct = Math.max(0, pct - 20) // a correction downwards
      const day = new Date(Date.UTC(2026, 0, 5 + week * 7 - (rnd() < 0.1 ? 3 : 0))).toISOString().slice(0, 10)
      reports.push({ id: Math.floor(rnd() * 1e6), stage: STAGES[k], progressPct: pct, reportDate: day })
    }
    return { communityId: seed, planned: planned(seed % 3 === 0 ? ['design'] : []), reports: sortReports(reports) }
  }

  it('the state of week N is the state computed from the reports up to week N only', () => {
    const subjects = Array.from({ length: 25 }, (_, i) => randomSubject(i + 1))
    const weeks = reportWeeks(2026, '2026-11-16')
    expect(weeks).toHaveLength(46)
    expect(weeks[0]).toBe('2026-01-05')
    replayDates(subjects, weeks, DEFAULT_SCHEDULE_RULES, (d, i, state) => {
      const truncated = subjects[i].reports.filter((r) => r.reportDate <= weeks[d])
      const { latest, completedOn } = latestAsOf(truncated, weeks[d], DEFAULT_SCHEDULE_RULES)
      expect(state).toEqual(computeScheduleState(subjects[i].planned, latest, completedOn, weeks[d]))
    })
    for (const w of [weeks[0], weeks[20], weeks[45]]) {
      const direct = scheduleAt(subjects, w, DEFAULT_SCHEDULE_RULES)
      const viaReplay: unknown[] = []
      replayDates(subjects, [w], DEFAULT_SCHEDULE_RULES, (_d, i, s) => (viaReplay[i] = s))
      expect(viaReplay).toEqual(direct)
    }
  })
})

describe('roll-ups', () => {
  it('milestones are met at the stage and progress or any later stage; days left count from asOf', () => {
    const ms = defaultMilestones(2026)
    expect(ms.map((m) => m.date)).toEqual(['2026-03-31', '2026-07-31', '2026-10-31', '2026-11-30'])
    const states = [
      stateOf([rep('preparation', 100, '2026-03-30')], '2026-04-01'),
      stateOf([rep('construction', 60, '2026-07-27')], '2026-08-01'),
      stateOf([rep('preparation', 90, '2026-03-30')], '2026-04-01'),
    ]
    expect(hasReached(states[0], 'preparation', 100)).toBe(true)
    const out = milestoneStatuses(ms, states, '2026-11-16')
    expect(out.map((m) => m.met)).toEqual([2, 1, 0, 0])
    expect(out.map((m) => m.daysLeft)).toEqual([-230, -108, -16, 14])
  })

  it('the funnel counts communities at or beyond each stage', () => {
    const f = computeFunnel([stateOf([rep('design', 10, '2026-04-06')], '2026-04-07'), stateOf([rep('construction', 10, '2026-06-08')], '2026-06-09')])
    expect(f.find((r) => r.stage === 'survey')).toMatchObject({ reached: 2, current: 0 })
    expect(f.find((r) => r.stage === 'preparation')).toMatchObject({ reached: 1, current: 0 })
    expect(f.find((r) => r.stage === 'construction')).toMatchObject({ reached: 1, current: 1 })
    expect(f.find((r) => r.stage === 'handover')).toMatchObject({ reached: 0, current: 0 })
  })
})
