import type { Position } from '../../core/domain/geo.js'
import { createPrng } from '../../core/clusters/prng.js'

/**
 * A generated block-and-compound city for the 片区 algorithms: a lattice of street blocks (120–260 m), each
 * holding 1–4 compounds separated by 5–20 m inside the block; streets between blocks 15–28 m wide (mostly),
 * some 35–60 m; every `majorEvery`-th street a major road (22–29 m, its centreline a barrier line); a narrow
 * river (18–26 m, a water polygon) in place of the middle east–west street, culverted at a few places where
 * it is not water. Residents 300–6,000 (more small ones), a few oversized compounds of 15,000.
 */
export interface BlockCityCommunity {
  id: number
  /** Outer rings, lon/lat, closed. */
  rings: Position[][]
  residents: number
  /** 街道 id: blocks grouped 5 × 5. */
  streetId: number
  /** Block column and row. */
  block: [number, number]
}

export interface BlockCity {
  communities: BlockCityCommunity[]
  barriers: { lines: Position[][]; polygons: Position[][][] }
  /** Lattice size and the row of the river street. */
  columns: number
  rows: number
  riverRow: number
  /** Street widths in metres: between columns i and i+1 (x) and rows j and j+1 (y). */
  streetWidthX: number[]
  streetWidthY: number[]
  majorX: boolean[]
  majorY: boolean[]
}

export interface BlockCityOptions {
  /** Compounds to generate; the lattice is sized for them and the last blocks may stay empty. */
  communities: number
  seed: number
  /** Every n-th street (both directions) is a major road (default 5). */
  majorEvery?: number
  /** Share of oversized 15,000-resident compounds (default 0.01). */
  oversizedShare?: number
  /** A river in place of the middle east–west street (default true). */
  river?: boolean
  /** Culverted places along the river where it is not water (default 3). */
  riverCrossings?: number
}

const LON0 = 120.15
const LAT0 = 30.25
const M_PER_DEG_LAT = (6_371_008.8 * Math.PI) / 180
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((LAT0 * Math.PI) / 180)
const toLonLat = (x: number, y: number): Position => [+(LON0 + x / M_PER_DEG_LON).toFixed(7), +(LAT0 + y / M_PER_DEG_LAT).toFixed(7)]

