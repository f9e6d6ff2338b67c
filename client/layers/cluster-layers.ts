import type { ExpressionSpecification, GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl'
import type { Feature, FeatureCollection, MultiPolygon, Point, Position } from '../../core/domain/geo.js'
import { LABEL_FONT_BOLD } from '../map/fonts.js'
import { overridePaint, type PaintOverride } from '../map/paint-override.js'
import { CLUSTER_COLORS, paletteExpression } from './cluster-colors.js'
import { COMMUNITY_LAYER_IDS, COMMUNITY_SOURCE, COMMUNITY_SOURCE_LAYER, IS_POLYGON } from './community-layers.js'

/**
 * The 片区 mode on the map. Communities are coloured through feature-state on the 'communities' vector
 * source (whose feature ids are community ids): `cl` the palette index of their 片区 (−1 none), `act` in
 * the selected 片区, `sel` in the user's selection, `bad` named by a rule flag, `pv` the palette index of a
 * proposal being previewed, `un` left out by the proposal run. 片区 outlines and labels are GeoJSON sources.
 */
export const CLUSTER_OUTLINE_SOURCE = 'cluster-outlines'
export const CLUSTER_LABEL_SOURCE = 'cluster-labels'

export const CLUSTER_LAYER_IDS = {
  proposalLine: 'clusters-proposal-line',
  markCasing: 'clusters-mark-casing',
  markLine: 'clusters-mark-line',
  outlineCasing: 'clusters-outline-casing',
  outline: 'clusters-outline',
  label: 'clusters-label',
} as const

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false]
const active: ExpressionSpecification = ['boolean', ['feature-state', 'act'], false]
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'sel'], false]
const flagged: ExpressionSpecification = ['boolean', ['feature-state', 'bad'], false]
const unassigned: ExpressionSpecification = ['boolean', ['feature-state', 'un'], false]
// A missing feature-state is null, which to-number would read as 0 (a palette index): coalesce first.
const cl: ExpressionSpecification = ['to-number', ['coalesce', ['feature-state', 'cl'], -1], -1]
const pv: ExpressionSpecification = ['to-number', ['coalesce', ['feature-state', 'pv'], -1], -1]
const inCluster: ExpressionSpecification = ['>=', cl, 0]
const inProposal: ExpressionSpecification = ['>=', pv, 0]

/** What the community paint depends on besides feature-state. */
export interface ClusterPaintMode {
  /** Proposals are previewed: their colours replace the saved 片区'. */
  previewing: boolean
  /** A 片区 is selected: the others step back. */
  focused: boolean
}

/** The paint the 片区 mode puts on the community layers. */
export function clusterCommunityPaint(mode: ClusterPaintMode): PaintOverride[] {
  const saved = paletteExpression(['feature-state', 'cl'], CLUSTER_COLORS.free)
  const fill: ExpressionSpecification = mode.previewing
    ? ['case', inProposal, paletteExpression(['feature-state', 'pv'], CLUSTER_COLORS.free), inCluster, saved, CLUSTER_COLORS.free]
    : saved
  // Selected communities are tinted blue whatever their 片区, so a selection reads at a glance.
  const color: ExpressionSpecification = ['case', selected, CLUSTER_COLORS.selectionFill, fill]
  const line: ExpressionSpecification = mode.previewing
    ? ['case', inProposal, paletteExpression(['feature-state', 'pv'], CLUSTER_COLORS.freeLine, true), CLUSTER_COLORS.freeLine]
    : ['case', inCluster, paletteExpression(['feature-state', 'cl'], CLUSTER_COLORS.freeLine, true), CLUSTER_COLORS.freeLine]
  const opacity = (near: boolean): ExpressionSpecification => {
    const base = near ? 1 : 0.92
    if (mode.previewing) return ['case', hovered, 0.9 * base, selected, 0.9, ['all', active, inProposal], 0.92 * base, inProposal, 0.66 * base, inCluster, 0.2, 0.4 * base]
    if (mode.focused) return ['case', hovered, 0.92 * base, selected, 0.9, active, 0.85 * base, inCluster, 0.38 * base, 0.4 * base]
    return ['case', hovered, 0.92 * base, selected, 0.9, inCluster, 0.75 * base, 0.5 * base]
  }
  return [
    { layer: COMMUNITY_LAYER_IDS.fill, property: 'fill-color', value: color },
    { layer: COMMUNITY_LAYER_IDS.fill, property: 'fill-opacity', value: ['interpolate', ['linear'], ['zoom'], 10, opacity(true), 15, opacity(false)] },
    { layer: COMMUNITY_LAYER_IDS.outline, property: 'line-color', value: ['case', hovered, '#14304f', line] },
    {
      layer: COMMUNITY_LAYER_IDS.outline,
      property: 'line-width',
      value: ['interpolate', ['linear'], ['zoom'], 10, ['case', hovered, 2, 0.5], 14, ['case', hovered, 2.5, 1], 17, ['case', hovered, 3, 1.6]],
    },
    { layer: COMMUNITY_LAYER_IDS.points, property: 'circle-color', value: color },
    { layer: COMMUNITY_LAYER_IDS.points, property: 'circle-stroke-color', value: ['case', selected, CLUSTER_COLORS.selection, flagged, CLUSTER_COLORS.flag, hovered, '#14304f', '#ffffff'] },
    { layer: COMMUNITY_LAYER_IDS.points, property: 'circle-stroke-width', value: ['case', selected, 2.5, flagged, 2.5, hovered, 2, 0.8] },
  ]
}

