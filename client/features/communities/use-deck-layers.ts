import { useCallback, useMemo, useState } from 'react'
import type { PickingInfo } from '@deck.gl/core'
import type { Stage } from '../../../core/domain/stages.js'
import type { FacilityCollection } from '../../api/endpoints.js'
import { createFacilitiesLayer, type FacilityFeature } from '../../layers/facilities-layer.js'
import { createSelectionLayer, createSelectionMarkerLayer, type SelectionFeature, type SelectionMarker } from '../../layers/selection-layer.js'
import { useLayerOptions } from '../../map/layer-options-context.js'
import type { HoveredFacility } from './map-tooltip.js'

const NO_FACILITIES: FacilityFeature[] = []

/** The deck.gl layers over the map: facility points and the selected community's outline. */
export function useDeckLayers(
  facilities: FacilityCollection | undefined,
  selection: SelectionFeature[],
  marker: SelectionMarker[],
  selectedStage: Stage | null,
) {
  const { facilitiesVisible, mutedFacilityTypes } = useLayerOptions()
  const [hoveredFacility, setHoveredFacility] = useState<HoveredFacility | null>(null)
  const facilityData = facilities?.features ?? NO_FACILITIES

  const onFacilityHover = useCallback((info: PickingInfo<FacilityFeature>) => {
    setHoveredFacility(info.object ? { facility: info.object.properties, x: info.x, y: info.y } : null)
  }, [])

  const layers = useMemo(
    () => [
      createSelectionLayer({ data: selection, stage: selectedStage }),
      createSelectionMarkerLayer({ data: marker, stage: selectedStage }),
      createFacilitiesLayer({ data: facilityData, visible: facilitiesVisible, mutedTypes: mutedFacilityTypes, onHover: onFacilityHover }),
    ],
    [selection, marker, selectedStage, facilityData, facilitiesVisible, mutedFacilityTypes, onFacilityHover],
  )
  return { layers, hoveredFacility: facilitiesVisible ? hoveredFacility : null }
}
