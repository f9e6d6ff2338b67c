import { ScatterplotLayer } from '@deck.gl/layers'
import type { FacilityFeature } from './facilities-layer.js'
import { hexToRgba } from './stage-color-expression.js'

export const COVERAGE_FACILITIES_LAYER_ID = 'coverage-facilities'

export interface CoverageFacilitiesLayerOptions {
  /** Facilities of the analysed type; keep the same array between renders. */
  data: FacilityFeature[]
  color: string
  /** The facility whose catchment is shown, drawn larger with a dark ring. */
  selectedId: number | null
}

/**
 * The facilities of the analysed type: existing ones solid, planned ones hollow rings (the dashboard's
 * convention). Picking is done against the map (see pickFacilityAt), so the layer is not pickable.
 */
export function createCoverageFacilitiesLayer({ data, color, selectedId }: CoverageFacilitiesLayerOptions) {
  return new ScatterplotLayer<FacilityFeature>({
    id: COVERAGE_FACILITIES_LAYER_ID,
    data,
    visible: data.length > 0,
    pickable: false,
    stroked: true,
    filled: true,
    radiusUnits: 'pixels',
    getRadius: (f) => (f.properties.id === selectedId ? 9 : 5.5),
    lineWidthUnits: 'pixels',
    getPosition: (f) => f.geometry.coordinates,
    getFillColor: (f) => (f.properties.status === 'planned' ? [255, 255, 255, 230] : hexToRgba(color, 245)),
    getLineColor: (f) =>
      f.properties.id === selectedId ? [11, 31, 51, 255] : f.properties.status === 'planned' ? hexToRgba(color, 255) : [255, 255, 255, 255],
    getLineWidth: (f) => (f.properties.id === selectedId ? 3 : f.properties.status === 'planned' ? 2.2 : 1.5),
    updateTriggers: { getRadius: [selectedId], getFillColor: [color], getLineColor: [color, selectedId], getLineWidth: [selectedId] },
  })
}

/** The facility nearest a screen point within `tolerancePx`, given a projection from lon/lat to screen pixels. */
export function pickFacilityAt<F extends { geometry: { coordinates: [number, number] } }>(
  facilities: readonly F[],
  point: { x: number; y: number },
  project: (lonLat: [number, number]) => { x: number; y: number },
  tolerancePx = 9,
): F | null {
  let best: F | null = null
  let bestD2 = tolerancePx * tolerancePx
  for (const f of facilities) {
    const p = project(f.geometry.coordinates)
    const d2 = (p.x - point.x) ** 2 + (p.y - point.y) ** 2
    if (d2 <= bestD2) {
      best = f
      bestD2 = d2
    }
  }
  return best
}
