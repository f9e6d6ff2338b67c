import type { ReactNode } from 'react'
import type { KpiValue as TargetValue, ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, formatPercent } from '../../i18n/format.js'
import { STATUS_COLORS } from '../../layers/schedule-colors.js'
import { formatAreaM2, formatMoneyPair, targetShare } from './dashboard-format.js'

function KpiCard({
  label,
  value,
  unit,
  sub,
  share,
  color = 'var(--accent)',
  tone,
  testId,
}: {
  label: string
  value: string
  unit?: string
  sub: ReactNode
  share?: number | null
  color?: string
  tone?: 'bad' | 'warn'
  testId: string
}) {
  const pct = share === null || share === undefined ? null : Math.max(0, Math.min(1, share)) * 100
  return (
    <div className={`dash-kpi ${tone ? `dash-kpi--${tone}` : ''}`}>
      <div className="dash-kpi__label">{label}</div>
      <div className="dash-kpi__value">
        <span className="dash-kpi__number" data-testid={testId}>
          {value}
        </span>
        {unit && <span className="dash-kpi__unit">{unit}</span>}
      </div>
      <div className="dash-kpi__sub">{sub}</div>
      {pct !== null && (
        <div className="dash-kpi__bar" aria-hidden="true">
          <span style={{ width: `${pct}%`, background: color }} />
        </div>
      )}
    </div>
  )
}

/** The year's numbers against their targets: works started and finished, households, floor area, money; late and at risk. */
export function DashboardKpis({ summary }: { summary: ScheduleSummaryResponse }) {
  const { t, lang } = useI18n()
  const { kpis, statusCounts } = summary
  const ofTarget = (kpi: TargetValue, unit = '') =>
    t('dashboard.kpi.ofTarget', { target: formatNumber(kpi.target, lang) + unit, pct: formatPercent(targetShare(kpi), lang) })
  const area = formatAreaM2(kpis.floorAreaM2.value, lang)
  const areaTarget = formatAreaM2(kpis.floorAreaM2.target, lang)
  const money = formatMoneyPair(kpis.investment.planned, kpis.investment.spent, lang)
  const total = kpis.communities
  const lateShare = total > 0 ? statusCounts.late / total : null
  const riskShare = total > 0 ? statusCounts.at_risk / total : null
  const maxLate = summary.late.reduce((m, r) => Math.max(m, r.daysLate), 0)
  return (
    <div className="dash-kpis" data-testid="dashboard-kpis">
      <KpiCard
        label={t('dashboard.kpi.started')}
        value={formatNumber(kpis.started.value, lang)}
        unit={t('dashboard.unit.communities')}
        sub={ofTarget(kpis.started)}
        share={targetShare(kpis.started)}
        color={STATUS_COLORS.on_track}
        testId="dashboard-kpi-started"
      />
      <KpiCard
        label={t('dashboard.kpi.completed')}
        value={formatNumber(kpis.completed.value, lang)}
        unit={t('dashboard.unit.communities')}
        sub={ofTarget(kpis.completed)}
        share={targetShare(kpis.completed)}
        color={STATUS_COLORS.done}
        testId="dashboard-kpi-completed"
      />
      <KpiCard
        label={t('dashboard.kpi.households')}
        value={formatNumber(kpis.households.value, lang)}
        unit={t('dashboard.unit.households')}
        sub={ofTarget(kpis.households)}
        share={targetShare(kpis.households)}
        testId="dashboard-kpi-households"
      />
      <KpiCard
        label={t('dashboard.kpi.floorArea')}
        value={area.value}
        unit={t(area.unitKey)}
        sub={t('dashboard.kpi.ofTarget', { target: areaTarget.value, pct: formatPercent(targetShare(kpis.floorAreaM2), lang) })}
        share={targetShare(kpis.floorAreaM2)}
        testId="dashboard-kpi-floor-area"
      />
      <KpiCard
        label={t('dashboard.kpi.investment')}
        value={money.spent.value}
        unit={t(money.spent.unitKey)}
        sub={t('dashboard.kpi.ofPlanned', { planned: money.planned.value, pct: formatPercent(money.share, lang) })}
        share={money.share}
        color="#7b3fc4"
        testId="dashboard-kpi-investment"
      />
      <KpiCard
        label={t('schedule.status.late')}
        value={formatNumber(statusCounts.late, lang)}
        unit={t('dashboard.unit.communities')}
        sub={statusCounts.late > 0 ? t('dashboard.kpi.lateSub', { pct: formatPercent(lateShare, lang), days: formatNumber(maxLate, lang) }) : t('dashboard.kpi.noneLate')}
        tone={statusCounts.late > 0 ? 'bad' : undefined}
        testId="dashboard-kpi-late"
      />
      <KpiCard
        label={t('schedule.status.at_risk')}
        value={formatNumber(statusCounts.at_risk, lang)}
        unit={t('dashboard.unit.communities')}
        sub={t('dashboard.kpi.riskSub', { pct: formatPercent(riskShare, lang) })}
        tone={statusCounts.at_risk > 0 ? 'warn' : undefined}
        testId="dashboard-kpi-at-risk"
      />
    </div>
  )
}
