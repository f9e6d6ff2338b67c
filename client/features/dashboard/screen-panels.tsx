import { useEffect, useState, type ReactNode } from 'react'
import type { KpiValue as TargetValue, LateRow, MilestoneStatus, RollupRow, ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import { ScheduleRingGauge } from '../../charts/schedule-ring-gauge.js'
import { ScheduleStatusBar } from '../../charts/schedule-status-bar.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, formatPercent } from '../../i18n/format.js'
import { STATUS_COLORS_DARK } from '../../layers/schedule-colors.js'
import { formatAreaM2, formatMoneyPair, targetShare } from './dashboard-format.js'
import { milestoneShare, milestoneState, milestoneText, nextMilestone } from './milestones.js'

export function ScreenPanel({ title, extra, children, className = '', testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`scr-panel ${className}`} data-testid={testId}>
      <header className="scr-panel__head">
        <h3 className="scr-panel__title">{title}</h3>
        {extra && <div className="scr-panel__extra">{extra}</div>}
      </header>
      <div className="scr-panel__body">{children}</div>
    </section>
  )
}

function RingRow({ label, value, unit, target, share, color, testId }: { label: string; value: string; unit: string; target: string; share: number | null; color: string; testId?: string }) {
  const { lang } = useI18n()
  return (
    <div className="scr-ring-row">
      <ScheduleRingGauge share={share} color={color} size={86} stroke={11}>
        <span className="scr-ring-row__pct">{formatPercent(share, lang, 0)}</span>
      </ScheduleRingGauge>
      <div className="scr-ring-row__text">
        <div className="scr-ring-row__label">{label}</div>
        <div className="scr-ring-row__value">
          <b data-testid={testId}>{value}</b>
          {unit && <span className="scr-unit">{unit}</span>}
        </div>
      </div>
      <div className="scr-ring-row__target">{target}</div>
    </div>
  )
}

/** The year's targets as ring gauges, then late, at risk and money spent as big numbers. */
export function ScreenKpis({ summary }: { summary: ScheduleSummaryResponse }) {
  const { t, lang } = useI18n()
  const { kpis, statusCounts } = summary
  const targetText = (kpi: TargetValue) => t('screen.target', { n: formatNumber(kpi.target, lang) })
  const area = formatAreaM2(kpis.floorAreaM2.value, lang)
  const areaTarget = formatAreaM2(kpis.floorAreaM2.target, lang)
  const money = formatMoneyPair(kpis.investment.planned, kpis.investment.spent, lang)
  return (
    <div className="scr-kpis">
      <RingRow
        label={t('dashboard.kpi.started')}
        value={formatNumber(kpis.started.value, lang)}
        unit={t('dashboard.unit.communities')}
        target={targetText(kpis.started)}
        share={targetShare(kpis.started)}
        color={STATUS_COLORS_DARK.on_track}
        testId="screen-kpi-started"
      />
      <RingRow
        label={t('dashboard.kpi.completed')}
        value={formatNumber(kpis.completed.value, lang)}
        unit={t('dashboard.unit.communities')}
        target={targetText(kpis.completed)}
        share={targetShare(kpis.completed)}
        color={STATUS_COLORS_DARK.done}
        testId="screen-kpi-completed"
      />
      <RingRow
        label={t('dashboard.kpi.households')}
        value={formatNumber(kpis.households.value, lang)}
        unit={t('dashboard.unit.households')}
        target={targetText(kpis.households)}
        share={targetShare(kpis.households)}
        color="#3fd0e0"
      />
      <RingRow
        label={t('dashboard.kpi.floorArea')}
        value={area.value}
        unit={t(area.unitKey)}
        target={t('screen.target', { n: areaTarget.value })}
        share={targetShare(kpis.floorAreaM2)}
        color="#b18cff"
      />
      <div className="scr-mini-row">
        <div className="scr-mini scr-mini--late">
          <div className="scr-mini__label">{t('schedule.status.late')}</div>
          <b className="scr-mini__value" data-testid="screen-kpi-late">
            {formatNumber(statusCounts.late, lang)}
          </b>
        </div>
        <div className="scr-mini scr-mini--risk">
          <div className="scr-mini__label">{t('schedule.status.at_risk')}</div>
          <b className="scr-mini__value" data-testid="screen-kpi-at-risk">
            {formatNumber(statusCounts.at_risk, lang)}
          </b>
        </div>
        <div className="scr-mini scr-mini--money">
          <div className="scr-mini__label">{t('screen.investmentSpent', { pct: formatPercent(money.share, lang, 0) })}</div>
          <div>
            <b className="scr-mini__value">{money.spent.value}</b>
            <span className="scr-unit">{t(money.spent.unitKey)}</span>
          </div>
        </div>
      </div>
    </div>
  )
}

