import type { IsoDate } from '../../../core/domain/entities.js'
import { dayNumber, type StageTimelineRow } from '../../../core/domain/stage-timeline.js'

export { computeStageTimeline, type StageStatus, type StageTimelineRow } from '../../../core/domain/stage-timeline.js'

/** The date span a Gantt strip must cover: every planned and actual date and today. */
export function timelineExtent(rows: StageTimelineRow[], asOf: IsoDate): { start: number; end: number } {
  const days = [dayNumber(asOf)]
  for (const r of rows) for (const d of [r.plannedStart, r.plannedEnd, r.actualStart, r.actualEnd]) if (d) days.push(dayNumber(d))
  const start = Math.min(...days)
  const end = Math.max(...days)
  return { start, end: end > start ? end : start + 1 }
}

/** Position of a date within an extent, in percent. */
export function datePct(date: IsoDate, extent: { start: number; end: number }): number {
  return ((dayNumber(date) - extent.start) / (extent.end - extent.start)) * 100
}
