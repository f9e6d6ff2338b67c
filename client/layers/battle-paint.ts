import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl'
import type { ScheduleRow } from '../../core/contracts/schedule.js'
import { STAGES, STAGE_COLORS, type Stage } from '../../core/domain/stages.js'
import { SCHEDULE_STATUSES, type ScheduleStatus } from '../../core/schedule/status.js'
import { overridePaint, type PaintOverride } from '../map/paint-override.js'
import { COMMUNITY_CENTROID_SOURCE, COMMUNITY_LAYER_IDS, COMMUNITY_SOURCE, COMMUNITY_SOURCE_LAYER, IS_POINT, IS_POLYGON } from './community-layers.js'
import { STATUS_COLORS } from './schedule-colors.js'

/** What the battle map colours communities by: schedule status (default) or stage as of the shown date. */
export type BattleColoring = 'status' | 'stage'

/** Communities outside the plan year's programme, drawn faint. */
export const OUT_OF_PLAN_COLOR = '#c9c6bd'
/** The outline that makes late communities stand out at city zoom. */
export const LATE_OUTLINE_COLOR = '#9e1016'
/** The pulse around communities that just reported. */
export const FLASH_COLOR = '#ffb000'
const LATE_HALO_FILL = 'rgba(217, 52, 43, 0.14)'
const SELECTED_COLOR = '#0b1f33'
const HOVER_COLOR = '#14304f'

/** Stable ids of the layers the battle map adds over the community layers. */
export const BATTLE_LAYER_IDS = {
  lateHalo: 'battle-late-halo',
  lateOutline: 'battle-late-outline',
  flashOutline: 'battle-flash-outline',
  flashPoints: 'battle-flash-points',
  flashHalo: 'battle-flash-halo',
} as const

/**
 * The feature-state of one community on the battle map: `st` status index, `stg` stage index (both as of the
 * shown date), `late` for the emphasis, `plan` marks the programme. Everything else is drawn as "not in plan".
 */
export type BattleFeatureState = {
  plan: 1
  st: number
  stg: number
  late: boolean
}

export function battleFeatureState(row: Pick<ScheduleRow, 'status' | 'stage'>): BattleFeatureState {
  return {
    plan: 1,
    st: SCHEDULE_STATUSES.indexOf(row.status),
    stg: STAGES.indexOf(row.stage),
    late: row.status === 'late',
  }
}

const state = (key: string): ExpressionSpecification => ['feature-state', key]
const flag = (key: string): ExpressionSpecification => ['boolean', state(key), false]
const inPlan: ExpressionSpecification = ['==', ['to-number', state('plan'), 0], 1]
const hovered = flag('hover')
const selected = flag('sel')
const late = flag('late')
const dimmed = flag('dim')

/** A MapLibre colour expression on the battle feature-state; grey for communities outside the programme. */
export function battleColorExpression(coloring: BattleColoring): ExpressionSpecification {
  const pairs =
    coloring === 'status'
      ? SCHEDULE_STATUSES.flatMap((s, k) => [k, STATUS_COLORS[s]])
      : STAGES.flatMap((s, k) => [k, STAGE_COLORS[s]])
  const key = coloring === 'status' ? 'st' : 'stg'
  return ['case', ['!', inPlan], OUT_OF_PLAN_COLOR, ['match', ['to-number', state(key), -1], ...pairs, OUT_OF_PLAN_COLOR]] as unknown as ExpressionSpecification
}

/** Fill opacity at one zoom stop: out-of-plan faint, out-of-scope dimmed, hovered stronger. */
function fillOpacity(base: number): ExpressionSpecification {
  return ['case', ['!', inPlan], 0.22, dimmed, 0.28, hovered, Math.min(1, base + 0.12), base]
}

