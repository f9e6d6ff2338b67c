import type { PickingInfo } from '@deck.gl/core'
import { ScatterplotLayer } from '@deck.gl/layers'
import type { FacilityType } from '../../core/domain/community.js'
import type { FacilityCollection } from '../api/endpoints.js'
import { FACILITY_COLORS } from './facility-colors.js'
import { hexToRgba } from './stage-color-expression.js'

export type FacilityFeature = FacilityCollection['features'][number]

export const FACILITIES_LAYER_ID = 'facilities-points'

export interface FacilitiesLayerOptions {
  /** Keep the same array between renders: deck.gl re-uploads attributes when `data` changes identity. */
  data: FacilityFeature[]
  visible: boolean
  mutedTypes: ReadonlySet<FacilityType>
  onHover?: (info: PickingInfo<FacilityFeature>) => void
}

const MUTED_ALPHA = 40

/** Facilities as points coloured by type; planned ones are hollow rings. Muting recolours, it never refilters. */
export function createFacilitiesLayer({ data, visible, mutedTypes, onHover }: FacilitiesLayerOptions) {
  const mutedKey = [...mutedTypes].sort().join(',')
  return new ScatterplotLayer<FacilityFeature>({
    id: FACILITIES_LAYER_ID,
    data,
    visible,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    stroked: true,
    filled: true,
    // Metres, so the dots shrink when zoomed out instead of burying the city; clamped to stay visible.
    radiusUnits: 'meters',
    getRadius: 85,
    radiusMinPixels: 1.5,
    radiusMaxPixels: 7,
    lineWidthUnits: 'pixels',
    lineWidthMaxPixels: 2,
    getPosition: (f) => f.geometry.coordinates,
    getFillColor: (f) => {
      const muted = mutedTypes.has(f.properties.type)
      const planned = f.properties.status === 'planned'
      return hexToRgba(FACILITY_COLORS[f.properties.type] ?? '#888888', muted ? MUTED_ALPHA : planned ? 70 : 235)
    },
    getLineColor: (f) => {
      const muted = mutedTypes.has(f.properties.type)
      if (f.properties.status === 'planned') return hexToRgba(FACILITY_COLORS[f.properties.type] ?? '#888888', muted ? MUTED_ALPHA : 255)
      return [255, 255, 255, muted ? MUTED_ALPHA : 255]
    },
    getLineWidth: (f) => (f.properties.status === 'planned' ? 2 : 1.2),
    updateTriggers: { getFillColor: [mutedKey], getLineColor: [mutedKey] },
    onHover,
  })
}
