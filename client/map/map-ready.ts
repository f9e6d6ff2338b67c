import type { Map as MapLibreMap } from 'maplibre-gl'
import { COMMUNITY_SOURCE } from '../layers/community-layers.js'

declare global {
  interface Window {
    /** Test and debugging hook: the MapLibre map, set once its style has loaded. */
    __renewmap?: { map: MapLibreMap }
  }
}

/** Publishes the map on `window.__renewmap` (for end-to-end tests and the console). */
export function exposeMap(map: MapLibreMap): () => void {
  window.__renewmap = { map }
  return () => {
    if (window.__renewmap?.map === map) delete window.__renewmap
  }
}

/**
 * Sets `document.body.dataset.mapReady = '1'` the first time the map is idle with the communities
 * source loaded, so tests can wait for a fully drawn map instead of sleeping.
 */
export function signalReadyWhenCommunitiesDrawn(map: MapLibreMap): () => void {
  const onIdle = () => {
    if (!map.getSource(COMMUNITY_SOURCE) || !map.isSourceLoaded(COMMUNITY_SOURCE)) return
    document.body.dataset.mapReady = '1'
    map.off('idle', onIdle)
  }
  map.on('idle', onIdle)
  return () => {
    map.off('idle', onIdle)
  }
}
