import type { CommunityDetailResponse } from '../../../core/contracts/responses.js'
import type { MilestoneConfig, ScheduleRow } from '../../../core/contracts/schedule.js'
import type { IsoDate } from '../../../core/domain/entities.js'
import { computeStageTimeline, dayNumber, type StageStatus } from '../../../core/domain/stage-timeline.js'
import { STAGE_COLORS } from '../../../core/domain/stages.js'
import { hasReached } from '../../../core/schedule/summary.js'
import type { ScheduleStatus } from '../../../core/schedule/status.js'
import type { Translate } from '../../i18n/i18n-context.js'
import type { MessageKey } from '../../i18n/zh.js'
import { STATUS_COLORS } from '../../layers/schedule-colors.js'
import type { AsideTone, GanttRowModel } from './gantt-chart.js'
import { actualBarSegments, overallSpan, plannedBar, stageSpans, tintColor } from './gantt-layout.js'

/**
 * The Gantt's rows as chart models: one per community for a district or 片区 (overall plan against actual,
 * coloured by schedule status), or one per stage for a single community (with its milestones).
 */

const STATUS_ASIDE: Record<ScheduleStatus, AsideTone> = { not_started: 'muted', on_track: 'good', at_risk: 'plain', late: 'bad', done: 'good' }
const STAGE_STATUS_KEY: Record<StageStatus, MessageKey> = {
  done: 'gantt.stage.done',
  in_progress: 'gantt.stage.inProgress',
  not_started: 'gantt.stage.notStarted',
  not_planned: 'gantt.stage.notPlanned',
}
const PLANNED_GREY = '#dce3ec'

/** A percentage as the Gantt shows it: whole. */
export const pct = (n: number) => Math.round(n)

function plannedText(t: Translate, from: IsoDate | null, to: IsoDate | null): string {
  return from || to ? t('gantt.planned', { from: from ?? '…', to: to ?? '…' }) : t('gantt.stage.notPlanned')
}
function actualText(t: Translate, from: IsoDate | null, to: IsoDate | null): string {
  if (!from) return t('gantt.notStarted')
  return to ? t('gantt.actual', { from, to }) : t('gantt.actualOpen', { from })
}

/** The milestones as marks on the chart's time axis. */
export function milestoneAxis(milestones: readonly MilestoneConfig[], lang: 'zh' | 'en') {
  return milestones.map((m) => ({ day: dayNumber(m.date), title: `${m.name[lang]} (${m.date})` }))
}

/** A community's row on a district's or 片区's Gantt, with what the list sorts and filters by. */
export interface CommunityRow {
  id: number
  name: string
  daysLate: number
  plannedEnd: IsoDate | null
  model: GanttRowModel
}

/** Rows for the communities of the schedule whose details have arrived; `open` goes to a community's own Gantt. */
export function communityRows(
  sched: readonly ScheduleRow[],
  details: ReadonlyMap<number, CommunityDetailResponse>,
  today: IsoDate,
  t: Translate,
  open: (id: number) => void,
): CommunityRow[] {
  const rows: CommunityRow[] = []
  for (const s of sched) {
    const d = details.get(s.communityId)
    if (!d) continue
    const span = overallSpan(d.stageRecords)
    const stage = t(`stage.${s.stage}`)
    const status = t(`schedule.status.${s.status}`)
    const second = s.status === 'late' ? t('schedule.daysLate', { n: s.daysLate }) : status
    rows.push({
      id: d.id,
      name: d.name,
      daysLate: s.daysLate,
      plannedEnd: span.plannedEnd,
      model: {
        key: String(d.id),
        label: d.name,
        sublabel: `${d.streetName} · ${d.code}`,
        planned: plannedBar(span),
        segments: actualBarSegments(span, today),
        color: STATUS_COLORS[s.status],
        plannedColor: PLANNED_GREY,
        aside: [
          { text: t('gantt.current', { stage, pct: pct(s.progressPct) }), tone: 'plain', dot: STATUS_COLORS[s.status] },
          { text: second, tone: STATUS_ASIDE[s.status] },
        ],
        description: [
          d.name,
          status,
          t('gantt.current', { stage, pct: pct(s.progressPct) }),
          s.status === 'late' ? t('schedule.daysLate', { n: s.daysLate }) : null,
          plannedText(t, span.plannedStart, span.plannedEnd),
          actualText(t, span.actualStart, span.actualEnd),
        ]
          .filter(Boolean)
          .join('；'),
        onOpen: () => open(d.id),
      },
    })
  }
  return rows
}

/** One community's stages, its current stage highlighted, each with the milestones that fall in it. */
export function stageRows(detail: CommunityDetailResponse, sched: ScheduleRow | undefined, milestones: readonly MilestoneConfig[], today: IsoDate, lang: 'zh' | 'en', t: Translate): GanttRowModel[] {
  const timeline = new Map(computeStageTimeline(detail.stageRecords, today).map((r) => [r.stage, r]))
  const todayDay = dayNumber(today)
  const state = sched ?? { stage: detail.stage, progressPct: detail.progressPct }
  return stageSpans(detail.stageRecords).map((span) => {
    const tl = timeline.get(span.stage)!
    const status = t(STAGE_STATUS_KEY[tl.status], { pct: pct(span.progressPct) })
    const late = tl.lateDays > 0 && tl.status !== 'not_planned'
    const marks = milestones
      .filter((m) => m.stage === span.stage)
      .map((m) => {
        const met = hasReached(state, m.stage, m.pct)
        const due = dayNumber(m.date)
        const mstate = met ? 'met' : due < todayDay ? 'missed' : 'due'
        const key = mstate === 'met' ? 'gantt.milestoneMet' : mstate === 'missed' ? 'gantt.milestoneMissed' : 'gantt.milestoneDue'
        return { day: due, state: mstate, title: t(key, { name: m.name[lang], date: m.date }) } as const
      })
    const stage = t(`stage.${span.stage}`)
    return {
      key: span.stage,
      label: stage,
      sublabel: plannedText(t, span.plannedStart, span.plannedEnd),
      planned: plannedBar(span),
      segments: actualBarSegments(span, today),
      color: STAGE_COLORS[span.stage],
      plannedColor: tintColor(STAGE_COLORS[span.stage], 0.72),
      aside: [
        { text: status, tone: tl.status === 'done' ? 'good' : tl.status === 'in_progress' ? 'plain' : 'muted' },
        ...(late ? [{ text: t('gantt.lateDays', { n: tl.lateDays }), tone: 'bad' as const }] : []),
      ],
      description: [stage, status, late ? t('gantt.lateDays', { n: tl.lateDays }) : null, plannedText(t, span.plannedStart, span.plannedEnd), actualText(t, span.actualStart, span.actualEnd), ...marks.map((m) => m.title)]
        .filter(Boolean)
        .join('；'),
      marks,
      highlighted: span.stage === state.stage,
    }
  })
}
