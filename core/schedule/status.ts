import type { IsoDate } from '../domain/entities.js'
import { STAGES, type Stage } from '../domain/stages.js'

/**
 * The schedule status of one community on one date. The rule is written out in docs/schedule-status.md;
 * this is its one implementation, pure and independent of storage, so the API, the replay and the exports
 * all agree.
 */
export const SCHEDULE_STATUSES = ['not_started', 'on_track', 'at_risk', 'late', 'done'] as const
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number]

export interface ScheduleRulesInput {
  completionStage: Stage
  atRiskGapPct: number
}
export const DEFAULT_SCHEDULE_RULES: ScheduleRulesInput = { completionStage: 'city_acceptance', atRiskGapPct: 25 }

/** Planned dates of one stage (either may be missing). */
export interface PlannedSpan {
  plannedStart: IsoDate | null
  plannedEnd: IsoDate | null
}

/** One weekly report as the rule reads it; `id` orders reports of the same date (later arrival wins). */
export interface ReportPoint {
  id: number
  stage: Stage
  progressPct: number
  reportDate: IsoDate
}

export interface CommunityScheduleState {
  /** Stage and progress within it from the latest report dated on or before asOf; survey 0 without one. */
  stage: Stage
  progressPct: number
  status: ScheduleStatus
  /** Days past the deadline (late), or how late completion came (done); 0 otherwise. */
  daysLate: number
  /** Date of the report the state is read from; null when there is none yet. */
  reportDate: IsoDate | null
  /** The stage whose planned end is the deadline now, and that date (null when no planned date applies). */
  deadlineStage: Stage | null
  deadline: IsoDate | null
  /** Share of the deadline stage's planned span elapsed on asOf (0–100); null without both planned dates. */
  expectedPct: number | null
  /** First report date on which completion was reported (status done), else null. */
  completedOn: IsoDate | null
  /** Progress through the stages up to completion, 0–100 (whole stages plus the share of the current one). */
  overallPct: number
  /** Works begun (construction reported above 0 % or a later stage) and works finished (construction at 100 % or later). */
  started: boolean
  completed: boolean
}

const DAY_MS = 86_400_000
/** Whole days since 1970-01-01 of a calendar date (UTC, no time zones involved). */
export const dayOf = (d: IsoDate): number => Math.round(Date.parse(d + 'T00:00:00Z') / DAY_MS)
export const isoOfDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10)

const CONSTRUCTION: number = STAGES.indexOf('construction')

/** True when report a comes after report b: later report date, then later id. */
export function isLaterReport(a: ReportPoint, b: ReportPoint): boolean {
  return a.reportDate > b.reportDate || (a.reportDate === b.reportDate && a.id > b.id)
}

/** Whether a report shows completion: the completion stage at 100 %, or any later stage. */
export function reportsCompletion(r: Pick<ReportPoint, 'stage' | 'progressPct'>, rules: ScheduleRulesInput): boolean {
  const k = STAGES.indexOf(r.stage)
  const c = STAGES.indexOf(rules.completionStage)
  return k > c || (k === c && r.progressPct >= 100)
}

/** Planned dates as day numbers (NaN where missing), with the ISO strings kept for output. */
export interface CompiledPlan {
  readonly start: Float64Array
  readonly end: Float64Array
  readonly endIso: readonly (IsoDate | null)[]
}

/** Converts planned spans (indexed like STAGES) once, so evaluating many dates parses no strings. */
export function compilePlan(planned: readonly (PlannedSpan | undefined)[]): CompiledPlan {
  const start = new Float64Array(STAGES.length).fill(NaN)
  const end = new Float64Array(STAGES.length).fill(NaN)
  const endIso: (IsoDate | null)[] = new Array(STAGES.length).fill(null)
  for (let k = 0; k < STAGES.length; k++) {
    const p = planned[k]
    if (p?.plannedStart) start[k] = dayOf(p.plannedStart)
    if (p?.plannedEnd) {
      end[k] = dayOf(p.plannedEnd)
      endIso[k] = p.plannedEnd
    }
  }
  return { start, end, endIso }
}