/** Days to the next milestone in big figures, and the year's other milestones in a short list. */
export function ScreenMilestones({ milestones }: { milestones: readonly MilestoneStatus[] }) {
  const { t, lang } = useI18n()
  const next = nextMilestone(milestones)
  const others = [...milestones].filter((m) => m !== next).sort((a, b) => (a.date < b.date ? 1 : -1)).slice(0, 3)
  return (
    <div className="scr-milestones" data-testid="screen-milestones">
      {next ? (
        <div className="scr-next">
          <div className="scr-next__count">
            <span className="scr-next__label">{t('screen.daysToNext')}</span>
            <span>
              <b className="scr-next__days" data-testid="screen-next-days">
                {formatNumber(next.daysLeft, lang)}
              </b>
              <span className="scr-unit">{t('screen.days')}</span>
            </span>
          </div>
          <div className="scr-next__info">
            <div className="scr-next__name">{next.name[lang]}</div>
            <div className="scr-next__meta">{t('dashboard.milestone.due', { date: next.date })}</div>
            <div className="scr-bar">
              <span style={{ width: `${milestoneShare(next) * 100}%` }} />
            </div>
            <div className="scr-next__meta">{t('dashboard.milestone.metOf', { met: formatNumber(next.met, lang), total: formatNumber(next.total, lang) })}</div>
          </div>
        </div>
      ) : (
        <div className="scr-next scr-next--none">{t('screen.noUpcoming')}</div>
      )}
      <ul className="scr-mlist">
        {others.map((m) => (
          <li key={m.id} className={`scr-mlist__row is-${milestoneState(m).state}`}>
            <span className="scr-mlist__name" title={m.name[lang]}>
              {m.name[lang]}
            </span>
            <span className="scr-mlist__when">{milestoneText(m, t, lang)}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Districts ranked, with a status bar and the average progress; the focused district is outlined. */
export function ScreenRanking({ districts, focusId }: { districts: readonly RollupRow[]; focusId: number | null }) {
  const { t, lang } = useI18n()
  const rows = [...districts].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.id - b.id)
  return (
    <table className="scr-table scr-rank">
      <thead>
        <tr>
          <th className="num">{t('dashboard.rank.rank')}</th>
          <th>{t('dashboard.rank.district')}</th>
          <th className="scr-rank__bar">{t('dashboard.rank.status')}</th>
          <th className="num">{t('dashboard.rank.avgProgress')}</th>
          <th className="num">{t('dashboard.rank.late')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id} className={d.id === focusId ? 'is-focus' : ''} data-testid={`screen-rank-${d.id}`}>
            <td className="num">
              <span className={`scr-medal scr-medal--${d.rank ?? 0}`}>{d.rank ?? '—'}</span>
            </td>
            <td className="scr-rank__name">{d.name}</td>
            <td className="scr-rank__bar">
              <ScheduleStatusBar counts={d.byStatus} colors={STATUS_COLORS_DARK} className="status-bar--dark" />
            </td>
            <td className="num">{formatNumber(d.avgOverallPct, lang, 1)}%</td>
            <td className={`num ${d.byStatus.late > 0 ? 'is-late' : ''}`}>{formatNumber(d.byStatus.late, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Seconds between steps of the late ticker. */
const TICK_MS = 3500

/**
 * Late communities, most late first: a window of `visible` rows that steps on by one row every few seconds
 * when the list is longer than the window, so a wall display shows every one of them in turn.
 */
export function ScreenLateTicker({
  rows,
  visible,
  showDistrict = true,
  showStage = true,
  testId,
}: {
  rows: readonly LateRow[]
  visible: number
  showDistrict?: boolean
  showStage?: boolean
  testId?: string
}) {
  const { t, lang } = useI18n()
  const [offset, setOffset] = useState(0)
  const scrolling = rows.length > visible
  useEffect(() => {
    setOffset(0)
  }, [rows])
  useEffect(() => {
    if (!scrolling) return
    const timer = window.setInterval(() => setOffset((o) => (o + 1) % rows.length), TICK_MS)
    return () => window.clearInterval(timer)
  }, [scrolling, rows.length])
  if (rows.length === 0) return <div className="scr-empty scr-empty--good">{t('dashboard.late.none')}</div>
  const shown = scrolling ? Array.from({ length: visible }, (_, i) => rows[(offset + i) % rows.length]) : rows
  return (
    <ol key={offset} className={`scr-late ${scrolling ? 'is-stepping' : ''} ${showStage ? '' : 'scr-late--no-stage'}`} data-testid={testId}>
      {shown.map((r) => (
        <li key={r.communityId} className="scr-late__row">
          <span className="scr-late__rank">{rows.indexOf(r) + 1}</span>
          <span className="scr-late__name" title={r.name}>
            {r.name}
          </span>
          <span className="scr-late__where">{showDistrict ? r.districtName : r.streetName}</span>
          {showStage && <span className="scr-late__stage">{t(`stage.${r.stage}`)}</span>}
          <span className="scr-late__days">{t('screen.daysLate', { n: formatNumber(r.daysLate, lang) })}</span>
        </li>
      ))}
    </ol>
  )
}
