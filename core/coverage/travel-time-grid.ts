import type { Position } from '../domain/geo.js'
import { projectX, projectY, type LocalProjection } from '../network/geodesy.js'

/**
 * A raster in local metres: cell (i, j) covers x ∈ [originX + i·cellSizeM, +cellSizeM) and y likewise,
 * row j = 0 in the south. Index of a cell is j·cols + i.
 */
export interface GridFrame {
  readonly originX: number
  readonly originY: number
  readonly cellSizeM: number
  readonly cols: number
  readonly rows: number
}

/** Cells added on every side beyond the margin, so contours close inside the grid. */
const PAD_CELLS = 2
const MIN_CELL_M = 10

/**
 * A grid over a local-metre box grown by `marginM` and two cells. The cell size (metres) is the requested one,
 * or 10 m, raised so the grid holds about `maxCells` cells at most: a caller cannot allocate a city at 1 m.
 */
export function createGridFrame(
  box: { minX: number; minY: number; maxX: number; maxY: number },
  marginM: number,
  cellSizeM: number | undefined,
  maxCells: number,
): GridFrame {
  const w = box.maxX - box.minX + 2 * marginM
  const h = box.maxY - box.minY + 2 * marginM
  const cell = Math.max(cellSizeM ?? MIN_CELL_M, Math.sqrt((w * h) / maxCells))
  const cols = Math.ceil(w / cell) + 2 * PAD_CELLS
  const rows = Math.ceil(h / cell) + 2 * PAD_CELLS
  // Centre the box in the grid so the padding is even on both sides.
  const originX = (box.minX + box.maxX) / 2 - (cols * cell) / 2
  const originY = (box.minY + box.maxY) / 2 - (rows * cell) / 2
  return { originX, originY, cellSizeM: cell, cols, rows }
}

/**
 * Marks cells nobody may walk through (1 in the returned mask): cells whose centre is inside a polygon
 * (even-odd, so holes stay open), every cell a barrier line passes through, and every cell a polygon's
 * outline passes through — a canal narrower than a cell holds no cell centre and would otherwise leak.
 */
export function rasteriseBarriers(
  frame: GridFrame,
  projection: LocalProjection,
  barriers: { polygons: readonly Position[][][]; lines: readonly Position[][] } | undefined,
): Uint8Array {
  const mask = new Uint8Array(frame.cols * frame.rows)
  if (!barriers) return mask
  const toGrid = (ring: readonly Position[]): Float64Array => {
    const out = new Float64Array(ring.length * 2)
    for (let k = 0; k < ring.length; k++) {
      out[2 * k] = (projectX(projection, ring[k][0]) - frame.originX) / frame.cellSizeM
      out[2 * k + 1] = (projectY(projection, ring[k][1]) - frame.originY) / frame.cellSizeM
    }
    return out
  }
  for (const polygon of barriers.polygons) {
    const rings = polygon.filter((r) => r.length >= 3).map(toGrid)
    fillPolygonCentres(frame, mask, rings)
    for (const g of rings) {
      const n = g.length / 2
      for (let k = 0; k < n; k++) {
        const m = (k + 1) % n
        markSegment(frame, mask, g[2 * k], g[2 * k + 1], g[2 * m], g[2 * m + 1])
      }
    }
  }
  for (const line of barriers.lines) {
    const g = toGrid(line)
    for (let k = 2; k < g.length; k += 2) markSegment(frame, mask, g[k - 2], g[k - 1], g[k], g[k + 1])
  }
  return mask
}

/** Scanline fill of cell centres, rings in grid units; crossings are collected per row so cost ∝ outline + area. */
function fillPolygonCentres(frame: GridFrame, mask: Uint8Array, rings: readonly Float64Array[]): void {
  const crossings = new Map<number, number[]>()
  for (const g of rings) {
    const n = g.length / 2
    for (let k = 0; k < n; k++) {
      const m = (k + 1) % n
      const x1 = g[2 * k], y1 = g[2 * k + 1], x2 = g[2 * m], y2 = g[2 * m + 1]
      if (y1 === y2) continue
      const lo = Math.min(y1, y2), hi = Math.max(y1, y2)
      // Rows whose centre v = j + 0.5 satisfies lo ≤ v < hi: half-open, so a vertex on a centre line counts once.
      const j0 = Math.max(0, Math.ceil(lo - 0.5))
      const j1 = Math.min(frame.rows - 1, Math.ceil(hi - 0.5) - 1)
      for (let j = j0; j <= j1; j++) {
        const v = j + 0.5
        const x = x1 + ((v - y1) * (x2 - x1)) / (y2 - y1)
        let xs = crossings.get(j)
        if (!xs) crossings.set(j, (xs = []))
        xs.push(x)
      }
    }
  }
  for (const [j, xs] of crossings) {
    xs.sort((a, b) => a - b)
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const i0 = Math.max(0, Math.ceil(xs[k] - 0.5))
      const i1 = Math.min(frame.cols - 1, Math.ceil(xs[k + 1] - 0.5) - 1)
      for (let i = i0; i <= i1; i++) mask[j * frame.cols + i] = 1
    }
  }
}

