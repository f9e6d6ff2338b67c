import type { IsoDate } from '../../core/domain/entities.js'
import { STAGES, type Stage } from '../../core/domain/stages.js'
import type { Rng } from './random.js'

/**
 * The city calendar and each community's planned and actual stage dates. Days are whole days since
 * 1970-01-01 (UTC calendar), so arithmetic is exact and no clock is involved.
 */
export type Day = number

const MS_PER_DAY = 86_400_000

export function dayOf(iso: IsoDate): Day {
  const [y, m, d] = iso.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / MS_PER_DAY
}

export function isoOf(day: Day): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

const dayOfYmd = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d) / MS_PER_DAY

/**
 * Batch calendars, after the Jilin plan (seed 000): the year before, survey by June, design by
 * September; in the plan year, tender preparation by 31 March, pipelines by end of July, above-ground
 * self-acceptance by 31 October, city acceptance by 30 November. Batch 2 (approved early in the plan
 * year) and batch 3 (a mid-year supplement) follow later calendars.
 * Each entry is [year offset, month, day]: the survey start, then the end of every stage.
 */
type Ymd = [number, number, number]
export type Batch = 1 | 2 | 3
const CALENDARS: Record<Batch, { start: Ymd; ends: Ymd[]; jitter: [number, number][] }> = {
  1: {
    start: [-1, 3, 1],
    ends: [[-1, 5, 31], [-1, 6, 30], [-1, 8, 15], [-1, 9, 30], [0, 3, 31], [0, 10, 15], [0, 10, 31], [0, 11, 30], [0, 12, 31]],
    jitter: [[-15, 10], [-10, 5], [-10, 5], [-15, 0], [-20, 0], [-25, 0], [-5, 0], [-10, 0], [-10, 0]],
  },
  2: {
    start: [-1, 9, 1],
    ends: [[-1, 11, 30], [-1, 12, 31], [0, 2, 28], [0, 4, 30], [0, 6, 30], [0, 11, 30], [0, 12, 20], [1, 1, 31], [1, 2, 28]],
    jitter: [[-15, 10], [-10, 5], [-10, 5], [-15, 10], [-15, 10], [-20, 10], [-5, 5], [-10, 0], [-10, 0]],
  },
  3: {
    start: [0, 2, 1],
    ends: [[0, 4, 30], [0, 5, 31], [0, 7, 15], [0, 9, 30], [0, 12, 31], [1, 8, 31], [1, 9, 30], [1, 10, 31], [1, 11, 30]],
    jitter: [[-10, 10], [-10, 5], [-10, 10], [0, 55], [-10, 10], [-20, 0], [-5, 0], [-10, 0], [-10, 0]],
  },
}

export interface Span { start: Day; end: Day }

/** Planned start and end of every stage for one community: the batch calendar with its own offsets. */
export function planStages(rng: Rng, planYear: number, batch: Batch): Span[] {
  const cal = CALENDARS[batch]
  const at = ([dy, m, d]: Ymd) => dayOfYmd(planYear + dy, m, d)
  const spans: Span[] = []
  let start = at(cal.start) + rng.int(-10, 10)
  cal.ends.forEach((end, k) => {
    const [lo, hi] = cal.jitter[k]
    const e = Math.max(start + 6, at(end) + rng.int(lo, hi))
    spans.push({ start, end: e })
    start = e + 1
  })
  return spans
}

/** How a community's works run against plan. */
export type Pace =
  | { kind: 'on_time' }
  | { kind: 'early' }
  | { kind: 'late'; stage: number; overrunDays: number }
  /** Behind in the stage it is in at asOf, whose planned end is still ahead: at risk now, late later. */
  | { kind: 'slow'; stage: number; overrunDays: number }

/**
 * The stage a slow community can lag in at asOf: from design on, 60–95 % of its planned span elapsed, so a
 * lag of 0.8–1.5 times its duration leaves it at least 25 points behind plan before its planned end.
 */
