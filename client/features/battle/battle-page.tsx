import { useEffect } from 'react'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { MapView } from '../../map/map-view.js'
import { BattleProvider, useBattle } from './battle-context.js'
import { BattleKpis } from './battle-kpis.js'
import { BattleLegend } from './battle-legend.js'
import { BattleMapLayers } from './battle-map-layers.js'
import { DrillPanel } from './drill-panel.js'
import { LiveIndicator, LiveToast } from './live-status.js'
import { PrintButton } from './print-dialog.js'
import { TimeDock } from './time-dock.js'

function BattleScreen() {
  const { t } = useI18n()
  const { data, painted, asOf, playing, path, drillUp } = useBattle()

  // Esc goes one level up the drill-down (not while typing or in a dialog).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || path.length === 0) return
      const el = e.target as HTMLElement | null
      if (el?.closest('input, select, textarea, [role="dialog"]')) return
      drillUp(path.length - 1)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [path, drillUp])
  const state = painted.rev > 0 ? 'ready' : data.status === 'error' ? 'error' : 'loading'
  const summary = data.data?.summary
  return (
    <main
      className={`app__main battle-page ${asOf !== null ? 'is-replaying' : ''}`}
      data-testid="battle-page"
      data-battle-state={state}
      data-as-of={painted.asOf ?? ''}
      data-late-count={summary?.statusCounts.late ?? ''}
      data-schedule-rev={painted.rev}
      data-playing={playing ? '1' : '0'}
      aria-label={t('battle.title')}
    >
      <MapView>
        <BattleMapLayers />
      </MapView>
      <aside className="sidebar battle-sidebar" data-map-obstacle="left">
        <DrillPanel />
      </aside>
      <div className="battle-top" data-map-obstacle="top">
        <BattleKpis />
        <div className="panel battle-tools">
          <LiveIndicator />
          <PrintButton />
        </div>
      </div>
      <div className="battle-right">
        <BattleLegend />
      </div>
      <div className="battle-status" aria-live="polite">
        {data.error && data.data && <ErrorBanner message={t('battle.stale')} retryLabel={t('app.retry')} onRetry={data.retry} />}
        <LiveToast />
      </div>
      <TimeDock />
    </main>
  )
}

/** The battle-map mode 挂图作战: the plan year's communities by schedule status, drill-down, time slider, live updates, print. */
export function BattlePage() {
  return (
    <BattleProvider>
      <BattleScreen />
    </BattleProvider>
  )
}
