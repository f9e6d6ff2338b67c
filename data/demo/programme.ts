import type { Community } from '../../core/domain/entities.js'
import { BASIC_DEFICIENCIES } from '../../core/domain/community.js'
import type { ProgressReportInput, StageRecord } from '../../core/domain/entities.js'
import { STAGES, type Stage } from '../../core/domain/stages.js'
import type { CommunityDraft } from './communities.js'
import type { Rng } from './random.js'
import { buildWeeklyReports, reportMondays, type ReportSubject } from './reports.js'
import { dayOf, lateCandidateStages, planStages, slowCandidateStage, simulateActual, stageRowsAsOf, stageStateAt, type Batch, type Pace } from './schedule.js'

/**
 * The renovation programme: which communities were done in earlier years, which are in this year's plan
 * (实施一批) and how far each has got, and which wait in the planning (谋划一批) and reserve (储备一批)
 * tiers. Also consent, preconditions and money, which all depend on the tier.
 */
export type ProgrammeFields = Pick<
  Community,
  | 'ownersTotal'
  | 'ownersConsulted'
  | 'ownersAgreeing'
  | 'planYear'
  | 'libraryTier'
  | 'stage'
  | 'progressPct'
  | 'investmentPlannedWan'
  | 'investmentSpentWan'
  | 'funding'
>

export type ProgrammedCommunity = CommunityDraft & ProgrammeFields

export interface ProgrammeOptions {
  planYear: number
  asOf: string
  reportWeeks: number
  /** Reporter label for a community (district bureau or street office). */
  reporterOf(rng: Rng, c: CommunityDraft): string
}

export const FUNDING_SOURCES = ['central', 'provincial', 'district', 'owners', 'utilities', 'social'] as const

/** Planned funding by source in 万元, summing exactly (to 0.01) to the planned investment. */
function splitFunding(rng: Rng, plannedWan: number): Record<string, number> {
  const ranges: [number, number][] = [[0.3, 0.45], [0.05, 0.12], [0.15, 0.25], [0.03, 0.1], [0.05, 0.15], [0, 0.05]]
  const shares = ranges.map(([lo, hi]) => rng.uniform(lo, hi))
  const sum = shares.reduce((s, x) => s + x, 0)
  const totalCents = Math.round(plannedWan * 100)
  const cents = shares.map((s) => Math.floor((totalCents * s) / sum))
  cents[0] += totalCents - cents.reduce((s, x) => s + x, 0)
  return Object.fromEntries(FUNDING_SOURCES.map((k, i) => [k, cents[i] / 100]))
}

/** Share of the investment spent by the time a community reaches a stage and progress. */
function spentShare(stage: Stage, pct: number): number {
  const f = pct / 100
  switch (stage) {
    case 'design':
      return 0.02 * f
    case 'preparation':
      return 0.02 + 0.03 * f
    case 'construction':
      return 0.05 + 0.8 * f
    case 'self_acceptance':
      return 0.85 + 0.05 * f
    case 'city_acceptance':
      return 0.9 + 0.05 * f
    case 'handover':
      return 0.95 + 0.05 * f
    default:
      return 0
  }
}

/** Owners consulted and agreeing; the planning and reserve tiers include some below 2/3 and 3/4. */
function consent(rng: Rng, households: number, kind: 'done' | 'plan' | 'planning' | 'reserve') {
  const ownersTotal = Math.max(1, Math.round(households * rng.uniform(0.93, 1)))
  if (kind === 'reserve' && rng.chance(0.4)) return { ownersTotal, ownersConsulted: 0, ownersAgreeing: 0 }
  const [c0, c1, a0, a1] = kind === 'reserve' ? [0.3, 0.8, 0.5, 0.95] : kind === 'planning' ? [0.5, 0.95, 0.6, 0.97] : [0.72, 0.98, 0.8, 0.98]
  const ownersConsulted = Math.min(ownersTotal, Math.round(ownersTotal * rng.uniform(c0, c1)))
  const ownersAgreeing = Math.min(ownersConsulted, Math.round(ownersConsulted * rng.uniform(a0, a1)))
  return { ownersTotal, ownersConsulted, ownersAgreeing }
}