export function slowCandidateStage(planned: readonly Span[], asOf: Day): number {
  return planned.findIndex((p, k) => {
    if (k < STAGES.indexOf('design')) return false
    const share = (asOf - p.start + 1) / (p.end - p.start + 1)
    return share >= 0.6 && share <= 0.95
  })
}

/** Stages a late community can be stuck in at asOf: begun, planned to end before asOf, from design on. */
export function lateCandidateStages(planned: readonly Span[], asOf: Day): number[] {
  const out: number[] = []
  planned.forEach((p, k) => {
    if (k >= STAGES.indexOf('design') && p.end < asOf - 3 && p.start <= asOf - 10) out.push(k)
  })
  return out
}

/**
 * Actual (and, beyond asOf, projected) dates of every stage. On time: each stage starts within three days
 * of plan and ends on or before its planned end. Early: works from construction on run 15–30 % faster.
 * Late: one stage overruns its planned end past asOf; later stages wait for it.
 */
export function simulateActual(rng: Rng, planned: readonly Span[], pace: Pace, asOf: Day): Span[] {
  const construction = STAGES.indexOf('construction')
  const out: Span[] = []
  let prevEnd = -Infinity
  planned.forEach((p, k) => {
    const dur = p.end - p.start
    let span: Span
    if (pace.kind === 'early' && k >= construction) {
      const start = prevEnd + 1 + rng.int(0, 2)
      span = { start, end: start + Math.max(3, Math.round(dur * rng.uniform(0.7, 0.85))) }
    } else if (pace.kind === 'late' && k > pace.stage) {
      const start = prevEnd + 1 + rng.int(0, 3)
      span = { start, end: start + dur }
    } else {
      const start = Math.max(prevEnd + 1, p.start + rng.int(0, 3))
      span = { start, end: Math.max(start + 3, p.end - rng.int(0, 6)) }
      if (pace.kind === 'late' && k === pace.stage) span.end = asOf + pace.overrunDays
      // A slow stage ends past its plan and pushes the later ones back (same draws as on time, so the
      // random streams of every other community stay as they were).
      if (pace.kind === 'slow' && k === pace.stage) span.end = p.end + pace.overrunDays
      if (pace.kind === 'slow' && k > pace.stage) span.end = Math.max(span.end, span.start + dur)
    }
    out.push(span)
    prevEnd = span.end
  })
  return out
}

/** Stage index and progress within it (0–100, in steps of 5) on day t. */
export function stageStateAt(actual: readonly Span[], t: Day): { index: number; pct: number } {
  let cur = -1
  actual.forEach((a, k) => {
    if (a.start <= t) cur = k
  })
  if (cur < 0) return { index: 0, pct: 0 }
  const a = actual[cur]
  if (a.end <= t) return { index: cur, pct: 100 }
  const pct = Math.floor((100 * (t - a.start)) / (a.end - a.start + 1) / 5) * 5
  return { index: cur, pct: Math.min(95, pct) }
}

export interface StageRow {
  stage: Stage
  plannedStart: IsoDate
  plannedEnd: IsoDate
  actualStart: IsoDate | null
  actualEnd: IsoDate | null
  progressPct: number
}

/** Stage records as known on asOf: actual dates only where they have happened. */
export function stageRowsAsOf(planned: readonly Span[], actual: readonly Span[], asOf: Day): StageRow[] {
  const state = stageStateAt(actual, asOf)
  return STAGES.map((stage, k) => ({
    stage,
    plannedStart: isoOf(planned[k].start),
    plannedEnd: isoOf(planned[k].end),
    actualStart: actual[k].start <= asOf ? isoOf(actual[k].start) : null,
    actualEnd: actual[k].end <= asOf ? isoOf(actual[k].end) : null,
    progressPct: k < state.index ? 100 : k === state.index ? state.pct : 0,
  }))
}
