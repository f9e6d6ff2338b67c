import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers'
import type { Feature, MultiPolygon, Polygon } from '../../core/domain/geo.js'
import { STAGE_COLORS, type Stage } from '../../core/domain/stages.js'
import { hexToRgba } from './stage-color-expression.js'

export const SELECTION_LAYER_ID = 'community-selection'

export type SelectionFeature = Feature<Polygon | MultiPolygon, { id: number }>

export interface SelectionLayerOptions {
  /** Zero or one feature; keep the array identity stable while the selection is unchanged. */
  data: SelectionFeature[]
  stage: Stage | null
}

const OUTLINE: [number, number, number, number] = [11, 31, 51, 255]

/** The selected community's outline, drawn above the map; its tint follows the stage through updateTriggers. */
export function createSelectionLayer({ data, stage }: SelectionLayerOptions) {
  const tint = stage ? hexToRgba(STAGE_COLORS[stage], 70) : ([255, 255, 255, 50] as [number, number, number, number])
  return new GeoJsonLayer<{ id: number }>({
    id: SELECTION_LAYER_ID,
    data: data as never,
    visible: data.length > 0,
    pickable: false,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    lineJointRounded: true,
    getLineColor: OUTLINE,
    getFillColor: () => tint,
    updateTriggers: { getFillColor: [stage] },
  })
}

export const SELECTION_MARKER_LAYER_ID = 'community-selection-marker'

export interface SelectionMarker {
  position: [number, number]
}

/** A ring on the selected community's centroid, so the selection stays findable when zoomed out. */
export function createSelectionMarkerLayer({ data, stage }: { data: SelectionMarker[]; stage: Stage | null }) {
  const color = stage ? hexToRgba(STAGE_COLORS[stage], 255) : OUTLINE
  return new ScatterplotLayer<SelectionMarker>({
    id: SELECTION_MARKER_LAYER_ID,
    data,
    visible: data.length > 0,
    pickable: false,
    stroked: true,
    filled: false,
    radiusUnits: 'pixels',
    getRadius: 11,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    getPosition: (d) => d.position,
    getLineColor: () => color,
    updateTriggers: { getLineColor: [stage] },
  })
}