/** Paints the community layers for the 片区 mode; returns a function that puts the previous paint back. */
export function applyClusterPaint(map: MapLibreMap, mode: ClusterPaintMode): () => void {
  return overridePaint(map, clusterCommunityPaint(mode))
}

export type OutlineFeature = Feature<MultiPolygon, { id: number; color: string; selected: boolean; dim: boolean }>
export type LabelFeature = Feature<Point, { id: string; name: string; sub: string; color: string; selected: boolean }>

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] }
const widthByZoom = (w10: number, w14: number, w17: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 10, w10, 14, w14, 17, w17]
/** Line width by zoom, wider where `cond` holds (zoom may only sit at the top of an interpolate). */
const widthByZoomIf = (cond: ExpressionSpecification, yes: [number, number, number], no: [number, number, number]): ExpressionSpecification => [
  'interpolate',
  ['linear'],
  ['zoom'],
  10,
  ['case', cond, yes[0], no[0]],
  14,
  ['case', cond, yes[1], no[1]],
  17,
  ['case', cond, yes[2], no[2]],
]
const outlineSelected: ExpressionSpecification = ['boolean', ['get', 'selected'], false]
const outlineDim: ExpressionSpecification = ['boolean', ['get', 'dim'], false]

/** The MapLibre layers the mode adds, bottom to top (all under the community names). */
export function clusterLayers(): LayerSpecification[] {
  const onCommunities = { source: COMMUNITY_SOURCE, 'source-layer': COMMUNITY_SOURCE_LAYER, filter: IS_POLYGON } as const
  return [
    {
      ...onCommunities,
      id: CLUSTER_LAYER_IDS.proposalLine,
      type: 'line',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', unassigned, '#8a5a00', paletteExpression(['feature-state', 'pv'], '#555555', true)],
        'line-width': widthByZoomIf(active, [2.6, 3.6, 4.6], [1.4, 2.2, 3]),
        'line-dasharray': [2, 1.5],
        'line-opacity': ['case', inProposal, 1, unassigned, 0.9, 0],
      },
    },
    {
      id: CLUSTER_LAYER_IDS.outlineCasing,
      type: 'line',
      source: CLUSTER_OUTLINE_SOURCE,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#ffffff',
        'line-width': widthByZoomIf(outlineSelected, [5.5, 7, 9], [3.5, 5, 6.5]),
        'line-opacity': ['case', outlineDim, 0.25, 0.85],
      },
    },
    {
      id: CLUSTER_LAYER_IDS.outline,
      type: 'line',
      source: CLUSTER_OUTLINE_SOURCE,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', outlineSelected, CLUSTER_COLORS.selected, ['get', 'color']],
        'line-width': widthByZoomIf(outlineSelected, [3, 4, 5.5], [1.8, 2.8, 3.8]),
        'line-opacity': ['case', outlineDim, 0.3, 1],
      },
    },
    {
      ...onCommunities,
      id: CLUSTER_LAYER_IDS.markCasing,
      type: 'line',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#ffffff',
        'line-width': widthByZoom(4, 5, 6),
        'line-opacity': ['case', selected, 0.95, flagged, 0.95, 0],
      },
    },
    {
      ...onCommunities,
      id: CLUSTER_LAYER_IDS.markLine,
      type: 'line',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', flagged, CLUSTER_COLORS.flag, CLUSTER_COLORS.selection],
        'line-width': widthByZoom(2.2, 3, 3.8),
        'line-opacity': ['case', selected, 1, flagged, 1, 0],
      },
    },
    {
      id: CLUSTER_LAYER_IDS.label,
      type: 'symbol',
      source: CLUSTER_LABEL_SOURCE,
      minzoom: 12,
      layout: {
        // Names only while many 片区 share the screen; their residents from z14.
        'text-field': ['step', ['zoom'], ['get', 'name'], 14, ['format', ['get', 'name'], { 'font-scale': 1 }, '\n', {}, ['get', 'sub'], { 'font-scale': 0.8 }]],
        'text-font': LABEL_FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 12, 11, 14, 13, 17, 15],
        'text-max-width': 10,
        'text-padding': 4,
        'symbol-sort-key': ['case', ['boolean', ['get', 'selected'], false], 0, 1],
      },
      paint: {
        'text-color': ['case', ['boolean', ['get', 'selected'], false], CLUSTER_COLORS.selected, ['get', 'color']],
        'text-halo-color': 'rgba(255,255,255,0.95)',
        'text-halo-width': 1.8,
      },
    },
  ]
}