export function generateBlockCity(opts: BlockCityOptions): BlockCity {
  const rand = createPrng(opts.seed)
  const between = (a: number, b: number) => a + (b - a) * rand()
  const majorEvery = opts.majorEvery ?? 5
  const oversizedShare = opts.oversizedShare ?? 0.01
  const side = Math.max(2, Math.ceil(Math.sqrt(opts.communities / 2.5)))
  const columns = side
  const rows = side
  const riverRow = opts.river === false ? -1 : Math.floor(rows / 2) - 1

  const blockW = Array.from({ length: columns }, () => between(120, 260))
  const blockH = Array.from({ length: rows }, () => between(120, 260))
  const majorX = Array.from({ length: columns - 1 }, (_, i) => (i + 1) % majorEvery === 0)
  const majorY = Array.from({ length: rows - 1 }, (_, j) => (j + 1) % majorEvery === 0 && j !== riverRow)
  const streetWidth = (major: boolean) => (major ? between(22, 29) : rand() < 0.75 ? between(15, 28) : between(35, 60))
  const streetWidthX = majorX.map((m) => streetWidth(m))
  const streetWidthY = majorY.map((m, j) => (j === riverRow ? between(18, 26) : streetWidth(m)))
  const x0: number[] = [0]
  for (let i = 1; i < columns; i++) x0.push(x0[i - 1] + blockW[i - 1] + streetWidthX[i - 1])
  const y0: number[] = [0]
  for (let j = 1; j < rows; j++) y0.push(y0[j - 1] + blockH[j - 1] + streetWidthY[j - 1])
  const width = x0[columns - 1] + blockW[columns - 1]
  const height = y0[rows - 1] + blockH[rows - 1]

  const lines: Position[][] = []
  for (let i = 0; i < columns - 1; i++) {
    if (!majorX[i]) continue
    const x = x0[i] + blockW[i] + streetWidthX[i] / 2
    lines.push(Array.from({ length: 9 }, (_, k) => toLonLat(x, -50 + ((height + 100) * k) / 8)))
  }
  for (let j = 0; j < rows - 1; j++) {
    if (!majorY[j]) continue
    const y = y0[j] + blockH[j] + streetWidthY[j] / 2
    lines.push(Array.from({ length: 9 }, (_, k) => toLonLat(-50 + ((width + 100) * k) / 8, y)))
  }
  const polygons: Position[][][] = []
  if (riverRow >= 0) {
    // The river fills its street; culverts at a few columns break the water into pieces.
    const south = y0[riverRow] + blockH[riverRow]
    const north = south + streetWidthY[riverRow]
    const crossings = opts.riverCrossings ?? 3
    const cuts = Array.from({ length: crossings }, (_, k) => Math.floor(((k + 1) * columns) / (crossings + 1)))
    let from = -50
    const piece = (a: number, b: number) => polygons.push([[toLonLat(a, south), toLonLat(b, south), toLonLat(b, north), toLonLat(a, north), toLonLat(a, south)]])
    for (const c of cuts) {
      const mid = x0[c] + blockW[c] / 2
      piece(from, mid - 40)
      from = mid + 40
    }
    piece(from, width + 50)
  }

  const communities: BlockCityCommunity[] = []
  const districtsPerRow = Math.ceil(columns / 5)
  outer: for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const rects = splitBlock([x0[i], y0[j], x0[i] + blockW[i], y0[j] + blockH[j]], pickCount(rand()), rand)
      for (const r of rects) {
        if (communities.length >= opts.communities) break outer
        const residents = rand() < oversizedShare ? 15_000 : Math.round(300 + 5700 * rand() ** 1.6)
        communities.push({
          id: communities.length + 1,
          rings: [ringOf(r, rand)],
          residents,
          streetId: 1 + Math.floor(i / 5) + Math.floor(j / 5) * districtsPerRow,
          block: [i, j],
        })
      }
    }
  }
  return { communities, barriers: { lines, polygons }, columns, rows, riverRow, streetWidthX, streetWidthY, majorX, majorY }
}

const pickCount = (u: number) => (u < 0.2 ? 1 : u < 0.5 ? 2 : u < 0.8 ? 3 : 4)

type Rect = [number, number, number, number]

/** Splits a block into n compounds with 5–20 m between them. */
function splitBlock(b: Rect, n: number, rand: () => number): Rect[] {
  const cut = (r: Rect): [Rect, Rect] => {
    const gap = 5 + 15 * rand()
    const f = 0.35 + 0.3 * rand()
    if (r[2] - r[0] >= r[3] - r[1]) {
      const x = r[0] + (r[2] - r[0]) * f
      return [
        [r[0], r[1], x - gap / 2, r[3]],
        [x + gap / 2, r[1], r[2], r[3]],
      ]
    }
    const y = r[1] + (r[3] - r[1]) * f
    return [
      [r[0], r[1], r[2], y - gap / 2],
      [r[0], y + gap / 2, r[2], r[3]],
    ]
  }
  if (n === 1) return [b]
  const [a, c] = cut(b)
  if (n === 2) return [a, c]
  if (n === 3) return rand() < 0.5 ? [...cut(a), c] : [a, ...cut(c)]
  return [...cut(a), ...cut(c)]
}

/** A closed rectangle ring with a few collinear vertices along each side, as surveyed outlines have. */
function ringOf(r: Rect, rand: () => number): Position[] {
  const corners: [number, number][] = [
    [r[0], r[1]],
    [r[2], r[1]],
    [r[2], r[3]],
    [r[0], r[3]],
  ]
  const ring: Position[] = []
  for (let k = 0; k < 4; k++) {
    const [ax, ay] = corners[k]
    const [bx, by] = corners[(k + 1) % 4]
    const extra = Math.floor(rand() * 3)
    ring.push(toLonLat(ax, ay))
    for (let e = 1; e <= extra; e++) ring.push(toLonLat(ax + ((bx - ax) * e) / (extra + 1), ay + ((by - ay) * e) / (extra + 1)))
  }
  ring.push(ring[0])
  return ring
}
