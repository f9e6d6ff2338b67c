import type { ExpressionSpecification, FilterSpecification, LayerSpecification, SourceSpecification, StyleSpecification, SymbolLayerSpecification } from 'maplibre-gl'
import type { DatasetMetaResponse } from '../../core/contracts/responses.js'
import type { RoadClass } from '../../core/domain/community.js'
import { tileJsonUrl } from '../api/endpoints.js'
import { COMMUNITY_CENTROID_MAXZOOM, COMMUNITY_CENTROID_SOURCE, createCommunityLabelLayer, createCommunityLayers } from '../layers/community-layers.js'
import { LABEL_FONT, LABEL_FONT_BOLD } from './fonts.js'

/** Vector tile layers of our own tile server that the basemap and the community map draw. */
export const VECTOR_SOURCES = ['communities', 'roads', 'water', 'districts', 'streets'] as const
export const ADMIN_LABEL_SOURCE = 'admin-labels'

export const BASEMAP_COLORS = {
  outside: '#e8e6df',
  land: '#f5f3ee',
  water: '#b7d3ec',
  waterLine: '#97bde0',
  districtLine: '#7d6fa8',
  streetLine: '#aaa1c6',
}

/** Road widths in pixels at zoom stops, exponential between them: [zoom, width] pairs. */
const ROAD_WIDTHS: Record<RoadClass, [number, number][]> = {
  arterial: [[10, 1.4], [13, 3.6], [16, 13], [18, 30]],
  secondary: [[10, 0.7], [13, 2.2], [16, 9], [18, 22]],
  local: [[12, 0.4], [14, 1.4], [16, 5], [18, 12]],
  footpath: [[14, 0.6], [16, 1.4], [18, 3]],
}
const ROAD_FILL: Record<RoadClass, string> = {
  arterial: '#fbd88f',
  secondary: '#ffffff',
  local: '#ffffff',
  footpath: '#c2b9a6',
}
const ROAD_CASING: Record<RoadClass, string> = {
  arterial: '#d7aa55',
  secondary: '#c8c1b1',
  local: '#d8d2c4',
  footpath: '#c2b9a6',
}
const ROAD_MINZOOM: Record<RoadClass, number> = { arterial: 0, secondary: 9, local: 12, footpath: 14 }

function widthExpr(stops: [number, number][], extra = 0): ExpressionSpecification {
  return ['interpolate', ['exponential', 1.5], ['zoom'], ...stops.flatMap(([z, w]) => [z, w + (w > 0 ? extra : 0)])] as unknown as ExpressionSpecification
}

const isClass = (c: RoadClass): ExpressionSpecification => ['==', ['get', 'class'], c]
const isBridge: ExpressionSpecification = ['any', ['==', ['get', 'bridge'], true], ['==', ['to-number', ['get', 'bridge'], 0], 1]]
const notBridge: ExpressionSpecification = ['!', isBridge]

function roadLayers(bridge: boolean): LayerSpecification[] {
  const classes: RoadClass[] = ['footpath', 'local', 'secondary', 'arterial']
  const prefix = bridge ? 'roads-bridge' : 'roads'
  const layers: LayerSpecification[] = []
  for (const c of classes) {
    if (c === 'footpath') {
      if (bridge) continue
      layers.push({
        id: `${prefix}-${c}`,
        type: 'line',
        source: 'roads',
        'source-layer': 'roads',
        minzoom: ROAD_MINZOOM[c],
        filter: isClass(c),
        paint: { 'line-color': ROAD_FILL[c], 'line-width': widthExpr(ROAD_WIDTHS[c]), 'line-dasharray': [2, 1.5] },
      })
      continue
    }
    const filter: FilterSpecification = ['all', isClass(c), bridge ? isBridge : notBridge]
    layers.push({
      id: `${prefix}-${c}-casing`,
      type: 'line',
      source: 'roads',
      'source-layer': 'roads',
      minzoom: ROAD_MINZOOM[c],
      filter,
      layout: { 'line-cap': bridge ? 'butt' : 'round', 'line-join': 'round' },
      paint: { 'line-color': bridge ? '#7f7667' : ROAD_CASING[c], 'line-width': widthExpr(ROAD_WIDTHS[c], bridge ? 3 : 1.6) },
    })
  }
  for (const c of classes) {
    if (c === 'footpath') continue
    const filter: FilterSpecification = ['all', isClass(c), bridge ? isBridge : notBridge]
    layers.push({
      id: `${prefix}-${c}`,
      type: 'line',
      source: 'roads',
      'source-layer': 'roads',
      minzoom: ROAD_MINZOOM[c],
      filter,
      layout: { 'line-cap': bridge ? 'butt' : 'round', 'line-join': 'round' },
      paint: { 'line-color': ROAD_FILL[c], 'line-width': widthExpr(ROAD_WIDTHS[c]) },
    })
  }
  return layers
}

const HALO = 'rgba(255,255,255,0.92)'


/** A road name drawn along its line. */
function roadNameLayout(spacing: number, maxAngle: number): SymbolLayerSpecification['layout'] {
  return {
    'text-field': ['get', 'name'],
    'text-font': LABEL_FONT,
    'symbol-placement': 'line',
    'symbol-spacing': spacing,
    'text-max-angle': maxAngle,
  }
}

