import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Map as MapLibreMap, NavigationControl, ScaleControl, type ErrorEvent } from 'maplibre-gl'
import './setup-worker.js'
import { useMeta } from '../app/meta-context.js'
import { ErrorBanner } from '../components/ui/error-banner.js'
import { Spinner } from '../components/ui/spinner.js'
import { useI18n } from '../i18n/i18n-context.js'
import { buildMapStyle } from './basemap-style.js'
import { MapContext } from './map-context.js'
import { exposeMap, signalReadyWhenCommunitiesDrawn } from './map-ready.js'
import { useAdminLabels } from './use-admin-labels.js'

/** Room kept free for the floating sidebar when framing the city (px). */
const SIDEBAR_ROOM = 380

function absoluteUrl(url: string): string {
  // TileJSON may carry relative tile URLs; requests made from MapLibre's workers need absolute ones.
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : new URL(url, window.location.href).href
}

/** The full-window MapLibre map. Children (map behaviour, overlays) render once the style has loaded. */
export function MapView({ children }: { children?: ReactNode }) {
  const meta = useMeta()
  const { t } = useI18n()
  const containerRef = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [tilesFailed, setTilesFailed] = useState(false)

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const wide = container.clientWidth > 900
    const m = new MapLibreMap({
      container,
      style: buildMapStyle(meta, window.location.origin),
      bounds: meta.bbox,
      fitBoundsOptions: { padding: { top: 24, bottom: 24, left: wide ? SIDEBAR_ROOM : 16, right: 24 } },
      maxZoom: 18.5,
      minZoom: 3,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: meta.basemap?.attribution ? { compact: true } : false,
      transformRequest: (url) => ({ url: absoluteUrl(url) }),
    })
    m.touchZoomRotate.disableRotation()
    m.addControl(new NavigationControl({ showCompass: false }), 'bottom-right')
    m.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right')

    let unexpose = () => {}
    m.on('load', () => {
      unexpose = exposeMap(m)
      setMap(m)
    })
    m.on('error', (e: ErrorEvent & { sourceId?: string }) => {
      console.error('[map]', e.sourceId ?? '', e.error?.message ?? e.error)
      if (e.sourceId && e.sourceId !== 'basemap') setTilesFailed(true)
    })
    const stopReady = signalReadyWhenCommunitiesDrawn(m)

    return () => {
      stopReady()
      unexpose()
      setMap(null)
      m.remove()
    }
  }, [meta])

  useAdminLabels(map)

  // MapLibre's own controls carry English titles; give them the interface language.
  useEffect(() => {
    const container = containerRef.current
    if (!map || !container) return
    for (const [selector, label] of [
      ['.maplibregl-ctrl-zoom-in', t('map.zoomIn')],
      ['.maplibregl-ctrl-zoom-out', t('map.zoomOut')],
    ] as const) {
      container.querySelectorAll(selector).forEach((el) => {
        el.setAttribute('title', label)
        el.setAttribute('aria-label', label)
      })
    }
  }, [map, t])

  return (
    <div className="map-wrap">
      <div ref={containerRef} className="map" data-testid="map" role="region" aria-label={t('map.label')} />
      {!map && (
        <div className="map-loading">
          <Spinner label={t('app.loading')} />
        </div>
      )}
      {tilesFailed && (
        <ErrorBanner className="map-error" message={t('map.tilesFailed')} retryLabel={t('app.retry')} onRetry={() => window.location.reload()} />
      )}
      {map && <MapContext.Provider value={map}>{children}</MapContext.Provider>}
    </div>
  )
}
