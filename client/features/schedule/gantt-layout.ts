import type { IsoDate, StageRecord } from '../../../core/domain/entities.js'
import { dayNumber } from '../../../core/domain/stage-timeline.js'
import { STAGES, stageIndex, type Stage } from '../../../core/domain/stages.js'

/**
 * The pure geometry of the schedule Gantt: a date → x scale over whole months, the month ticks along the
 * top, and the bars of a planned/actual span cut where the actual runs past the planned end. Dates are
 * calendar days (UTC day numbers); a span's end date is inclusive, so a bar covers [start, end + 1 day).
 */

const DAY_MS = 86_400_000

/** The calendar date of a day number (days since 1970-01-01, UTC). */
export function dateOfDay(day: number): IsoDate {
  return new Date(Math.floor(day) * DAY_MS).toISOString().slice(0, 10)
}

/** Day number of the first day of a month (month 0–11; out-of-range months roll into other years). */
function monthStartDay(year: number, month0: number): number {
  return Date.UTC(year, month0, 1) / DAY_MS
}

/** A span of days, end exclusive. */
export interface DayRange {
  startDay: number
  endDay: number
}

/** Maps the days [startDay, endDay) linearly onto the pixels [x0, x1]. */
export interface TimeScale extends DayRange {
  x0: number
  x1: number
}

export function createTimeScale(domain: DayRange, x0: number, x1: number): TimeScale {
  if (!(domain.endDay > domain.startDay)) throw new RangeError(`empty time domain ${domain.startDay}..${domain.endDay}`)
  return { startDay: domain.startDay, endDay: domain.endDay, x0, x1 }
}

/** Pixel position of the start of a day (fractional days allowed, e.g. today + 0.5 for midday). */
export function xOfDay(scale: TimeScale, day: number): number {
  return scale.x0 + ((day - scale.startDay) / (scale.endDay - scale.startDay)) * (scale.x1 - scale.x0)
}

export function xOfDate(scale: TimeScale, date: IsoDate): number {
  return xOfDay(scale, dayNumber(date))
}

/** Where the today line goes: the middle of today, so a bar running "to today" visibly reaches it. */
export function todayX(scale: TimeScale, today: IsoDate): number {
  return xOfDay(scale, dayNumber(today) + 0.5)
}

/**
 * The whole months covering every given date and, when given, the whole plan year, so the axis always
 * starts on the 1st of a month and a year boundary falls on a tick. Needs at least one date or a year.
 */
export function ganttDomain(dates: readonly (IsoDate | null | undefined)[], planYear?: number): DayRange {
  const days = dates.filter((d): d is IsoDate => !!d).map(dayNumber)
  if (planYear !== undefined) days.push(monthStartDay(planYear, 0), monthStartDay(planYear, 12) - 1)
  if (days.length === 0) throw new RangeError('ganttDomain needs a date or a plan year')
  const first = new Date(Math.min(...days) * DAY_MS)
  const last = new Date(Math.max(...days) * DAY_MS)
  return {
    startDay: monthStartDay(first.getUTCFullYear(), first.getUTCMonth()),
    endDay: monthStartDay(last.getUTCFullYear(), last.getUTCMonth() + 1),
  }
}

export interface MonthTick {
  /** First day of the month, and where it and the next month begin on the scale. */
  day: number
  x: number
  xEnd: number
  year: number
  /** 1–12. */
  month: number
  /** January: the tick is a year boundary. */
  yearStart: boolean
}

/** One tick per month start inside the scale's domain, in order. */
export function monthTicks(scale: TimeScale): MonthTick[] {
  const ticks: MonthTick[] = []
  const first = new Date(scale.startDay * DAY_MS)
  let year = first.getUTCFullYear()
  let month0 = first.getUTCMonth()
  let day = monthStartDay(year, month0)
  if (day < scale.startDay) month0 += 1
  for (;;) {
    day = monthStartDay(year, month0)
    if (day >= scale.endDay) break
    const date = new Date(day * DAY_MS)
    const next = monthStartDay(year, month0 + 1)
    ticks.push({
      day,
      x: xOfDay(scale, day),
      xEnd: xOfDay(scale, Math.min(next, scale.endDay)),
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      yearStart: date.getUTCMonth() === 0,
    })
    year = date.getUTCFullYear()
    month0 = date.getUTCMonth() + 1
  }
  return ticks
}

/** Label every month, or every 2nd, 3rd, 6th or 12th when months are narrower than `minLabelPx`. */
export function monthLabelStep(pxPerMonth: number, minLabelPx = 30): number {
  for (const step of [1, 2, 3, 6]) if (step * pxPerMonth >= minLabelPx) return step
  return 12
}

/** A stage's or a community's planned and actual dates (end dates inclusive). */
export interface Span {
  plannedStart: IsoDate | null
  plannedEnd: IsoDate | null
  actualStart: IsoDate | null
  actualEnd: IsoDate | null
}

/** The planned bar, or null without both planned dates. */
export function plannedBar(span: Pick<Span, 'plannedStart' | 'plannedEnd'>): DayRange | null {
  if (!span.plannedStart || !span.plannedEnd) return null
  const startDay = dayNumber(span.plannedStart)
  return { startDay, endDay: Math.max(startDay + 1, dayNumber(span.plannedEnd) + 1) }
}

export interface BarSegment extends DayRange {
  /** The part after the planned end (drawn red). */
  late: boolean
  /** Still running: the bar stops at today, not at an actual end (drawn striped). */
  open: boolean
}

/**
 * The actual bar of a span: from the actual start to the actual end, or to the end of today while
 * unfinished, cut in two where it passes the planned end. The late part is as many days long as the
 * stage timeline's lateDays. Empty before an actual start.
 */
