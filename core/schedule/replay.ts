import type { IsoDate } from '../domain/entities.js'
import {
  computeScheduleState,
  isLaterReport,
  reportsCompletion,
  type CommunityScheduleState,
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

/** Every subject's state on one date. */
export function scheduleAt(subjects: readonly ScheduleSubject[], asOf: IsoDate, rules: ScheduleRulesInput): CommunityScheduleState[] {
  return subjects.map((s) => {
    let latest: ReportPoint | null = null
    for (const r of s.reports) {
      if (r.reportDate > asOf) break
      if (!latest || isLaterReport(r, latest)) latest = r
    }
    const first = firstCompletion(s.reports, rules)
    return computeScheduleState(s.planned, latest, first !== null && first <= asOf ? first : null, asOf, rules)
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
  subjects.forEach((s, i) => {
    const first = firstCompletion(s.reports, rules)
    let p = 0
    let latest: ReportPoint | null = null
    dates.forEach((asOf, d) => {
      while (p < s.reports.length && s.reports[p].reportDate <= asOf) {
        const r = s.reports[p++]
        if (!latest || isLaterReport(r, latest)) latest = r
      }
      visit(d, i, computeScheduleState(s.planned, latest, first !== null && first <= asOf ? first : null, asOf, rules))
    })
  })
}
