import type { Map as MapLibreMap } from 'maplibre-gl'

export type PaintName = Parameters<MapLibreMap['getPaintProperty']>[1]
export type PaintValue = Parameters<MapLibreMap['setPaintProperty']>[2]

/** One paint property a mode takes over on a layer it does not own. */
export interface PaintOverride {
  layer: string
  property: PaintName
  value: PaintValue
}

/**
 * Sets paint properties on existing layers (a mode recolouring the shared community layers) and returns the
 * function that puts the previous values back, in reverse order, for when the mode ends while the map lives
 * on. Layers not on the map are skipped.
 */
export function overridePaint(map: MapLibreMap, overrides: readonly PaintOverride[]): () => void {
  const saved: PaintOverride[] = []
  for (const { layer, property, value } of overrides) {
    if (!map.getLayer(layer)) continue
    saved.push({ layer, property, value: map.getPaintProperty(layer, property) as PaintValue })
    map.setPaintProperty(layer, property, value)
  }
  return () => {
    for (const { layer, property, value } of saved.reverse()) {
      if (map.getLayer(layer)) map.setPaintProperty(layer, property, value)
    }
  }
}
