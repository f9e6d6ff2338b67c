import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl'
import type { CoverageRow } from '../../core/contracts/coverage.js'
import { overridePaint, type PaintOverride } from '../map/paint-override.js'
import { COMMUNITY_LAYER_IDS, COMMUNITY_SOURCE, COMMUNITY_SOURCE_LAYER } from './community-layers.js'
import { coverageColorExpression, coverageFeatureState, type CoverageColoring } from './coverage-colors.js'

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false]
const focused: ExpressionSpecification = ['boolean', ['feature-state', 'focus'], false]

/** The paint properties the coverage mode takes over on the community layers, with their coverage values. */
export function coveragePaint(coloring: CoverageColoring): PaintOverride[] {
  const color = coverageColorExpression(coloring)
  return [
    { layer: COMMUNITY_LAYER_IDS.fill, property: 'fill-color', value: color },
    {
      layer: COMMUNITY_LAYER_IDS.fill,
      property: 'fill-opacity',
      value: ['interpolate', ['linear'], ['zoom'], 10, ['case', hovered, 0.95, 0.82], 15, ['case', hovered, 0.85, 0.65]],
    },
    { layer: COMMUNITY_LAYER_IDS.outline, property: 'line-color', value: ['case', hovered, '#14304f', focused, '#0b1f33', color] },
    {
      layer: COMMUNITY_LAYER_IDS.outline,
      property: 'line-width',
      value: ['interpolate', ['linear'], ['zoom'], 10, ['case', hovered, 2, focused, 2.5, 0.5], 14, ['case', hovered, 2.5, focused, 3, 1.2], 17, ['case', hovered, 3, focused, 3.5, 2]],
    },
    { layer: COMMUNITY_LAYER_IDS.points, property: 'circle-color', value: color },
    { layer: COMMUNITY_LAYER_IDS.points, property: 'circle-stroke-color', value: ['case', hovered, '#14304f', focused, '#0b1f33', '#ffffff'] },
  ]
}

/**
 * Paints the community layers by coverage (read from feature-state) and returns a function that puts the
 * stage colours back, for when the coverage mode ends while the map lives on.
 */
export function applyCoveragePaint(map: MapLibreMap, coloring: CoverageColoring): () => void {
  return overridePaint(map, coveragePaint(coloring))
}

const target = (id: number) => ({ source: COMMUNITY_SOURCE, sourceLayer: COMMUNITY_SOURCE_LAYER, id })

/**
 * Writes each community's coverage into feature-state, and clears it from communities of an earlier result
 * that this one no longer lists. Returns the ids written, for the next call and for clean-up.
 */
export function setCoverageStates(map: MapLibreMap, rows: readonly CoverageRow[], previousIds: ReadonlySet<number>): Set<number> {
  const ids = new Set<number>()
  if (!map.getSource(COMMUNITY_SOURCE)) return ids
  for (const row of rows) {
    ids.add(row.communityId)
    map.setFeatureState(target(row.communityId), coverageFeatureState(row))
  }
  for (const id of previousIds) if (!ids.has(id)) clearCoverageState(map, id)
  return ids
}

/** Forgets one community's coverage (hover and focus states are left alone). */
export function clearCoverageState(map: MapLibreMap, id: number): void {
  if (!map.getSource(COMMUNITY_SOURCE)) return
  map.removeFeatureState(target(id), 'cov')
  map.removeFeatureState(target(id), 'min')
}

/** Marks (or unmarks) the community the user asked to see, for its outline. */
export function setFocusState(map: MapLibreMap, id: number, focus: boolean): void {
  if (!map.getSource(COMMUNITY_SOURCE)) return
  map.setFeatureState(target(id), { focus })
}