export function actualBarSegments(span: Span, today: IsoDate): BarSegment[] {
  if (!span.actualStart) return []
  const open = !span.actualEnd
  const startDay = dayNumber(span.actualStart)
  const endDay = Math.max(startDay + 1, (span.actualEnd ? dayNumber(span.actualEnd) : dayNumber(today)) + 1)
  if (!span.plannedEnd) return [{ startDay, endDay, late: false, open }]
  const lateFrom = dayNumber(span.plannedEnd) + 1
  if (lateFrom >= endDay) return [{ startDay, endDay, late: false, open }]
  if (lateFrom <= startDay) return [{ startDay, endDay, late: true, open }]
  return [
    { startDay, endDay: lateFrom, late: false, open },
    { startDay: lateFrom, endDay, late: true, open },
  ]
}

/**
 * A community's whole programme as one span: the first planned start to the planned end of the
 * completion stage (综合验收 by default), and the first actual start to its actual end (null until done).
 * Stages after the completion stage (移交) do not count.
 */
export function overallSpan(records: readonly Omit<StageRecord, 'communityId'>[], completionStage: Stage = 'city_acceptance'): Span {
  const last = stageIndex(completionStage)
  const within = records.filter((r) => stageIndex(r.stage) <= last)
  const min = (dates: (IsoDate | null)[]) => dates.filter((d): d is IsoDate => !!d).sort()[0] ?? null
  const max = (dates: (IsoDate | null)[]) => dates.filter((d): d is IsoDate => !!d).sort().at(-1) ?? null
  const completion = within.find((r) => r.stage === completionStage)
  return {
    plannedStart: min(within.map((r) => r.plannedStart)),
    plannedEnd: completion?.plannedEnd ?? max(within.map((r) => r.plannedEnd)),
    actualStart: min(within.map((r) => r.actualStart)),
    actualEnd: completion?.actualEnd ?? null,
  }
}

/** The nine stages in order, each with its record's dates (all null when it has none). */
export function stageSpans(records: readonly Omit<StageRecord, 'communityId'>[]): (Span & { stage: Stage; progressPct: number })[] {
  const byStage = new Map(records.map((r) => [r.stage, r]))
  return STAGES.map((stage) => {
    const r = byStage.get(stage)
    return {
      stage,
      plannedStart: r?.plannedStart ?? null,
      plannedEnd: r?.plannedEnd ?? null,
      actualStart: r?.actualStart ?? null,
      actualEnd: r?.actualEnd ?? null,
      progressPct: r?.progressPct ?? 0,
    }
  })
}

export type GanttSortKey = 'daysLate' | 'name' | 'plannedEnd'

export interface SortableGanttRow {
  id: number
  name: string
  daysLate: number
  plannedEnd: IsoDate | null
}

const collators = new Map<string, Intl.Collator>()
function collator(locale: string): Intl.Collator {
  let c = collators.get(locale)
  if (!c) collators.set(locale, (c = new Intl.Collator(locale, { numeric: true })))
  return c
}

/**
 * Rows in a new array: most days late first, by name (pinyin order in Chinese), or earliest planned end
 * first with unplanned rows last. Ties fall back to the name, then the id, so the order is stable.
 */
export function sortGanttRows<T extends SortableGanttRow>(rows: readonly T[], key: GanttSortKey, locale = 'zh-CN'): T[] {
  const byName = (a: T, b: T) => collator(locale).compare(a.name, b.name) || a.id - b.id
  const compare: Record<GanttSortKey, (a: T, b: T) => number> = {
    daysLate: (a, b) => b.daysLate - a.daysLate || byName(a, b),
    name: byName,
    plannedEnd: (a, b) => {
      if (a.plannedEnd !== b.plannedEnd) {
        if (!a.plannedEnd) return 1
        if (!b.plannedEnd) return -1
        return a.plannedEnd < b.plannedEnd ? -1 : 1
      }
      return byName(a, b)
    },
  }
  return [...rows].sort(compare[key])
}

/** A 1px line drawn at x lands on one pixel column instead of blurring over two. */
export function crisp(x: number): number {
  return Math.round(x) + 0.5
}

/** Rough advance width of a character: CJK and full-width forms are square, Latin about half as wide. */
function charWidth(ch: string, fontPx: number): number {
  const code = ch.codePointAt(0) ?? 0
  if (code >= 0x2e80 || (code >= 0x1100 && code <= 0x115f)) return fontPx
  return /[A-Z0-9]/.test(ch) ? fontPx * 0.62 : fontPx * 0.55
}

/** The text cut with an ellipsis to fit maxPx at fontPx (SVG text does not wrap or clip on its own). */
export function fitText(text: string, maxPx: number, fontPx: number): string {
  let width = 0
  const chars = [...text]
  for (let i = 0; i < chars.length; i++) {
    width += charWidth(chars[i], fontPx)
    if (width > maxPx) {
      const room = maxPx - fontPx // the ellipsis takes about one CJK width
      let kept = 0
      let w = 0
      while (kept < i && w + charWidth(chars[kept], fontPx) <= room) w += charWidth(chars[kept++], fontPx)
      return chars.slice(0, kept).join('') + '…'
    }
  }
  return text
}

/** A '#rrggbb' colour mixed with white: 0 keeps it, 1 is white (the light planned bar of a stage). */
export function tintColor(hex: string, amount: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!m) return hex
  const n = parseInt(m[1], 16)
  const mix = (c: number) => Math.round(c + (255 - c) * Math.min(1, Math.max(0, amount)))
  return '#' + [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => mix(c).toString(16).padStart(2, '0')).join('')
}
