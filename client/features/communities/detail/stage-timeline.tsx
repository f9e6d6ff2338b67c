import type { StageRecord } from '../../../../core/domain/entities.js'
import { STAGE_COLORS, type Stage } from '../../../../core/domain/stages.js'
import { Tag, type TagTone } from '../../../components/ui/tag.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import type { MessageKey } from '../../../i18n/zh.js'
import { computeStageTimeline, datePct, timelineExtent, type StageStatus, type StageTimelineRow } from '../stage-timeline.js'
import { DetailSection } from './detail-section.js'

const STATUS_KEY: Record<StageStatus, MessageKey> = {
  done: 'detail.statusDone',
  in_progress: 'detail.statusInProgress',
  not_started: 'detail.statusNotStarted',
  not_planned: 'detail.statusNotPlanned',
}
const STATUS_TONE: Record<StageStatus, TagTone> = { done: 'good', in_progress: 'info', not_started: 'neutral', not_planned: 'neutral' }

function span(from: string | null, to: string | null): string {
  if (!from && !to) return '—'
  return `${from ?? '…'} ~ ${to ?? '…'}`
}

function Bar({ from, to, extent, className, color }: { from: string; to: string; extent: { start: number; end: number }; className: string; color?: string }) {
  const left = datePct(from, extent)
  const width = Math.max(1.2, datePct(to, extent) - left)
  return <div className={className} style={{ left: `${left}%`, width: `${width}%`, background: color }} />
}

function TimelineRow({ row, extent, asOf, current }: { row: StageTimelineRow; extent: { start: number; end: number }; asOf: string; current: boolean }) {
  const { t } = useI18n()
  const late = row.lateDays > 0 && row.status !== 'not_planned'
  const actualTo = row.actualEnd ?? (row.actualStart ? asOf : null)
  return (
    <li className={`timeline__row ${late ? 'is-late' : ''} ${current ? 'is-current' : ''}`}>
      <div className="timeline__head">
        <span className="timeline__dot" style={{ background: STAGE_COLORS[row.stage as Stage] }} />
        <span className="timeline__stage">{t(`stage.${row.stage}`)}</span>
        <Tag tone={STATUS_TONE[row.status]}>{t(STATUS_KEY[row.status])}</Tag>
        {late && <Tag tone="bad">{t('detail.late', { n: row.lateDays })}</Tag>}
      </div>
      {row.status !== 'not_planned' && (
      <>
      <div className="timeline__strip" aria-hidden="true">
        {row.plannedStart && row.plannedEnd && <Bar className="timeline__planned" from={row.plannedStart} to={row.plannedEnd} extent={extent} />}
        {row.actualStart && actualTo && (
          <Bar
            className={`timeline__actual ${row.actualEnd ? '' : 'is-open'}`}
            from={row.actualStart}
            to={actualTo}
            extent={extent}
            color={late ? 'var(--bad)' : STAGE_COLORS[row.stage as Stage]}
          />
        )}
        <div className="timeline__today" style={{ left: `${datePct(asOf, extent)}%` }} />
      </div>
      <div className="timeline__dates">
        <span>
          {t('detail.planned')} {span(row.plannedStart, row.plannedEnd)}
        </span>
        <span>
          {t('detail.actual')} {span(row.actualStart, row.actualEnd)}
        </span>
      </div>
      </>
      )}
    </li>
  )
}

/** Planned vs actual dates for every stage on a shared time axis, late stages in red, today marked. */
export function StageTimeline({ records, asOf, currentStage }: { records: StageRecord[]; asOf: string; currentStage: Stage }) {
  const { t } = useI18n()
  const rows = computeStageTimeline(records, asOf)
  const extent = timelineExtent(rows, asOf)
  const lateCount = rows.filter((r) => r.lateDays > 0 && r.status !== 'not_planned').length
  if (rows.every((r) => r.status === 'not_planned')) {
    return (
      <DetailSection title={t('detail.sectionTimeline')}>
        <p className="muted">{t('detail.noSchedule')}</p>
      </DetailSection>
    )
  }
  return (
    <DetailSection
      title={t('detail.sectionTimeline')}
      aside={lateCount > 0 ? <Tag tone="bad">{t('detail.lateStages', { n: lateCount })}</Tag> : <Tag tone="good">{t('detail.onTime')}</Tag>}
    >
      <div className="timeline__legend">
        <span>
          <i className="timeline__key timeline__key--planned" /> {t('detail.planned')}
        </span>
        <span>
          <i className="timeline__key timeline__key--actual" /> {t('detail.actual')}
        </span>
        <span>
          <i className="timeline__key timeline__key--late" /> {t('detail.lateLegend')}
        </span>
        <span>
          <i className="timeline__key timeline__key--today" /> {t('detail.today')} {asOf}
        </span>
      </div>
      <ol className="timeline">
        {rows.map((row) => (
          <TimelineRow key={row.stage} row={row} extent={extent} asOf={asOf} current={row.stage === currentStage} />
        ))}
      </ol>
    </DetailSection>
  )
}
