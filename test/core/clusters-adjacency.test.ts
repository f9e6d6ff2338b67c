import { describe, expect, it } from 'vitest'
import { buildAdjacency, type Adjacency } from '../../core/clusters/adjacency.js'
import type { Position } from '../../core/domain/geo.js'
import { generateBlockCity, pointAt, squareAt } from '../helpers/cluster-fixtures.js'

/** The slot of the link i → j, or -1. */
function slot(adj: Adjacency, i: number, j: number): number {
  for (let e = adj.offsets[i]; e < adj.offsets[i + 1]; e++) if (adj.neighbours[e] === j) return e
  return -1
}

const link = (adj: Adjacency, i: number, j: number) => {
  const e = slot(adj, i, j)
  return e < 0 ? null : { gapM: adj.gapM[e], crosses: adj.crossesBarrier[e] === 1 }
}

describe('which compounds are neighbours', () => {
  it('two squares sharing a side are neighbours with a gap of 0', () => {
    const adj = buildAdjacency([[squareAt(0, 0, 100)], [squareAt(100, 0, 100)], [squareAt(0, 300, 100)]], { gapM: 30 })
    expect(link(adj, 0, 1)).toEqual({ gapM: 0, crosses: false })
    expect(link(adj, 0, 2)).toBeNull()
    expect(adj.count).toBe(3)
  })

  it('squares 25 m apart are neighbours at a 30 m gap and not at 20 m', () => {
    const polygons = [[squareAt(0, 0, 100)], [squareAt(125, 40, 100)]]
    const at30 = buildAdjacency(polygons, { gapM: 30 })
    expect(link(at30, 0, 1)!.gapM).toBeCloseTo(25, 1)
    expect(buildAdjacency(polygons, { gapM: 20 }).neighbours.length).toBe(0)
  })

  it('squares at a corner are as far apart as their corners', () => {
    const adj = buildAdjacency([[squareAt(0, 0, 100)], [squareAt(112, 109, 100)]], { gapM: 30 })
    expect(link(adj, 0, 1)!.gapM).toBeCloseTo(Math.hypot(12, 9), 1)
  })

  it('a compound inside another (or overlapping it) is a neighbour with a gap of 0', () => {
    const adj = buildAdjacency([[squareAt(0, 0, 300)], [squareAt(100, 100, 50)], [squareAt(280, 280, 100)]], { gapM: 5 })
    expect(link(adj, 0, 1)).toEqual({ gapM: 0, crosses: false })
    expect(link(adj, 0, 2)).toEqual({ gapM: 0, crosses: false })
    expect(link(adj, 1, 2)).toBeNull()
  })

  it('a community of several parts is as near as its nearest part, also when that part lies inside the other', () => {
    const adj = buildAdjacency([[squareAt(0, 0, 100), squareAt(500, 0, 100)], [squareAt(610, 0, 100)], [squareAt(-1000, 0, 100), squareAt(640, 40, 20)]], { gapM: 30 })
    expect(link(adj, 0, 1)!.gapM).toBeCloseTo(10, 1)
    expect(link(adj, 1, 2)).toEqual({ gapM: 0, crosses: false })
    expect(link(adj, 0, 2)).toBeNull()
  })

  it('a major road between two squares marks the link as crossing a barrier; a road elsewhere does not', () => {
    const polygons = [[squareAt(0, 0, 100)], [squareAt(125, 0, 100)], [squareAt(0, 125, 100)]]
    const road: Position[] = [pointAt(112.5, -100), pointAt(112.5, 400)]
    const adj = buildAdjacency(polygons, { gapM: 30, barriers: { lines: [road], polygons: [] } })
    expect(link(adj, 0, 1)).toMatchObject({ crosses: true })
    expect(link(adj, 1, 0)).toMatchObject({ crosses: true })
    expect(link(adj, 0, 2)).toMatchObject({ crosses: false })
    const far = buildAdjacency(polygons, { gapM: 30, barriers: { lines: [[pointAt(112.5, 300), pointAt(112.5, 900)]], polygons: [] } })
    expect(link(far, 0, 1)).toMatchObject({ crosses: false })
  })

  it('water between two squares marks the link as crossing, also when the link lies wholly in the water', () => {
    const polygons = [[squareAt(0, 0, 100)], [squareAt(125, 0, 100)], [squareAt(0, 125, 100)]]
    const band = (x0: number, x1: number): Position[][] => [[pointAt(x0, -200), pointAt(x1, -200), pointAt(x1, 500), pointAt(x0, 500), pointAt(x0, -200)]]
    const narrow = buildAdjacency(polygons, { gapM: 30, barriers: { lines: [], polygons: [band(105, 120)] } })
    expect(link(narrow, 0, 1)).toMatchObject({ crosses: true })
    expect(link(narrow, 0, 2)).toMatchObject({ crosses: false })
    // The water reaches into both compounds: the link meets no shore.
    const wide = buildAdjacency(polygons, { gapM: 30, barriers: { lines: [], polygons: [band(90, 135)] } })
    expect(link(wide, 0, 1)).toMatchObject({ crosses: true })
    // An island (a hole in the water) under the link is land.
    const withIsland = [...band(90, 135), [pointAt(95, -50), pointAt(130, -50), pointAt(130, 150), pointAt(95, 150), pointAt(95, -50)]]
    const island = buildAdjacency(polygons, { gapM: 30, barriers: { lines: [], polygons: [withIsland] } })
    expect(link(island, 0, 1)).toMatchObject({ crosses: false })
  })

  it('touching compounds never cross a barrier, even with a road drawn along their shared side', () => {
    const adj = buildAdjacency([[squareAt(0, 0, 100)], [squareAt(100, 0, 100)]], { gapM: 30, barriers: { lines: [[pointAt(100, -50), pointAt(100, 150)]], polygons: [] } })
    expect(link(adj, 0, 1)).toEqual({ gapM: 0, crosses: false })
  })

  it('rejects a negative gap', () => {
    expect(() => buildAdjacency([], { gapM: -1 })).toThrow(RangeError)
  })
})

