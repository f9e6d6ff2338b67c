import { describe, expect, it } from 'vitest'
import type { MultiPolygon, Position } from '../../core/domain/geo.js'
import { computeIsochroneBands, computeStraightLineBands, type IsochroneBarriers, type IsochroneCollection } from '../../core/coverage/isochrones.js'
import {
  areaM2,
  at,
  distancesFrom,
  eastWestLine,
  insideMultiPolygon,
  metresOf,
  networkFromLines,
  nodeAt,
  rectangle,
  signedRingArea,
} from './isochrone-fixtures.js'

// 1 m/s makes minutes easy to check by hand: 5, 10 and 15 minutes are 300, 600 and 900 m.
const SPEED = 1
const BANDS = [5, 10, 15]
const CELL = 10

function band(fc: IsochroneCollection, minutes: number): MultiPolygon {
  const f = fc.features.find((x) => x.properties.minutes === minutes)
  if (!f) throw new Error(`no ${minutes}-minute band`)
  return f.geometry
}

/** The smallest band containing the point (local metres), or null when it is in none. */
function bandAt(fc: IsochroneCollection, x: number, y: number): number | null {
  for (const f of fc.features) if (insideMultiPolygon(f.geometry, at(x, y))) return f.properties.minutes
  return null
}

/** Two east–west streets at y = ±100 m with a 150 m wide river between them; the source mid north street. */
function riverScene(opts: { bridge: boolean; water: boolean; offNetworkM?: number }): IsochroneCollection {
  const lines = [eastWestLine(-1000, 1000, 100), eastWestLine(-1000, 1000, -100)]
  if (opts.bridge) lines.push([at(0, 100), at(0, -100)])
  const net = networkFromLines(lines)
  const barriers: IsochroneBarriers = { polygons: opts.water ? [rectangle(-1500, -75, 1500, 75)] : [], lines: [] }
  return computeIsochroneBands(net, distancesFrom(net, [nodeAt(net, at(0, 100))]), {
    walkSpeedMps: SPEED,
    bandsMinutes: BANDS,
    cellSizeM: CELL,
    offNetworkM: opts.offNetworkM,
    barriers,
  })
}

describe('isochrones and water', () => {
  it('no band crosses a river without a bridge, even when people would walk that far off the street', () => {
    // 250 m off-network would reach the south street 200 m away if the river did not stop it (see the control).
    const fc = riverScene({ bridge: false, water: true, offNetworkM: 250 })
    for (let x = -900; x <= 900; x += 50) {
      expect(bandAt(fc, x, -100), `south street at x=${x}`).toBeNull()
      expect(bandAt(fc, x, -85), `south bank at x=${x}`).toBeNull()
      expect(bandAt(fc, x, 0), `mid-river at x=${x}`).toBeNull()
    }
    for (const x of [-200, -100, -20, 20, 100, 200]) expect(bandAt(fc, x, 100), `north street at x=${x}`).toBe(5)

    const control = riverScene({ bridge: false, water: false, offNetworkM: 250 })
    expect(bandAt(control, 0, -100)).toBe(5)
  })

  it('a bridge opens the south street with the band its network distance earns', () => {
    const fc = riverScene({ bridge: true, water: true })
    // Over the bridge the south street at x is 200 + |x| metres from the source.
    expect(bandAt(fc, 50, -100)).toBe(5) // 250 m
    expect(bandAt(fc, -150, -100)).toBe(10) // 350 m
    expect(bandAt(fc, 450, -100)).toBe(15) // 650 m
    expect(bandAt(fc, -550, -100)).toBe(15) // 750 m
    expect(bandAt(fc, 800, -100)).toBeNull() // 1000 m
    // The bridge itself is drawn (100 m from the source); the river beside it stays out of every band.
    expect(bandAt(fc, 0, 0)).toBe(5)
    for (const x of [-400, -100, -30, 30, 100, 400]) expect(bandAt(fc, x, 0), `mid-river at x=${x}`).toBeNull()
  })

  it('a canal narrower than a grid cell still stops the off-network walk', () => {
    const lines = [eastWestLine(-500, 500, 30), eastWestLine(-500, 500, -30)]
    const net = networkFromLines(lines)
    const dist = distancesFrom(net, [nodeAt(net, at(0, 30))])
    const opts = { walkSpeedMps: SPEED, bandsMinutes: BANDS, cellSizeM: CELL }
    const canal = { polygons: [rectangle(-800, -2, 800, 2)], lines: [] }
    const fc = computeIsochroneBands(net, dist, { ...opts, barriers: canal })
    const open = computeIsochroneBands(net, dist, opts)
    expect(bandAt(open, 0, -30)).toBe(5)
    for (let x = -300; x <= 300; x += 25) expect(bandAt(fc, x, -30), `far street at x=${x}`).toBeNull()
  })
})

