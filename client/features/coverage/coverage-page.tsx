import { useState } from 'react'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { MapView } from '../../map/map-view.js'
import { CoverageControls } from './coverage-controls.js'
import { CoverageProvider, useCoverage, type BusyKind } from './coverage-context.js'
import { CoverageLegend } from './coverage-legend.js'
import { CoverageMapLayers, useDrawnBands } from './coverage-map-layers.js'
import { CoverageResults } from './coverage-results.js'
import { GapTable } from './gap-table.js'
import { SitingPanel } from './siting-panel.js'
import { useDelayedFlag } from './use-delayed-flag.js'

const BUSY_LABELS: Record<BusyKind, `coverage.busy.${BusyKind}`> = {
  adopt: 'coverage.busy.adopt',
  siting: 'coverage.busy.siting',
  coverage: 'coverage.busy.coverage',
  isochrones: 'coverage.busy.isochrones',
  catchment: 'coverage.busy.catchment',
}

/** Status over the map: the progress chip for slow requests, failures with a retry, the facility whose catchment shows. */
function MapStatus() {
  const { t } = useI18n()
  const { busy, isochrones, facilities, catchment, selectedFacility, toggleFacility, thresholdMinutes } = useCoverage()
  const showBusy = useDelayedFlag(busy !== null, 300)
  return (
    <div className="coverage-status" aria-live="polite">
      {showBusy && busy && (
        <div className="coverage-busy" data-testid="coverage-busy" data-busy={busy} role="status">
          <span className="spinner__ring" aria-hidden="true" />
          {t(BUSY_LABELS[busy])}
        </div>
      )}
      {isochrones.status === 'error' && (
        <ErrorBanner message={t('coverage.isochronesFailed')} retryLabel={t('app.retry')} onRetry={isochrones.retry} />
      )}
      {facilities.status === 'error' && (
        <ErrorBanner message={t('coverage.facilitiesFailed')} retryLabel={t('app.retry')} onRetry={facilities.retry} />
      )}
      {selectedFacility && catchment.status === 'error' && (
        <ErrorBanner message={t('coverage.catchmentFailed')} retryLabel={t('app.retry')} onRetry={catchment.retry} />
      )}
      {selectedFacility && (
        <div className="coverage-catchment-chip" data-testid="coverage-catchment">
          <span className="coverage-catchment-chip__text">
            <b>{t('coverage.catchment.title', { name: selectedFacility.name })}</b>
            <span>{t('coverage.catchment.hint', { minutes: thresholdMinutes })}</span>
          </span>
          <button type="button" className="btn btn--small" onClick={() => toggleFacility(null)} data-testid="coverage-catchment-clear">
            {t('coverage.catchment.clear')}
          </button>
        </div>
      )}
    </div>
  )
}

function CoverageScreen() {
  const { t } = useI18n()
  const { coverage, isochrones, showBands } = useCoverage()
  const bands = useDrawnBands()
  const [dockCollapsed, setDockCollapsed] = useState(false)
  const state =
    coverage.status === 'error' || isochrones.status === 'error'
      ? 'error'
      : coverage.status === 'loading' || isochrones.status === 'loading'
        ? 'loading'
        : 'ready'
  return (
    <main
      className={`app__main coverage-page ${dockCollapsed ? 'is-dock-collapsed' : ''}`}
      data-testid="coverage-page"
      data-coverage-state={state}
      data-isochrone-bands={showBands ? bands.length : 0}
      aria-label={t('coverage.title')}
    >
      <MapView>
        <CoverageMapLayers />
      </MapView>
      <aside className="sidebar coverage-sidebar" data-map-obstacle="left">
        <CoverageControls />
        <CoverageResults />
      </aside>
      <div className="coverage-overlay">
        <CoverageLegend />
        <MapStatus />
      </div>
      <div className="coverage-right" data-map-obstacle="right">
        <SitingPanel />
      </div>
      <GapTable collapsed={dockCollapsed} onToggle={() => setDockCollapsed((c) => !c)} />
    </main>
  )
}

/** The coverage mode 服务覆盖: walking access to one facility type, its gaps, and where new facilities would help. */
export function CoveragePage() {
  return (
    <CoverageProvider>
      <CoverageScreen />
    </CoverageProvider>
  )
}
