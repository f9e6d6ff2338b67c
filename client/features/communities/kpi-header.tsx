import type { SummaryResponse } from '../../../core/contracts/responses.js'
import type { Request } from '../../api/use-request.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { communitiesKpi, floorAreaKpi, householdsKpi, investmentScale, moneyKpi, spentShare, type KpiValue } from './kpi-values.js'

function KpiCard({ label, kpi, sub, testId, raw }: { label: string; kpi: KpiValue | null; sub?: string; testId: string; raw?: number }) {
  const { t } = useI18n()
  const unit = kpi ? t(kpi.unitKey) : ''
  return (
    <div className="kpi" data-testid={testId} data-value={raw}>
      <div className="kpi__label">{label}</div>
      <div className="kpi__value">
        <span className="kpi__number">{kpi ? kpi.value : '—'}</span>
        {unit && <span className="kpi__unit">{unit}</span>}
      </div>
      {sub && <div className="kpi__sub">{sub}</div>}
    </div>
  )
}

/** The four programme totals for the current filters: communities, households, floor area, investment. */
export function KpiHeader({ summary }: { summary: Request<SummaryResponse> }) {
  const { t, lang } = useI18n()
  const totals = summary.data?.totals
  if (summary.status === 'error' && !totals) {
    return (
      <div className="kpis">
        <ErrorBanner message={t('app.loadFailed')} retryLabel={t('app.retry')} onRetry={summary.retry} />
      </div>
    )
  }
  const scale = totals ? investmentScale(totals.investmentPlannedWan, lang) : 'wan'
  const spent = totals ? moneyKpi(totals.investmentSpentWan, scale, lang) : null
  const populationSub = totals
    ? t('kpi.population', { n: lang === 'zh' ? formatNumber(totals.population / 10_000, lang, 1) : formatNumber(totals.population, lang) })
    : undefined
  return (
    <div className={`kpis ${summary.status === 'loading' ? 'is-loading' : ''}`} aria-busy={summary.status === 'loading'}>
      <KpiCard
        testId="kpi-communities"
        label={t('kpi.communities')}
        kpi={totals ? communitiesKpi(totals, lang) : null}
        raw={totals?.communities}
        sub={totals ? t('kpi.buildings', { n: formatNumber(totals.buildings, lang) }) : undefined}
      />
      <KpiCard testId="kpi-households" label={t('kpi.households')} kpi={totals ? householdsKpi(totals, lang) : null} raw={totals?.households} sub={populationSub} />
      <KpiCard
        testId="kpi-floor-area"
        label={t('kpi.floorArea')}
        kpi={totals ? floorAreaKpi(totals, lang) : null}
        raw={totals?.floorAreaM2}
        sub={
          totals && totals.communities > 0
            ? t('kpi.perCommunity', { n: formatNumber(totals.floorAreaM2 / totals.communities, lang) })
            : undefined
        }
      />
      <KpiCard
        testId="kpi-investment"
        label={t('kpi.investment')}
        kpi={totals ? moneyKpi(totals.investmentPlannedWan, scale, lang) : null}
        raw={totals?.investmentPlannedWan}
        sub={totals && spent ? t('kpi.spent', { value: spent.value, unit: t(spent.unitKey), pct: spentShare(totals, lang) }) : undefined}
      />
      {summary.status === 'error' && (
        <ErrorBanner className="kpis__stale" message={t('app.loadFailed')} retryLabel={t('app.retry')} onRetry={summary.retry} />
      )}
    </div>
  )
}