/** The paint properties the battle map takes over on the community layers. */
export function battlePaint(coloring: BattleColoring): PaintOverride[] {
  const color = battleColorExpression(coloring)
  return [
    { layer: COMMUNITY_LAYER_IDS.fill, property: 'fill-color', value: color },
    { layer: COMMUNITY_LAYER_IDS.fill, property: 'fill-opacity', value: ['interpolate', ['linear'], ['zoom'], 10, fillOpacity(0.88), 15, fillOpacity(0.7)] },
    {
      layer: COMMUNITY_LAYER_IDS.outline,
      property: 'line-color',
      value: ['case', selected, SELECTED_COLOR, hovered, HOVER_COLOR, ['!', inPlan], '#b5b1a6', color],
    },
    {
      layer: COMMUNITY_LAYER_IDS.outline,
      property: 'line-width',
      value: [
        'interpolate', ['linear'], ['zoom'],
        10, ['case', selected, 3, hovered, 2, 0.5],
        14, ['case', selected, 3.5, hovered, 2.5, 1.2],
        17, ['case', selected, 4, hovered, 3, 2],
      ],
    },
    { layer: COMMUNITY_LAYER_IDS.points, property: 'circle-color', value: color },
    {
      layer: COMMUNITY_LAYER_IDS.points,
      property: 'circle-opacity',
      value: ['case', ['!', inPlan], 0.4, dimmed, 0.35, 1],
    },
    {
      layer: COMMUNITY_LAYER_IDS.points,
      property: 'circle-radius',
      // Late communities are bigger dots so they pop at city zoom; out-of-plan ones small.
      value: [
        'interpolate', ['linear'], ['zoom'],
        6, ['case', ['!', inPlan], 1.6, late, 4.5, 2.6],
        10, ['case', ['!', inPlan], 3, late, 8, 5],
      ],
    },
    {
      layer: COMMUNITY_LAYER_IDS.points,
      property: 'circle-stroke-color',
      value: ['case', selected, SELECTED_COLOR, hovered, HOVER_COLOR, late, LATE_OUTLINE_COLOR, '#ffffff'],
    },
    {
      layer: COMMUNITY_LAYER_IDS.points,
      property: 'circle-stroke-width',
      value: ['case', selected, 3, hovered, 2, late, 2.2, ['!', inPlan], 0, 0.8],
    },
  ]
}

/** Below this zoom late communities also get a red ring around their centroid, so they stand out city-wide. */
export const LATE_HALO_MAXZOOM = 12.8

/**
 * The layers the battle map adds: a red ring around late communities at city zoom (on the centroid source,
 * one point per community), the late outline, and the pulse of a fresh report (polygons and points).
 */
export function battleExtraLayers(): LayerSpecification[] {
  const flash = flag('flash')
  return [
    {
      id: BATTLE_LAYER_IDS.lateHalo,
      type: 'circle',
      source: COMMUNITY_CENTROID_SOURCE,
      'source-layer': COMMUNITY_SOURCE_LAYER,
      filter: IS_POINT,
      maxzoom: LATE_HALO_MAXZOOM,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 8, LATE_HALO_MAXZOOM, 15],
        'circle-color': LATE_HALO_FILL,
        'circle-opacity': ['case', late, ['case', dimmed, 0.3, 1], 0],
        'circle-stroke-color': STATUS_COLORS.late,
        'circle-stroke-width': 1.6,
        'circle-stroke-opacity': ['case', late, ['case', dimmed, 0.3, 0.95], 0],
      },
    },
    {
      id: BATTLE_LAYER_IDS.lateOutline,
      type: 'line',
      source: COMMUNITY_SOURCE,
      'source-layer': COMMUNITY_SOURCE_LAYER,
      filter: IS_POLYGON,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': LATE_OUTLINE_COLOR,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, ['case', late, 2.4, 0], 14, ['case', late, 3, 0], 17, ['case', late, 4, 0]],
        'line-opacity': ['case', late, ['case', dimmed, 0.4, 1], 0],
      },
    },
    {
      id: BATTLE_LAYER_IDS.flashOutline,
      type: 'line',
      source: COMMUNITY_SOURCE,
      'source-layer': COMMUNITY_SOURCE_LAYER,
      filter: IS_POLYGON,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': FLASH_COLOR,
        'line-width': ['case', flash, 5, 0],
        'line-opacity': 1,
      },
    },
    {
      id: BATTLE_LAYER_IDS.flashPoints,
      type: 'circle',
      source: COMMUNITY_SOURCE,
      'source-layer': COMMUNITY_SOURCE_LAYER,
      filter: IS_POINT,
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': ['case', flash, 13, 0],
        'circle-stroke-color': FLASH_COLOR,
        'circle-stroke-width': ['case', flash, 3.5, 0],
        'circle-stroke-opacity': 1,
      },
    },
    {
      id: BATTLE_LAYER_IDS.flashHalo,
      type: 'circle',
      source: COMMUNITY_CENTROID_SOURCE,
      'source-layer': COMMUNITY_SOURCE_LAYER,
      filter: IS_POINT,
      maxzoom: LATE_HALO_MAXZOOM,
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, ['case', flash, 13, 0], LATE_HALO_MAXZOOM, ['case', flash, 22, 0]],
        'circle-stroke-color': FLASH_COLOR,
        'circle-stroke-width': ['case', flash, 4, 0],
        'circle-stroke-opacity': 1,
      },
    },
  ]
}