/** Unit cost 300–600 元/m², higher for older and more deficient communities, as 万元. */
function plannedInvestmentWan(rng: Rng, c: CommunityDraft): number {
  const unit = Math.max(300, Math.min(600, 300 + 15 * c.deficiencies.length + (c.buildYear < 1990 ? 50 : 0) + rng.normal(0, 35)))
  return Math.round((c.floorAreaM2 * unit) / 10_000 * 100) / 100
}

/** Ranks eligible (pre-2000) communities: older, more deficient and in a favoured street first. */
function rankForRenovation(rng: Rng, drafts: readonly CommunityDraft[]): CommunityDraft[] {
  const streetEffect = new Map<number, number>()
  const blockEffect = new Map<number, number>()
  const scored = drafts
    .filter((c) => c.buildYear < 2000)
    .map((c) => {
      if (!streetEffect.has(c.streetIndex)) streetEffect.set(c.streetIndex, rng.normal(0, 0.35))
      if (!blockEffect.has(c.blockId)) blockEffect.set(c.blockId, rng.normal(0, 0.25))
      const basic = c.deficiencies.filter((d) => BASIC_DEFICIENCIES.includes(d)).length
      const score = (2000 - c.buildYear) / 25 + 0.12 * basic + streetEffect.get(c.streetIndex)! + blockEffect.get(c.blockId)! + rng.normal(0, 0.25)
      return { c, score }
    })
  return scored.sort((a, b) => b.score - a.score || a.c.id - b.c.id).map((s) => s.c)
}

export interface ProgrammeResult {
  communities: ProgrammedCommunity[]
  stageRecords: StageRecord[]
  progressReports: ProgressReportInput[]
}