describe('isochrones and expressways', () => {
  function twoStreets(barrierLine: Position[] | null, street: (offsetM: number) => Position[], sourceAt: Position): IsochroneCollection {
    const net = networkFromLines([street(20), street(-20)])
    return computeIsochroneBands(net, distancesFrom(net, [nodeAt(net, sourceAt)]), {
      walkSpeedMps: SPEED,
      bandsMinutes: BANDS,
      cellSizeM: CELL,
      barriers: barrierLine ? { polygons: [], lines: [barrierLine] } : undefined,
    })
  }

  it('an expressway between two streets 40 m apart keeps the far street out of every band', () => {
    const street = (y: number) => eastWestLine(-1000, 1000, y)
    const expressway = [at(-1500, 0), at(1500, 0)]
    const fc = twoStreets(expressway, street, at(0, 20))
    for (let x = -800; x <= 800; x += 40) {
      expect(bandAt(fc, x, -20), `far street at x=${x}`).toBeNull()
      expect(bandAt(fc, x, -30), `beyond the far street at x=${x}`).toBeNull()
    }
    expect(bandAt(fc, 0, 30)).toBe(5)
    // Within the default 80 m of the near street, so only the expressway keeps it out.
    expect(bandAt(twoStreets(null, street, at(0, 20)), 0, -20)).toBe(5)
  })

  it('a frontage road a few metres beside an expressway does not leak across it, wherever the grid falls', () => {
    // The grid is centred on the reached streets; a spur of varying length shifts it, so in some scenes the
    // road's samples fall on the expressway's own cells or right beside them. Scenes run east and north-east.
    for (const angle of [0, Math.PI / 4, Math.PI / 7]) {
      const [c, s] = [Math.cos(angle), Math.sin(angle)]
      const rotated = (along: number, north: number): Position => at(along * c - north * s, along * s + north * c)
      for (const d of [1, 2, 4, 7]) {
        for (const spurM of [0, 3, 7, 11, 14, 18]) {
          const road: Position[] = []
          for (let a = -1000; a <= 1000; a += 100) road.push(rotated(a, d))
          const net = networkFromLines([road, [rotated(0, d), rotated(0, d + spurM)]])
          const fc = computeIsochroneBands(net, distancesFrom(net, [nodeAt(net, rotated(0, d))]), {
            walkSpeedMps: SPEED,
            bandsMinutes: BANDS,
            cellSizeM: CELL,
            barriers: { polygons: [], lines: [[rotated(-1500, 0), rotated(1500, 0)]] },
          })
          for (let a = -600; a <= 600; a += 100) {
            const p = metresOf(rotated(a, -30))
            expect(bandAt(fc, p[0], p[1]), `angle ${angle.toFixed(2)}, road ${d} m off, spur ${spurM} m, at ${a}`).toBeNull()
          }
        }
      }
    }
  })

  it('a diagonal expressway leaves no gap between its cells', () => {
    // Streets and expressway run north-east; offsets are perpendicular metres.
    const k = Math.SQRT1_2
    const street = (offset: number): Position[] => {
      const out: Position[] = []
      for (let s = -700; s <= 700; s += 100) out.push(at(s * k + offset * k, s * k - offset * k))
      return out
    }
    const expressway = [at(-1000, -1000), at(1000, 1000)]
    const fc = twoStreets(expressway, street, street(20)[7])
    for (let s = -500; s <= 500; s += 25) {
      const [x, y] = [s * k - 25 * k, s * k + 25 * k]
      expect(bandAt(fc, x, y), `beyond the expressway at s=${s}`).toBeNull()
    }
    expect(bandAt(twoStreets(null, street, street(20)[7]), -25 * k, 25 * k)).toBe(5)
  })
})

