import type { IsoDate, StageRecord } from './entities.js'
import { STAGES } from './stages.js'

export type StageStatus = 'done' | 'in_progress' | 'not_started' | 'not_planned'

export interface StageTimelineRow extends Omit<StageRecord, 'communityId'> {
  status: StageStatus
  /** Days the actual end (or today, while unfinished) runs past the planned end; 0 when on time. */
  lateDays: number
}

const DAY_MS = 86_400_000
/** Days since 1970-01-01 for a calendar date (UTC, so no time-zone shifts). */
export const dayNumber = (d: IsoDate): number => Math.floor(Date.parse(d + 'T00:00:00Z') / DAY_MS)

/**
 * The nine stages in order with their planned and actual dates and lateness as DOMAIN.md defines it:
 * "actual (or today) past planned". `asOf` is the dataset's today, so the demo stays reproducible.
 */
export function computeStageTimeline(records: StageRecord[], asOf: IsoDate): StageTimelineRow[] {
  const byStage = new Map(records.map((r) => [r.stage, r]))
  const today = dayNumber(asOf)
  return STAGES.map((stage) => {
    const r = byStage.get(stage)
    const plannedStart = r?.plannedStart ?? null
    const plannedEnd = r?.plannedEnd ?? null
    const actualStart = r?.actualStart ?? null
    const actualEnd = r?.actualEnd ?? null
    const status: StageStatus = actualEnd ? 'done' : actualStart ? 'in_progress' : plannedStart || plannedEnd ? 'not_started' : 'not_planned'
    let lateDays = 0
    if (plannedEnd) {
      const end = actualEnd ? dayNumber(actualEnd) : today
      lateDays = Math.max(0, end - dayNumber(plannedEnd))
    }
    return { stage, plannedStart, plannedEnd, actualStart, actualEnd, progressPct: r?.progressPct ?? (actualEnd ? 100 : 0), status, lateDays }
  })
}

