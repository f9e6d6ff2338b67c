/**
 * The battle map's schedule on a provincial-size programme: 20,000 communities with a report every week of
 * the year (1,040,000 reports). The weekly trend (every community's status on each of 52 Mondays) in one
 * sorted pass per community (replayDates, planned dates parsed once) against the plain way, re-reading each
 * community's whole history and planned dates for every week (latestAsOf); both must give the same counts.
 * Also every community on one date (GET /api/schedule).
 */
import { STAGES } from '../../core/domain/stages.js'
import { replayDates, scheduleAt, sortReports, type ScheduleSubject } from '../../core/schedule/replay.js'
import { computeScheduleState, DEFAULT_SCHEDULE_RULES, emptyStatusCounts, isoOfDay, dayOf, latestAsOf, type ReportPoint } from '../../core/schedule/status.js'
import { reportWeeks } from '../../core/schedule/summary.js'
import { median } from '../lib/stats.js'

const COMMUNITIES = 20_000
const YEAR = 2026
const TODAY = '2026-12-28'
const GOALS = { trendMs: 1500, asOfMs: 150 }

export interface ScheduleBenchResult {
  communities: number
  reports: number
  weeks: number
  trendMs: number[]
  baselineTrendMs: number
  asOfMs: number[]
  sameAnswers: boolean
  statusesAtToday: Record<string, number>
}

/** A deterministic programme: staggered plans, weekly reports, some communities slipping. */
function generate(): ScheduleSubject[] {
  let x = 12345
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296)
  const weeks = reportWeeks(YEAR, TODAY)
  const out: ScheduleSubject[] = []
  let id = 1
  for (let c = 0; c < COMMUNITIES; c++) {
    let d = dayOf(`${YEAR - 1}-09-01`) + Math.floor(rnd() * 150)
    const planned = STAGES.map(() => {
      const start = d
      const end = d + 20 + Math.floor(rnd() * 60)
      d = end + 1
      return { plannedStart: isoOfDay(start), plannedEnd: isoOfDay(end) }
    })
    const slip = 0.8 + rnd() * 0.5
    const reports: ReportPoint[] = []
    for (const w of weeks) {
      // Progress along the plan, stretched by the community's slip factor.
      const t = dayOf(planned[0].plannedStart) + (dayOf(w) - dayOf(planned[0].plannedStart)) / slip
      let k = planned.findIndex((p) => dayOf(p.plannedEnd) >= t)
      if (k < 0) k = STAGES.length - 1
      const p = planned[k]
      const pct = Math.max(0, Math.min(100, Math.floor((100 * (t - dayOf(p.plannedStart))) / (dayOf(p.plannedEnd) - dayOf(p.plannedStart) + 1) / 5) * 5))
      reports.push({ id: id++, stage: STAGES[k], progressPct: pct, reportDate: w })
    }
    out.push({ communityId: c + 1, planned, reports: sortReports(reports) })
  }
  return out
}

function countsOf(states: { status: keyof ReturnType<typeof emptyStatusCounts> }[]) {
  const c = emptyStatusCounts()
  for (const s of states) c[s.status]++
  return c
}

export async function runScheduleBench(log: (m: string) => void): Promise<ScheduleBenchResult> {
  const subjects = generate()
  const weeks = reportWeeks(YEAR, TODAY)
  const reports = subjects.reduce((n, s) => n + s.reports.length, 0)
  log(`  generated ${COMMUNITIES.toLocaleString()} communities, ${reports.toLocaleString()} reports, ${weeks.length} weeks`)
  const rules = DEFAULT_SCHEDULE_RULES

  const trendMs: number[] = []
  let ours: ReturnType<typeof emptyStatusCounts>[] = []
  for (let run = 0; run < 3; run++) {
    const t = performance.now()
    const points = weeks.map(() => emptyStatusCounts())
    replayDates(subjects, weeks, rules, (d, _i, s) => points[d][s.status]++)
    trendMs.push(performance.now() - t)
    ours = points
  }

  const t = performance.now()
  const baseline = weeks.map((w) => {
    const states = subjects.map((s) => {
      const { latest, completedOn } = latestAsOf(s.reports, w, rules)
      return computeScheduleState(s.planned, latest, completedOn, w, rules)
    })
    return countsOf(states)
  })
  const baselineTrendMs = performance.now() - t
  const sameAnswers = JSON.stringify(baseline) === JSON.stringify(ours)

  const asOfMs: number[] = []
  let today = emptyStatusCounts()
  for (let run = 0; run < 5; run++) {
    const t1 = performance.now()
    today = countsOf(scheduleAt(subjects, weeks.at(-1)!, rules))
    asOfMs.push(performance.now() - t1)
  }
  return { communities: COMMUNITIES, reports, weeks: weeks.length, trendMs, baselineTrendMs, asOfMs, sameAnswers, statusesAtToday: today }
}

export function printSchedule(r: ScheduleBenchResult, print: (s: string) => void) {
  const ok = (v: number, goal: number) => `${v.toFixed(0)} ms (goal ≤ ${goal} ms${v <= goal ? ', met' : ', MISSED'})`
  const trend = median(r.trendMs)
  print(`\nSchedule (battle map): ${r.communities.toLocaleString()} communities, ${r.reports.toLocaleString()} reports, ${r.weeks} weeks`)
  print(`  weekly trend, one pass: ${ok(trend, GOALS.trendMs)}; plain per-week re-read ${r.baselineTrendMs.toFixed(0)} ms → ${(r.baselineTrendMs / trend).toFixed(1)}× (same answers: ${r.sameAnswers ? 'yes' : 'NO'})`)
  print(`  status of every community on one date: ${ok(median(r.asOfMs), GOALS.asOfMs)}; today ${JSON.stringify(r.statusesAtToday)}`)
}
