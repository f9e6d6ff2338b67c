import type { Position } from '../domain/geo.js'
import { projectX, projectY, type LocalProjection } from '../network/geodesy.js'
import { linkCrossesSegment, pointInRing, projectOutlines, segmentDistance2, type ProjectedOutlines } from './geometry.js'

/**
 * Which communities are neighbours for a 片区: outlines within a gap of each other (a shared boundary is
 * gap 0), and whether the link between them crosses a major road or the river.
 */

/** Major roads (lon/lat polylines) and water (polygons: rings, the first outer, the rest holes). */
export interface AdjacencyBarriers {
  lines: Position[][]
  polygons: Position[][][]
}

export interface Adjacency {
  /** Communities, indices 0..count-1 in input order. */
  count: number
  /** CSR: the neighbours of i are neighbours[offsets[i] .. offsets[i + 1]), ascending; each pair is listed both ways. */
  offsets: Uint32Array
  neighbours: Uint32Array
  /** Per CSR slot: shortest distance in metres between the two outlines (0 = touching, overlapping or one inside the other). */
  gapM: Float64Array
  /** Per CSR slot: 1 when the shortest link between the outlines crosses a barrier line or passes through water. */
  crossesBarrier: Uint8Array
}

export interface AdjacencyOptions {
  /** Outlines at most this far apart (metres, ≥ 0) are neighbours. */
  gapM: number
  barriers?: AdjacencyBarriers
  /** Projection to local metres; by default one around the centre of the outlines. */
  projection?: LocalProjection
}

/** Gaps below this (metres) are rounding of a shared boundary, reported as 0. */
const TOUCH_EPS_M = 1e-3

/**
 * Neighbours: outlines within `gapM` metres of each other. `polygons[i]` holds community i's outer rings.
 * Candidate pairs come from a uniform grid over bounding boxes; the gap is the minimum segment–segment
 * distance (0 when the outlines intersect or one contains the other). A link with gap > 0 crosses a barrier
 * when the segment between the two closest points crosses a barrier line or a shore, or lies in water;
 * touching outlines never do, nor does a link running along a barrier (along a shore, say).
 */
export function buildAdjacency(polygons: readonly Position[][][], opts: AdjacencyOptions): Adjacency {
  const gap = opts.gapM
  if (!(gap >= 0) || !Number.isFinite(gap)) throw new RangeError(`buildAdjacency: gapM must be a finite number ≥ 0, got ${gap}`)
  const o = projectOutlines(polygons, opts.projection)
  const n = o.count
  const barriers = opts.barriers ? indexBarriers(opts.barriers, o.projection) : null

  const grid = buildGrid(o, gap)
  const pairA: number[] = []
  const pairB: number[] = []
  const pairGap: number[] = []
  const pairCross: number[] = []
  const mark = new Int32Array(n).fill(-1)
  const closest = new Float64Array(4)
  const scratch: number[] = []
  const half = gap / 2
  for (let i = 0; i < n; i++) {
    if (!(o.minX[i] <= o.maxX[i])) continue
    const c0 = grid.col(o.minX[i] - half)
    const c1 = grid.col(o.maxX[i] + half)
    const r0 = grid.row(o.minY[i] - half)
    const r1 = grid.row(o.maxY[i] + half)
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * grid.cols + c
        for (let k = grid.offsets[cell]; k < grid.offsets[cell + 1]; k++) {
          const j = grid.items[k]
          if (j <= i || mark[j] === i) continue
          mark[j] = i
          if (boxDistance2(o, i, j) > gap * gap) continue
          const d = outlineGapM(o, i, j, gap, closest, scratch)
          if (d > gap) continue
          pairA.push(i)
          pairB.push(j)
          pairGap.push(d)
          pairCross.push(d > 0 && barriers !== null && crossesBarriers(barriers, closest[0], closest[1], closest[2], closest[3]) ? 1 : 0)
        }
      }
    }
  }
  return toCsr(n, pairA, pairB, pairGap, pairCross)
}

