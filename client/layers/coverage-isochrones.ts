import { GeoJsonLayer } from '@deck.gl/layers'
import type { IsochroneResponse } from '../../core/contracts/coverage.js'
import { bandStyle } from './coverage-colors.js'

export const COVERAGE_ISOCHRONES_LAYER_ID = 'coverage-isochrones'
export const COVERAGE_CATCHMENT_LAYER_ID = 'coverage-catchment'

export type IsochroneFeature = IsochroneResponse['features'][number]

/** Whether a band has any area to draw. */
export function isNonEmptyBand(f: IsochroneFeature): boolean {
  return f.geometry?.type === 'MultiPolygon' && f.geometry.coordinates.some((poly) => poly.length > 0 && poly[0].length >= 4)
}

/**
 * The bands in drawing order: widest first, so 15 lies under 10 under 5 (the server sends them ascending);
 * empty bands are dropped. Call once per response and keep the array: deck.gl re-uploads on a new identity.
 */
export function bandsInDrawingOrder(response: IsochroneResponse | undefined): IsochroneFeature[] {
  if (!response) return []
  return response.features.filter(isNonEmptyBand).sort((a, b) => b.properties.minutes - a.properties.minutes)
}

export interface IsochroneLayerOptions {
  /** From `bandsInDrawingOrder`, the same array between renders. */
  data: IsochroneFeature[]
  visible: boolean
  /** The band drawn with a stronger outline (the current threshold); recoloured through updateTriggers. */
  thresholdMinutes: number | null
  /** Faded to outlines while one facility's catchment is shown over them. */
  dimmed: boolean
}

/** The merged walking catchment of the facility type as translucent cumulative bands (5 ⊆ 10 ⊆ 15 minutes). */
export function createIsochroneLayer({ data, visible, thresholdMinutes, dimmed }: IsochroneLayerOptions) {
  return new GeoJsonLayer<{ minutes: number }>({
    id: COVERAGE_ISOCHRONES_LAYER_ID,
    data: data as never,
    visible: visible && data.length > 0,
    pickable: false,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    getFillColor: (f) => bandStyle(f.properties.minutes, thresholdMinutes, dimmed).fill,
    getLineColor: (f) => bandStyle(f.properties.minutes, thresholdMinutes, dimmed).line,
    getLineWidth: (f) => bandStyle(f.properties.minutes, thresholdMinutes, dimmed).lineWidthPx,
    updateTriggers: {
      getFillColor: [thresholdMinutes, dimmed],
      getLineColor: [thresholdMinutes, dimmed],
      getLineWidth: [thresholdMinutes, dimmed],
    },
  })
}

export interface CatchmentLayerOptions {
  data: IsochroneFeature[]
  thresholdMinutes: number | null
  /** RGBA of the facility type, for the fill. */
  color: [number, number, number, number]
}

const CATCHMENT_LINE: [number, number, number] = [11, 31, 51]

/**
 * One facility's own catchment: the threshold band washed in the type's colour and outlined boldly in
 * dark navy (readable over green and red communities), the other bands as thin lines.
 */
export function createCatchmentLayer({ data, thresholdMinutes, color }: CatchmentLayerOptions) {
  const [r, g, b] = color
  const [lr, lg, lb] = CATCHMENT_LINE
  const isThreshold = (m: number) => thresholdMinutes === null || m === thresholdMinutes
  return new GeoJsonLayer<{ minutes: number }>({
    id: COVERAGE_CATCHMENT_LAYER_ID,
    data: data as never,
    visible: data.length > 0,
    pickable: false,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    getFillColor: (f) => [r, g, b, isThreshold(f.properties.minutes) ? 56 : 0],
    getLineColor: (f) => [lr, lg, lb, isThreshold(f.properties.minutes) ? 240 : 120],
    getLineWidth: (f) => (isThreshold(f.properties.minutes) ? 2.5 : 1),
    updateTriggers: {
      getFillColor: [thresholdMinutes, r, g, b],
      getLineColor: [thresholdMinutes],
      getLineWidth: [thresholdMinutes],
    },
  })
}

/** [west, south, east, north] of the bands' outer rings, or null when there is nothing to frame. */
export function bandsBounds(features: readonly IsochroneFeature[]): [number, number, number, number] | null {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const f of features) {
    for (const poly of f.geometry.coordinates) {
      for (const [x, y] of poly[0] ?? []) {
        if (x < w) w = x
        if (x > e) e = x
        if (y < s) s = y
        if (y > n) n = y
      }
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : null
}
