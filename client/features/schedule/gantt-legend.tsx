import type { MilestoneConfig } from '../../../core/contracts/schedule.js'
import type { IsoDate } from '../../../core/domain/entities.js'
import type { ScheduleStatus } from '../../../core/schedule/status.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { STATUS_COLORS } from '../../layers/schedule-colors.js'
import type { GanttLevel } from './gantt-params.js'

/** The key above a Gantt: what the bars and marks mean, and the programme's milestones by date. */

export function Legend({ level }: { level: GanttLevel }) {
  const { t } = useI18n()
  const statuses: ScheduleStatus[] = ['not_started', 'on_track', 'at_risk', 'late', 'done']
  return (
    <div className="gantt-legend" aria-hidden="true">
      <span>
        <i className="gantt-key gantt-key--planned" />
        {t('gantt.legend.planned')}
      </span>
      {level === 'community' ? (
        <span>
          <i className="gantt-key gantt-key--actual" />
          {t('gantt.legend.actual')}
        </span>
      ) : (
        statuses.map((s) => (
          <span key={s}>
            <i className="gantt-key gantt-key--actual" style={{ background: STATUS_COLORS[s] }} />
            {t(`schedule.status.${s}`)}
          </span>
        ))
      )}
      <span>
        <i className="gantt-key gantt-key--actual gantt-key--open" />
        {t('gantt.legend.open')}
      </span>
      <span>
        <i className="gantt-key gantt-key--late" />
        {t('gantt.legend.late')}
      </span>
      <span>
        <i className="gantt-key gantt-key--today" />
        {t('gantt.today')}
      </span>
      <span>
        <i className="gantt-key gantt-key--milestone" />
        {t('gantt.legend.milestone')}
      </span>
    </div>
  )
}

export function MilestoneList({ milestones, today }: { milestones: readonly MilestoneConfig[]; today: IsoDate }) {
  const { t, lang } = useI18n()
  if (!milestones.length) return null
  return (
    <div className="gantt-milestones">
      <span className="gantt-milestones__title">{t('gantt.milestones')}</span>
      {milestones.map((m) => (
        <span key={m.id} className={`gantt-milestones__item ${m.date < today ? 'is-past' : ''}`}>
          <i className="gantt-key gantt-key--milestone" aria-hidden="true" />
          <time dateTime={m.date}>{m.date.slice(5)}</time> {m.name[lang]}
        </span>
      ))}
    </div>
  )
}
