import { useState, type ReactNode } from 'react'
import type { ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import { downloadUrl } from '../../api/http.js'
import type { Request } from '../../api/use-request.js'
import { Link, ROUTES } from '../../app/router.js'
import { ScheduleFunnel, ScheduleFunnelLegend } from '../../charts/schedule-funnel.js'
import { ScheduleTrendChart, TrendLineLegend } from '../../charts/schedule-trend-chart.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { Spinner } from '../../components/ui/spinner.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { asOfOptions } from './dashboard-format.js'
import { DashboardKpis } from './dashboard-kpis.js'
import { DistrictRanking } from './district-ranking.js'
import { LateList } from './late-list.js'
import { MilestoneList } from './milestone-list.js'
import { useLiveSummary } from './use-live-summary.js'

export type LoadState = 'loading' | 'ready' | 'error'

/** The page's state for tests and styling: ready once the current answer is in, error when the last request failed. */
export function loadStateOf(req: Pick<Request<unknown>, 'status'>): LoadState {
  return req.status === 'success' ? 'ready' : req.status
}

function Card({ title, extra, children, className = '', testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`dash-card ${className}`} data-testid={testId}>
      <header className="dash-card__head">
        <h3 className="dash-card__title">{title}</h3>
        {extra && <div className="dash-card__extra">{extra}</div>}
      </header>
      <div className="dash-card__body">{children}</div>
    </section>
  )
}

export function LiveDot({ live, className = '' }: { live: boolean; className?: string }) {
  const { t } = useI18n()
  return (
    <span className={`live-dot ${live ? 'is-live' : ''} ${className}`} title={t('schedule.liveTitle')} data-testid="live-dot">
      <span className="live-dot__dot" aria-hidden="true" />
      {live ? t('schedule.live') : t('dashboard.offline')}
    </span>
  )
}

function Toolbar({
  summary,
  asOf,
  onAsOf,
  districtId,
  onDistrict,
  live,
}: {
  summary: ScheduleSummaryResponse | undefined
  asOf: string | null
  onAsOf: (d: string | null) => void
  districtId: number | null
  onDistrict: (id: number | null) => void
  live: boolean
}) {
  const { t, lang } = useI18n()
  const today = summary?.today
  const options = summary ? asOfOptions(summary.weeks, summary.today) : []
  const value = asOf ?? today ?? ''
  const index = options.indexOf(value)
  // Options run newest first: "earlier" moves down the list.
  const step = (delta: number) => {
    const next = options[index + delta]
    if (next) onAsOf(next === today ? null : next)
  }
  const districts = summary ? [...summary.districts].sort((a, b) => a.id - b.id) : []
  const scopeName = districtId === null ? t('dashboard.allCity') : (districts.find((d) => d.id === districtId)?.name ?? '')
  const exportHref = downloadUrl('/api/reports/weekly.xlsx', { asOf: asOf ?? undefined, lang })
  return (
    <div className="dash-toolbar">
      <div className="dash-toolbar__title">
        <h2>{t('dashboard.title')}</h2>
        {summary && (
          <span className="dash-scope">
            <span className="dash-scope__name" data-testid="dashboard-scope">
              {scopeName}
            </span>
            {districtId !== null && (
              <button type="button" className="dash-scope__clear" onClick={() => onDistrict(null)} title={t('dashboard.backToCity')} aria-label={t('dashboard.backToCity')} data-testid="dashboard-clear-district">
                ×
              </button>
            )}
          </span>
        )}
        {summary && <span className="dash-toolbar__meta">{t('schedule.asOf', { date: summary.asOf })}</span>}
        <LiveDot live={live} />
      </div>
      <div className="dash-toolbar__controls">
        <label className="dash-field">
          <span className="dash-field__label">{t('dashboard.asOfLabel')}</span>
          <span className="dash-date">
            <button type="button" className="btn dash-date__step" onClick={() => step(1)} disabled={index < 0 || index >= options.length - 1} aria-label={t('dashboard.prevWeek')} title={t('dashboard.prevWeek')} data-testid="dashboard-prev-week">
              ‹
            </button>
            <select className="field__select dash-date__select" value={value} onChange={(e) => onAsOf(e.target.value === today ? null : e.target.value)} data-testid="dashboard-as-of" disabled={!summary}>
              {options.map((d) => (
                <option key={d} value={d}>
                  {d === today ? t('dashboard.today', { date: d }) : t('dashboard.weekOf', { date: d })}
                </option>
              ))}
            </select>
            <button type="button" className="btn dash-date__step" onClick={() => step(-1)} disabled={index <= 0} aria-label={t('dashboard.nextWeek')} title={t('dashboard.nextWeek')} data-testid="dashboard-next-week">
              ›
            </button>
          </span>
        </label>
        <label className="dash-field">
          <span className="dash-field__label">{t('filters.district')}</span>
          <select className="field__select dash-district" value={districtId ?? ''} onChange={(e) => onDistrict(e.target.value ? Number(e.target.value) : null)} data-testid="dashboard-district" disabled={!summary}>
            <option value="">{t('dashboard.allCity')}</option>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <a className="btn dash-btn" href={exportHref} download data-testid="dashboard-export-xlsx" title={t('dashboard.exportTitle')}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M8 1v9m0 0L4.5 6.5M8 10l3.5-3.5M2 12v2h12v-2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t('dashboard.export')}
        </a>
        <Link to={ROUTES.screen} className="btn btn--primary dash-btn" data-testid="dashboard-open-screen">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M1.5 2.5h13v8.5h-13zM5.5 14h5M8 11v3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t('dashboard.openScreen')}
        </Link>
      </div>
    </div>
  )
}

