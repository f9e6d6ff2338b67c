import type { MapLayerEventType, Map as MapLibreMap } from 'maplibre-gl'
import { COMMUNITY_SOURCE, COMMUNITY_SOURCE_LAYER } from '../layers/community-layers.js'

/**
 * The community under the pointer, marked with feature-state `hover` (the outline every mode draws): one at a
 * time, written only when it changes. `set(undefined)` clears it; `dispose` clears it too and tolerates a
 * map that is already gone (effects clean up after the map on page changes).
 */
export function communityHoverState(map: MapLibreMap): { set(id: number | string | undefined): void; dispose(): void } {
  let current: number | string | undefined
  const target = (id: number | string) => ({ source: COMMUNITY_SOURCE, sourceLayer: COMMUNITY_SOURCE_LAYER, id })
  const set = (id: number | string | undefined) => {
    if (current === id) return
    if (current !== undefined) map.setFeatureState(target(current), { hover: false })
    current = id
    if (id !== undefined) map.setFeatureState(target(id), { hover: true })
  }
  return {
    set,
    dispose() {
      try {
        set(undefined)
      } catch {
        // The map is already gone.
      }
    },
  }
}

type PointerEvents = Pick<MapLayerEventType, 'mousemove' | 'mouseout' | 'click'> & { movestart: unknown }
export type MapPointerHandlers = { [K in keyof PointerEvents]?: (e: PointerEvents[K]) => void }

/** Binds pointer handlers on the map; returns the function that unbinds them all. */
export function bindMapPointer(map: MapLibreMap, handlers: MapPointerHandlers): () => void {
  const entries = Object.entries(handlers).filter(([, fn]) => fn) as [string, (e: unknown) => void][]
  for (const [type, fn] of entries) map.on(type as keyof PointerEvents, fn)
  return () => {
    for (const [type, fn] of entries) map.off(type as keyof PointerEvents, fn)
  }
}
