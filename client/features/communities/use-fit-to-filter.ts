import { useEffect, useRef } from 'react'
import { bbox as turfBbox } from '@turf/turf'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useMeta } from '../../app/meta-context.js'
import { loadAdminShapes } from '../../map/admin-shapes.js'
import type { CommunityFilters } from './filters.js'

/** Room kept for the floating sidebar (left) and detail panel (right) when framing an area, px. */
const PADDING = { top: 40, bottom: 40, left: 380, right: 60 }

/**
 * Frames the chosen street or district when the filter changes, and the whole city when both are cleared.
 * A jump rather than a flight: an animation would request and then cancel tiles of passing zoom levels.
 */
export function useFitToFilter(map: MapLibreMap, filters: CommunityFilters, detailOpen: boolean): void {
  const meta = useMeta()
  const previous = useRef({ districtId: filters.districtId, streetId: filters.streetId })
  // Read, not watched: opening the detail panel must not move the map.
  const detailOpenNow = useRef(detailOpen)
  detailOpenNow.current = detailOpen

  useEffect(() => {
    const prev = previous.current
    if (prev.districtId === filters.districtId && prev.streetId === filters.streetId) return
    previous.current = { districtId: filters.districtId, streetId: filters.streetId }
    let cancelled = false
    const canvas = map.getCanvas()
    const wide = canvas.clientWidth > 900
    const padding = wide ? { ...PADDING, right: detailOpenNow.current ? 460 : PADDING.right } : { top: 20, bottom: 20, left: 20, right: 20 }

    if (filters.districtId === null && filters.streetId === null) {
      map.fitBounds(meta.bbox, { padding, duration: 0 })
      return
    }
    loadAdminShapes()
      .then(({ districts, streets }) => {
        if (cancelled) return
        const feature =
          filters.streetId !== null
            ? streets.features.find((f) => Number(f.properties?.id ?? f.id) === filters.streetId)
            : districts.features.find((f) => Number(f.properties?.id ?? f.id) === filters.districtId)
        if (!feature) return
        const [w, s, e, n] = turfBbox(feature as never)
        map.fitBounds([w, s, e, n], { padding, duration: 0, maxZoom: 16 })
      })
      .catch((err: unknown) => console.warn('[map] cannot frame the filtered area:', err))
    return () => {
      cancelled = true
    }
  }, [map, meta, filters.districtId, filters.streetId])
}
