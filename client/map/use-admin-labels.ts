import { useEffect } from 'react'
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'
import { computeAdminLabelPoints } from './admin-label-points.js'
import { loadAdminShapes } from './admin-shapes.js'
import { ADMIN_LABEL_SOURCE } from './basemap-style.js'

/** Fills the admin-labels source with one point per district and street; labels are optional, so failures only log. */
export function useAdminLabels(map: MapLibreMap | null): void {
  useEffect(() => {
    if (!map) return
    let cancelled = false
    loadAdminShapes()
      .then(({ districts, streets }) => {
        if (cancelled) return
        const source = map.getSource<GeoJSONSource>(ADMIN_LABEL_SOURCE)
        if (!source) return
        const d = computeAdminLabelPoints(districts, 'district')
        const s = computeAdminLabelPoints(streets, 'street')
        source.setData({ type: 'FeatureCollection', features: [...d.features, ...s.features] } as GeoJSON.FeatureCollection)
      })
      .catch((err: unknown) => {
        if (!cancelled) console.warn('[map] district/street labels unavailable:', err)
      })
    return () => {
      cancelled = true
    }
  }, [map])
}
