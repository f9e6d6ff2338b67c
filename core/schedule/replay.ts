import type { IsoDate } from '../domain/entities.js'
import {
  compilePlan,
  computeScheduleState,
  dayOf,
  isLaterReport,
  reportsCompletion,
  type CommunityScheduleState,
  type CompiledPlan,
  type PlannedSpan,
  type ReportPoint,
  type ScheduleRulesInput,
} from './status.js'

/** One community of the programme: its planned stage dates (indexed like STAGES) and all its reports. */
export interface ScheduleSubject {
  communityId: number
  planned: readonly (PlannedSpan | undefined)[]
  /** Sorted oldest first by report date, then id (sortReports); any dates. */
  reports: readonly ReportPoint[]
}

/** Orders reports as the rule reads them: by report date, then by id (arrival). */
export function sortReports<T extends ReportPoint>(reports: T[]): T[] {
  return reports.sort((a, b) => (a.reportDate < b.reportDate ? -1 : a.reportDate > b.reportDate ? 1 : a.id - b.id))
}

/** The first report date that showed completion, or null. Reports must be sorted. */
function firstCompletion(reports: readonly ReportPoint[], rules: ScheduleRulesInput): IsoDate | null {
  for (const r of reports) if (reportsCompletion(r, rules)) return r.reportDate
  return null
}

// Per-subject derived data, computed once while the subject object lives (the server keeps its inputs cached
// until the data changes, so a request parses no planned dates and rescans no history).
const derived = new WeakMap<ScheduleSubject, { plan: CompiledPlan; completionStage: string; first: IsoDate | null }>()
function derive(s: ScheduleSubject, rules: ScheduleRulesInput) {
  let d = derived.get(s)
  if (!d || d.completionStage !== rules.completionStage) {
    d = { plan: compilePlan(s.planned), completionStage: rules.completionStage, first: firstCompletion(s.reports, rules) }
    derived.set(s, d)
  }
  return d
}

/** Index of the last report dated on or before asOf in a sorted list, or -1 (binary search). */
function lastOnOrBefore(reports: readonly ReportPoint[], asOf: IsoDate): number {
  let lo = 0
  let hi = reports.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (reports[mid].reportDate <= asOf) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/** Every subject's state on one date. */
export function scheduleAt(subjects: readonly ScheduleSubject[], asOf: IsoDate, rules: ScheduleRulesInput): CommunityScheduleState[] {
  const day = dayOf(asOf)
  return subjects.map((s) => {
    const { plan, first } = derive(s, rules)
    const k = lastOnOrBefore(s.reports, asOf)
    // Sorted by date then id, the last report on or before asOf is the latest.
    return computeScheduleState(plan, k >= 0 ? s.reports[k] : null, first !== null && first <= asOf ? first : null, asOf, rules, day)
  })
}

/**
 * The state of every subject on every date of `dates` (ascending), in one pass over each community's sorted
 * reports: O(reports + subjects × dates). `visit(d, i, state)` gets date index d and subject index i.
 */
export function replayDates(
  subjects: readonly ScheduleSubject[],
  dates: readonly IsoDate[],
  rules: ScheduleRulesInput,
  visit: (dateIndex: number, subjectIndex: number, state: CommunityScheduleState) => void,
): void {
  const days = dates.map(dayOf)
  subjects.forEach((s, i) => {
    const { plan, first } = derive(s, rules)
    let p = 0
    let latest: ReportPoint | null = null
    dates.forEach((asOf, d) => {
      while (p < s.reports.length && s.reports[p].reportDate <= asOf) {
        const r = s.reports[p++]
        if (!latest || isLaterReport(r, latest)) latest = r
      }
      visit(d, i, computeScheduleState(plan, latest, first !== null && first <= asOf ? first : null, asOf, rules, days[d]))
    })
  })
}
