import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import type { IsoDate } from '../../../core/domain/entities.js'
import { useI18n } from '../../i18n/i18n-context.js'
import type { MessageKey } from '../../i18n/zh.js'
import {
  createTimeScale,
  crisp,
  fitText,
  monthLabelStep,
  monthTicks,
  todayX,
  xOfDay,
  type BarSegment,
  type DayRange,
  type TimeScale,
} from './gantt-layout.js'

export type AsideTone = 'bad' | 'good' | 'muted' | 'plain'

/** One line of the Gantt: a label, the planned bar, the actual bar's segments and a short status on the right. */
export interface GanttRowModel {
  /** Test id suffix: a stage code or a community id. */
  key: string
  label: string
  sublabel?: string
  planned: DayRange | null
  segments: BarSegment[]
  /** Colour of the actual bar (the stage's, or the community's schedule status). */
  color: string
  /** Colour of the light planned bar. */
  plannedColor: string
  aside: { text: string; tone: AsideTone; dot?: string }[]
  /** Read by screen readers and shown as the tooltip. */
  description: string
  /** Diamonds drawn on the row (a milestone of the row's stage). */
  marks?: { day: number; state: 'met' | 'missed' | 'due'; title: string }[]
  highlighted?: boolean
  onOpen?: () => void
}

export interface GanttChartProps {
  rows: GanttRowModel[]
  domain: DayRange
  today: IsoDate
  /** Milestones of the plan year on the axis, with a faint line down the chart. */
  milestones: { day: number; title: string }[]
  ariaLabel: string
  /** Headings of the label column and the status column, in the axis. */
  labelHeading: string
  asideHeading: string
  rowHeight?: number
  labelWidth?: number
  asideWidth?: number
}

const HEADER_H = 58
const YEAR_BAND = 20
const MONTH_BAND = 22
const PAD_RIGHT = 12
const MIN_WIDTH = 640

/** Follows an element's content width (the SVG is drawn in real pixels, so lines stay crisp). */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    setWidth(Math.floor(el.getBoundingClientRect().width))
    if (typeof ResizeObserver === 'undefined') return
    const ro = new ResizeObserver((entries) => setWidth(Math.floor(entries[0].contentRect.width)))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])
  return [ref, width]
}

function Diamond({ x, y, r, className, title }: { x: number; y: number; r: number; className: string; title: string }) {
  return (
    <path className={className} d={`M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}Z`}>
      <title>{title}</title>
    </path>
  )
}

function Axis({
  scale,
  width,
  today,
  milestones,
  stripesId,
  headings,
}: {
  scale: TimeScale
  width: number
  today: IsoDate
  milestones: GanttChartProps['milestones']
  stripesId: string
  headings: [string, string]
}) {
  const { t } = useI18n()
  const ticks = monthTicks(scale)
  const pxPerMonth = ticks.length ? (scale.x1 - scale.x0) / ticks.length : scale.x1 - scale.x0
  const step = monthLabelStep(pxPerMonth, 30)
  const tx = todayX(scale, today)
  return (
    <svg className="gantt__axis" width={width} height={HEADER_H} aria-hidden="true">
      <rect x={scale.x0} y={0} width={scale.x1 - scale.x0} height={HEADER_H} className="gantt__axis-bg" />
      <text className="gantt__heading" x={14} y={HEADER_H - 10}>
        {headings[0]}
      </text>
      <text className="gantt__heading" x={scale.x1 + PAD_RIGHT + 4} y={HEADER_H - 10}>
        {headings[1]}
      </text>
      {ticks.map((tick, i) => (
        <g key={tick.day}>
          <line className={tick.yearStart ? 'gantt__year-line' : 'gantt__month-line'} x1={crisp(tick.x)} x2={crisp(tick.x)} y1={tick.yearStart || i === 0 ? 0 : YEAR_BAND} y2={HEADER_H} />
          {(tick.yearStart || i === 0) && (
            <text className="gantt__year-label" x={tick.x + 6} y={14}>
              {t('gantt.year', { year: tick.year })}
            </text>
          )}
          {(tick.month - 1) % step === 0 && (
            <text className="gantt__month-label" x={(tick.x + tick.xEnd) / 2} y={YEAR_BAND + 15} textAnchor="middle">
              {t(`gantt.month.${tick.month}` as MessageKey)}
            </text>
          )}
        </g>
      ))}
      <line className="gantt__axis-base" x1={scale.x0} x2={scale.x1} y1={HEADER_H - 0.5} y2={HEADER_H - 0.5} />
      <line className="gantt__axis-base" x1={scale.x0} x2={scale.x1} y1={YEAR_BAND + 0.5} y2={YEAR_BAND + 0.5} />
      {milestones.map((m) => (
        <Diamond key={`${m.day}-${m.title}`} className="gantt__milestone gantt__milestone--axis" x={xOfDay(scale, m.day + 0.5)} y={YEAR_BAND + MONTH_BAND + 8} r={5} title={m.title} />
      ))}
      <g className="gantt__today-flag">
        <line x1={crisp(tx)} x2={crisp(tx)} y1={YEAR_BAND} y2={HEADER_H} />
        <rect x={tx - 24} y={2} width={48} height={16} rx={8} />
        <text x={tx} y={14} textAnchor="middle">
          {t('gantt.today')}
        </text>
      </g>
      <defs>
        <pattern id={stripesId} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
          <rect width={3} height={6} fill="rgba(255,255,255,0.55)" />
        </pattern>
      </defs>
    </svg>
  )
}