/**
 * Supercover of a segment in grid units: every cell it passes through, and both side cells where it passes
 * exactly through a corner, so the marked cells are 4-connected and no walker slips between them.
 */
function markSegment(frame: GridFrame, mask: Uint8Array, u0: number, v0: number, u1: number, v1: number): void {
  const { cols, rows } = frame
  // Liang–Barsky clip to the grid, so a 40 km expressway costs only the cells inside it.
  let t0 = 0, t1 = 1
  const du = u1 - u0, dv = v1 - v0
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0
    const r = q / p
    if (p < 0) { if (r > t1) return false; if (r > t0) t0 = r }
    else { if (r < t0) return false; if (r < t1) t1 = r }
    return true
  }
  if (!(clip(-du, u0) && clip(du, cols - u0) && clip(-dv, v0) && clip(dv, rows - v0))) return
  const a = u0 + t0 * du, b = v0 + t0 * dv
  const c = u0 + t1 * du, d = v0 + t1 * dv
  const clampI = (x: number): number => Math.min(cols - 1, Math.max(0, Math.floor(x)))
  const clampJ = (y: number): number => Math.min(rows - 1, Math.max(0, Math.floor(y)))
  let i = clampI(a), j = clampJ(b)
  const iEnd = clampI(c), jEnd = clampJ(d)
  const stepI = Math.sign(c - a), stepJ = Math.sign(d - b)
  // Parameter t runs 0 → 1 along the clipped segment; tI, tJ are where it next crosses a column or row line.
  const dtI = stepI === 0 ? Infinity : 1 / Math.abs(c - a)
  const dtJ = stepJ === 0 ? Infinity : 1 / Math.abs(d - b)
  let tI = stepI === 0 ? Infinity : (stepI > 0 ? i + 1 - a : a - i) * dtI
  let tJ = stepJ === 0 ? Infinity : (stepJ > 0 ? j + 1 - b : b - j) * dtJ
  const mark = (ci: number, cj: number): void => {
    if (ci >= 0 && cj >= 0 && ci < cols && cj < rows) mask[cj * cols + ci] = 1
  }
  // Bounded so floating-point drift can never loop forever; the end cell is marked regardless.
  const steps = Math.abs(iEnd - i) + Math.abs(jEnd - j) + 2
  for (let s = 0; s < steps; s++) {
    mark(i, j)
    if (i === iEnd && j === jEnd) break
    if (tI < tJ) { i += stepI; tI += dtI }
    else if (tJ < tI) { j += stepJ; tJ += dtJ }
    else {
      mark(i + stepI, j)
      mark(i, j + stepJ)
      i += stepI; j += stepJ; tI += dtI; tJ += dtJ
    }
  }
  mark(iEnd, jEnd)
}

export interface SpreadOptions {
  /** Cost of one metre of grid walking: seconds per metre for times, 1 for distances. */
  costPerM: number
  /** Cells costlier than this are left unreached (Infinity). */
  maxCost: number
}

/*
 * The 16-neighbourhood: 4 orthogonal, 4 diagonal and 8 knight moves. With 8 neighbours a straight-line
 * band is an octagon 10 % smaller in area than the circle; knight moves bring that under 3 %.
 * Each move lists the cells its centre-to-centre segment crosses, which must all be free: every move is
 * then a 4-connected path of free cells, and a 4-connected barrier stops it.
 */
const MOVES: readonly (readonly number[])[] = [
  // di, dj, length in cells, then the (di, dj) of each crossed cell
  [1, 0, 1], [-1, 0, 1], [0, 1, 1], [0, -1, 1],
  ...[[1, 1], [1, -1], [-1, 1], [-1, -1]].flatMap(([si, sj]) => [
    [si, sj, Math.SQRT2, si, 0, 0, sj],
    [2 * si, sj, Math.sqrt(5), si, 0, si, sj],
    [si, 2 * sj, Math.sqrt(5), 0, sj, si, sj],
  ]),
]

/** Dial's buckets as singly linked lists over one growable pool of (cell, next) entries. */
class BucketQueue {
  readonly head: Int32Array
  cell: Int32Array
  next: Int32Array
  size = 0
  constructor(
    bucketCount: number,
    capacity: number,
    private readonly width: number,
  ) {
    this.head = new Int32Array(bucketCount).fill(-1)
    this.cell = new Int32Array(capacity)
    this.next = new Int32Array(capacity)
  }
  push(cell: number, cost: number): void {
    if (this.size === this.cell.length) this.grow()
    const b = Math.floor(cost / this.width)
    this.cell[this.size] = cell
    this.next[this.size] = this.head[b]
    this.head[b] = this.size++
  }
  private grow(): void {
    const cell = new Int32Array(this.cell.length * 2)
    const next = new Int32Array(this.cell.length * 2)
    cell.set(this.cell)
    next.set(this.next)
    this.cell = cell
    this.next = next
  }
}

