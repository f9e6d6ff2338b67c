import { useCallback, useEffect, useMemo, useState } from 'react'
import { api } from '../../api/endpoints.js'
import { useRequest } from '../../api/use-request.js'
import { stripBadgePrefix } from '../../app/demo-badge.js'
import { useMeta } from '../../app/meta-context.js'
import { Link, ROUTES, navigate } from '../../app/router.js'
import { ScheduleFunnel, ScheduleFunnelLegend } from '../../charts/schedule-funnel.js'
import { ScheduleTrendChart, TrendLineLegend } from '../../charts/schedule-trend-chart.js'
import { Spinner } from '../../components/ui/spinner.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { localeOf } from '../../i18n/format.js'
import { focusCycle, focusId, stepFocus, type FocusKey } from './focus-cycle.js'
import { ScreenFocus } from './screen-focus.js'
import { ScreenKpis, ScreenLateTicker, ScreenMilestones, ScreenPanel, ScreenRanking } from './screen-panels.js'
import { STAGE_H, STAGE_W } from './screen-fit.js'
import { useLiveRefresh } from './use-live-summary.js'
import { useSummaryCache } from './use-summary-cache.js'
import { useClock, useStageFit } from './use-stage-fit.js'
import type { LoadState } from './dashboard-page.js'

/** How long each district stays in focus. */
export const FOCUS_MS = 12_000

