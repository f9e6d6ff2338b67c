import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl'
import type { Position } from '../../core/domain/geo.js'
import { COMMUNITY_LAYER_IDS, COMMUNITY_SOURCE, COMMUNITY_SOURCE_LAYER, IS_POLYGON } from './community-layers.js'
import type { Rgba } from './coverage-colors.js'

export const COVERAGE_WHATIF_POINTS_LAYER_ID = 'coverage-whatif-points'
export const COVERAGE_WHATIF_GLYPHS_LAYER_ID = 'coverage-whatif-glyphs'
export const COVERAGE_WHATIF_MOVES_LAYER_ID = 'coverage-whatif-moves'
/** MapLibre line layers over the community polygons: outlines of communities that gain or lose coverage. */
export const WHATIF_OUTLINE_LAYER_ID = 'coverage-whatif-outline'
export const WHATIF_OUTLINE_CASING_LAYER_ID = 'coverage-whatif-outline-casing'

/** Hypothetical edits are drawn in dark navy (no facility type uses it; it reads over green and red fills). */
export const WHATIF_COLORS = {
  ink: '#14304f',
  removed: '#7b8591',
  gained: '#0a8a4a',
  lost: '#d11f2a',
} as const

const INK: Rgba = [20, 48, 79, 255]
const REMOVED: Rgba = [123, 133, 145, 240]
const WHITE: Rgba = [255, 255, 255, 255]

export interface WhatIfMarkerDatum {
  key: string
  kind: 'add' | 'remove' | 'move-from' | 'move-to'
  position: Position
}

export interface WhatIfMoveDatum {
  key: string
  from: Position
  to: Position
}

/** One drawn stroke of a move: the line itself, or the chevron on it that shows the direction. */
export interface WhatIfMovePath {
  key: string
  path: Position[]
}

const M_PER_DEG_LAT = 110_540
const M_PER_DEG_LON_EQUATOR = 111_320

/**
 * A move as strokes: the straight line from the old place to the new one and a chevron 60% along it
 * (clear of both end markers), its arms a fifth of the line long, at most `maxHeadM` metres.
 */
export function moveStrokes(move: WhatIfMoveDatum, maxHeadM = 120): WhatIfMovePath[] {
  const { from, to } = move
  const kx = M_PER_DEG_LON_EQUATOR * Math.cos((((from[1] + to[1]) / 2) * Math.PI) / 180)
  const dx = (to[0] - from[0]) * kx
  const dy = (to[1] - from[1]) * M_PER_DEG_LAT
  const lengthM = Math.hypot(dx, dy)
  const line = { key: `${move.key}:line`, path: [from, to] }
  if (lengthM < 1) return [line]
  const tip: Position = [from[0] + (to[0] - from[0]) * 0.6, from[1] + (to[1] - from[1]) * 0.6]
  const headM = Math.min(lengthM * 0.2, maxHeadM)
  const bx = -dx / lengthM
  const by = -dy / lengthM
  const wing = (angle: number): Position => {
    const c = Math.cos(angle)
    const s = Math.sin(angle)
    return [tip[0] + ((bx * c - by * s) * headM) / kx, tip[1] + ((bx * s + by * c) * headM) / M_PER_DEG_LAT]
  }
  const arm = (32 * Math.PI) / 180
  return [line, { key: `${move.key}:head`, path: [wing(arm), tip, wing(-arm)] }]
}

export interface WhatIfLayerOptions {
  /** Keep both arrays between renders (deck.gl re-uploads on a new identity). */
  markers: WhatIfMarkerDatum[]
  moves: WhatIfMovePath[]
  visible: boolean
}

const RADIUS: Record<WhatIfMarkerDatum['kind'], number> = { add: 10, remove: 9, 'move-from': 6, 'move-to': 9 }

/**
 * The what-if edits: an added facility as a white disc ringed in navy with a "+", a removed one as a grey
 * disc with a white "×" over its marker, a move as a navy line with a chevron from a grey dot to a ring.
 */
