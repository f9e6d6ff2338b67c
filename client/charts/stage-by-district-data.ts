import type { SummaryResponse } from '../../core/contracts/responses.js'
import { STAGES, type Stage } from '../../core/domain/stages.js'

export type StageByDistrictRow = { district: string; districtId: number; total: number } & Record<Stage, number>

/** One row per district with a count per stage (missing stages are 0), districts without communities dropped. */
export function toStageByDistrictRows(summary: SummaryResponse): StageByDistrictRow[] {
  return summary.byDistrict
    .map((d) => {
      const row = { district: d.districtName, districtId: d.districtId, total: 0 } as StageByDistrictRow
      for (const s of STAGES) {
        const n = d.byStage?.[s] ?? 0
        row[s] = n
        row.total += n
      }
      return row
    })
    .filter((r) => r.total > 0)
}
