import type { RollupRow } from '../../../core/contracts/schedule.js'
import { ScheduleStatusBar } from '../../charts/schedule-status-bar.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, formatPercent } from '../../i18n/format.js'

/**
 * Districts ranked by average progress (best first, as the server ranks them). Clicking a row scopes the
 * dashboard to that district; clicking the chosen one again goes back to the whole city.
 */
export function DistrictRanking({ districts, selectedId, onSelect }: { districts: readonly RollupRow[]; selectedId: number | null; onSelect: (id: number | null) => void }) {
  const { t, lang } = useI18n()
  const rows = [...districts].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.id - b.id)
  return (
    <table className="dash-table dash-rank" data-testid="dashboard-ranking">
      <thead>
        <tr>
          <th className="num">{t('dashboard.rank.rank')}</th>
          <th>{t('dashboard.rank.district')}</th>
          <th className="num">{t('dashboard.rank.communities')}</th>
          <th className="dash-rank__bar-col">{t('dashboard.rank.status')}</th>
          <th className="num">{t('dashboard.rank.completed')}</th>
          <th className="num">{t('dashboard.rank.avgProgress')}</th>
          <th className="num">{t('dashboard.rank.late')}</th>
          <th className="num">{t('dashboard.rank.maxDaysLate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => {
          const selected = d.id === selectedId
          return (
            <tr
              key={d.id}
              data-testid={`dashboard-rank-${d.id}`}
              className={`is-clickable ${selected ? 'is-selected' : ''}`}
              onClick={() => onSelect(selected ? null : d.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault()
                  onSelect(selected ? null : d.id)
                }
              }}
              tabIndex={0}
              aria-selected={selected}
              title={selected ? t('dashboard.rank.clearHint') : t('dashboard.rank.selectHint', { name: d.name })}
            >
              <td className="num">
                <span className={`dash-rank__medal dash-rank__medal--${d.rank ?? 0}`}>{d.rank ?? '—'}</span>
              </td>
              <td className="dash-rank__name">{d.name}</td>
              <td className="num">{formatNumber(d.communities, lang)}</td>
              <td className="dash-rank__bar-col">
                <ScheduleStatusBar counts={d.byStatus} />
              </td>
              <td className="num">{formatPercent(d.communities > 0 ? d.completed / d.communities : null, lang, 0)}</td>
              <td className="num">{formatNumber(d.avgOverallPct, lang, 1)}%</td>
              <td className={`num ${d.byStatus.late > 0 ? 'is-bad' : ''}`}>{formatNumber(d.byStatus.late, lang)}</td>
              <td className={`num ${d.maxDaysLate > 0 ? 'is-bad' : ''}`}>{d.maxDaysLate > 0 ? t('dashboard.days', { n: formatNumber(d.maxDaysLate, lang) }) : '—'}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