const BLOCKED = 1
const SETTLED = 2

/**
 * Spreads costs (seconds, or metres) from the finite cells of `cost` over the grid, in place: shortest paths
 * over the 16-neighbourhood that never enter or cut past a `blocked` cell. Seeds on blocked cells keep their
 * cost but do not spread (a bridge over water, a street crossing an expressway at a node).
 *
 * Dial's bucket queue with buckets one orthogonal step wide is exact: a cell popped from bucket k can only
 * improve cells into bucket k + 1 or later, so no cell in bucket k can still improve another in it.
 */
export function spreadOverGrid(frame: GridFrame, cost: Float64Array, blocked: Uint8Array, opts: SpreadOptions): void {
  const { cols, rows, cellSizeM } = frame
  const n = cols * rows
  const maxCost = opts.maxCost
  const bucketCount = Math.floor(maxCost / (cellSizeM * opts.costPerM)) + 1
  const queue = new BucketQueue(bucketCount, n + 1024, cellSizeM * opts.costPerM)
  // One byte per cell: a target must be neither blocked nor settled; a crossed cell only not blocked.
  const state = new Uint8Array(n)
  for (let c = 0; c < n; c++) {
    const v = cost[c]
    if (blocked[c]) state[c] = BLOCKED | SETTLED
    if (!(v <= maxCost)) cost[c] = Infinity
    else if (!blocked[c]) queue.push(c, v)
  }

  const moveCount = MOVES.length
  const mDi = new Int32Array(moveCount), mDj = new Int32Array(moveCount)
  const mDelta = new Int32Array(moveCount), mVia0 = new Int32Array(moveCount), mVia1 = new Int32Array(moveCount)
  const mCost = new Float64Array(moveCount)
  MOVES.forEach(([di, dj, len, ...via], k) => {
    mDi[k] = di
    mDj[k] = dj
    mDelta[k] = dj * cols + di
    // Orthogonal moves cross no other cell: point both checks at the target itself.
    mVia0[k] = via.length ? via[1] * cols + via[0] : mDelta[k]
    mVia1[k] = via.length ? via[3] * cols + via[2] : mDelta[k]
    mCost[k] = len * (cellSizeM * opts.costPerM)
  })

  const head = queue.head
  const orth = cellSizeM * opts.costPerM, diag = orth * Math.SQRT2, knight = orth * Math.sqrt(5)
  const relax = (nc: number, nv: number): void => {
    if (state[nc] === 0 && nv <= maxCost && nv < cost[nc]) {
      cost[nc] = nv
      queue.push(nc, nv)
    }
  }
  for (let b = 0; b < bucketCount; b++) {
    while (head[b] !== -1) {
      const e = head[b]
      head[b] = queue.next[e]
      const c = queue.cell[e]
      if (state[c] & SETTLED) continue
      state[c] = SETTLED
      const v = cost[c]
      const ci = c % cols
      const cj = (c - ci) / cols
      if (ci >= 2 && cj >= 2 && ci < cols - 2 && cj < rows - 2) {
        // Away from the edge every move stays inside the grid: the MOVES table unrolled, about a third faster.
        const e1 = state[c + 1] & BLOCKED, w1 = state[c - 1] & BLOCKED
        const n1 = state[c + cols] & BLOCKED, s1 = state[c - cols] & BLOCKED
        const ne = state[c + cols + 1] & BLOCKED, nw = state[c + cols - 1] & BLOCKED
        const se = state[c - cols + 1] & BLOCKED, sw = state[c - cols - 1] & BLOCKED
        relax(c + 1, v + orth)
        relax(c - 1, v + orth)
        relax(c + cols, v + orth)
        relax(c - cols, v + orth)
        if (!(e1 | n1)) relax(c + cols + 1, v + diag)
        if (!(w1 | n1)) relax(c + cols - 1, v + diag)
        if (!(e1 | s1)) relax(c - cols + 1, v + diag)
        if (!(w1 | s1)) relax(c - cols - 1, v + diag)
        if (!(e1 | ne)) relax(c + cols + 2, v + knight)
        if (!(n1 | ne)) relax(c + 2 * cols + 1, v + knight)
        if (!(w1 | nw)) relax(c + cols - 2, v + knight)
        if (!(n1 | nw)) relax(c + 2 * cols - 1, v + knight)
        if (!(e1 | se)) relax(c - cols + 2, v + knight)
        if (!(s1 | se)) relax(c - 2 * cols + 1, v + knight)
        if (!(w1 | sw)) relax(c - cols - 2, v + knight)
        if (!(s1 | sw)) relax(c - 2 * cols - 1, v + knight)
        continue
      }
      for (let k = 0; k < moveCount; k++) {
        const ni = ci + mDi[k], nj = cj + mDj[k]
        if (ni < 0 || nj < 0 || ni >= cols || nj >= rows) continue
        if ((state[c + mVia0[k]] | state[c + mVia1[k]]) & BLOCKED) continue
        relax(c + mDelta[k], v + mCost[k])
      }
    }
  }
}
