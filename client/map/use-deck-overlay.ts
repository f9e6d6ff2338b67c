import { useEffect, useRef } from 'react'
import type { LayersList } from '@deck.gl/core'
import { MapLibreOverlay } from '@deck.gl/maplibre'
import type { Map as MapLibreMap } from 'maplibre-gl'

/**
 * One deck.gl overlay per map, added as a MapLibre control; the layer list is pushed with setProps so
 * deck.gl can diff layers by id and keep their GPU buffers.
 */
export function useDeckOverlay(map: MapLibreMap | null, layers: LayersList): void {
  const overlayRef = useRef<MapLibreOverlay | null>(null)

  useEffect(() => {
    if (!map) return
    const overlay = new MapLibreOverlay({ interleaved: false, layers: [] })
    map.addControl(overlay)
    overlayRef.current = overlay
    return () => {
      overlayRef.current = null
      try {
        map.removeControl(overlay)
      } catch {
        // The map may already be gone (it removes its controls itself).
      }
    }
  }, [map])

  useEffect(() => {
    overlayRef.current?.setProps({ layers })
  }, [map, layers])
}
