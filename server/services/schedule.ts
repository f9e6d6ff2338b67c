import type {
  MilestoneConfig,
  PlanYearConfig,
  PlanYearPut,
  RawReport,
  RawReportsResponse,
  ScheduleResponse,
  ScheduleRow,
  ScheduleRules,
  ScheduleSummaryResponse,
  TrendPoint,
} from '../../core/contracts/schedule.js'
import type { IsoDate } from '../../core/domain/entities.js'
import { STAGES, type Stage } from '../../core/domain/stages.js'
import { replayDates, scheduleAt, sortReports, type ScheduleSubject } from '../../core/schedule/replay.js'
import { DEFAULT_SCHEDULE_RULES, emptyStatusCounts, type CommunityScheduleState, type PlannedSpan, type ReportPoint } from '../../core/schedule/status.js'
import {
  computeFunnel,
  computeKpis,
  countStatuses,
  defaultMilestones,
  groupIndices,
  lateList,
  milestoneStatuses,
  rankDistricts,
  rollUp,
  timelineStops,
  type SubjectInfo,
} from '../../core/schedule/summary.js'
import type { Database, Queryable } from '../db/types.js'
import { HttpError, conflict } from '../http/errors.js'
import { appendAudit, lastChangeOf, type Actor } from './audit.js'
import { notifyEvent } from './events.js'

/** Everything the schedule of one plan year is computed from, loaded once per data version. */
export interface ScheduleInputs {
  year: number
  infos: SubjectInfo[]
  subjects: ScheduleSubject[]
  config: PlanYearConfig
  districts: Map<number, string>
  streets: Map<number, { name: string; districtId: number }>
  clusters: { id: number; name: string; memberIds: number[] }[]
  /** The demo's frozen clock, or null for real data (today is then the date in the city). */
  demoAsOf: IsoDate | null
  latestReport: IsoDate | null
}

export interface ScheduleScope {
  districtId?: number
  streetId?: number
  clusterId?: number
}

const STAGE_INDEX = new Map<string, number>(STAGES.map((s, k) => [s, k]))

