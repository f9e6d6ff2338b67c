import type { ExpressionSpecification } from 'maplibre-gl'
import type { CoverageRow } from '../../core/contracts/coverage.js'
import { hexToRgba } from './stage-color-expression.js'

/** How communities are coloured in the coverage mode: served or not, or by the walk to the nearest facility. */
export type CoverageColoring = 'covered' | 'minutes'

export const COVERAGE_COLORS = {
  covered: '#2f9e63',
  uncovered: '#d94b45',
  /** Communities the result does not mention (or before it arrives). */
  noData: '#bdbab2',
} as const

/** Walking-time classes, upper bounds inclusive (a 5.0-minute walk is inside the 5-minute circle). */
export const MINUTE_CLASSES = [
  { id: 'le5', maxMinutes: 5, color: '#1a7f4b' },
  { id: 'le10', maxMinutes: 10, color: '#7cc26a' },
  { id: 'le15', maxMinutes: 15, color: '#f2cf4a' },
  { id: 'gt15', maxMinutes: Number.POSITIVE_INFINITY, color: '#ec8a3c' },
] as const
export type MinuteClassId = (typeof MINUTE_CLASSES)[number]['id'] | 'unreachable'
/** No facility of the type can be reached on foot (another part of the network, or none at all). */
export const UNREACHABLE_COLOR = '#b7312c'

/** The walking-time class of a walk in minutes; null minutes = unreachable. */
export function minuteClassOf(minutes: number | null): MinuteClassId {
  if (minutes === null || !Number.isFinite(minutes)) return 'unreachable'
  return (MINUTE_CLASSES.find((c) => minutes <= c.maxMinutes) ?? MINUTE_CLASSES[MINUTE_CLASSES.length - 1]).id
}

/** The colour of a walk in minutes (the same scale as the map). */
export function minutesColor(minutes: number | null): string {
  const id = minuteClassOf(minutes)
  return id === 'unreachable' ? UNREACHABLE_COLOR : MINUTE_CLASSES.find((c) => c.id === id)!.color
}

/** The colour of one community under a colouring. */
export function coverageRowColor(row: Pick<CoverageRow, 'covered' | 'minutes'> | undefined, coloring: CoverageColoring): string {
  if (!row) return COVERAGE_COLORS.noData
  if (coloring === 'minutes') return minutesColor(row.minutes)
  return row.covered ? COVERAGE_COLORS.covered : COVERAGE_COLORS.uncovered
}

/**
 * The feature-state a community gets from a coverage row: `cov` 1/0, `min` the walking minutes or -1 when
 * nothing is reachable. MapLibre keeps it across tile reloads, so it is set once per result.
 */
export type CoverageFeatureState = {
  cov: 0 | 1
  min: number
}
export function coverageFeatureState(row: Pick<CoverageRow, 'covered' | 'minutes'>): CoverageFeatureState {
  return { cov: row.covered ? 1 : 0, min: row.minutes === null || !Number.isFinite(row.minutes) ? -1 : row.minutes }
}

const hasState: ExpressionSpecification = ['==', ['typeof', ['feature-state', 'cov']], 'number']

/**
 * A MapLibre colour expression on the coverage feature-state: covered green / not covered red, or the
 * walking-time scale (0–5–10–15–>15 min, unreachable dark red); grey where there is no result.
 */
export function coverageColorExpression(coloring: CoverageColoring): ExpressionSpecification {
  if (coloring === 'covered') {
    return ['case', ['!', hasState], COVERAGE_COLORS.noData, ['==', ['feature-state', 'cov'], 1], COVERAGE_COLORS.covered, COVERAGE_COLORS.uncovered]
  }
  const min: ExpressionSpecification = ['to-number', ['feature-state', 'min'], -1]
  const classes = MINUTE_CLASSES.filter((c) => Number.isFinite(c.maxMinutes)).flatMap((c) => [['<=', min, c.maxMinutes], c.color])
  return [
    'case',
    ['!', hasState],
    COVERAGE_COLORS.noData,
    ['<', min, 0],
    UNREACHABLE_COLOR,
    ...classes,
    MINUTE_CLASSES[MINUTE_CLASSES.length - 1].color,
  ] as unknown as ExpressionSpecification
}

export type Rgba = [number, number, number, number]

/** Isochrone band colours, 5 minutes darkest; fills are translucent because the cumulative bands stack. */
const BAND_COLORS: Record<number, string> = { 5: '#1f4e9a', 10: '#3f7fd0', 15: '#83b1e8' }
const BAND_FALLBACK = '#6f8fb5'

export interface BandStyle {
  fill: Rgba
  line: Rgba
  lineWidthPx: number
}

/**
 * How an isochrone band is drawn: a light wash (stacked, the 5-minute core reads darkest) and a thin
 * outline, the band of the current threshold outlined more strongly; `dimmed` (while one facility's own
 * catchment is shown) leaves faint outlines only.
 */
export function bandStyle(minutes: number, thresholdMinutes: number | null, dimmed = false): BandStyle {
  const hex = BAND_COLORS[minutes] ?? BAND_FALLBACK
  const isThreshold = thresholdMinutes !== null && minutes === thresholdMinutes
  if (dimmed) return { fill: hexToRgba(hex, 0), line: hexToRgba(hex, 70), lineWidthPx: 0.8 }
  return {
    fill: hexToRgba(hex, 24),
    line: hexToRgba(hex, isThreshold ? 210 : 110),
    lineWidthPx: isThreshold ? 1.6 : 0.8,
  }
}

/** The swatch colour of a band in the legend (the fill as it looks where bands overlap). */
export function bandLegendColor(minutes: number): string {
  return BAND_COLORS[minutes] ?? BAND_FALLBACK
}