function labelLayers(): LayerSpecification[] {
  return [
    {
      id: 'water-label',
      type: 'symbol',
      source: 'water',
      'source-layer': 'water',
      minzoom: 12,
      layout: {
        'text-field': ['coalesce', ['get', 'name'], ''],
        'text-font': LABEL_FONT,
        'text-size': 12,
        'symbol-placement': 'point',
        'text-letter-spacing': 0.2,
      },
      paint: { 'text-color': '#3d6f9e', 'text-halo-color': 'rgba(255,255,255,0.7)', 'text-halo-width': 1 },
    },
    {
      id: 'roads-label',
      type: 'symbol',
      source: 'roads',
      'source-layer': 'roads',
      minzoom: 13,
      filter: ['all', ['has', 'name'], ['!=', ['get', 'class'], 'footpath']],
      layout: {
        ...roadNameLayout(320, 35),
        'text-size': ['interpolate', ['linear'], ['zoom'], 13, 11, 17, 14],
        'text-padding': 4,
        'text-rotation-alignment': 'map',
        'text-pitch-alignment': 'viewport',
      },
      paint: { 'text-color': '#5a5347', 'text-halo-color': HALO, 'text-halo-width': 1.5 },
    },
    {
      id: 'roads-arterial-label',
      type: 'symbol',
      source: 'roads',
      'source-layer': 'roads',
      minzoom: 11.5,
      maxzoom: 13,
      filter: ['all', ['has', 'name'], ['==', ['get', 'class'], 'arterial']],
      layout: { ...roadNameLayout(400, 30), 'text-size': 11 },
      paint: { 'text-color': '#6b5a35', 'text-halo-color': HALO, 'text-halo-width': 1.5 },
    },
    createCommunityLabelLayer(),
    {
      id: 'streets-label',
      type: 'symbol',
      source: ADMIN_LABEL_SOURCE,
      minzoom: 11.5,
      maxzoom: 16,
      filter: ['==', ['get', 'kind'], 'street'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 12, 12, 15, 15],
        'text-letter-spacing': 0.15,
        'text-padding': 6,
      },
      paint: { 'text-color': '#5d5187', 'text-halo-color': HALO, 'text-halo-width': 1.6 },
    },
    {
      id: 'districts-label',
      type: 'symbol',
      source: ADMIN_LABEL_SOURCE,
      maxzoom: 14,
      filter: ['==', ['get', 'kind'], 'district'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 9, 14, 13, 20],
        'text-letter-spacing': 0.3,
        'text-allow-overlap': false,
        'text-padding': 10,
      },
      paint: { 'text-color': '#3a2f66', 'text-halo-color': HALO, 'text-halo-width': 2 },
    },
  ]
}

/**
 * The whole map style: an offline basemap from our own vector tiles (land, water, roads by class with
 * widths by zoom, bridges, district and street boundaries, Chinese labels) with the community layers
 * between roads and labels. No `glyphs` and no `sprite`, so it needs no network beyond our server.
 */
export function buildMapStyle(meta: Pick<DatasetMetaResponse, 'basemap'>, origin: string): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {}
  for (const id of VECTOR_SOURCES) sources[id] = { type: 'vector', url: tileJsonUrl(id, origin) }
  sources[COMMUNITY_CENTROID_SOURCE] = { type: 'vector', url: tileJsonUrl('communities', origin), maxzoom: COMMUNITY_CENTROID_MAXZOOM }
  sources[ADMIN_LABEL_SOURCE] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }
  if (meta.basemap) {
    sources.basemap = {
      type: 'raster',
      tiles: [meta.basemap.url],
      tileSize: 256,
      ...(meta.basemap.attribution ? { attribution: meta.basemap.attribution } : {}),
    }
  }

  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.outside } },
    ...(meta.basemap ? [{ id: 'basemap-raster', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.85 } } as LayerSpecification] : []),
    {
      id: 'districts-fill',
      type: 'fill',
      source: 'districts',
      'source-layer': 'districts',
      paint: { 'fill-color': BASEMAP_COLORS.land, 'fill-opacity': meta.basemap ? 0.25 : 1 },
    },
    { id: 'water-fill', type: 'fill', source: 'water', 'source-layer': 'water', paint: { 'fill-color': BASEMAP_COLORS.water } },
    {
      id: 'water-outline',
      type: 'line',
      source: 'water',
      'source-layer': 'water',
      minzoom: 12,
      paint: { 'line-color': BASEMAP_COLORS.waterLine, 'line-width': 0.8 },
    },
    ...roadLayers(false),
    ...createCommunityLayers(),
    {
      id: 'streets-boundary',
      type: 'line',
      source: 'streets',
      'source-layer': 'streets',
      minzoom: 11,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': BASEMAP_COLORS.streetLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.8, 16, 1.6],
        'line-dasharray': [3, 2],
      },
    },
    {
      id: 'districts-boundary-casing',
      type: 'line',
      source: 'districts',
      'source-layer': 'districts',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-opacity': 0.7, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 3, 16, 6] },
    },
    {
      id: 'districts-boundary',
      type: 'line',
      source: 'districts',
      'source-layer': 'districts',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': BASEMAP_COLORS.districtLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.2, 16, 2.4],
        'line-dasharray': [5, 2, 1, 2],
      },
    },
    ...roadLayers(true),
    ...labelLayers(),
  ]

  return { version: 8, name: 'renewmap', sources, layers }
}
