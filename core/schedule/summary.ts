import type {
  LateRow,
  MilestoneConfig,
  MilestoneStatus,
  PlanYearConfig,
  RollupRow,
  ScheduleKpis,
  StageFunnelRow,
  StatusCounts,
} from '../contracts/schedule.js'
import type { IsoDate } from '../domain/entities.js'
import { STAGES } from '../domain/stages.js'
import { dayOf, emptyStatusCounts, type CommunityScheduleState } from './status.js'

/** What the roll-ups need to know about each community of the programme besides its state. */
export interface SubjectInfo {
  communityId: number
  name: string
  districtId: number
  streetId: number
  households: number
  floorAreaM2: number
  investmentPlannedWan: number
  investmentSpentWan: number
}

/**
 * The default milestones of a plan year, after the Jilin plan (DOMAIN.md, seed 000): tender preparation by
 * 31 March, pipelines by 31 July, above-ground works self-accepted by 31 October, city acceptance by 30 November.
 */
export function defaultMilestones(year: number): MilestoneConfig[] {
  return [
    { id: 'tender', name: { zh: '招标准备完成', en: 'Tender preparation done' }, date: `${year}-03-31`, stage: 'preparation', pct: 100 },
    { id: 'pipelines', name: { zh: '地下管网改造完成', en: 'Underground pipelines done' }, date: `${year}-07-31`, stage: 'construction', pct: 55 },
    { id: 'self_acceptance', name: { zh: '地上工程完工自验', en: 'Above-ground works self-accepted' }, date: `${year}-10-31`, stage: 'self_acceptance', pct: 100 },
    { id: 'city_acceptance', name: { zh: '市级综合验收', en: 'City acceptance' }, date: `${year}-11-30`, stage: 'city_acceptance', pct: 100 },
  ]
}

/** Whether a state has reached a stage at a progress (or any later stage). */
export function hasReached(state: Pick<CommunityScheduleState, 'stage' | 'progressPct'>, stage: (typeof STAGES)[number], pct: number): boolean {
  const k = STAGES.indexOf(state.stage)
  const m = STAGES.indexOf(stage)
  return k > m || (k === m && state.progressPct >= pct)
}

export function countStatuses(states: readonly CommunityScheduleState[]): StatusCounts {
  const out = emptyStatusCounts()
  for (const s of states) out[s.status]++
  return out
}

export function computeKpis(infos: readonly SubjectInfo[], states: readonly CommunityScheduleState[], targets: PlanYearConfig['targets']): ScheduleKpis {
  let started = 0
  let completed = 0
  let households = 0
  let floor = 0
  let hhTotal = 0
  let floorTotal = 0
  let planned = 0
  let spent = 0
  infos.forEach((c, i) => {
    const s = states[i]
    hhTotal += c.households
    floorTotal += c.floorAreaM2
    planned += c.investmentPlannedWan
    spent += c.investmentSpentWan
    if (s.started) started++
    if (s.completed) {
      completed++
      households += c.households
      floor += c.floorAreaM2
    }
  })
  const n = infos.length
  return {
    communities: n,
    started: { value: started, target: targets.started ?? targets.communities ?? n },
    completed: { value: completed, target: targets.completed ?? targets.communities ?? n },
    households: { value: households, target: targets.households ?? hhTotal },
    floorAreaM2: { value: floor, target: targets.floorAreaM2 ?? floorTotal },
    investment: { planned, spent, target: targets.investmentWan ?? planned },
  }
}

export function computeFunnel(states: readonly CommunityScheduleState[]): StageFunnelRow[] {
  const current = new Array<number>(STAGES.length).fill(0)
  for (const s of states) current[STAGES.indexOf(s.stage)]++
  const rows: StageFunnelRow[] = []
  let reached = 0
  for (let k = STAGES.length - 1; k >= 0; k--) {
    reached += current[k]
    rows.push({ stage: STAGES[k], reached, current: current[k] })
  }
  return rows.reverse()
}