describe('adjacency of a generated city', () => {
  const city = generateBlockCity({ communities: 400, seed: 11, riverCrossings: 0 })
  const polygons = city.communities.map((c) => c.rings)
  const adj = buildAdjacency(polygons, { gapM: 30, barriers: city.barriers })

  it('lists every pair both ways, neighbours ascending, with the same gap and crossing each way', () => {
    expect(adj.offsets[adj.count]).toBe(adj.neighbours.length)
    expect(adj.neighbours.length).toBeGreaterThan(adj.count)
    for (let i = 0; i < adj.count; i++) {
      for (let e = adj.offsets[i]; e < adj.offsets[i + 1]; e++) {
        const j = adj.neighbours[e]
        expect(j).not.toBe(i)
        if (e > adj.offsets[i]) expect(j).toBeGreaterThan(adj.neighbours[e - 1])
        const back = slot(adj, j, i)
        expect(back).toBeGreaterThanOrEqual(0)
        expect(adj.gapM[back]).toBe(adj.gapM[e])
        expect(adj.crossesBarrier[back]).toBe(adj.crossesBarrier[e])
      }
    }
  })

  it('the grid index finds the same neighbours and gaps as checking every pair', () => {
    const ref = allPairs(polygons, 30)
    const ours: string[] = []
    for (let i = 0; i < adj.count; i++) for (let e = adj.offsets[i]; e < adj.offsets[i + 1]; e++) if (adj.neighbours[e] > i) ours.push(`${i}-${adj.neighbours[e]}`)
    expect(ours.sort()).toEqual([...ref.keys()].sort())
    for (const [key, gap] of ref) {
      const [i, j] = key.split('-').map(Number)
      expect(adj.gapM[slot(adj, i, j)]).toBeCloseTo(gap, 6)
    }
  })

  it('links across a major road or the river are exactly the ones marked as crossing', () => {
    // Independent of the geometry: from the lattice, is there a major road or the river between the two blocks?
    const barrierBetween = (a: [number, number], b: [number, number]) => {
      for (let i = Math.min(a[0], b[0]); i < Math.max(a[0], b[0]); i++) if (city.majorX[i]) return true
      for (let j = Math.min(a[1], b[1]); j < Math.max(a[1], b[1]); j++) if (city.majorY[j] || j === city.riverRow) return true
      return false
    }
    let crossing = 0
    for (let i = 0; i < adj.count; i++) {
      for (let e = adj.offsets[i]; e < adj.offsets[i + 1]; e++) {
        const j = adj.neighbours[e]
        const expected = barrierBetween(city.communities[i].block, city.communities[j].block)
        expect({ i, j, crosses: adj.crossesBarrier[e] === 1 }).toEqual({ i, j, crosses: expected })
        if (expected) crossing++
      }
    }
    expect(crossing).toBeGreaterThan(10)
  })

  it('the river is crossed only at its culverts', () => {
    const withCulverts = generateBlockCity({ communities: 400, seed: 11, riverCrossings: 2 })
    const a = buildAdjacency(
      withCulverts.communities.map((c) => c.rings),
      { gapM: 30, barriers: withCulverts.barriers },
    )
    const culverts = [Math.floor(withCulverts.columns / 3), Math.floor((2 * withCulverts.columns) / 3)]
    let open = 0
    for (let i = 0; i < a.count; i++) {
      for (let e = a.offsets[i]; e < a.offsets[i + 1]; e++) {
        const [bi, bj] = withCulverts.communities[i].block
        const [ci, cj] = withCulverts.communities[a.neighbours[e]].block
        const acrossRiver = Math.min(bj, cj) === withCulverts.riverRow && Math.max(bj, cj) === withCulverts.riverRow + 1
        if (!acrossRiver || a.crossesBarrier[e]) continue
        open++
        expect(culverts.some((c) => Math.abs(bi - c) <= 1 && Math.abs(ci - c) <= 1)).toBe(true)
      }
    }
    expect(open).toBeGreaterThan(0)
  })
})

