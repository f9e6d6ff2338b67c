import type { ExpressionSpecification, FilterSpecification, Map as MapLibreMap } from 'maplibre-gl'
import type { CommunityFilters } from '../features/communities/filters.js'
import { COMMUNITY_LAYER_IDS, IS_POINT, IS_POLYGON } from './community-layers.js'

/**
 * The filter bar as a MapLibre expression on the tile properties district_id, street_id and stage,
 * or null when nothing is filtered. Numbers are coerced because tile encoders differ on int vs double.
 */
export function buildCommunityMatch(f: CommunityFilters): ExpressionSpecification | null {
  const parts: ExpressionSpecification[] = []
  if (f.districtId !== null) parts.push(['==', ['to-number', ['get', 'district_id'], -1], f.districtId])
  if (f.streetId !== null) parts.push(['==', ['to-number', ['get', 'street_id'], -1], f.streetId])
  if (f.stage !== null) parts.push(['==', ['get', 'stage'], f.stage])
  if (parts.length === 0) return null
  return parts.length === 1 ? parts[0] : ['all', ...parts]
}

export interface CommunityLayerFilter {
  filter: FilterSpecification
  visible: boolean
}

/**
 * Per-layer filters: matching communities keep their stage colours; the others move to the faded
 * context layers, which are hidden when no filter is set.
 */
export function communityLayerFilters(f: CommunityFilters): Record<string, CommunityLayerFilter> {
  const match = buildCommunityMatch(f)
  const and = (base: FilterSpecification, extra: ExpressionSpecification | null): FilterSpecification =>
    extra ? (['all', base, extra] as FilterSpecification) : base
  const not = match ? (['!', match] as ExpressionSpecification) : null
  return {
    [COMMUNITY_LAYER_IDS.fill]: { filter: and(IS_POLYGON, match), visible: true },
    [COMMUNITY_LAYER_IDS.outline]: { filter: and(IS_POLYGON, match), visible: true },
    [COMMUNITY_LAYER_IDS.points]: { filter: and(IS_POINT, match), visible: true },
    [COMMUNITY_LAYER_IDS.label]: { filter: and(IS_POINT, match), visible: true },
    [COMMUNITY_LAYER_IDS.contextFill]: { filter: and(IS_POLYGON, not), visible: match !== null },
    [COMMUNITY_LAYER_IDS.contextPoints]: { filter: and(IS_POINT, not), visible: match !== null },
  }
}

/** Applies the filter bar to the community layers of a loaded map. */
export function applyCommunityFilters(map: MapLibreMap, f: CommunityFilters): void {
  for (const [layerId, { filter, visible }] of Object.entries(communityLayerFilters(f))) {
    if (!map.getLayer(layerId)) continue
    map.setFilter(layerId, filter)
    map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none')
  }
}
