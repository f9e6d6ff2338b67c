import type { CommunityFilter } from '../../core/contracts/communities.js'
import type { SummaryResponse, Totals } from '../../core/contracts/responses.js'
import { STAGES, type Stage } from '../../core/domain/stages.js'
import type { Database } from '../db/types.js'
import { buildCommunityWhere } from './community-filter.js'

const TOTAL_COLUMNS = `count(*)::int AS communities, COALESCE(sum(c.buildings), 0)::float8 AS buildings,
  COALESCE(sum(c.households), 0)::float8 AS households, COALESCE(sum(c.population), 0)::float8 AS population,
  COALESCE(sum(c.floor_area_m2), 0)::float8 AS "floorAreaM2",
  COALESCE(sum(c.investment_planned_wan), 0)::float8 AS "investmentPlannedWan",
  COALESCE(sum(c.investment_spent_wan), 0)::float8 AS "investmentSpentWan"`

const emptyTotals = (): Totals => ({
  communities: 0, buildings: 0, households: 0, population: 0, floorAreaM2: 0, investmentPlannedWan: 0, investmentSpentWan: 0,
})

function addInto(target: Totals, t: Totals) {
  for (const k of Object.keys(t) as (keyof Totals)[]) target[k] += t[k]
}

/** Counts, households, floor area and investment for the filter: in total, by stage and by district. */
export async function computeSummary(db: Database, filter: CommunityFilter): Promise<SummaryResponse> {
  const where = buildCommunityWhere(filter)
  // One grouped scan; totals and the two breakdowns are folded from it.
  const rows = await db.query<Totals & { stage: Stage; districtId: number; districtName: string }>(
    `SELECT c.stage, c.district_id AS "districtId", d.name AS "districtName", ${TOTAL_COLUMNS}
     FROM communities c JOIN districts d ON d.id = c.district_id ${where.sql}
     GROUP BY c.stage, c.district_id, d.name`,
    where.params,
  )
  const totals = emptyTotals()
  const byStage = new Map<Stage, Totals>(STAGES.map((s) => [s, emptyTotals()]))
  const byDistrict = new Map<number, SummaryResponse['byDistrict'][number]>()
  for (const r of rows) {
    const t: Totals = {
      communities: r.communities, buildings: r.buildings, households: r.households, population: r.population,
      floorAreaM2: r.floorAreaM2, investmentPlannedWan: r.investmentPlannedWan, investmentSpentWan: r.investmentSpentWan,
    }
    addInto(totals, t)
    addInto(byStage.get(r.stage) ?? byStage.set(r.stage, emptyTotals()).get(r.stage)!, t)
    let d = byDistrict.get(r.districtId)
    if (!d) {
      d = { districtId: r.districtId, districtName: r.districtName, ...emptyTotals(), byStage: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number> }
      byDistrict.set(r.districtId, d)
    }
    addInto(d, t)
    d.byStage[r.stage] = (d.byStage[r.stage] ?? 0) + r.communities
  }
  return {
    totals,
    byStage: [...byStage.entries()].map(([stage, t]) => ({ stage, ...t })),
    byDistrict: [...byDistrict.values()].sort((a, b) => a.districtId - b.districtId),
  }
}