/** Adds the mode's sources and layers (under the community names); returns their removal. */
export function addClusterLayers(map: MapLibreMap): () => void {
  if (!map.getSource(CLUSTER_OUTLINE_SOURCE)) map.addSource(CLUSTER_OUTLINE_SOURCE, { type: 'geojson', data: EMPTY as never })
  if (!map.getSource(CLUSTER_LABEL_SOURCE)) map.addSource(CLUSTER_LABEL_SOURCE, { type: 'geojson', data: EMPTY as never })
  const hasCommunities = Boolean(map.getSource(COMMUNITY_SOURCE))
  const before = map.getLayer(COMMUNITY_LAYER_IDS.label) ? COMMUNITY_LAYER_IDS.label : undefined
  const layers = clusterLayers().filter((l) => hasCommunities || !('source-layer' in l))
  for (const layer of layers) {
    if (map.getLayer(layer.id)) continue
    // The 片区 names go on top of everything; the lines sit under the community names.
    map.addLayer(layer, layer.id === CLUSTER_LAYER_IDS.label ? undefined : before)
  }
  return () => {
    for (const layer of [...layers].reverse()) if (map.getLayer(layer.id)) map.removeLayer(layer.id)
    for (const id of [CLUSTER_LABEL_SOURCE, CLUSTER_OUTLINE_SOURCE]) if (map.getSource(id)) map.removeSource(id)
  }
}

export function setClusterOutlines(map: MapLibreMap, features: readonly OutlineFeature[]): void {
  ;(map.getSource(CLUSTER_OUTLINE_SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features } as never)
}

export function setClusterLabels(map: MapLibreMap, features: readonly LabelFeature[]): void {
  ;(map.getSource(CLUSTER_LABEL_SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features } as never)
}

/** A community's state in the 片区 mode (written to feature-state). */
export interface ClusterCommunityState {
  cl: number
  act: boolean
  sel: boolean
  bad: boolean
  pv: number
  un: boolean
}

const NONE: ClusterCommunityState = { cl: -1, act: false, sel: false, bad: false, pv: -1, un: false }

function sameState(a: ClusterCommunityState, b: ClusterCommunityState): boolean {
  return a.cl === b.cl && a.act === b.act && a.sel === b.sel && a.bad === b.bad && a.pv === b.pv && a.un === b.un
}

export interface ClusterStateInput {
  /** Community → 片区 id. */
  membership: ReadonlyMap<number, number>
  /** 片区 id → palette index. */
  colors: ReadonlyMap<number, number>
  selectedClusterId: number | null
  selection: ReadonlySet<number>
  flagged: ReadonlySet<number>
  /** Community → palette index of the proposal previewed (empty when none). */
  preview: ReadonlyMap<number, number>
  /** Members of the proposal the user points at (drawn stronger). */
  previewFocus?: ReadonlySet<number>
  unassigned: ReadonlySet<number>
}

/** The state of every community that differs from "nothing" (communities not listed get the default). */
export function clusterCommunityStates(input: ClusterStateInput): Map<number, ClusterCommunityState> {
  const out = new Map<number, ClusterCommunityState>()
  const get = (id: number) => {
    let s = out.get(id)
    if (!s) {
      s = { ...NONE }
      out.set(id, s)
    }
    return s
  }
  for (const [communityId, clusterId] of input.membership) {
    const s = get(communityId)
    s.cl = input.colors.get(clusterId) ?? 0
    s.act = clusterId === input.selectedClusterId
  }
  for (const id of input.selection) get(id).sel = true
  for (const id of input.flagged) get(id).bad = true
  for (const [id, index] of input.preview) get(id).pv = index
  for (const id of input.previewFocus ?? []) get(id).act = true
  for (const id of input.unassigned) get(id).un = true
  return out
}

const target = (id: number) => ({ source: COMMUNITY_SOURCE, sourceLayer: COMMUNITY_SOURCE_LAYER, id })

/**
 * Writes the states that changed since `previous` (and resets communities no longer listed); returns the
 * states now written, for the next call and for clean-up.
 */
export function writeClusterStates(
  map: MapLibreMap,
  next: ReadonlyMap<number, ClusterCommunityState>,
  previous: ReadonlyMap<number, ClusterCommunityState>,
): Map<number, ClusterCommunityState> {
  if (!map.getSource(COMMUNITY_SOURCE)) return new Map()
  for (const [id, state] of next) {
    const before = previous.get(id)
    if (!before || !sameState(before, state)) map.setFeatureState(target(id), { ...state })
  }
  for (const id of previous.keys()) if (!next.has(id)) map.setFeatureState(target(id), { ...NONE })
  return new Map(next)
}

/** Removes the mode's feature-state keys (hover is left alone). */
export function clearClusterStates(map: MapLibreMap, ids: Iterable<number>): void {
  if (!map.getSource(COMMUNITY_SOURCE)) return
  for (const id of ids) for (const key of Object.keys(NONE)) map.removeFeatureState(target(id), key)
}

/** A label point feature. */
export function labelFeature(id: string, position: Position, name: string, sub: string, color: string, isSelected: boolean): LabelFeature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties: { id, name, sub, color, selected: isSelected } }
}
