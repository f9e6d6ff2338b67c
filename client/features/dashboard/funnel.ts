import type { StageFunnelRow } from '../../../core/contracts/schedule.js'
import type { Stage } from '../../../core/domain/stages.js'

export interface FunnelBar {
  stage: Stage
  reached: number
  current: number
  /** Shares of the programme (0–1): reached this stage or later, and in it now. */
  reachedShare: number
  currentShare: number
  /** Of those that reached the previous stage, the share that got this far (1 for the first stage). */
  fromPrevious: number
}

/** The stage funnel as bar lengths against the programme size (the larger of `total` and the first stage). */
export function funnelBars(rows: readonly StageFunnelRow[], total: number): FunnelBar[] {
  const base = Math.max(total, rows[0]?.reached ?? 0)
  return rows.map((r, i) => {
    const prev = i === 0 ? null : rows[i - 1].reached
    return {
      stage: r.stage,
      reached: r.reached,
      current: r.current,
      reachedShare: base > 0 ? r.reached / base : 0,
      currentShare: base > 0 ? r.current / base : 0,
      fromPrevious: prev === null ? 1 : prev > 0 ? r.reached / prev : 0,
    }
  })
}
