import { createContext, useContext } from 'react'
import type { Map as MapLibreMap } from 'maplibre-gl'

/** The MapLibre map, provided once its style has loaded; children that add behaviour read it here. */
export const MapContext = createContext<MapLibreMap | null>(null)

export function useMapInstance(): MapLibreMap {
  const map = useContext(MapContext)
  if (!map) throw new Error('useMapInstance must be used inside <MapView> after the map loaded')
  return map
}
