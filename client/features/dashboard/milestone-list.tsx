import type { MilestoneStatus } from '../../../core/contracts/schedule.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, formatPercent } from '../../i18n/format.js'
import { milestoneShare, milestoneState, milestoneText } from './milestones.js'

/** The plan year's milestones in date order: due date, countdown, and how many communities meet each. */
export function MilestoneList({ milestones }: { milestones: readonly MilestoneStatus[] }) {
  const { t, lang } = useI18n()
  if (milestones.length === 0) return <div className="dash-empty">{t('dashboard.milestone.none')}</div>
  const rows = [...milestones].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return (
    <ol className="dash-milestones" data-testid="dashboard-milestones">
      {rows.map((m) => {
        const { state } = milestoneState(m)
        const share = milestoneShare(m)
        return (
          <li key={m.id} className={`dash-milestone dash-milestone--${state}`} data-testid={`dashboard-milestone-${m.id}`}>
            <div className="dash-milestone__head">
              <span className="dash-milestone__name" title={m.name[lang]}>
                {m.name[lang]}
              </span>
              <span className="dash-milestone__when">{milestoneText(m, t, lang)}</span>
            </div>
            <div className="dash-milestone__meta">
              <span>{t('dashboard.milestone.due', { date: m.date })}</span>
              <span>
                {t('dashboard.milestone.metOf', { met: formatNumber(m.met, lang), total: formatNumber(m.total, lang) })} · {formatPercent(share, lang, 0)}
              </span>
            </div>
            <div className="dash-milestone__bar" aria-hidden="true">
              <span style={{ width: `${share * 100}%` }} />
            </div>
          </li>
        )
      })}
    </ol>
  )
}