function toCsr(n: number, a: number[], b: number[], gapM: number[], cross: number[]): Adjacency {
  const offsets = new Uint32Array(n + 1)
  for (let k = 0; k < a.length; k++) {
    offsets[a[k] + 1]++
    offsets[b[k] + 1]++
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i]
  const m = offsets[n]
  const neighbours = new Uint32Array(m)
  const gaps = new Float64Array(m)
  const crosses = new Uint8Array(m)
  const fill = offsets.slice(0, n)
  const put = (from: number, to: number, k: number) => {
    const s = fill[from]++
    neighbours[s] = to
    gaps[s] = gapM[k]
    crosses[s] = cross[k]
  }
  for (let k = 0; k < a.length; k++) {
    put(a[k], b[k], k)
    put(b[k], a[k], k)
  }
  // Rows are short: insertion sort each by neighbour index, carrying the slot's values along.
  for (let i = 0; i < n; i++) {
    for (let s = offsets[i] + 1; s < offsets[i + 1]; s++) {
      const v = neighbours[s]
      const g = gaps[s]
      const c = crosses[s]
      let t = s - 1
      while (t >= offsets[i] && neighbours[t] > v) {
        neighbours[t + 1] = neighbours[t]
        gaps[t + 1] = gaps[t]
        crosses[t + 1] = crosses[t]
        t--
      }
      neighbours[t + 1] = v
      gaps[t + 1] = g
      crosses[t + 1] = c
    }
  }
  return { count: n, offsets, neighbours, gapM: gaps, crossesBarrier: crosses }
}

function boxDistance2(o: ProjectedOutlines, i: number, j: number): number {
  const dx = Math.max(0, o.minX[j] - o.maxX[i], o.minX[i] - o.maxX[j])
  const dy = Math.max(0, o.minY[j] - o.maxY[i], o.minY[i] - o.maxY[j])
  return dx * dx + dy * dy
}

interface Grid {
  cols: number
  offsets: Uint32Array
  items: Uint32Array
  col(x: number): number
  row(y: number): number
}

/** Each community in every cell its bounding box, grown by gap/2 on each side, covers: pairs within the gap share a cell. */
function buildGrid(o: ProjectedOutlines, gap: number): Grid {
  const n = o.count
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  const sizes: number[] = []
  for (let i = 0; i < n; i++) {
    if (!(o.minX[i] <= o.maxX[i])) continue
    minX = Math.min(minX, o.minX[i])
    minY = Math.min(minY, o.minY[i])
    maxX = Math.max(maxX, o.maxX[i])
    maxY = Math.max(maxY, o.maxY[i])
    sizes.push(Math.max(o.maxX[i] - o.minX[i], o.maxY[i] - o.minY[i]))
  }
  if (!sizes.length) [minX, minY, maxX, maxY] = [0, 0, 0, 0]
  sizes.sort((a, b) => a - b)
  // About one typical community per cell: the few huge outlines span many cells, the many small ones one to four.
  let cellM = Math.max(10, (sizes[sizes.length >> 1] ?? 100) + gap)
  const half = gap / 2
  minX -= half
  minY -= half
  maxX += half
  maxY += half
  while (((maxX - minX) / cellM + 1) * ((maxY - minY) / cellM + 1) > 2_000_000) cellM *= 2
  const cols = Math.floor((maxX - minX) / cellM) + 1
  const rows = Math.floor((maxY - minY) / cellM) + 1
  const col = (x: number) => Math.min(cols - 1, Math.max(0, Math.floor((x - minX) / cellM)))
  const row = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / cellM)))
  const offsets = new Uint32Array(cols * rows + 1)
  const visit = (i: number, fn: (cell: number) => void) => {
    if (!(o.minX[i] <= o.maxX[i])) return
    const c0 = col(o.minX[i] - half)
    const c1 = col(o.maxX[i] + half)
    const r0 = row(o.minY[i] - half)
    const r1 = row(o.maxY[i] + half)
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) fn(r * cols + c)
  }
  for (let i = 0; i < n; i++) visit(i, (cell) => offsets[cell + 1]++)
  for (let c = 0; c < cols * rows; c++) offsets[c + 1] += offsets[c]
  const items = new Uint32Array(offsets[cols * rows])
  const fill = offsets.slice(0, cols * rows)
  for (let i = 0; i < n; i++) visit(i, (cell) => (items[fill[cell]++] = i))
  return { cols, offsets, items, col, row }
}

