import { describe, expect, it } from 'vitest'
import type { SummaryResponse } from '../../core/contracts/responses.js'
import { STAGES, type Stage } from '../../core/domain/stages.js'
import { toStageByDistrictRows } from '../../client/charts/stage-by-district-data.js'

const zeroTotals = { communities: 0, buildings: 0, households: 0, population: 0, floorAreaM2: 0, investmentPlannedWan: 0, investmentSpentWan: 0 }
const byStage = (counts: Partial<Record<Stage, number>>) => Object.fromEntries(STAGES.map((s) => [s, counts[s] ?? 0])) as Record<Stage, number>

describe('the stage-by-district chart data', () => {
  it('gives one bar per district with a count per stage and drops empty districts', () => {
    const summary: SummaryResponse = {
      totals: zeroTotals,
      byStage: [],
      byDistrict: [
        { districtId: 1, districtName: '蜀山区', byStage: byStage({ construction: 3, design: 2 }), ...zeroTotals, communities: 5 },
        { districtId: 2, districtName: '庐阳区', byStage: byStage({}), ...zeroTotals },
        { districtId: 3, districtName: '瑶海区', byStage: { handover: 4 } as Record<Stage, number>, ...zeroTotals, communities: 4 },
      ],
    }
    const rows = toStageByDistrictRows(summary)
    expect(rows.map((r) => r.district)).toEqual(['蜀山区', '瑶海区'])
    expect(rows[0].construction).toBe(3)
    expect(rows[0].total).toBe(5)
    expect(rows[1].survey).toBe(0) // missing stage keys count as zero
    expect(rows[1].total).toBe(4)
  })
})
