import type { ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import { Link } from '../../app/router.js'
import { ProgressBar } from '../../components/ui/progress-bar.js'
import { Tag } from '../../components/ui/tag.js'
import { formatNumber } from '../../i18n/format.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { GANTT_PATH } from './gantt-nav.js'
import { ganttSearch } from './gantt-params.js'

/** The Gantt's city level: a card per district (communities, average progress, how many late) to open it. */

export function CityChooser({ summary }: { summary: ScheduleSummaryResponse }) {
  const { t, lang } = useI18n()
  const total = summary.districts.reduce((n, d) => n + d.communities, 0)
  return (
    <div className="gantt-city">
      <p className="gantt-city__prompt">{t('gantt.cityPrompt', { year: summary.planYear, n: total })}</p>
      <ul className="gantt-city__list">
        {[...summary.districts]
          .sort((a, b) => a.id - b.id)
          .map((d) => (
            <li key={d.id}>
              <Link to={GANTT_PATH + ganttSearch({ district: d.id })} className="gantt-city__card" data-testid={`gantt-district-${d.id}`} aria-label={t('gantt.districtOpen', { name: d.name })}>
                <span className="gantt-city__name">{d.name}</span>
                <span className="gantt-city__meta">{t('gantt.districtCommunities', { n: d.communities })}</span>
                <ProgressBar pct={d.avgOverallPct} label={t('gantt.districtAvg', { pct: `${formatNumber(d.avgOverallPct, lang)}%` })} />
                <span className="gantt-city__meta">
                  {t('gantt.districtAvg', { pct: `${formatNumber(d.avgOverallPct, lang)}%` })}
                  {d.byStatus.late > 0 && <Tag tone="bad">{t('gantt.districtLate', { n: d.byStatus.late })}</Tag>}
                </span>
              </Link>
            </li>
          ))}
      </ul>
    </div>
  )
}