export function createWhatIfLayers({ markers, moves, visible }: WhatIfLayerOptions) {
  const glyphs = markers.filter((m) => m.kind === 'add' || m.kind === 'remove')
  return [
    new PathLayer<WhatIfMovePath>({
      id: COVERAGE_WHATIF_MOVES_LAYER_ID,
      data: moves,
      visible: visible && moves.length > 0,
      pickable: false,
      widthUnits: 'pixels',
      getWidth: 2.5,
      capRounded: true,
      jointRounded: true,
      getPath: (d) => d.path,
      getColor: INK,
    }),
    new ScatterplotLayer<WhatIfMarkerDatum>({
      id: COVERAGE_WHATIF_POINTS_LAYER_ID,
      data: markers,
      visible: visible && markers.length > 0,
      pickable: false,
      stroked: true,
      filled: true,
      radiusUnits: 'pixels',
      getRadius: (m) => RADIUS[m.kind],
      lineWidthUnits: 'pixels',
      getLineWidth: (m) => (m.kind === 'add' || m.kind === 'move-to' ? 2.5 : 1.5),
      getPosition: (m) => m.position,
      getFillColor: (m) => (m.kind === 'remove' || m.kind === 'move-from' ? REMOVED : WHITE),
      getLineColor: (m) => (m.kind === 'remove' || m.kind === 'move-from' ? WHITE : INK),
    }),
    new TextLayer<WhatIfMarkerDatum>({
      id: COVERAGE_WHATIF_GLYPHS_LAYER_ID,
      data: glyphs,
      visible: visible && glyphs.length > 0,
      pickable: false,
      characterSet: '+×',
      getPosition: (m) => m.position,
      getText: (m) => (m.kind === 'add' ? '+' : '×'),
      getSize: (m) => (m.kind === 'add' ? 18 : 15),
      sizeUnits: 'pixels',
      getColor: (m) => (m.kind === 'add' ? INK : WHITE),
      fontFamily: 'Helvetica Neue, Arial, sans-serif',
      fontWeight: 700,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
  ]
}

// ---- outlines of communities that gain or lose coverage (feature-state `wi`: 1 gained, −1 lost) ----

const wi: ExpressionSpecification = ['feature-state', 'wi']
const flagged: ExpressionSpecification = ['case', ['==', wi, 1], 1, ['==', wi, -1], 1, 0]
const width = (extra: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 10, 1.6 + extra, 13, 2.4 + extra, 16, 3.4 + extra]

export function whatIfOutlineLayers(): LayerSpecification[] {
  const base = { type: 'line', source: COMMUNITY_SOURCE, 'source-layer': COMMUNITY_SOURCE_LAYER, filter: IS_POLYGON, layout: { 'line-join': 'round' } } as const
  return [
    { ...base, id: WHATIF_OUTLINE_CASING_LAYER_ID, paint: { 'line-color': '#ffffff', 'line-width': width(2.2), 'line-opacity': ['*', flagged, 0.9] } },
    {
      ...base,
      id: WHATIF_OUTLINE_LAYER_ID,
      paint: { 'line-color': ['case', ['==', wi, 1], WHATIF_COLORS.gained, WHATIF_COLORS.lost], 'line-width': width(0), 'line-opacity': flagged },
    },
  ]
}

/** Adds the outline layers under the community labels; returns their removal. */
export function addWhatIfOutlineLayers(map: MapLibreMap): () => void {
  if (!map.getSource(COMMUNITY_SOURCE)) return () => {}
  const before = map.getLayer(COMMUNITY_LAYER_IDS.label) ? COMMUNITY_LAYER_IDS.label : undefined
  const layers = whatIfOutlineLayers()
  for (const layer of layers) if (!map.getLayer(layer.id)) map.addLayer(layer, before)
  return () => {
    for (const layer of layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id)
  }
}

const target = (id: number) => ({ source: COMMUNITY_SOURCE, sourceLayer: COMMUNITY_SOURCE_LAYER, id })

/** Writes the outline states of one result and clears those of the previous one; returns the ids written. */
export function setWhatIfOutlineStates(map: MapLibreMap, states: ReadonlyMap<number, 1 | -1>, previousIds: ReadonlySet<number>): Set<number> {
  const ids = new Set<number>()
  if (!map.getSource(COMMUNITY_SOURCE)) return ids
  for (const [id, state] of states) {
    ids.add(id)
    map.setFeatureState(target(id), { wi: state })
  }
  for (const id of previousIds) if (!ids.has(id)) map.removeFeatureState(target(id), 'wi')
  return ids
}