/** Roll-up of the communities at `indices` under one unit. */
export function rollUp(id: number, name: string, indices: readonly number[], infos: readonly SubjectInfo[], states: readonly CommunityScheduleState[]): RollupRow {
  const byStatus = emptyStatusCounts()
  let started = 0
  let completed = 0
  let households = 0
  let overall = 0
  let maxDaysLate = 0
  for (const i of indices) {
    const s = states[i]
    byStatus[s.status]++
    if (s.started) started++
    if (s.completed) completed++
    households += infos[i].households
    overall += s.overallPct
    if (s.status === 'late') maxDaysLate = Math.max(maxDaysLate, s.daysLate)
  }
  const n = indices.length
  return {
    id,
    name,
    communities: n,
    byStatus,
    started,
    completed,
    households,
    avgOverallPct: n ? overall / n : 0,
    onTimeRate: n ? 1 - byStatus.late / n : 1,
    maxDaysLate,
  }
}

/** Groups subject indices by a key. */
export function groupIndices(infos: readonly SubjectInfo[], key: (c: SubjectInfo) => number): Map<number, number[]> {
  const out = new Map<number, number[]>()
  infos.forEach((c, i) => {
    const k = key(c)
    const list = out.get(k)
    if (list) list.push(i)
    else out.set(k, [i])
  })
  return out
}

/** Districts ranked: higher mean progress first, then fewer late, then id. Ranks are 1-based. */
export function rankDistricts(rows: RollupRow[]): RollupRow[] {
  const sorted = [...rows].sort((a, b) => b.avgOverallPct - a.avgOverallPct || a.byStatus.late - b.byStatus.late || a.id - b.id)
  sorted.forEach((r, k) => (r.rank = k + 1))
  return sorted
}

export function lateList(
  infos: readonly SubjectInfo[],
  states: readonly CommunityScheduleState[],
  names: { district(id: number): string; street(id: number): string },
): LateRow[] {
  const out: LateRow[] = []
  infos.forEach((c, i) => {
    const s = states[i]
    if (s.status !== 'late') return
    out.push({
      communityId: c.communityId,
      name: c.name,
      districtId: c.districtId,
      districtName: names.district(c.districtId),
      streetId: c.streetId,
      streetName: names.street(c.streetId),
      stage: s.stage,
      progressPct: s.progressPct,
      daysLate: s.daysLate,
      deadline: s.deadline,
      deadlineStage: s.deadlineStage,
    })
  })
  return out.sort((a, b) => b.daysLate - a.daysLate || a.communityId - b.communityId)
}

export function milestoneStatuses(milestones: readonly MilestoneConfig[], states: readonly CommunityScheduleState[], asOf: IsoDate): MilestoneStatus[] {
  return milestones.map((m) => ({
    ...m,
    met: states.reduce((n, s) => n + (hasReached(s, m.stage, m.pct) ? 1 : 0), 0),
    total: states.length,
    daysLeft: dayOf(m.date) - dayOf(asOf),
  }))
}

/**
 * The stops of the time slider and the weekly trend: the report Mondays of the year up to `date`, and `date`
 * itself when it is not a Monday (so the last stop is always the date asked for).
 */
export function timelineStops(year: number, date: IsoDate): IsoDate[] {
  const weeks = reportWeeks(year, date)
  if (weeks.at(-1) !== date && date >= `${year}-01-01`) weeks.push(date)
  return weeks
}

/** The Mondays from the first Monday on or after 1 January of `year` up to `today` (inclusive), oldest first. */
export function reportWeeks(year: number, today: IsoDate): IsoDate[] {
  let d = dayOf(`${year}-01-01`)
  // 1970-01-01 was a Thursday: day numbers with (d + 3) % 7 === 0 are Mondays.
  while ((((d + 3) % 7) + 7) % 7 !== 0) d++
  const end = dayOf(today)
  const out: IsoDate[] = []
  for (; d <= end; d += 7) out.push(new Date(d * 86_400_000).toISOString().slice(0, 10))
  return out
}
