import { useEffect, useRef } from 'react'
import type { Map as MapLibreMap } from 'maplibre-gl'
import type { CommunityDetailResponse } from '../../../core/contracts/responses.js'
import type { Selection } from './selection-context.js'

/** Room for the sidebar (left) and the detail panel (right) when framing a community, px. */
const PADDING = { top: 60, bottom: 60, left: 380, right: 460 }

/**
 * Frames a community chosen away from the map (from search) once its details have arrived, once per
 * selection; a community clicked on the map is already in view and stays where it is.
 */
export function useFocusSelection(map: MapLibreMap, selection: Selection | null, detail: CommunityDetailResponse | undefined): void {
  const framed = useRef<Selection | null>(null)
  useEffect(() => {
    if (!selection?.focus || !detail || detail.id !== selection.id || framed.current === selection) return
    framed.current = selection
    const canvas = map.getCanvas()
    const padding = canvas.clientWidth > 1000 ? PADDING : { top: 20, bottom: 20, left: 20, right: 20 }
    map.fitBounds(detail.bbox, { padding, maxZoom: 16, duration: 0 })
  }, [map, selection, detail])
}