const seg = new Float64Array(4)

/**
 * Shortest distance between the outlines of communities a and b, or Infinity when over `cap`; 0 when
 * they intersect or one lies inside the other. Writes the closest points (a's, then b's) to `closest`.
 */
export function outlineGapM(o: ProjectedOutlines, a: number, b: number, cap: number, closest: Float64Array, scratch: number[] = []): number {
  // b's segments near a's box, kept once, then each of a's segments near b's box against them.
  scratch.length = 0
  for (let r = o.ringOffsets[b]; r < o.ringOffsets[b + 1]; r++) {
    const v0 = o.vertexOffsets[r]
    const v1 = o.vertexOffsets[r + 1]
    for (let k = v0; k < v1; k++) {
      const k1 = k + 1 < v1 ? k + 1 : v0
      if (segmentBoxDistance(o.x[k], o.y[k], o.x[k1], o.y[k1], o.minX[a], o.minY[a], o.maxX[a], o.maxY[a]) <= cap) scratch.push(k, k1)
    }
  }
  let best2 = (cap + TOUCH_EPS_M) * (cap + TOUCH_EPS_M)
  let found = false
  outer: for (let r = o.ringOffsets[a]; r < o.ringOffsets[a + 1]; r++) {
    const v0 = o.vertexOffsets[r]
    const v1 = o.vertexOffsets[r + 1]
    for (let k = v0; k < v1; k++) {
      const k1 = k + 1 < v1 ? k + 1 : v0
      const ax = o.x[k]
      const ay = o.y[k]
      const bx = o.x[k1]
      const by = o.y[k1]
      if (segmentBoxDistance(ax, ay, bx, by, o.minX[b], o.minY[b], o.maxX[b], o.maxY[b]) > cap) continue
      const sMinX = Math.min(ax, bx)
      const sMaxX = Math.max(ax, bx)
      const sMinY = Math.min(ay, by)
      const sMaxY = Math.max(ay, by)
      for (let t = 0; t < scratch.length; t += 2) {
        const p = scratch[t]
        const q = scratch[t + 1]
        const cx = o.x[p]
        const cy = o.y[p]
        const dx = o.x[q]
        const dy = o.y[q]
        const gx = Math.max(0, Math.min(cx, dx) - sMaxX, sMinX - Math.max(cx, dx))
        const gy = Math.max(0, Math.min(cy, dy) - sMaxY, sMinY - Math.max(cy, dy))
        if (gx * gx + gy * gy > best2) continue
        const d2 = segmentDistance2(ax, ay, bx, by, cx, cy, dx, dy, seg)
        if (d2 > best2 || (found && d2 === best2)) continue
        best2 = d2
        found = true
        closest.set(seg)
        if (d2 === 0) break outer
      }
    }
  }
  const d = found ? Math.sqrt(best2) : Infinity
  if (d < TOUCH_EPS_M) return 0
  if (contains(o, a, b) || contains(o, b, a)) return 0
  return d <= cap ? d : Infinity
}

/** True when a part of `inner` lies inside one of `outer`'s rings (called only when the outlines do not cross). */
function contains(o: ProjectedOutlines, outer: number, inner: number): boolean {
  if (o.maxX[inner] < o.minX[outer] || o.minX[inner] > o.maxX[outer] || o.maxY[inner] < o.minY[outer] || o.minY[inner] > o.maxY[outer]) return false
  for (let ri = o.ringOffsets[inner]; ri < o.ringOffsets[inner + 1]; ri++) {
    if (o.vertexOffsets[ri] === o.vertexOffsets[ri + 1]) continue
    const px = o.x[o.vertexOffsets[ri]]
    const py = o.y[o.vertexOffsets[ri]]
    if (px < o.minX[outer] || px > o.maxX[outer] || py < o.minY[outer] || py > o.maxY[outer]) continue
    for (let r = o.ringOffsets[outer]; r < o.ringOffsets[outer + 1]; r++) {
      if (pointInRing(px, py, o.x, o.y, o.vertexOffsets[r], o.vertexOffsets[r + 1])) return true
    }
  }
  return false
}

