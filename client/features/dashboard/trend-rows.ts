import type { TrendPoint } from '../../../core/contracts/schedule.js'
import type { ScheduleStatus } from '../../../core/schedule/status.js'

/** One week of the trend flattened for recharts: a column per status plus works started and finished. */
export type TrendRow = { week: string } & Record<ScheduleStatus, number> & { started: number; completed: number }

export function trendRows(trend: readonly TrendPoint[]): TrendRow[] {
  return trend.map((p) => ({ week: p.week, ...p.byStatus, started: p.started, completed: p.completed }))
}
