import { describe, expect, it } from 'vitest'
import { projectDistricts } from '../../client/features/dashboard/district-outline.js'
import { focusCycle, focusId, stepFocus } from '../../client/features/dashboard/focus-cycle.js'
import { fitStage } from '../../client/features/dashboard/screen-fit.js'

describe('the large screen cycles through districts', () => {
  const cycle = focusCycle([{ id: 5 }, { id: 2 }, { id: 9 }, { id: 2 }])

  it('shows the whole city first, then each district once by id', () => {
    expect(cycle).toEqual(['city', 2, 5, 9])
  })

  it('steps forward and back, wrapping at both ends', () => {
    expect(stepFocus(cycle, 'city', 1)).toBe(2)
    expect(stepFocus(cycle, 9, 1)).toBe('city')
    expect(stepFocus(cycle, 'city', -1)).toBe(9)
    expect(stepFocus(cycle, 5, -2)).toBe('city')
  })

  it('restarts at the city when the focused district is gone', () => {
    expect(stepFocus(cycle, 42, 1)).toBe('city')
    expect(stepFocus([], 3, 1)).toBe('city')
  })

  it('names the focus for data-focus', () => {
    expect(focusId('city')).toBe('city')
    expect(focusId(7)).toBe('7')
  })
})

describe('the 1920×1080 stage fits any window', () => {
  it('is drawn at its own size on a 1920×1080 display', () => {
    expect(fitStage(1920, 1080)).toEqual({ scaleX: 1, scaleY: 1, left: 0, top: 0 })
  })

  it('fills a 16:9 display of another size edge to edge', () => {
    expect(fitStage(3840, 2160)).toEqual({ scaleX: 2, scaleY: 2, left: 0, top: 0 })
    const f = fitStage(1366, 768)
    expect(f.left).toBe(0)
    expect(f.top).toBe(0)
    expect(f.scaleX * 1920).toBeCloseTo(1366)
    expect(f.scaleY * 1080).toBeCloseTo(768)
  })

  it('scales uniformly and centres on a window far from 16:9, so text is not squashed', () => {
    const f = fitStage(1280, 1024)
    expect(f.scaleX).toBe(f.scaleY)
    expect(f.scaleX).toBeCloseTo(1280 / 1920)
    expect(f.left).toBe(0)
    expect(f.top).toBeCloseTo((1024 - 1080 * (1280 / 1920)) / 2)
  })
})

describe('the district sketch map', () => {
  const square = (id: number, x0: number, y0: number, d: number) => ({
    id,
    name: `D${id}`,
    geometry: { type: 'Polygon' as const, coordinates: [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]] },
  })

  it('fits the districts into the box with north up and labels at their centres', () => {
    const [west, east] = projectDistricts([square(1, 117, 31.8, 0.1), square(2, 117.1, 31.8, 0.1)], 400, 200, 0)
    expect(west.d.startsWith('M')).toBe(true)
    expect(west.d.endsWith('Z')).toBe(true)
    expect(west.labelX).toBeLessThan(east.labelX)
    expect(west.labelY).toBeCloseTo(east.labelY)
    // The northern edge (larger latitude) is at the top of the box.
    const ys = [...west.d.matchAll(/,(-?[\d.]+)/g)].map((m) => Number(m[1]))
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...ys)).toBeLessThanOrEqual(200)
  })

  it('keeps the aspect: a square district stays roughly square after shrinking longitudes', () => {
    const [only] = projectDistricts([square(1, 117, 31.8, 0.1)], 300, 300, 0)
    const nums = [...only.d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])])
    const w = Math.max(...nums.map((p) => p[0])) - Math.min(...nums.map((p) => p[0]))
    const h = Math.max(...nums.map((p) => p[1])) - Math.min(...nums.map((p) => p[1]))
    expect(w / h).toBeCloseTo(Math.cos((31.85 * Math.PI) / 180), 2)
  })

  it('draws nothing without districts', () => {
    expect(projectDistricts([], 300, 300)).toEqual([])
  })
})
