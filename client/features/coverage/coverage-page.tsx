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
import { CoverageTools } from './coverage-tools.js'
import { useDelayedFlag } from './use-delayed-flag.js'
import { WhatIfProvider, useWhatIf } from './what-if-context.js'
import { whatIfEditOf } from './what-if.js'

type StatusBusy = BusyKind | 'whatif'

const BUSY_LABELS: Record<StatusBusy, `coverage.busy.${StatusBusy}`> = {
  adopt: 'coverage.busy.adopt',
  siting: 'coverage.busy.siting',
  whatif: 'coverage.busy.whatif',
  coverage: 'coverage.busy.coverage',
  isochrones: 'coverage.busy.isochrones',
  catchment: 'coverage.busy.catchment',
}

/** What a map click does in the what-if's place or move mode, with the way out (also Esc). */
function WhatIfModeChip() {
  const { t } = useI18n()
  const { settings } = useCoverage()
  const { mapMode, leaveMapMode, edits } = useWhatIf()
  if (mapMode.kind === 'idle') return null
  const placing = mapMode.kind === 'place'
  return (
    <div className="coverage-catchment-chip whatif-mode-chip" data-testid="whatif-mode" data-mode={mapMode.kind} role="status">
      <span className="whatif-mode-chip__icon" aria-hidden="true">
        {placing ? '+' : '→'}
      </span>
      <span className="coverage-catchment-chip__text">
        <b>
          {placing
            ? t('coverage.whatif.mode.place', { type: t(`facility.${settings.type}`) })
            : t('coverage.whatif.mode.move', { name: mapMode.facility.name })}
        </b>
        <span>
          {placing
            ? t('coverage.whatif.mode.placeSub', { n: edits.filter((e) => e.kind === 'add').length })
            : t('coverage.whatif.mode.moveSub')}
        </span>
      </span>
      <button type="button" className="btn btn--small" onClick={leaveMapMode} data-testid="whatif-mode-leave">
        {placing ? t('coverage.whatif.mode.done') : t('coverage.whatif.mode.cancel')}
      </button>
    </div>
  )
}

/** Status over the map: the progress chip for slow requests, failures with a retry, the facility whose catchment shows. */
function MapStatus() {
  const { t } = useI18n()
  const { busy: coverageBusy, isochrones, facilities, catchment, selectedFacility, toggleFacility, thresholdMinutes } = useCoverage()
  const { run, edits, removeFacility, startMove, mapMode } = useWhatIf()
  // A write or a siting run is the most telling; then the what-if; then the loads of the settings.
  const busy: StatusBusy | null =
    coverageBusy === 'adopt' || coverageBusy === 'siting' ? coverageBusy : run.status === 'running' ? 'whatif' : coverageBusy
  const showBusy = useDelayedFlag(busy !== null, 300)
  const selectedEdit = selectedFacility ? whatIfEditOf(edits, selectedFacility.id) : undefined
  const movingSelected = mapMode.kind === 'move' && mapMode.facility.id === selectedFacility?.id
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
      <WhatIfModeChip />
      {selectedFacility && !movingSelected && (
        <div className="coverage-catchment-chip" data-testid="coverage-catchment">
          <span className="coverage-catchment-chip__text">
            <b>{t('coverage.catchment.title', { name: selectedFacility.name })}</b>
            <span>{t('coverage.catchment.hint', { minutes: thresholdMinutes })}</span>
          </span>
          <span className="coverage-catchment-chip__actions">
            <button
              type="button"
              className="btn btn--small whatif-action"
              onClick={() => removeFacility(selectedFacility.id)}
              disabled={selectedEdit?.kind === 'remove'}
              title={t('coverage.whatif.removeFacilityTitle')}
              data-testid="whatif-remove-facility"
            >
              {selectedEdit?.kind === 'remove' ? t('coverage.whatif.removed') : t('coverage.whatif.removeFacility')}
            </button>
            <button
              type="button"
              className="btn btn--small whatif-action"
              onClick={() => startMove(selectedFacility.id)}
              title={t('coverage.whatif.moveFacilityTitle')}
              data-testid="whatif-move-facility"
            >
              {t('coverage.whatif.moveFacility')}
            </button>
            <button type="button" className="btn btn--small" onClick={() => toggleFacility(null)} data-testid="coverage-catchment-clear">
              {t('coverage.catchment.clear')}
            </button>
          </span>
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
        <CoverageTools />
      </div>
      <GapTable collapsed={dockCollapsed} onToggle={() => setDockCollapsed((c) => !c)} />
    </main>
  )
}

/** The coverage mode 服务覆盖: walking access to one facility type, its gaps, and where new facilities would help. */
export function CoveragePage() {
  return (
    <CoverageProvider>
      <WhatIfProvider>
        <CoverageScreen />
      </WhatIfProvider>
    </CoverageProvider>
  )
}
