import { z } from 'zod'
import type { IsoDate, ProgressReport } from '../domain/entities.js'
import { STAGES, type Stage } from '../domain/stages.js'
import type { CommunityScheduleState, ScheduleStatus } from '../schedule/status.js'
import { intParam } from './common.js'

/**
 * Contracts of the schedule, progress and battle-map API (issue 6). Query schemas parse Express's strings;
 * response interfaces are what the server sends and the client reads. The status rule is in
 * core/schedule/status.ts and docs/schedule-status.md.
 */

export const isoDateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s), 'not a calendar date')

/** Which communities a schedule query covers: the plan year's programme, optionally one district, street or 片区. */
const scopeParams = {
  asOf: isoDateParam.optional(),
  year: intParam(1990, 2100).optional(),
  districtId: intParam(1, 2_147_483_647).optional(),
  streetId: intParam(1, 2_147_483_647).optional(),
  clusterId: intParam(1, 2_147_483_647).optional(),
}
export const scheduleQuerySchema = z.object(scopeParams).strict()
export type ScheduleQuery = z.infer<typeof scheduleQuerySchema>

/** One community's schedule as of a date (GET /api/schedule); the fields are explained in core/schedule/status.ts. */
export interface ScheduleRow extends CommunityScheduleState {
  communityId: number
}

export interface ScheduleRules {
  /** The stage whose completion counts as done (default city_acceptance, 综合验收). */
  completionStage: Stage
  /** A community is at risk when the planned share of its current stage runs ahead of its progress by this many points. */
  atRiskGapPct: number
}

export interface ScheduleResponse {
  asOf: IsoDate
  /** The schedule's today: the demo's frozen clock (its as-of date or the latest report) or the date in the city. */
  today: IsoDate
  planYear: number
  rules: ScheduleRules
  rows: ScheduleRow[]
}

/** Counts of communities by status, and the people and money behind them. */
export type StatusCounts = Record<ScheduleStatus, number>

export interface RollupRow {
  id: number
  name: string
  communities: number
  byStatus: StatusCounts
  started: number
  completed: number
  households: number
  /** Mean overallPct of its communities (0–100). */
  avgOverallPct: number
  /** Share of communities not late (0–1). */
  onTimeRate: number
  maxDaysLate: number
  /** 1 = best; by avgOverallPct, then fewer late, then id. Districts only. */
  rank?: number
}

export interface KpiValue {
  value: number
  target: number
}

export interface ScheduleKpis {
  communities: number
  started: KpiValue
  completed: KpiValue
  /** Households and floor area in communities whose works are finished, against the programme's totals. */
  households: KpiValue
  floorAreaM2: KpiValue
  /** 万元: spent so far against planned. */
  investment: { planned: number; spent: number; target: number }
}

export interface MilestoneConfig {
  id: string
  name: { zh: string; en: string }
  /** Due date. */
  date: IsoDate
  /** Met when a community has reached this stage at this progress or any later stage. */
  stage: Stage
  pct: number
}

export interface MilestoneStatus extends MilestoneConfig {
  /** Communities meeting it as of asOf, and the programme size. */
  met: number
  total: number
  /** Days from asOf to the due date (negative once past). */
  daysLeft: number
}

export interface LateRow {
  communityId: number
  name: string
  districtId: number
  districtName: string
  streetId: number
  streetName: string
  stage: Stage
  progressPct: number
  daysLate: number
  deadline: IsoDate | null
  deadlineStage: Stage | null
}

export interface TrendPoint {
  week: IsoDate
  byStatus: StatusCounts
  started: number
  completed: number
}

export interface StageFunnelRow {
  stage: Stage
  /** Communities that have reached this stage or a later one; and those in it now. */
  reached: number
  current: number
}

/** GET /api/schedule/summary: everything the dashboard, battle map and large screen show for one date and scope. */
export interface ScheduleSummaryResponse {
  asOf: IsoDate
  today: IsoDate
  planYear: number
  /** Report weeks of the plan year up to today (Mondays), then today itself if it is not a Monday: the time slider's stops. */
  weeks: IsoDate[]
  kpis: ScheduleKpis
  statusCounts: StatusCounts
  funnel: StageFunnelRow[]
  districts: RollupRow[]
  /** Streets of the scope (all when no district is chosen) and 片区 of the plan year in the scope. */
  streets: (RollupRow & { districtId: number })[]
  clusters: (RollupRow & { memberIds: number[] })[]
  /** Late communities, most days late first. */
  late: LateRow[]
  milestones: MilestoneStatus[]
  /** Status counts per week up to asOf. */
  trend: TrendPoint[]
}