/** 进度看板: the year's progress against its targets, for one date (a report week) and the city or one district. */
export function DashboardPage() {
  const { t } = useI18n()
  const [asOf, setAsOf] = useState<string | null>(null)
  const [districtId, setDistrictId] = useState<number | null>(null)
  const { summary, live } = useLiveSummary({ asOf: asOf ?? undefined, districtId: districtId ?? undefined })
  const data = summary.data
  const state = loadStateOf(summary)
  return (
    <div className={`dash is-${state}`} data-testid="dashboard-page" data-state={state} data-as-of={data?.asOf ?? ''}>
      <Toolbar summary={data} asOf={asOf} onAsOf={setAsOf} districtId={districtId} onDistrict={setDistrictId} live={live} />
      {summary.status === 'error' && (
        <ErrorBanner className="dash-error" message={t('dashboard.loadFailed')} retryLabel={t('app.retry')} onRetry={summary.retry} />
      )}
      {!data ? (
        summary.status === 'loading' && (
          <div className="dash-loading">
            <Spinner label={t('app.loading')} />
          </div>
        )
      ) : (
        <>
          <DashboardKpis summary={data} />
          <div className="dash-grid">
            <Card className="dash-grid__funnel" title={t('dashboard.funnel.title')} extra={<ScheduleFunnelLegend />} testId="dashboard-funnel">
              <ScheduleFunnel rows={data.funnel} total={data.kpis.communities} />
            </Card>
            <Card
              className="dash-grid__trend"
              title={t('dashboard.trend.title')}
              testId="dashboard-trend"
              extra={
                <ul className="trend__legend trend__legend--head">
                  <TrendLineLegend />
                </ul>
              }
            >
              <ScheduleTrendChart trend={data.trend} height={244} lineLegend={false} />
            </Card>
            <Card className="dash-grid__milestones" title={t('dashboard.milestone.title')}>
              <MilestoneList milestones={data.milestones} />
            </Card>
            <Card className="dash-grid__rank" title={t('dashboard.rank.title')} extra={<span className="dash-card__hint">{t('dashboard.rank.hint')}</span>}>
              <DistrictRanking districts={data.districts} selectedId={districtId} onSelect={setDistrictId} />
            </Card>
            <Card className="dash-grid__late" title={t('dashboard.late.title', { n: data.late.length })}>
              <LateList rows={data.late} />
            </Card>
          </div>
        </>
      )}
    </div>
  )
}