describe('isochrone bands', () => {
  it('every point inside the 5-minute band is inside the 10- and 15-minute bands', () => {
    const fc = riverScene({ bridge: true, water: true })
    let inFive = 0
    let inFifteenOnly = 0
    for (let x = -1100; x <= 1100; x += 20) {
      for (let y = -300; y <= 300; y += 10) {
        const p = at(x, y)
        const [five, ten, fifteen] = [5, 10, 15].map((m) => insideMultiPolygon(band(fc, m), p))
        if (five) {
          inFive++
          expect(ten && fifteen, `(${x}, ${y})`).toBe(true)
        }
        if (ten) expect(fifteen, `(${x}, ${y})`).toBe(true)
        if (fifteen && !ten) inFifteenOnly++
      }
    }
    expect(inFive).toBeGreaterThan(100)
    expect(inFifteenOnly).toBeGreaterThan(100)
  })

  it('along a straight street the bands end where the walking distance says, within a cell and a half, and reach 80 m beside it', () => {
    // One 2 km edge: no node but the source lies within any band, so the bands live on the edge alone.
    const net = networkFromLines([[at(0, 0), at(2000, 0)]])
    const fc = computeIsochroneBands(net, distancesFrom(net, [nodeAt(net, at(0, 0))]), {
      walkSpeedMps: SPEED,
      bandsMinutes: BANDS,
      cellSizeM: CELL,
    })
    // Beside the street the corridor reaches nearly offNetworkM (80 m) and no farther.
    for (const x of [100, 250]) {
      for (const y of [-65, 65]) expect(bandAt(fc, x, y), `(${x}, ${y})`).toBe(5)
      for (const y of [-100, 100]) expect(bandAt(fc, x, y), `(${x}, ${y})`).toBeNull()
    }
    for (const minutes of BANDS) {
      let x = 0
      while (insideMultiPolygon(band(fc, minutes), at(x, 0))) x++
      expect(Math.abs(x - minutes * 60), `${minutes}-minute band ends at ${x} m`).toBeLessThanOrEqual(1.5 * CELL)
    }
  })

  it('a source half-way along a long street walks straight along it in both directions', () => {
    // A facility snapped 1,000 m along a 2 km edge, 10 m off the street: both ends are 1,010 m away.
    const net = networkFromLines([[at(0, 0), at(2000, 0)]])
    const nodeDistM = new Float64Array([1010, 1010])
    const fc = computeIsochroneBands(net, nodeDistM, { walkSpeedMps: SPEED, bandsMinutes: BANDS, cellSizeM: CELL, edgeSources: [{ edge: 0, offsetM: 1000, costM: 10 }] })
    for (const dx of [-250, 250]) expect(bandAt(fc, 1000 + dx, 0), `${dx} m along`).toBe(5)
    for (const dx of [-500, 500]) expect(bandAt(fc, 1000 + dx, 0), `${dx} m along`).toBe(10)
    // Without the edge source the street would seem to start at its far ends, out of every band.
    expect(computeIsochroneBands(net, nodeDistM, { walkSpeedMps: SPEED, bandsMinutes: BANDS, cellSizeM: CELL }).features.every((f) => f.geometry.coordinates.length === 0)).toBe(true)
  })

  it('identical input gives JSON-identical output: one feature per band, ascending, with simple counter-clockwise rings', () => {
    const build = () => {
      const net = networkFromLines([eastWestLine(-1000, 1000, 100), eastWestLine(-1000, 1000, -100), [at(0, 100), at(0, -100)]])
      return computeIsochroneBands(net, distancesFrom(net, [nodeAt(net, at(0, 100))]), {
        walkSpeedMps: SPEED,
        bandsMinutes: [15, 5, 10],
        barriers: { polygons: [rectangle(-1500, -75, 1500, 75)], lines: [] },
      })
    }
    const a = build()
    expect(JSON.stringify(build())).toBe(JSON.stringify(a))
    expect(a.type).toBe('FeatureCollection')
    expect(a.features.map((f) => f.properties)).toEqual([{ minutes: 5 }, { minutes: 10 }, { minutes: 15 }])
    for (const f of a.features) {
      expect(f.type).toBe('Feature')
      expect(f.geometry.type).toBe('MultiPolygon')
      expect(f.geometry.coordinates.length).toBeGreaterThan(0)
      for (const polygon of f.geometry.coordinates) {
        expect(signedRingArea(polygon[0])).toBeGreaterThan(0)
        for (const ring of polygon) {
          expect(ring[0]).toEqual(ring[ring.length - 1])
          // A vertex visited twice is where a ring touches itself, e.g. a bridge drawn with zero width.
          expect(new Set(ring.slice(1).map((p) => p.join(','))).size).toBe(ring.length - 1)
        }
      }
    }
  })

  it('an unreached source gives every band, each empty', () => {
    const net = networkFromLines([eastWestLine(-500, 500, 0)])
    const fc = computeIsochroneBands(net, new Float64Array(net.nodeCount).fill(Infinity), { walkSpeedMps: SPEED, bandsMinutes: BANDS })
    expect(fc).toEqual({
      type: 'FeatureCollection',
      features: BANDS.map((minutes) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [] }, properties: { minutes } })),
    })
  })
})