/**
 * The Gantt as two SVGs in real pixels: a sticky month axis, and the rows under it (label, planned bar,
 * actual bar cut into on-time and late parts, striped while open, a status on the right), a line for
 * today and faint lines for the milestones. Rows are focusable; arrow keys move between them and
 * Enter opens a row that can be opened.
 */
export function GanttChart({ rows, domain, today, milestones, ariaLabel, labelHeading, asideHeading, rowHeight = 40, labelWidth = 240, asideWidth = 150 }: GanttChartProps) {
  const [ref, measured] = useWidth()
  const width = Math.max(MIN_WIDTH, measured)
  const stripesId = `gantt-stripes-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const rowRefs = useRef<(SVGGElement | null)[]>([])
  const scale = createTimeScale(domain, labelWidth, width - asideWidth - PAD_RIGHT)
  const ticks = monthTicks(scale)
  const height = rows.length * rowHeight
  const tx = todayX(scale, today)
  const plannedH = Math.round(rowHeight * 0.42)
  const actualH = Math.round(rowHeight * 0.24)

  const onKeyDown = (e: KeyboardEvent<SVGGElement>, i: number, row: GanttRowModel) => {
    if ((e.key === 'Enter' || e.key === ' ') && row.onOpen) {
      e.preventDefault()
      row.onOpen()
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      rowRefs.current[Math.min(rows.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus()
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault()
      rowRefs.current[e.key === 'Home' ? 0 : rows.length - 1]?.focus()
    }
  }

  return (
    <div className="gantt" ref={ref}>
      {measured > 0 && (
        <>
          <div className="gantt__head">
            <Axis scale={scale} width={width} today={today} milestones={milestones} stripesId={stripesId} headings={[labelHeading, asideHeading]} />
          </div>
          <svg className="gantt__body" width={width} height={height} role="list" aria-label={ariaLabel}>
            <g aria-hidden="true">
              {rows.map((_, i) => i % 2 === 1 && <rect key={i} className="gantt__stripe" x={0} y={i * rowHeight} width={width} height={rowHeight} />)}
              {ticks.map((tick) => (
                <line key={tick.day} className={tick.yearStart ? 'gantt__year-line' : 'gantt__month-line'} x1={crisp(tick.x)} x2={crisp(tick.x)} y1={0} y2={height} />
              ))}
              <line className="gantt__month-line" x1={crisp(scale.x1)} x2={crisp(scale.x1)} y1={0} y2={height} />
              {milestones.map((m) => (
                <line key={`${m.day}-${m.title}`} className="gantt__milestone-line" x1={crisp(xOfDay(scale, m.day + 0.5))} x2={crisp(xOfDay(scale, m.day + 0.5))} y1={0} y2={height} />
              ))}
            </g>
            {rows.map((row, i) => {
              const y = i * rowHeight
              const mid = y + rowHeight / 2
              const labelY = row.sublabel ? mid - 3 : mid + 4.5
              const barX = (r: DayRange) => Math.round(xOfDay(scale, r.startDay))
              const barW = (r: DayRange) => Math.max(2, Math.round(xOfDay(scale, r.endDay)) - barX(r))
              return (
                <g role="listitem" key={row.key}>
                  <g
                    ref={(el) => {
                      rowRefs.current[i] = el
                    }}
                    className={`gantt__row ${row.onOpen ? 'is-openable' : ''} ${row.highlighted ? 'is-highlighted' : ''}`}
                    data-testid={`gantt-row-${row.key}`}
                    tabIndex={0}
                    role={row.onOpen ? 'link' : undefined}
                    aria-label={row.description}
                    onClick={row.onOpen}
                    onKeyDown={(e) => onKeyDown(e, i, row)}
                  >
                    <title>{row.description}</title>
                    <rect className="gantt__row-bg" x={0.5} y={y + 0.5} width={width - 1} height={rowHeight - 1} rx={3} />
                    <text className="gantt__label" x={14} y={labelY}>
                      {fitText(row.label, labelWidth - 24, 13)}
                    </text>
                    {row.sublabel && (
                      <text className="gantt__sublabel" x={14} y={mid + 12}>
                        {fitText(row.sublabel, labelWidth - 24, 11)}
                      </text>
                    )}
                    {row.planned && (
                      <rect
                        className="gantt__planned"
                        x={barX(row.planned)}
                        y={Math.round(mid - plannedH / 2)}
                        width={barW(row.planned)}
                        height={plannedH}
                        rx={3}
                        style={{ fill: row.plannedColor, stroke: row.plannedColor }}
                      />
                    )}
                    {row.segments.map((s) => (
                      <g key={s.startDay}>
                        <rect
                          className={s.late ? 'gantt__actual gantt__actual--late' : 'gantt__actual'}
                          x={barX(s)}
                          y={Math.round(mid - actualH / 2)}
                          width={barW(s)}
                          height={actualH}
                          style={s.late ? undefined : { fill: row.color }}
                        />
                        {s.open && <rect x={barX(s)} y={Math.round(mid - actualH / 2)} width={barW(s)} height={actualH} fill={`url(#${stripesId})`} />}
                      </g>
                    ))}
                    {row.marks?.map((m) => (
                      <Diamond key={m.day} className={`gantt__milestone gantt__milestone--${m.state}`} x={xOfDay(scale, m.day + 0.5)} y={mid} r={6} title={m.title} />
                    ))}
                    {row.aside.map((a, j) => {
                      const ay = row.aside.length > 1 ? mid - 3 + j * 15 : mid + 4.5
                      const ax = width - asideWidth + (a.dot ? 14 : 4)
                      return (
                        <g key={j}>
                          {a.dot && <circle cx={width - asideWidth + 6} cy={ay - 4} r={4} fill={a.dot} />}
                          <text className={`gantt__aside gantt__aside--${a.tone} ${j > 0 ? 'is-second' : ''}`} x={ax} y={ay}>
                            {fitText(a.text, asideWidth - (a.dot ? 20 : 10), j > 0 ? 11 : 12)}
                          </text>
                        </g>
                      )
                    })}
                  </g>
                </g>
              )
            })}
            {/* A 2px rect rather than a line: a line has an empty bounding box, which reads as hidden to tools. */}
            <rect data-testid="gantt-today" data-date={today} className="gantt__today" x={Math.round(tx) - 1} y={0} width={2} height={height} aria-hidden="true" />
          </svg>
        </>
      )}
    </div>
  )
}
