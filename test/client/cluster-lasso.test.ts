import { describe, expect, it } from 'vitest'
import { booleanPointInPolygon } from '@turf/turf'
import type { Polygon, Position } from '../../core/domain/geo.js'
import {
  appendLassoPoint,
  combineSelection,
  communityLabelPoint,
  isLassoGesture,
  lassoRing,
  selectInLasso,
  toggleInSelection,
  type ScreenPoint,
} from '../../client/features/clusters/lasso.js'

const square = (x: number, y: number, size = 0.001): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
]

describe('drawing a lasso', () => {
  it('keeps a pointer position only once it is a few pixels from the last one', () => {
    let path: readonly ScreenPoint[] = [[10, 10]]
    path = appendLassoPoint(path, [11, 11])
    expect(path).toHaveLength(1)
    path = appendLassoPoint(path, [14, 10])
    expect(path).toEqual([
      [10, 10],
      [14, 10],
    ])
  })

  it('returns the same array when the position was dropped, so React sees no change', () => {
    const path: readonly ScreenPoint[] = [[0, 0]]
    expect(appendLassoPoint(path, [1, 1])).toBe(path)
  })

  it('a click or a tiny wiggle is not a lasso', () => {
    expect(isLassoGesture([[5, 5]])).toBe(false)
    expect(isLassoGesture([[5, 5], [6, 6], [7, 5]])).toBe(false)
    expect(isLassoGesture([[5, 5], [40, 5], [40, 40]])).toBe(true)
  })

  it('closes the drawn path into a ring and drops repeated positions', () => {
    const ring = lassoRing([
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ])
    expect(ring).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ])
  })

  it('is not a ring with fewer than three distinct positions', () => {
    expect(lassoRing([[0, 0], [1, 1], [1, 1], [0, 0]])).toBeNull()
  })
})

describe('selecting communities with a lasso', () => {
  const candidates = [
    { id: 1, point: [0.5, 0.5] as Position },
    { id: 2, point: [1.5, 0.5] as Position },
    { id: 3, point: [1.5, 1.5] as Position },
    { id: 4, point: [5, 5] as Position },
  ]

  it('selects the communities whose point lies inside', () => {
    const ring = lassoRing([
      [0, 0],
      [2, 0],
      [2, 1],
      [0, 1],
    ])!
    expect(selectInLasso(ring, candidates)).toEqual([1, 2])
  })

  it('follows a concave outline: an L-shaped lasso leaves out the corner it goes around', () => {
    // An L covering (0..2, 0..1) and (1..2, 1..2) but not (0..1, 1..2).
    const ring = lassoRing([
      [0, 0],
      [2, 0],
      [2, 2],
      [1, 2],
      [1, 1],
      [0, 1],
    ])!
    expect(selectInLasso(ring, [...candidates, { id: 5, point: [0.5, 1.5] }])).toEqual([1, 2, 3])
  })

  it('selects nothing without a ring', () => {
    expect(selectInLasso([], candidates)).toEqual([])
  })

  it('adds to, takes from or replaces the selection without changing the one given', () => {
    const current = new Set([1, 9])
    expect([...combineSelection(current, [2, 3], 'add')].sort()).toEqual([1, 2, 3, 9])
    expect([...combineSelection(current, [9], 'remove')]).toEqual([1])
    expect([...combineSelection(current, [4], 'replace')]).toEqual([4])
    expect([...current]).toEqual([1, 9])
  })

  it('a click toggles one community in or out of the selection', () => {
    expect([...toggleInSelection(new Set([1]), 2)].sort()).toEqual([1, 2])
    expect([...toggleInSelection(new Set([1, 2]), 2)]).toEqual([1])
  })
})

describe('the point that stands for a community', () => {
  it('is the centroid of a plain square', () => {
    const p = communityLabelPoint({ type: 'Polygon', coordinates: [square(117, 31, 0.002)] })
    expect(p[0]).toBeCloseTo(117.001, 6)
    expect(p[1]).toBeCloseTo(31.001, 6)
  })

  it('lies inside a C-shaped compound whose centroid falls in the courtyard', () => {
    const c: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 1],
          [1, 1],
          [1, 2],
          [3, 2],
          [3, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    }
    const p = communityLabelPoint(c)
    expect(booleanPointInPolygon(p, c)).toBe(true)
  })
})
