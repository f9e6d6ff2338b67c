import { describe, expect, it } from 'vitest'
import { expression, latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import type { ScheduleRow } from '../../core/contracts/schedule.js'
import { STAGE_COLORS } from '../../core/domain/stages.js'
import {
  LATE_OUTLINE_COLOR,
  OUT_OF_PLAN_COLOR,
  battleColorExpression,
  battleExtraLayers,
  battleFeatureState,
  battlePaint,
  type BattleColoring,
} from '../../client/layers/battle-paint.js'
import { STATUS_COLORS } from '../../client/layers/schedule-colors.js'
import { buildMapStyle } from '../../client/map/basemap-style.js'

function row(over: Partial<ScheduleRow>): ScheduleRow {
  return {
    communityId: 1,
    stage: 'construction',
    progressPct: 40,
    status: 'on_track',
    daysLate: 0,
    reportDate: '2026-06-01',
    deadlineStage: 'construction',
    deadline: '2026-08-01',
    expectedPct: 30,
    completedOn: null,
    overallPct: 60,
    started: true,
    completed: false,
    ...over,
  }
}

/** Evaluates a paint value of one layer type for a polygon with this feature-state. */
function evaluate(value: unknown, spec: unknown, state: Record<string, unknown>, zoom = 12): unknown {
  const e = expression.createExpression(value, spec as never)
  if (e.result !== 'success') throw new Error(`invalid expression: ${JSON.stringify(e.value)}`)
  return e.value.evaluate({ zoom } as never, { type: 'Polygon', properties: {} } as never, state as never)
}
const colorOf = (coloring: BattleColoring, state: Record<string, unknown>) =>
  String(evaluate(battleColorExpression(coloring), latest.paint_fill['fill-color'], state))

describe('battle map colours', () => {
  it('a late community turns red on the battle map, and gets the thick late outline', () => {
    const state = battleFeatureState(row({ status: 'late', daysLate: 12 }))
    expect(colorOf('status', state)).toBe(STATUS_COLORS.late)
    const outline = battleExtraLayers().find((l) => l.id === 'battle-late-outline') as { paint: Record<string, unknown> }
    expect(evaluate(outline.paint['line-width'], latest.paint_line['line-width'], state, 12)).toBeGreaterThanOrEqual(2)
    expect(evaluate(outline.paint['line-width'], latest.paint_line['line-width'], battleFeatureState(row({})), 12)).toBe(0)
    expect(outline.paint['line-color']).toBe(LATE_OUTLINE_COLOR)
  })

  it('colours every status and, when asked, the stage as of the shown date', () => {
    for (const status of ['not_started', 'on_track', 'at_risk', 'done'] as const) {
      expect(colorOf('status', battleFeatureState(row({ status })))).toBe(STATUS_COLORS[status])
    }
    expect(colorOf('stage', battleFeatureState(row({ stage: 'design' })))).toBe(STAGE_COLORS.design)
    expect(colorOf('stage', battleFeatureState(row({ stage: 'handover', status: 'done' })))).toBe(STAGE_COLORS.handover)
  })

  it('draws communities outside the programme faint grey in both colourings', () => {
    expect(colorOf('status', {})).toBe(OUT_OF_PLAN_COLOR)
    expect(colorOf('stage', { hover: true })).toBe(OUT_OF_PLAN_COLOR)
    const opacity = battlePaint('status').find((p) => p.property === 'fill-opacity')!.value
    const spec = latest.paint_fill['fill-opacity']
    expect(evaluate(opacity, spec, {})).toBeLessThan(0.3)
    expect(evaluate(opacity, spec, battleFeatureState(row({})))).toBeGreaterThan(0.6)
    expect(evaluate(opacity, spec, { ...battleFeatureState(row({})), dim: true })).toBeLessThan(0.3)
  })

  it('are valid MapLibre paint and layers over the app’s own style', () => {
    const base = buildMapStyle({ basemap: null } as never, 'http://localhost:3000')
    for (const coloring of ['status', 'stage'] as const) {
      const paint = battlePaint(coloring)
      const layers = base.layers.map((l) => {
        const extra = paint.filter((p) => p.layer === l.id)
        return extra.length ? { ...l, paint: { ...(l as { paint?: object }).paint, ...Object.fromEntries(extra.map((p) => [p.property, p.value])) } } : l
      })
      expect(paint.every((p) => base.layers.some((l) => l.id === p.layer))).toBe(true)
      expect(validateStyleMin({ ...base, layers: [...layers, ...battleExtraLayers()] } as never)).toEqual([])
    }
  })
})