/** Today in the city (China Standard Time has no daylight saving: UTC+8). */
export function cityToday(now = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** The schedule's today: the demo's frozen as-of date (or a later report) for the demo, else the city's date. */
export function scheduleToday(inputs: Pick<ScheduleInputs, 'demoAsOf' | 'latestReport'>, now = new Date()): IsoDate {
  if (inputs.demoAsOf) return inputs.latestReport && inputs.latestReport > inputs.demoAsOf ? inputs.latestReport : inputs.demoAsOf
  return cityToday(now)
}

function rulesOf(stored: Partial<ScheduleRules> | null | undefined): ScheduleRules {
  return { ...DEFAULT_SCHEDULE_RULES, ...(stored ?? {}) }
}

/** The stored configuration of a plan year, or the defaults (version 0) when none is stored. */
export async function getPlanYear(db: Queryable, year: number): Promise<PlanYearConfig> {
  const rows = await db.query<{ milestones: MilestoneConfig[]; targets: PlanYearConfig['targets']; rules: Partial<ScheduleRules>; version: number }>(
    'SELECT milestones, targets, rules, version FROM plan_years WHERE year = $1',
    [year],
  )
  const r = rows[0]
  if (!r) return { year, milestones: defaultMilestones(year), targets: {}, rules: rulesOf(null), version: 0 }
  return { year, milestones: r.milestones, targets: r.targets, rules: rulesOf(r.rules), version: r.version }
}

/** Replaces a plan year's milestones, targets and at-risk threshold (versioned, audited, pushed to open dashboards). */
export async function putPlanYear(db: Database, year: number, body: PlanYearPut, actor: Actor): Promise<PlanYearConfig> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan_year:${year}`])
    const cur = await getPlanYear(tx, year)
    if (body.version !== cur.version) {
      throw conflict(`The ${year} plan-year settings were changed by someone else (version ${cur.version}, you sent ${body.version})`, {
        current: cur,
        lastChange: await lastChangeOf(tx, 'plan_year', String(year)),
      })
    }
    const rules: ScheduleRules = { ...cur.rules, ...(body.atRiskGapPct !== undefined ? { atRiskGapPct: body.atRiskGapPct } : {}) }
    const milestones = [...body.milestones].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    const ids = new Set(milestones.map((m) => m.id))
    if (ids.size !== milestones.length) throw new HttpError(400, 'invalid_request', 'Milestone ids must be unique')
    await tx.query(
      `INSERT INTO plan_years (year, milestones, targets, rules, version) VALUES ($1, $2::jsonb, $3::jsonb, $4::jsonb, 1)
       ON CONFLICT (year) DO UPDATE SET milestones = EXCLUDED.milestones, targets = EXCLUDED.targets, rules = EXCLUDED.rules,
         version = plan_years.version + 1, updated_at = now()`,
      [year, JSON.stringify(milestones), JSON.stringify(body.targets), JSON.stringify(rules)],
    )
    await tx.query("UPDATE layer_versions SET version = version + 1 WHERE layer = 'progress'")
    const next = await getPlanYear(tx, year)
    await appendAudit(tx, actor, {
      action: 'plan_year.update',
      entityType: 'plan_year',
      entityId: String(year),
      districtId: null,
      streetId: null,
      before: { milestones: cur.milestones, targets: cur.targets, rules: cur.rules, version: cur.version },
      after: { milestones: next.milestones, targets: next.targets, rules: next.rules, version: next.version },
    })
    await notifyEvent(tx, { type: 'plan_year', year, at: new Date().toISOString() })
    return next
  })
}

/** Loads one plan year's programme: its communities, planned dates, every report, names and 片区. */
export async function loadScheduleInputs(db: Database, year: number): Promise<ScheduleInputs> {
  const [infos, planned, reports, districts, streets, clusters, meta, config] = await Promise.all([
    db.query<SubjectInfo>(
      `SELECT id AS "communityId", name, district_id AS "districtId", street_id AS "streetId", households,
              floor_area_m2 AS "floorAreaM2", investment_planned_wan AS "investmentPlannedWan", investment_spent_wan AS "investmentSpentWan"
       FROM communities WHERE plan_year = $1 ORDER BY id`,
      [year],
    ),
    db.query<{ communityId: number; stage: Stage; plannedStart: IsoDate | null; plannedEnd: IsoDate | null }>(
      `SELECT r.community_id AS "communityId", r.stage, r.planned_start AS "plannedStart", r.planned_end AS "plannedEnd"
       FROM stage_records r JOIN communities c ON c.id = r.community_id WHERE c.plan_year = $1`,
      [year],
    ),
    db.query<ReportPoint & { communityId: number }>(
      `SELECT r.id, r.community_id AS "communityId", r.stage, r.progress_pct AS "progressPct", r.report_date AS "reportDate"
       FROM progress_reports r JOIN communities c ON c.id = r.community_id WHERE c.plan_year = $1
       ORDER BY r.community_id, r.report_date, r.id`,
      [year],
    ),
    db.query<{ id: number; name: string }>('SELECT id, name FROM districts ORDER BY id'),
    db.query<{ id: number; name: string; districtId: number }>('SELECT id, name, district_id AS "districtId" FROM streets ORDER BY id'),
    db.query<{ id: number; name: string; memberIds: number[] }>(
      `SELECT cl.id, cl.name, COALESCE(array_agg(m.community_id ORDER BY m.community_id) FILTER (WHERE m.community_id IS NOT NULL), '{}') AS "memberIds"
       FROM clusters cl LEFT JOIN cluster_members m ON m.cluster_id = cl.id WHERE cl.plan_year = $1 GROUP BY cl.id ORDER BY cl.id`,
      [year],
    ),
    db.query<{ key: string; value: unknown }>("SELECT key, value FROM dataset_meta WHERE key IN ('isDemo', 'asOf')"),
    getPlanYear(db, year),
  ])
  const index = new Map(infos.map((c, i) => [c.communityId, i]))
  const subjects: ScheduleSubject[] = infos.map((c) => ({ communityId: c.communityId, planned: new Array<PlannedSpan | undefined>(STAGES.length), reports: [] }))
  for (const p of planned) {
    const i = index.get(p.communityId)
    const k = STAGE_INDEX.get(p.stage)
    if (i === undefined || k === undefined) continue
    ;(subjects[i].planned as (PlannedSpan | undefined)[])[k] = { plannedStart: p.plannedStart, plannedEnd: p.plannedEnd }
  }
  let latestReport: IsoDate | null = null
  for (const r of reports) {
    const i = index.get(r.communityId)
    if (i === undefined || !STAGE_INDEX.has(r.stage)) continue
    ;(subjects[i].reports as ReportPoint[]).push({ id: Number(r.id), stage: r.stage, progressPct: r.progressPct, reportDate: r.reportDate })
    if (!latestReport || r.reportDate > latestReport) latestReport = r.reportDate
  }
  for (const s of subjects) sortReports(s.reports as ReportPoint[])
  const m = Object.fromEntries(meta.map((r) => [r.key, r.value]))
  return {
    year,
    infos,
    subjects,
    config,
    districts: new Map(districts.map((d) => [d.id, d.name])),
    streets: new Map(streets.map((s) => [s.id, { name: s.name, districtId: s.districtId }])),
    clusters,
    demoAsOf: m.isDemo === true && typeof m.asOf === 'string' ? m.asOf : null,
    latestReport,
  }
}

/**
 * Caches schedule inputs per plan year, keyed by the data versions that can change them (progress,
 * communities, 片区), which every process bumps in the writing transaction: so any API process behind a
 * load balancer sees a write made by another within one request.
 */
export class ScheduleStore {
  private cache = new Map<number, { key: string; inputs: Promise<ScheduleInputs>; trend: Map<string, TrendPoint[]> }>()
  constructor(private readonly db: Database) {}

  private async versionKey(): Promise<string> {
    const rows = await this.db.query<{ k: string }>(
      `SELECT string_agg(layer || ':' || version, ',' ORDER BY layer) AS k FROM layer_versions WHERE layer IN ('progress', 'communities', 'clusters')`,
    )
    return rows[0]?.k ?? ''
  }

  private async entry(year: number) {
    const key = await this.versionKey()
    let e = this.cache.get(year)
    if (!e || e.key !== key) {
      const inputs = loadScheduleInputs(this.db, year)
      e = { key, inputs, trend: new Map() }
      this.cache.set(year, e)
      inputs.catch(() => this.cache.get(year) === e && this.cache.delete(year))
    }
    return e
  }

  async inputs(year: number): Promise<ScheduleInputs> {
    return (await this.entry(year)).inputs
  }

  /** Status counts per week up to asOf (the weekly trend), cached per scope and data version. */
  async trend(year: number, scope: ScheduleScope, asOf: IsoDate): Promise<TrendPoint[]> {
    const e = await this.entry(year)
    const inputs = await e.inputs
    const key = `${scope.districtId ?? ''}/${scope.streetId ?? ''}/${scope.clusterId ?? ''}/${asOf}`
    let t = e.trend.get(key)
    if (!t) {
      t = computeTrend(inputs, scopeIndices(inputs, scope), timelineStops(inputs.year, asOf))
      if (e.trend.size > 200) e.trend.clear()
      e.trend.set(key, t)
    }
    return t
  }
}

/** Indices of the programme's communities inside a scope. */
export function scopeIndices(inputs: ScheduleInputs, scope: ScheduleScope): number[] {
  const members = scope.clusterId !== undefined ? new Set(inputs.clusters.find((c) => c.id === scope.clusterId)?.memberIds ?? []) : null
  const out: number[] = []
  inputs.infos.forEach((c, i) => {
    if (scope.districtId !== undefined && c.districtId !== scope.districtId) return
    if (scope.streetId !== undefined && c.streetId !== scope.streetId) return
    if (members && !members.has(c.communityId)) return
    out.push(i)
  })
  return out
}

function computeTrend(inputs: ScheduleInputs, indices: number[], weeks: IsoDate[]): TrendPoint[] {
  const points: TrendPoint[] = weeks.map((week) => ({ week, byStatus: emptyStatusCounts(), started: 0, completed: 0 }))
  replayDates(
    indices.map((i) => inputs.subjects[i]),
    weeks,
    inputs.config.rules,
    (d, _i, s) => {
      const p = points[d]
      p.byStatus[s.status]++
      if (s.started) p.started++
      if (s.completed) p.completed++
    },
  )
  return points
}

function toRow(communityId: number, s: CommunityScheduleState): ScheduleRow {
  return { communityId, ...s }
}

/** GET /api/schedule: every community of the scope on asOf (default: the schedule's today). */
export async function getSchedule(store: ScheduleStore, year: number, scope: ScheduleScope, asOf?: IsoDate): Promise<ScheduleResponse> {
  const inputs = await store.inputs(year)
  const today = scheduleToday(inputs)
  const date = asOf ?? today
  const indices = scopeIndices(inputs, scope)
  const states = scheduleAt(indices.map((i) => inputs.subjects[i]), date, inputs.config.rules)
  return {
    asOf: date,
    today,
    planYear: year,
    rules: inputs.config.rules,
    rows: states.map((s, k) => toRow(inputs.infos[indices[k]].communityId, s)),
  }
}

/** GET /api/schedule/summary: KPIs, funnel, rankings, late list, milestones and trend for a date and scope. */
export async function getScheduleSummary(store: ScheduleStore, year: number, scope: ScheduleScope, asOf?: IsoDate): Promise<ScheduleSummaryResponse> {
  const inputs = await store.inputs(year)
  const today = scheduleToday(inputs)
  const date = asOf ?? today
  const rules = inputs.config.rules
  const all = scheduleAt(inputs.subjects, date, rules)
  const indices = scopeIndices(inputs, scope)
  const infos = indices.map((i) => inputs.infos[i])
  const states = indices.map((i) => all[i])

  const districtName = (id: number) => inputs.districts.get(id) ?? `#${id}`
  const streetName = (id: number) => inputs.streets.get(id)?.name ?? `#${id}`
  // The ranking always compares every district; the rest follows the scope.
  const byDistrict = groupIndices(inputs.infos, (c) => c.districtId)
  const districts = rankDistricts([...byDistrict].map(([id, idx]) => rollUp(id, districtName(id), idx, inputs.infos, all)))
  const byStreet = groupIndices(infos, (c) => c.streetId)
  const streets = [...byStreet]
    .map(([id, idx]) => ({ ...rollUp(id, streetName(id), idx, infos, states), districtId: inputs.streets.get(id)?.districtId ?? 0 }))
    .sort((a, b) => a.districtId - b.districtId || a.id - b.id)
  const inScope = new Map(indices.map((i, k) => [inputs.infos[i].communityId, k]))
  const clusters = inputs.clusters
    .map((cl) => {
      const idx = cl.memberIds.map((id) => inScope.get(id)).filter((k): k is number => k !== undefined)
      return idx.length ? { ...rollUp(cl.id, cl.name, idx, infos, states), memberIds: cl.memberIds } : null
    })
    .filter((c): c is NonNullable<typeof c> => c !== null)

  return {
    asOf: date,
    today,
    planYear: year,
    weeks: timelineStops(year, today),
    kpis: computeKpis(infos, states, scope.districtId === undefined && scope.streetId === undefined && scope.clusterId === undefined ? inputs.config.targets : {}),
    statusCounts: countStatuses(states),
    funnel: computeFunnel(states),
    districts,
    streets,
    clusters,
    late: lateList(infos, states, { district: districtName, street: streetName }),
    milestones: milestoneStatuses(inputs.config.milestones, states, date),
    trend: await store.trend(year, scope, date),
  }
}

