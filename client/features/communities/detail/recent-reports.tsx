import type { ProgressReport } from '../../../../core/domain/entities.js'
import { STAGE_COLORS } from '../../../../core/domain/stages.js'
import { Swatch } from '../../../components/ui/swatch.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import { formatNumber } from '../../../i18n/format.js'
import { DetailSection } from './detail-section.js'

export function RecentReports({ reports }: { reports: ProgressReport[] }) {
  const { t, lang } = useI18n()
  const sorted = [...reports].sort((a, b) => (a.reportDate < b.reportDate ? 1 : a.reportDate > b.reportDate ? -1 : b.id - a.id))
  return (
    <DetailSection title={t('detail.sectionReports')}>
      {sorted.length === 0 ? (
        <p className="muted">{t('detail.noReports')}</p>
      ) : (
        <ul className="reports">
          {sorted.map((r) => (
            <li key={r.id} className="report">
              <div className="report__head">
                <span className="report__date">{r.reportDate}</span>
                <span className="report__stage">
                  <Swatch color={STAGE_COLORS[r.stage]} />
                  {t(`stage.${r.stage}`)}
                </span>
                <span className="report__pct">{formatNumber(r.progressPct, lang)}%</span>
              </div>
              {r.note && <p className="report__note">{r.note}</p>}
              {r.reportedBy && <div className="report__by">{t('detail.reportedBy', { name: r.reportedBy })}</div>}
            </li>
          ))}
        </ul>
      )}
    </DetailSection>
  )
}