export function planProgramme(rng: Rng, drafts: readonly CommunityDraft[], opts: ProgrammeOptions): ProgrammeResult {
  const asOf = dayOf(opts.asOf)
  const n = drafts.length
  const ranked = rankForRenovation(rng.fork('rank'), drafts)
  const nDone = Math.round(n * rng.uniform(0.11, 0.14))
  const nPlan = Math.round(n * rng.uniform(0.26, 0.29))
  const nPlanning = Math.round(n * 0.28)
  const tierOf = new Map<number, 'done' | 'plan' | 'planning' | 'reserve'>()
  ranked.forEach((c, k) => tierOf.set(c.id, k < nDone ? 'done' : k < nDone + nPlan ? 'plan' : k < nDone + nPlan + nPlanning ? 'planning' : 'reserve'))

  // In this year's plan: batches, then an exact share running late and a few finishing early.
  const planIds = drafts.filter((c) => tierOf.get(c.id) === 'plan').map((c) => c.id)
  const sched = rng.fork('schedule')
  const planned = new Map<number, { batch: Batch; spans: ReturnType<typeof planStages> }>()
  for (const id of planIds) {
    const batch = sched.weighted<Batch>([1, 2, 3], [0.5, 0.3, 0.2])
    planned.set(id, { batch, spans: planStages(sched, opts.planYear, batch) })
  }
  const pace = new Map<number, Pace>()
  let lateLeft = Math.round(planIds.length * sched.uniform(0.11, 0.14))
  for (const id of sched.shuffle(planIds)) {
    const p = planned.get(id)!
    const stages = lateCandidateStages(p.spans, asOf)
    if (lateLeft > 0 && stages.length > 0) {
      lateLeft--
      pace.set(id, { kind: 'late', stage: sched.pick(stages.slice(-2)), overrunDays: sched.int(10, 60) })
    }
    else if (p.batch === 1 && sched.chance(0.1)) pace.set(id, { kind: 'early' })
    else pace.set(id, { kind: 'on_time' })
  }

  // A few on-time communities lag in the stage they are in now (at risk); a separate stream keeps the rest.
  const slow = rng.fork('slow')
  for (const id of planIds) {
    if (pace.get(id)!.kind !== 'on_time') continue
    const spans = planned.get(id)!.spans
    const k = slowCandidateStage(spans, asOf)
    if (k < 0 || !slow.chance(0.12)) continue
    const dur = spans[k].end - spans[k].start
    pace.set(id, { kind: 'slow', stage: k, overrunDays: Math.round(dur * slow.uniform(0.8, 1.5)) })
  }

  const stageRecords: StageRecord[] = []
  const subjects: ReportSubject[] = []
  const money = rng.fork('money')
  const status = rng.fork('status')
  const communities = drafts.map((c): ProgrammedCommunity => {
    const tier = tierOf.get(c.id) ?? 'reserve'
    const out: ProgrammedCommunity = { ...c, ...consent(status, c.households, tier), planYear: null, libraryTier: 'reserve', stage: 'survey', progressPct: 0, investmentPlannedWan: 0, investmentSpentWan: 0, funding: {} }
    if (tier === 'done' || tier === 'plan') {
      out.libraryTier = 'implementing'
      out.illegalStructuresCleared = status.chance(tier === 'done' ? 0.96 : 0.9)
      out.hasOwnersCommittee = out.hasOwnersCommittee || status.chance(tier === 'done' ? 0.8 : 0.6)
      if (out.managementMode === 'none' && status.chance(tier === 'done' ? 1 : 0.8)) {
        out.managementMode = status.chance(0.65) ? 'property_company' : 'self_managed'
      }
      const year = tier === 'done' ? sched.weighted([opts.planYear - 3, opts.planYear - 2, opts.planYear - 1], [0.3, 0.33, 0.37]) : opts.planYear
      const spans = tier === 'done' ? planStages(sched, year, 1) : planned.get(c.id)!.spans
      const actual = simulateActual(sched, spans, tier === 'done' ? { kind: 'on_time' } : pace.get(c.id)!, asOf)
      for (const row of stageRowsAsOf(spans, actual, asOf)) stageRecords.push({ communityId: c.id, ...row })
      const state = stageStateAt(actual, asOf)
      out.planYear = year
      out.stage = STAGES[state.index]
      out.progressPct = state.pct
      if (tier === 'done') out.deficiencies = c.deficiencies.filter(() => status.chance(0.2))
      else subjects.push({ communityId: c.id, planned: spans, actual, reporter: opts.reporterOf(status, c) })
    } else if (tier === 'planning') {
      out.libraryTier = 'planning'
      out.illegalStructuresCleared = c.illegalStructuresCleared || status.chance(0.25)
      out.planYear = status.chance(0.8) ? opts.planYear + 1 : null
      if (out.planYear === null) [out.stage, out.progressPct] = ['survey', 5 * status.int(12, 20)]
      else if (status.chance(0.5)) [out.stage, out.progressPct] = ['district_plan', 5 * status.int(4, 18)]
      else [out.stage, out.progressPct] = ['city_approval', 5 * status.int(2, 12)]
    } else {
      out.planYear = c.buildYear < 2000 && status.chance(0.35) ? opts.planYear + 2 : null
      out.progressPct = out.ownersConsulted === 0 ? 5 * status.int(0, 6) : 5 * status.int(4, 16)
    }
    out.investmentPlannedWan = plannedInvestmentWan(money, c)
    out.funding = splitFunding(money, out.investmentPlannedWan)
    const share = tier === 'done' ? 1 : tier === 'plan' ? spentShare(out.stage, out.progressPct) : 0
    out.investmentSpentWan = Math.round(out.investmentPlannedWan * share * 100) / 100
    return out
  })

  const progressReports = buildWeeklyReports(rng.fork('reports'), subjects, reportMondays(asOf, opts.reportWeeks))
  return { communities, stageRecords, progressReports }
}