function Clock() {
  const { lang } = useI18n()
  const now = useClock()
  const locale = localeOf(lang)
  return (
    <div className="scr-clock" data-testid="screen-clock">
      <span className="scr-clock__time">{now.toLocaleTimeString(locale, { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' })}</span>
      <span className="scr-clock__date">{now.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' })}</span>
    </div>
  )
}

/** The header band: programme and year, dataset, data date, live state, the wall clock. */
function ScreenHeader({ planYear, asOf, live }: { planYear: number; asOf: string | undefined; live: boolean }) {
  const { t, lang } = useI18n()
  const meta = useMeta()
  const badge = t('app.demoBadge')
  const place = meta.isDemo ? stripBadgePrefix(meta.label[lang], badge) : meta.label[lang]
  return (
    <header className="scr-header">
      <div className="scr-header__brand">
        <h1 className="scr-header__title">{t('screen.title', { year: planYear })}</h1>
        <div className="scr-header__sub">
          {meta.isDemo && (
            <span className="scr-demo" data-testid="screen-demo-badge" title={t('app.demoTitle')}>
              {badge}
            </span>
          )}
          <span>{place}</span>
        </div>
      </div>
      <div className="scr-header__status">
        {asOf && <span className="scr-header__asof">{t('schedule.asOf', { date: asOf })}</span>}
        <span className={`scr-live ${live ? 'is-live' : ''}`} title={t('schedule.liveTitle')}>
          <span className="scr-live__dot" aria-hidden="true" />
          {live ? t('schedule.live') : t('dashboard.offline')}
        </span>
      </div>
      <Clock />
      <div className="scr-header__tools">
        <Link to={ROUTES.dashboard} className="scr-exit" data-testid="screen-exit" title={t('screen.exitHint')}>
          {t('screen.exit')}
        </Link>
      </div>
    </header>
  )
}

/** Pills naming every stop of the cycle, the focused one lit with a bar running down its 12 s; clicking one jumps there. */
function FocusStrip({ cycle, focus, nameOf, paused, onPick }: { cycle: FocusKey[]; focus: FocusKey; nameOf: (k: FocusKey) => string; paused: boolean; onPick: (k: FocusKey) => void }) {
  return (
    <div className="scr-strip">
      {cycle.map((k) => (
        <button key={focusId(k)} type="button" className={`scr-pill ${k === focus ? 'is-on' : ''}`} onClick={() => onPick(k)} data-testid={`screen-pill-${focusId(k)}`}>
          {nameOf(k)}
          {k === focus && !paused && <span className="scr-pill__timer" key={focusId(focus)} style={{ animationDuration: `${FOCUS_MS}ms` }} />}
        </button>
      ))}
    </div>
  )
}

/** Says how to drive the cycle, or that it is paused. */
function PauseState({ paused }: { paused: boolean }) {
  const { t } = useI18n()
  return (
    <div className={`scr-pause ${paused ? 'is-paused' : ''}`} data-testid="screen-pause-indicator" data-paused={paused ? '1' : '0'}>
      {paused ? (
        <>
          <span className="scr-pause__icon" aria-hidden="true">
            ❚❚
          </span>
          {t('screen.paused')}
        </>
      ) : (
        t('screen.keysHint')
      )}
    </div>
  )
}

/**
 * 大屏: a 1920×1080 dark wall display scaled to the window. The city's KPIs against the year's targets, the
 * stage funnel, the weekly trend, the ranking, the late list and the milestones; in the centre one district
 * after another (the city first) every 12 s. ← → step through, space pauses, Esc goes back to the dashboard.
 */
export function ScreenPage() {
  const { t } = useI18n()
  const fit = useStageFit()
  const [revision, setRevision] = useState(0)
  const { live } = useLiveRefresh(useCallback(() => setRevision((n) => n + 1), []))
  const [focus, setFocus] = useState<FocusKey>('city')
  const [paused, setPaused] = useState(false)
  const shapes = useRequest('district-shapes', () => api.districtShapes())

  // The city's summary decides the cycle; until it arrives only the city is fetched.
  const [cycle, setCycle] = useState<FocusKey[]>(['city'])
  const next = stepFocus(cycle, focus, 1)
  const keys = useMemo(() => [...new Set<FocusKey>(['city', focus, next])], [focus, next])
  const cached = useSummaryCache(keys, revision)
  const city = cached('city')
  const focused = cached(focus)
  const cityData = city?.data

  const cycleKey = cityData ? cityData.districts.map((d) => d.id).join(',') : ''
  useEffect(() => {
    if (cityData) setCycle(focusCycle(cityData.districts))
    // cycleKey changes only when the set of districts does.
  }, [cycleKey])

  const move = useCallback((step: number) => setFocus((f) => stepFocus(cycle, f, step)), [cycle])

  useEffect(() => {
    if (paused || cycle.length < 2) return
    const timer = window.setTimeout(() => move(1), FOCUS_MS)
    return () => window.clearTimeout(timer)
  }, [focus, paused, cycle, move])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return
      if (e.key === 'ArrowRight') move(1)
      else if (e.key === 'ArrowLeft') move(-1)
      else if (e.key === ' ' || e.code === 'Space') setPaused((p) => !p)
      else if (e.key === 'Escape') navigate(ROUTES.dashboard)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [move])

  const state: LoadState = cityData && focused?.data ? 'ready' : city?.error && !cityData ? 'error' : 'loading'
  const nameOf = (k: FocusKey) => (k === 'city' ? t('screen.city') : (cityData?.districts.find((d) => d.id === k)?.name ?? ''))
  const meta = useMeta()

  return (
    <div className="scr-viewport" data-testid="screen-page" data-state={state} data-focus={focusId(focus)}>
      <div
        className="scr"
        style={{ width: STAGE_W, height: STAGE_H, transform: `translate(${fit.left}px, ${fit.top}px) scale(${fit.scaleX}, ${fit.scaleY})` }}
      >
        <ScreenHeader planYear={cityData?.planYear ?? meta.planYear} asOf={cityData?.asOf} live={live} />
        {!cityData ? (
          <div className="scr-loading">
            {city?.error ? <div className="scr-error">{t('dashboard.loadFailed')}</div> : <Spinner label={t('app.loading')} />}
          </div>
        ) : (
          <main className="scr-body">
            <div className="scr-col scr-col--left">
              <ScreenPanel title={t('screen.kpiTitle')} className="scr-panel--kpis">
                <ScreenKpis summary={cityData} />
              </ScreenPanel>
              <ScreenPanel title={t('dashboard.funnel.title')} className="scr-panel--funnel" extra={<ScheduleFunnelLegend />}>
                <ScheduleFunnel rows={cityData.funnel} total={cityData.kpis.communities} className="funnel--dark" />
              </ScreenPanel>
            </div>
            <div className="scr-col scr-col--centre">
              <ScreenPanel
                title={t('screen.focusTitle')}
                className="scr-panel--focus"
                extra={<PauseState paused={paused} />}
              >
                <FocusStrip cycle={cycle} focus={focus} nameOf={nameOf} paused={paused} onPick={setFocus} />
                <ScreenFocus focus={focus} name={nameOf(focus)} summary={focused?.data} rank={focus === 'city' ? undefined : cityData.districts.find((d) => d.id === focus)} shapes={shapes.data} />
              </ScreenPanel>
              <ScreenPanel
                title={t('dashboard.trend.title')}
                className="scr-panel--trend"
                extra={
                  <ul className="trend__legend trend__legend--head">
                    <TrendLineLegend theme="dark" />
                  </ul>
                }
              >
                <ScheduleTrendChart trend={cityData.trend} theme="dark" height={170} lineLegend={false} />
              </ScreenPanel>
            </div>
            <div className="scr-col scr-col--right">
              <ScreenPanel title={t('dashboard.milestone.title')} className="scr-panel--milestones">
                <ScreenMilestones milestones={cityData.milestones} />
              </ScreenPanel>
              <ScreenPanel title={t('dashboard.rank.title')} className="scr-panel--rank">
                <ScreenRanking districts={cityData.districts} focusId={focus === 'city' ? null : focus} />
              </ScreenPanel>
              <ScreenPanel title={t('screen.lateTitle', { n: cityData.late.length })} className="scr-panel--late">
                <ScreenLateTicker rows={cityData.late} visible={4} showStage={false} testId="screen-late-list" />
              </ScreenPanel>
            </div>
          </main>
        )}
      </div>
    </div>
  )
}