/** Sets the pulse's opacity (0–1) on both flash layers; a paint change only, no tile is touched. */
export function setFlashOpacity(map: MapLibreMap, opacity: number): void {
  if (map.getLayer(BATTLE_LAYER_IDS.flashOutline)) map.setPaintProperty(BATTLE_LAYER_IDS.flashOutline, 'line-opacity', opacity)
  for (const id of [BATTLE_LAYER_IDS.flashPoints, BATTLE_LAYER_IDS.flashHalo]) if (map.getLayer(id)) map.setPaintProperty(id, 'circle-stroke-opacity', opacity)
}

/**
 * Paints the community layers by the battle feature-state and adds the extra layers; returns the function
 * that removes them and puts the previous paint back (for when the page ends while the map lives on).
 */
export function applyBattlePaint(map: MapLibreMap, coloring: BattleColoring): () => void {
  return overridePaint(map, battlePaint(coloring))
}

/** Adds the late and pulse layers under the labels; returns their removal. */
export function addBattleLayers(map: MapLibreMap): () => void {
  if (!map.getSource(COMMUNITY_SOURCE)) return () => {}
  const before = map.getLayer(COMMUNITY_LAYER_IDS.label) ? COMMUNITY_LAYER_IDS.label : undefined
  const layers = battleExtraLayers()
  for (const layer of layers) if (!map.getLayer(layer.id)) map.addLayer(layer, before)
  return () => {
    for (const layer of layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id)
  }
}

const target = (id: number, source: string = COMMUNITY_SOURCE) => ({ source, sourceLayer: COMMUNITY_SOURCE_LAYER, id })
const BATTLE_KEYS = ['plan', 'st', 'stg', 'late', 'dim', 'sel', 'flash'] as const
/** The centroid source carries `late`, `dim` and `flash` too, for the rings at city zoom. */
const CENTROID_KEYS = new Set<string>(['late', 'dim', 'flash'])
const centroids = (map: MapLibreMap) => (map.getSource(COMMUNITY_CENTROID_SOURCE) ? COMMUNITY_CENTROID_SOURCE : null)

/**
 * Writes each row's status and stage into feature-state and clears communities of an earlier schedule that
 * this one no longer lists. Returns the ids written, for the next call and for clean-up.
 */
export function setBattleStates(map: MapLibreMap, rows: readonly ScheduleRow[], previousIds: ReadonlySet<number>): Set<number> {
  const ids = new Set<number>()
  if (!map.getSource(COMMUNITY_SOURCE)) return ids
  const centroid = centroids(map)
  for (const row of rows) {
    ids.add(row.communityId)
    const state = battleFeatureState(row)
    map.setFeatureState(target(row.communityId), state)
    if (centroid) map.setFeatureState(target(row.communityId, centroid), { late: state.late })
  }
  for (const id of previousIds) {
    if (ids.has(id)) continue
    for (const key of ['plan', 'st', 'stg', 'late'] as const) map.removeFeatureState(target(id), key)
    if (centroid) map.removeFeatureState(target(id, centroid), 'late')
  }
  return ids
}

/** Sets one boolean feature-state key on a set of communities and clears it from those of the previous call. */
export function setBattleFlag(map: MapLibreMap, key: 'dim' | 'sel' | 'flash', ids: ReadonlySet<number>, previousIds: ReadonlySet<number>): Set<number> {
  if (!map.getSource(COMMUNITY_SOURCE)) return new Set()
  const sources = [COMMUNITY_SOURCE]
  const centroid = centroids(map)
  if (centroid && CENTROID_KEYS.has(key)) sources.push(centroid)
  for (const source of sources) {
    for (const id of previousIds) if (!ids.has(id)) map.removeFeatureState(target(id, source), key)
    for (const id of ids) if (!previousIds.has(id)) map.setFeatureState(target(id, source), { [key]: true })
  }
  return new Set(ids)
}

/** Forgets everything the battle map wrote on one community (hover is left alone). */
export function clearBattleState(map: MapLibreMap, id: number): void {
  if (!map.getSource(COMMUNITY_SOURCE)) return
  for (const key of BATTLE_KEYS) map.removeFeatureState(target(id), key)
  const centroid = centroids(map)
  if (centroid) for (const key of CENTROID_KEYS) map.removeFeatureState(target(id, centroid), key)
}

/** The colour of a status or a stage (legend, tooltip, print). */
export function statusColor(status: ScheduleStatus): string {
  return STATUS_COLORS[status]
}
export function stageColor(stage: Stage): string {
  return STAGE_COLORS[stage]
}
