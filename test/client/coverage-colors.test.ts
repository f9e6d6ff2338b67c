import { expression, latest } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, it } from 'vitest'
import {
  COVERAGE_COLORS,
  MINUTE_CLASSES,
  UNREACHABLE_COLOR,
  bandStyle,
  coverageColorExpression,
  coverageFeatureState,
  coverageRowColor,
  minuteClassOf,
  type CoverageColoring,
} from '../../client/layers/coverage-colors.js'
import { coveragePaint } from '../../client/layers/coverage-community-paint.js'
import { COMMUNITY_LAYER_IDS } from '../../client/layers/community-layers.js'

/** The colour MapLibre paints for a feature-state, as '#rrggbb'. */
function painted(coloring: CoverageColoring, state: Record<string, unknown>): string {
  const parsed = expression.createExpression(coverageColorExpression(coloring), 'paint', latest.paint_fill['fill-color'] as never)
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value))
  const c = parsed.value.evaluate({ zoom: 12 }, { type: 3, properties: {} } as never, state as never) as { r: number; g: number; b: number }
  const hex = (v: number) => Math.round(v * 255).toString(16).padStart(2, '0')
  return `#${hex(c.r)}${hex(c.g)}${hex(c.b)}`
}

const served = coverageFeatureState({ covered: true, minutes: 6.5 })
const notServed = coverageFeatureState({ covered: false, minutes: 17 })
const unreachable = coverageFeatureState({ covered: false, minutes: null })

describe('community colours by coverage', () => {
  it('paints served communities green, the others red, and those without a result grey', () => {
    expect(painted('covered', served)).toBe(COVERAGE_COLORS.covered)
    expect(painted('covered', notServed)).toBe(COVERAGE_COLORS.uncovered)
    expect(painted('covered', unreachable)).toBe(COVERAGE_COLORS.uncovered)
    expect(painted('covered', {})).toBe(COVERAGE_COLORS.noData)
    expect(painted('covered', { hover: true })).toBe(COVERAGE_COLORS.noData)
  })

  it('paints walking minutes on a 0–5–10–15–>15 scale, the bounds inside the shorter class', () => {
    const at = (minutes: number) => painted('minutes', coverageFeatureState({ covered: true, minutes }))
    expect(at(0)).toBe(MINUTE_CLASSES[0].color)
    expect(at(5)).toBe(MINUTE_CLASSES[0].color)
    expect(at(5.01)).toBe(MINUTE_CLASSES[1].color)
    expect(at(10)).toBe(MINUTE_CLASSES[1].color)
    expect(at(14.9)).toBe(MINUTE_CLASSES[2].color)
    expect(at(15.2)).toBe(MINUTE_CLASSES[3].color)
    expect(at(48)).toBe(MINUTE_CLASSES[3].color)
    expect(painted('minutes', unreachable)).toBe(UNREACHABLE_COLOR)
    expect(painted('minutes', {})).toBe(COVERAGE_COLORS.noData)
  })

  it('gives the table and tooltips the same colours as the map', () => {
    for (const m of [0, 3, 5, 7, 10, 12, 15, 20]) {
      expect(coverageRowColor({ covered: true, minutes: m }, 'minutes')).toBe(painted('minutes', coverageFeatureState({ covered: true, minutes: m })))
    }
    expect(coverageRowColor({ covered: false, minutes: null }, 'minutes')).toBe(UNREACHABLE_COLOR)
    expect(coverageRowColor(undefined, 'covered')).toBe(COVERAGE_COLORS.noData)
    expect(minuteClassOf(null)).toBe('unreachable')
  })

  it('takes over fill, outline and points of the community layers with valid paint values', () => {
    for (const coloring of ['covered', 'minutes'] as const) {
      const paint = coveragePaint(coloring)
      expect(new Set(paint.map((p) => p.layer))).toEqual(new Set([COMMUNITY_LAYER_IDS.fill, COMMUNITY_LAYER_IDS.outline, COMMUNITY_LAYER_IDS.points]))
      for (const { layer, property, value } of paint) {
        const kind = layer === COMMUNITY_LAYER_IDS.fill ? 'paint_fill' : layer === COMMUNITY_LAYER_IDS.outline ? 'paint_line' : 'paint_circle'
        const spec = (latest as unknown as Record<string, Record<string, unknown>>)[kind][property]
        expect(spec, `${layer} ${property}`).toBeDefined()
        const parsed = expression.createExpression(value, 'paint', spec as never)
        expect(parsed.result, `${layer} ${property}: ${JSON.stringify(parsed.value)}`).toBe('success')
      }
    }
  })
})

describe('isochrone band styles', () => {
  it('draws the 5-minute band darkest and the threshold band with the strongest outline', () => {
    const [five, ten, fifteen] = [5, 10, 15].map((m) => bandStyle(m, 10))
    const lightness = (c: number[]) => c[0] + c[1] + c[2]
    expect(lightness(five.line)).toBeLessThan(lightness(ten.line))
    expect(lightness(ten.line)).toBeLessThan(lightness(fifteen.line))
    expect(ten.lineWidthPx).toBeGreaterThan(five.lineWidthPx)
    expect(ten.line[3]).toBeGreaterThan(fifteen.line[3])
    // Translucent: the stacked cumulative bands must not hide the community colours.
    for (const s of [five, ten, fifteen]) expect(s.fill[3]).toBeLessThan(64)
  })
})