describe('straight-line bands', () => {
  const opts = { walkSpeedMps: 1, detourFactor: 1.3, bandsMinutes: [5] }
  const radiusM = 300 / 1.3

  it('a single point gives a circle of radius speed × time / detour, wherever it falls in its cell', () => {
    // The grid is centred on the point: it lands on a cell centre with 10 m cells and on a corner with 20 m.
    for (const cellSizeM of [10, 20]) {
      const g = band(computeStraightLineBands([at(0, 0)], { ...opts, cellSizeM }), 5)
      expect(g.coordinates).toHaveLength(1)
      expect(Math.abs(areaM2(g) / (Math.PI * radiusM ** 2) - 1), `${cellSizeM} m cells`).toBeLessThan(0.05)
      for (const p of g.coordinates[0][0]) {
        const [x, y] = metresOf(p)
        expect(Math.abs(Math.hypot(x, y) - radiusM), `${cellSizeM} m cells`).toBeLessThan(cellSizeM)
      }
    }
  })

  it('a straight-line band does not cross a barrier either', () => {
    const wall = { polygons: [], lines: [[at(100, -500), at(100, 500)]] }
    const open = computeStraightLineBands([at(0, 0)], opts)
    const walled = computeStraightLineBands([at(0, 0)], { ...opts, barriers: wall })
    expect(insideMultiPolygon(band(open, 5), at(150, 0))).toBe(true)
    expect(insideMultiPolygon(band(walled, 5), at(150, 0))).toBe(false)
    expect(insideMultiPolygon(band(walled, 5), at(-150, 0))).toBe(true)
  })

  it('no points give every band, each empty', () => {
    expect(computeStraightLineBands([], { ...opts, bandsMinutes: [10, 5] }).features.map((f) => [f.properties.minutes, f.geometry.coordinates])).toEqual([
      [5, []],
      [10, []],
    ])
  })
})
