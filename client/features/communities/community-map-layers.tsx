import { useEffect, useMemo, useRef } from 'react'
import { COMMUNITY_CENTROID_SOURCE, COMMUNITY_SOURCE } from '../../layers/community-layers.js'
import { reloadVectorTiles } from '../../map/reload-tiles.js'
import type { SelectionMarker } from '../../layers/selection-layer.js'
import { useDeckOverlay } from '../../map/use-deck-overlay.js'
import { useMapInstance } from '../../map/map-context.js'
import { useFilters } from './filters-context.js'
import { MapTooltip } from './map-tooltip.js'
import { useSelection } from './selection-context.js'
import { useCommunityClick } from './use-community-click.js'
import { useFacilities } from './use-community-data.js'
import { useCommunityHover } from './use-community-hover.js'
import { useDeckLayers } from './use-deck-layers.js'
import { useMapCommunityFilter } from './use-map-community-filter.js'
import { useFitToFilter } from './use-fit-to-filter.js'
import { useFocusSelection } from './use-focus-selection.js'
import { useSelectionFeature } from './use-selection-feature.js'

/** Everything the communities feature does on the map: filters, hover, click, deck.gl overlay, tooltip. */
export function CommunityMapLayers() {
  const map = useMapInstance()
  const { filters } = useFilters()
  const { selection, current: selectedDetail, revision } = useSelection()
  const facilities = useFacilities()

  // A saved edit may change a community's stage colour or name: draw the tiles again (not on mount).
  const drawnRevision = useRef(revision)
  useEffect(() => {
    if (revision === drawnRevision.current) return
    drawnRevision.current = revision
    reloadVectorTiles(map, [COMMUNITY_SOURCE, COMMUNITY_CENTROID_SOURCE], revision)
  }, [map, revision])

  useMapCommunityFilter(map, filters)
  useCommunityClick(map)
  const hovered = useCommunityHover(map)

  const selectionFeature = useSelectionFeature(selection, selectedDetail)
  const centroid = selectedDetail?.centroid
  const marker = useMemo<SelectionMarker[]>(() => (centroid ? [{ position: centroid }] : []), [centroid])
  const { layers, hoveredFacility } = useDeckLayers(facilities.data, selectionFeature, marker, selectedDetail?.stage ?? null)
  useFitToFilter(map, filters, selection !== null)
  useFocusSelection(map, selection, selectedDetail)
  useDeckOverlay(map, layers)

  return <MapTooltip community={hoveredFacility ? null : hovered} facility={hoveredFacility} />
}