/** GET /api/progress/reports: the raw history, oldest first. */
export async function listRawReports(
  db: Database,
  q: { from?: IsoDate; to?: IsoDate; communityId?: number; districtId?: number; limit: number },
): Promise<RawReportsResponse> {
  const where: string[] = []
  const params: unknown[] = []
  if (q.from) where.push(`r.report_date >= $${params.push(q.from)}`)
  if (q.to) where.push(`r.report_date <= $${params.push(q.to)}`)
  if (q.communityId !== undefined) where.push(`r.community_id = $${params.push(q.communityId)}`)
  if (q.districtId !== undefined) where.push(`c.district_id = $${params.push(q.districtId)}`)
  const rows = await db.query<RawReport>(
    `SELECT r.id, r.community_id AS "communityId", r.stage, r.progress_pct AS "progressPct", r.report_date AS "reportDate",
            r.note, r.reported_by AS "reportedBy", r.created_at AS "createdAt"
     FROM progress_reports r JOIN communities c ON c.id = r.community_id
     ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
     ORDER BY r.report_date, r.id LIMIT $${params.push(q.limit + 1)}`,
    params,
  )
  const truncated = rows.length > q.limit
  if (truncated) rows.pop()
  return { reports: rows.map((r) => ({ ...r, id: Number(r.id) })), truncated }
}