// ---- an independent all-pairs reference: its own projection and plain segment distances ----

function allPairs(polygons: Position[][][], gapM: number): Map<string, number> {
  const all = polygons.flat(2)
  const lon0 = (Math.min(...all.map((p) => p[0])) + Math.max(...all.map((p) => p[0]))) / 2
  const lat0 = (Math.min(...all.map((p) => p[1])) + Math.max(...all.map((p) => p[1]))) / 2
  const mLat = (6_371_008.8 * Math.PI) / 180
  const mLon = mLat * Math.cos((lat0 * Math.PI) / 180)
  const segs = polygons.map((rings) =>
    rings.flatMap((ring) => ring.slice(1).map((q, k) => [(ring[k][0] - lon0) * mLon, (ring[k][1] - lat0) * mLat, (q[0] - lon0) * mLon, (q[1] - lat0) * mLat])),
  )
  const out = new Map<string, number>()
  for (let i = 0; i < polygons.length; i++) {
    for (let j = i + 1; j < polygons.length; j++) {
      let best = Infinity
      for (const s of segs[i]) for (const t of segs[j]) best = Math.min(best, segDist(s, t))
      if (best < 1e-3) best = 0
      if (best <= gapM) out.set(`${i}-${j}`, best)
    }
  }
  return out
}

function segDist(s: number[], t: number[]): number {
  const cross = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
  const d1 = cross(t[0], t[1], t[2], t[3], s[0], s[1])
  const d2 = cross(t[0], t[1], t[2], t[3], s[2], s[3])
  const d3 = cross(s[0], s[1], s[2], s[3], t[0], t[1])
  const d4 = cross(s[0], s[1], s[2], s[3], t[2], t[3])
  if (d1 * d2 < 0 && d3 * d4 < 0) return 0
  const pt = (px: number, py: number, ax: number, ay: number, bx: number, by: number) => {
    const l2 = (bx - ax) ** 2 + (by - ay) ** 2
    const u = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / l2))
    return Math.hypot(px - (ax + u * (bx - ax)), py - (ay + u * (by - ay)))
  }
  return Math.min(pt(s[0], s[1], t[0], t[1], t[2], t[3]), pt(s[2], s[3], t[0], t[1], t[2], t[3]), pt(t[0], t[1], s[0], s[1], s[2], s[3]), pt(t[2], t[3], s[0], s[1], s[2], s[3]))
}