const STAGE_INDEX = new Map<string, number>(STAGES.map((s, k) => [s, k]))

/**
 * The status of one community on `asOf`, from its planned stage dates (indexed like STAGES, or compiled), the
 * latest report dated on or before asOf, and the first date on or before asOf that a report showed completion.
 * See docs/schedule-status.md for the rule in words.
 */
export function computeScheduleState(
  planned: CompiledPlan | readonly (PlannedSpan | undefined)[],
  latest: ReportPoint | null,
  completedOn: IsoDate | null,
  asOf: IsoDate,
  rules: ScheduleRulesInput = DEFAULT_SCHEDULE_RULES,
  asOfDay: number = dayOf(asOf),
): CommunityScheduleState {
  const plan = 'endIso' in planned ? planned : compilePlan(planned)
  const stage: Stage = latest?.stage ?? STAGES[0]
  const pct = latest ? Math.max(0, Math.min(100, latest.progressPct)) : 0
  const k = STAGE_INDEX.get(stage)!
  const c = STAGE_INDEX.get(rules.completionStage)!
  // First stage not finished: the current one, or the next when the current one is reported at 100 %.
  const f = pct >= 100 ? k + 1 : k
  const overallPct = Math.min(100, (100 * (Math.min(f, c + 1) + (f === k && f <= c ? pct / 100 : 0))) / (c + 1))
  const started = k > CONSTRUCTION || (k === CONSTRUCTION && pct > 0)
  const completed = k > CONSTRUCTION || (k === CONSTRUCTION && pct >= 100)
  const reportDate = latest?.reportDate ?? null

  if (f > c) {
    const end = plan.endIso[c]
    const on = completedOn ?? latest!.reportDate
    const daysLate = end ? Math.max(0, dayOf(on) - plan.end[c]) : 0
    return {
      stage, progressPct: pct, status: 'done', daysLate, reportDate, deadlineStage: end ? rules.completionStage : null, deadline: end,
      expectedPct: null, completedOn: on, overallPct, started, completed,
    }
  }

  // The deadline: the planned end of the first unfinished stage, else of the nearest later stage that has one.
  let d = -1
  for (let j = f; j <= c; j++) {
    if (!Number.isNaN(plan.end[j])) {
      d = j
      break
    }
  }
  const deadline = d >= 0 ? plan.endIso[d] : null
  const daysLate = d >= 0 ? Math.max(0, asOfDay - plan.end[d]) : 0
  let expectedPct: number | null = null
  if (d === f && !Number.isNaN(plan.start[f])) {
    const s = plan.start[f]
    const e = plan.end[f]
    expectedPct = Math.max(0, Math.min(100, (100 * (asOfDay - s + 1)) / (e - s + 1)))
  }
  let status: ScheduleStatus = 'on_track'
  if (daysLate > 0) status = 'late'
  else if (expectedPct !== null && expectedPct - (f === k ? pct : 0) >= rules.atRiskGapPct) status = 'at_risk'
  else if (k === 0 && pct === 0) status = 'not_started'
  return {
    stage, progressPct: pct, status, daysLate, reportDate, deadlineStage: d >= 0 ? STAGES[d] : null, deadline,
    expectedPct, completedOn: null, overallPct, started, completed,
  }
}

/**
 * Walks one community's reports (any order) and returns the latest dated on or before asOf and the first date
 * on or before asOf that showed completion.
 */
export function latestAsOf(reports: readonly ReportPoint[], asOf: IsoDate, rules: ScheduleRulesInput): { latest: ReportPoint | null; completedOn: IsoDate | null } {
  let latest: ReportPoint | null = null
  let completedOn: IsoDate | null = null
  for (const r of reports) {
    if (r.reportDate > asOf) continue
    if (!latest || isLaterReport(r, latest)) latest = r
    if (reportsCompletion(r, rules) && (completedOn === null || r.reportDate < completedOn)) completedOn = r.reportDate
  }
  return { latest, completedOn }
}

/** A zeroed count per status. */
export function emptyStatusCounts(): Record<ScheduleStatus, number> {
  return { not_started: 0, on_track: 0, at_risk: 0, late: 0, done: 0 }
}