export const reportsQuerySchema = z
  .object({
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
    communityId: intParam(1, 2_147_483_647).optional(),
    districtId: intParam(1, 2_147_483_647).optional(),
    limit: intParam(1, 200_000).default(50_000),
  })
  .strict()

/** GET /api/progress/reports: the raw weekly reports, oldest first (report date, then id). */
export type RawReport = ProgressReport
export interface RawReportsResponse {
  reports: RawReport[]
  /** True when `limit` cut the list. */
  truncated: boolean
}

/** Plan-year configuration (GET/PUT /api/plan-years/:year). Targets default to the programme's totals. */
export const milestoneSchema = z
  .object({
    id: z.string().min(1).max(40).regex(/^[a-z0-9_-]+$/),
    name: z.object({ zh: z.string().min(1).max(60), en: z.string().min(1).max(80) }).strict(),
    date: isoDateParam,
    stage: z.enum(STAGES),
    pct: z.number().min(0).max(100),
  })
  .strict()
export const planYearPutSchema = z
  .object({
    version: z.number().int().min(0),
    milestones: z.array(milestoneSchema).max(20),
    targets: z
      .object({
        communities: z.number().int().min(0).optional(),
        started: z.number().int().min(0).optional(),
        completed: z.number().int().min(0).optional(),
        households: z.number().int().min(0).optional(),
        floorAreaM2: z.number().min(0).optional(),
        investmentWan: z.number().min(0).optional(),
      })
      .strict(),
    atRiskGapPct: z.number().min(1).max(100).optional(),
  })
  .strict()
export type PlanYearPut = z.infer<typeof planYearPutSchema>

export interface PlanYearConfig {
  year: number
  milestones: MilestoneConfig[]
  /** Explicit targets; a missing one means "the programme's total". */
  targets: Partial<Record<'communities' | 'started' | 'completed' | 'households' | 'floorAreaM2' | 'investmentWan', number>>
  rules: ScheduleRules
  /** 0 when nothing is stored yet (the defaults apply). */
  version: number
}

/** Server push (GET /api/events, text/event-stream): `event: progress`, data is this JSON. */
export interface ProgressEvent {
  type: 'progress'
  /** Communities whose reports changed; null means "many: refetch everything". */
  communityIds: number[] | null
  reports: number
  /** Who reported and when (server time). */
  by: string
  at: string
}
export type ServerEvent = ProgressEvent | { type: 'plan_year'; year: number; at: string }

export const templateQuerySchema = z
  .object({
    districtId: intParam(1, 2_147_483_647).optional(),
    lang: z.enum(['zh', 'en']).default('zh'),
    reportDate: isoDateParam.optional(),
  })
  .strict()

export const weeklyReportQuerySchema = z
  .object({
    asOf: isoDateParam.optional(),
    year: intParam(1990, 2100).optional(),
    lang: z.enum(['zh', 'en']).default('zh'),
  })
  .strict()

/** What the bulk upload found in one row of the sheet. */
export type BulkIssueCode =
  | 'unknown_community'
  | 'out_of_scope'
  | 'bad_stage'
  | 'bad_pct'
  | 'bad_date'
  | 'future_date'
  | 'duplicate_row'
  | 'note_too_long'
  | 'stage_regress'
  | 'pct_regress'
  | 'before_last_report'
export interface BulkRowResult {
  /** 1-based row number in the sheet. */
  row: number
  communityId: number | null
  name: string
  /** apply: a new report; unchanged: same as the latest report, skipped; error: blocks the whole upload. */
  outcome: 'apply' | 'unchanged' | 'error'
  stage: Stage | null
  progressPct: number | null
  reportDate: IsoDate | null
  errors: { code: BulkIssueCode; detail?: string }[]
  warnings: { code: BulkIssueCode; detail?: string }[]
}
export interface BulkReport {
  sheetRows: number
  toApply: number
  unchanged: number
  errors: number
  warnings: number
  rows: BulkRowResult[]
  /** Present after a successful apply. */
  applied?: number
  /** File-level problems (not an xlsx, wrong columns, too big); non-empty means nothing can apply. */
  fileErrors: { code: 'not_xlsx' | 'too_large' | 'no_sheet' | 'bad_header' | 'too_many_rows' | 'empty' | 'parse_failed'; detail?: string }[]
}
