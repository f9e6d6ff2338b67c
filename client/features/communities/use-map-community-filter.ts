import { useEffect } from 'react'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { applyCommunityFilters } from '../../layers/community-filter.js'
import type { CommunityFilters } from './filters.js'

/** Keeps the map's community layers in step with the filter bar. */
export function useMapCommunityFilter(map: MapLibreMap, filters: CommunityFilters): void {
  useEffect(() => {
    applyCommunityFilters(map, filters)
  }, [map, filters])
}