/** Distance from a segment's bounding box to a box (a lower bound of the segment's distance to anything in it). */
function segmentBoxDistance(ax: number, ay: number, bx: number, by: number, minX: number, minY: number, maxX: number, maxY: number): number {
  const gx = Math.max(0, minX - Math.max(ax, bx), Math.min(ax, bx) - maxX)
  const gy = Math.max(0, minY - Math.max(ay, by), Math.min(ay, by) - maxY)
  return Math.sqrt(gx * gx + gy * gy)
}

// ---- barriers ----

interface BarrierIndex {
  /** Segments of barrier lines and of water rings: x0, y0, x1, y1 per segment. */
  seg: Float64Array
  cellM: number
  minX: number
  minY: number
  cols: number
  rows: number
  offsets: Uint32Array
  items: Uint32Array
  water: WaterPolygon[]
}

/** A water polygon with its edges bucketed by horizontal bands, for quick point-in-polygon tests. */
interface WaterPolygon {
  minX: number
  minY: number
  maxX: number
  maxY: number
  /** Edges x0, y0, x1, y1. */
  edges: Float64Array
  bands: number
  bandH: number
  bandOffsets: Uint32Array
  bandItems: Uint32Array
}

function indexBarriers(b: AdjacencyBarriers, proj: LocalProjection): BarrierIndex {
  const seg: number[] = []
  const water: WaterPolygon[] = []
  const addLine = (line: readonly Position[], closed: boolean, into: number[]) => {
    const len = line.length
    const segments = closed ? len : len - 1
    for (let k = 0; k < segments; k++) {
      const p = line[k]
      const q = line[(k + 1) % len]
      if (p[0] === q[0] && p[1] === q[1]) continue
      into.push(projectX(proj, p[0]), projectY(proj, p[1]), projectX(proj, q[0]), projectY(proj, q[1]))
    }
  }
  for (const line of b.lines) addLine(line, false, seg)
  for (const poly of b.polygons) {
    const edges: number[] = []
    for (const ring of poly) addLine(ring, true, edges)
    if (!edges.length) continue
    for (const v of edges) seg.push(v)
    water.push(bandIndex(Float64Array.from(edges)))
  }
  const s = Float64Array.from(seg)
  const m = s.length / 4
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  let total = 0
  for (let k = 0; k < m; k++) {
    minX = Math.min(minX, s[4 * k], s[4 * k + 2])
    maxX = Math.max(maxX, s[4 * k], s[4 * k + 2])
    minY = Math.min(minY, s[4 * k + 1], s[4 * k + 3])
    maxY = Math.max(maxY, s[4 * k + 1], s[4 * k + 3])
    total += Math.hypot(s[4 * k + 2] - s[4 * k], s[4 * k + 3] - s[4 * k + 1])
  }
  if (!m) [minX, minY, maxX, maxY] = [0, 0, 0, 0]
  let cellM = Math.max(20, m ? (total / m) * 2 : 100)
  while (((maxX - minX) / cellM + 1) * ((maxY - minY) / cellM + 1) > 2_000_000) cellM *= 2
  const cols = Math.floor((maxX - minX) / cellM) + 1
  const rows = Math.floor((maxY - minY) / cellM) + 1
  const offsets = new Uint32Array(cols * rows + 1)
  const col = (x: number) => Math.min(cols - 1, Math.max(0, Math.floor((x - minX) / cellM)))
  const row = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / cellM)))
  const visit = (k: number, fn: (cell: number) => void) => {
    const c0 = col(Math.min(s[4 * k], s[4 * k + 2]))
    const c1 = col(Math.max(s[4 * k], s[4 * k + 2]))
    const r0 = row(Math.min(s[4 * k + 1], s[4 * k + 3]))
    const r1 = row(Math.max(s[4 * k + 1], s[4 * k + 3]))
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) fn(r * cols + c)
  }
  for (let k = 0; k < m; k++) visit(k, (cell) => offsets[cell + 1]++)
  for (let c = 0; c < cols * rows; c++) offsets[c + 1] += offsets[c]
  const items = new Uint32Array(offsets[cols * rows])
  const fill = offsets.slice(0, cols * rows)
  for (let k = 0; k < m; k++) visit(k, (cell) => (items[fill[cell]++] = k))
  return { seg: s, cellM, minX, minY, cols, rows, offsets, items, water }
}

