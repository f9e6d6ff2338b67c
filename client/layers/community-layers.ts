import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl'
import { LABEL_FONT } from '../map/fonts.js'
import { stageColorExpression } from './stage-color-expression.js'

/** Source and source-layer of the communities vector tiles (polygons from z10, centroid points below). */
export const COMMUNITY_SOURCE = 'communities'
export const COMMUNITY_SOURCE_LAYER = 'communities'
/**
 * The same tiles capped at z9, where the server sends one centroid point per community; MapLibre overzooms
 * them, so each name is placed once instead of once per tile piece of its polygon.
 */
export const COMMUNITY_CENTROID_SOURCE = 'community-centroids'
export const COMMUNITY_CENTROID_MAXZOOM = 9

/** Stable MapLibre layer ids for the community map. */
export const COMMUNITY_LAYER_IDS = {
  contextFill: 'communities-context',
  contextPoints: 'communities-context-points',
  fill: 'communities-fill',
  outline: 'communities-outline',
  points: 'communities-points',
  label: 'communities-label',
} as const

/** The layers that answer hover and click. */
export const COMMUNITY_INTERACTIVE_LAYERS = [COMMUNITY_LAYER_IDS.fill, COMMUNITY_LAYER_IDS.points]

export const IS_POLYGON: FilterSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false]
export const IS_POINT: FilterSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false]

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false]
const CONTEXT_COLOR = '#c9c6bd'

/**
 * The communities' own layers, bottom to top: a faded "context" copy that shows communities outside the
 * current filter (hidden until a filter is set), then fill, outline and centroid points coloured by stage.
 * Filters are applied later with `communityLayerFilters`; labels come separately so they sit above roads.
 */
export function createCommunityLayers(): LayerSpecification[] {
  const color = stageColorExpression()
  return [
    {
      id: COMMUNITY_LAYER_IDS.contextFill,
      type: 'fill',
      source: COMMUNITY_SOURCE,
      'source-layer': COMMUNITY_SOURCE_LAYER,
      filter: IS_POLYGON,
      layout: { visibility: 'none' },
      paint: { 'fill-color': CONTEXT_COLOR, 'fill-opacity': 0.35, 'fill-outline-color': '#b5b1a6' },
    },
    {
      id: COMMUNITY_LAYER_IDS.contextPoints,
      type: 'circle',
      source: COMMUNITY_SOURCE,
      'source-layer': COMMUNITY_SOURCE_LAYER,
      filter: IS_POINT,
      layout: { visibility: 'none' },
      paint: {
        'circle-color': CONTEXT_COLOR,
        'circle-opacity': 0.5,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 1.5, 10, 3],
      },
    },
    {
      id: COMMUNITY_LAYER_IDS.fill,
      type: 'fill',
      source: COMMUNITY_SOURCE,
      'source-layer': COMMUNITY_SOURCE_LAYER,
      filter: IS_POLYGON,
      paint: {
        'fill-color': color,
        // `zoom` may only sit at the top of an interpolate, so the hover case goes inside each stop.
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 10, ['case', hovered, 0.92, 0.8], 15, ['case', hovered, 0.8, 0.6]],
      },
    },
    {
      id: COMMUNITY_LAYER_IDS.outline,
      type: 'line',
      source: COMMUNITY_SOURCE,
      'source-layer': COMMUNITY_SOURCE_LAYER,
      filter: IS_POLYGON,
      paint: {
        'line-color': ['case', hovered, '#14304f', color],
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, ['case', hovered, 2, 0.5], 14, ['case', hovered, 2.5, 1.2], 17, ['case', hovered, 3, 2]],
        'line-opacity': 0.95,
      },
    },
    {
      id: COMMUNITY_LAYER_IDS.points,
      type: 'circle',
      source: COMMUNITY_SOURCE,
      'source-layer': COMMUNITY_SOURCE_LAYER,
      filter: IS_POINT,
      paint: {
        'circle-color': color,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 2, 10, 4.5],
        'circle-stroke-color': ['case', hovered, '#14304f', '#ffffff'],
        'circle-stroke-width': ['case', hovered, 2, 0.8],
      },
    },
  ]
}

/** Community names, shown from z14 where the polygons are large enough to carry them. */
export function createCommunityLabelLayer(): LayerSpecification {
  return {
    id: COMMUNITY_LAYER_IDS.label,
    type: 'symbol',
    source: COMMUNITY_CENTROID_SOURCE,
    'source-layer': COMMUNITY_SOURCE_LAYER,
    minzoom: 14,
    filter: IS_POINT,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': ['interpolate', ['linear'], ['zoom'], 14, 11, 17, 14],
      'text-max-width': 6,
      'text-padding': 3,
    },
    paint: { 'text-color': '#2b3440', 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.4 },
  }
}