function bandIndex(edges: Float64Array): WaterPolygon {
  const m = edges.length / 4
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let k = 0; k < m; k++) {
    minX = Math.min(minX, edges[4 * k], edges[4 * k + 2])
    maxX = Math.max(maxX, edges[4 * k], edges[4 * k + 2])
    minY = Math.min(minY, edges[4 * k + 1], edges[4 * k + 3])
    maxY = Math.max(maxY, edges[4 * k + 1], edges[4 * k + 3])
  }
  const bands = Math.max(1, Math.min(1024, Math.ceil(m / 8)))
  const bandH = Math.max(1e-9, (maxY - minY) / bands)
  const band = (y: number) => Math.min(bands - 1, Math.max(0, Math.floor((y - minY) / bandH)))
  const bandOffsets = new Uint32Array(bands + 1)
  for (let k = 0; k < m; k++) for (let b = band(Math.min(edges[4 * k + 1], edges[4 * k + 3])); b <= band(Math.max(edges[4 * k + 1], edges[4 * k + 3])); b++) bandOffsets[b + 1]++
  for (let b = 0; b < bands; b++) bandOffsets[b + 1] += bandOffsets[b]
  const bandItems = new Uint32Array(bandOffsets[bands])
  const fill = bandOffsets.slice(0, bands)
  for (let k = 0; k < m; k++) for (let b = band(Math.min(edges[4 * k + 1], edges[4 * k + 3])); b <= band(Math.max(edges[4 * k + 1], edges[4 * k + 3])); b++) bandItems[fill[b]++] = k
  return { minX, minY, maxX, maxY, edges, bands, bandH, bandOffsets, bandItems }
}

/** Strictly inside the water polygon (even–odd over all its rings, so holes count as land; the shore itself is land). */
function inWater(w: WaterPolygon, px: number, py: number): boolean {
  if (px < w.minX || px > w.maxX || py < w.minY || py > w.maxY) return false
  const b = Math.min(w.bands - 1, Math.max(0, Math.floor((py - w.minY) / w.bandH)))
  const e = w.edges
  let inside = false
  for (let t = w.bandOffsets[b]; t < w.bandOffsets[b + 1]; t++) {
    const k = 4 * w.bandItems[t]
    const x0 = e[k]
    const y0 = e[k + 1]
    const x1 = e[k + 2]
    const y1 = e[k + 3]
    if (onSegment(px, py, x0, y0, x1, y1)) return false
    if (y0 > py !== y1 > py && px < ((x1 - x0) * (py - y0)) / (y1 - y0) + x0) inside = !inside
  }
  return inside
}

const SHORE_EPS_M = 1e-6
function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  const ux = bx - ax
  const uy = by - ay
  const l2 = ux * ux + uy * uy
  const t = l2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * ux + (py - ay) * uy) / l2)) : 0
  return Math.hypot(px - ax - t * ux, py - ay - t * uy) < SHORE_EPS_M
}

function crossesBarriers(ix: BarrierIndex, px: number, py: number, qx: number, qy: number): boolean {
  const { seg, cellM, minX, minY, cols, rows } = ix
  const c0 = Math.min(cols - 1, Math.max(0, Math.floor((Math.min(px, qx) - minX) / cellM)))
  const c1 = Math.min(cols - 1, Math.max(0, Math.floor((Math.max(px, qx) - minX) / cellM)))
  const r0 = Math.min(rows - 1, Math.max(0, Math.floor((Math.min(py, qy) - minY) / cellM)))
  const r1 = Math.min(rows - 1, Math.max(0, Math.floor((Math.max(py, qy) - minY) / cellM)))
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * cols + c
      for (let t = ix.offsets[cell]; t < ix.offsets[cell + 1]; t++) {
        const k = 4 * ix.items[t]
        if (linkCrossesSegment(px, py, qx, qy, seg[k], seg[k + 1], seg[k + 2], seg[k + 3])) return true
      }
    }
  }
  // A link lying wholly in water meets no edge: test its midpoint.
  const mx = (px + qx) / 2
  const my = (py + qy) / 2
  for (const w of ix.water) if (inWater(w, mx, my)) return true
  return false
}
