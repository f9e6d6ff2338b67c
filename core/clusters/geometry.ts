import type { Position } from '../domain/geo.js'
import { createLocalProjection, type LocalProjection, projectX, projectY } from '../network/geodesy.js'

/**
 * Community outlines in local metres, flattened into typed arrays: the shared input of the adjacency
 * builder and of the proposal's centroids. A community is one or more outer rings (a MultiPolygon's parts'
 * first rings); a ring's repeated closing vertex is dropped, the closing segment is implied.
 */
export interface ProjectedOutlines {
  readonly projection: LocalProjection
  readonly count: number
  /** Rings of community i: ringOffsets[i] .. ringOffsets[i + 1]. */
  readonly ringOffsets: Uint32Array
  /** Vertices of ring r: vertexOffsets[r] .. vertexOffsets[r + 1]. */
  readonly vertexOffsets: Uint32Array
  readonly x: Float64Array
  readonly y: Float64Array
  /** Bounding box per community (Infinity / -Infinity for one without vertices). */
  readonly minX: Float64Array
  readonly minY: Float64Array
  readonly maxX: Float64Array
  readonly maxY: Float64Array
}

/** A local projection around the centre of the outlines' bounding box (the origin when there are none). */
export function projectionForOutlines(polygons: readonly Position[][][]): LocalProjection {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const p of ring) {
        if (p[0] < w) w = p[0]
        if (p[0] > e) e = p[0]
        if (p[1] < s) s = p[1]
        if (p[1] > n) n = p[1]
      }
    }
  }
  return Number.isFinite(w) ? createLocalProjection((w + e) / 2, (s + n) / 2) : createLocalProjection(0, 0)
}

/** Projects every community's outer rings to local metres (around the data's centre unless a projection is given). */
export function projectOutlines(polygons: readonly Position[][][], projection: LocalProjection = projectionForOutlines(polygons)): ProjectedOutlines {
  const count = polygons.length
  let rings = 0
  let vertices = 0
  for (const rs of polygons) {
    rings += rs.length
    for (const r of rs) vertices += r.length
  }
  const ringOffsets = new Uint32Array(count + 1)
  const vertexOffsets = new Uint32Array(rings + 1)
  const x = new Float64Array(vertices)
  const y = new Float64Array(vertices)
  const minX = new Float64Array(count).fill(Infinity)
  const minY = new Float64Array(count).fill(Infinity)
  const maxX = new Float64Array(count).fill(-Infinity)
  const maxY = new Float64Array(count).fill(-Infinity)
  let r = 0
  let v = 0
  for (let i = 0; i < count; i++) {
    for (const ring of polygons[i]) {
      let len = ring.length
      if (len > 1 && ring[0][0] === ring[len - 1][0] && ring[0][1] === ring[len - 1][1]) len--
      for (let k = 0; k < len; k++) {
        const px = projectX(projection, ring[k][0])
        const py = projectY(projection, ring[k][1])
        if (!Number.isFinite(px) || !Number.isFinite(py)) throw new RangeError(`community ${i}: a vertex is not a finite lon/lat`)
        x[v] = px
        y[v] = py
        v++
        if (px < minX[i]) minX[i] = px
        if (px > maxX[i]) maxX[i] = px
        if (py < minY[i]) minY[i] = py
        if (py > maxY[i]) maxY[i] = py
      }
      r++
      vertexOffsets[r] = v
    }
    ringOffsets[i + 1] = r
  }
  return { projection, count, ringOffsets, vertexOffsets, x: x.subarray(0, v), y: y.subarray(0, v), minX, minY, maxX, maxY }
}

/** Centroid (local metres) and area (m²) per community from its outer rings; one without area gets its vertices' mean and 0. */
export function measureOutlines(
  polygons: readonly Position[][][],
  projection: LocalProjection = projectionForOutlines(polygons),
): { projection: LocalProjection; centroidX: Float64Array; centroidY: Float64Array; areaM2: Float64Array } {
  const o = projectOutlines(polygons, projection)
  const centroidX = new Float64Array(o.count)
  const centroidY = new Float64Array(o.count)
  const areaM2 = new Float64Array(o.count)
  for (let i = 0; i < o.count; i++) {
    let a2 = 0
    let cx = 0
    let cy = 0
    let sx = 0
    let sy = 0
    let nv = 0
    for (let r = o.ringOffsets[i]; r < o.ringOffsets[i + 1]; r++) {
      const v0 = o.vertexOffsets[r]
      const v1 = o.vertexOffsets[r + 1]
      // Relative to the ring's first vertex so large coordinates do not cancel.
      const ox = o.x[v0]
      const oy = o.y[v0]
      let ra = 0
      let rx = 0
      let ry = 0
      for (let k = v0; k < v1; k++) {
        const k1 = k + 1 < v1 ? k + 1 : v0
        const x0 = o.x[k] - ox
        const y0 = o.y[k] - oy
        const x1 = o.x[k1] - ox
        const y1 = o.y[k1] - oy
        const c = x0 * y1 - x1 * y0
        ra += c
        rx += (x0 + x1) * c
        ry += (y0 + y1) * c
        sx += o.x[k]
        sy += o.y[k]
        nv++
      }
      // Each ring is its own part: take its area unsigned whatever its winding.
      const sign = ra < 0 ? -1 : 1
      a2 += sign * ra
      cx += sign * (rx / 3 + ox * ra)
      cy += sign * (ry / 3 + oy * ra)
    }
    if (a2 > 1e-9) {
      centroidX[i] = cx / a2
      centroidY[i] = cy / a2
      areaM2[i] = a2 / 2
    } else {
      centroidX[i] = nv ? sx / nv : NaN
      centroidY[i] = nv ? sy / nv : NaN
    }
  }
  return { projection, centroidX, centroidY, areaM2 }
}

/** True when the point is inside ring [v0, v1) of the flattened arrays (even–odd rule). */
export function pointInRing(px: number, py: number, x: ArrayLike<number>, y: ArrayLike<number>, v0: number, v1: number): boolean {
  let inside = false
  for (let i = v0, j = v1 - 1; i < v1; j = i++) {
    const yi = y[i]
    const yj = y[j]
    if (yi > py !== yj > py && px < ((x[j] - x[i]) * (py - yi)) / (yj - yi) + x[i]) inside = !inside
  }
  return inside
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
const within = (a: number, b: number, c: number) => Math.min(a, b) <= c && c <= Math.max(a, b)

/** True when segments AB and CD share a point (touching and collinear overlap included). */
export function segmentsIntersect(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay)
  const d2 = orient(cx, cy, dx, dy, bx, by)
  const d3 = orient(ax, ay, bx, by, cx, cy)
  const d4 = orient(ax, ay, bx, by, dx, dy)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true
  if (d1 === 0 && within(cx, dx, ax) && within(cy, dy, ay)) return true
  if (d2 === 0 && within(cx, dx, bx) && within(cy, dy, by)) return true
  if (d3 === 0 && within(ax, bx, cx) && within(ay, by, cy)) return true
  if (d4 === 0 && within(ax, bx, dx) && within(ay, by, dy)) return true
  return false
}

/**
 * Squared distance from P to segment AB; writes the closest point of AB to out[0], out[1].
 */
function pointSegment2(px: number, py: number, ax: number, ay: number, bx: number, by: number, out: Float64Array, o: number): number {
  const ux = bx - ax
  const uy = by - ay
  const len2 = ux * ux + uy * uy
  let t = len2 > 0 ? ((px - ax) * ux + (py - ay) * uy) / len2 : 0
  if (t < 0) t = 0
  else if (t > 1) t = 1
  const qx = ax + t * ux
  const qy = ay + t * uy
  out[o] = qx
  out[o + 1] = qy
  return (px - qx) * (px - qx) + (py - qy) * (py - qy)
}

const tmp = new Float64Array(2)

/**
 * Squared distance between segments AB and CD (0 when they intersect); writes the closest point on AB to
 * out[0..1] and on CD to out[2..3].
 */
export function segmentDistance2(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number, out: Float64Array): number {
  if (segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy)) {
    out[0] = out[2] = ax
    out[1] = out[3] = ay
    return 0
  }
  let best = pointSegment2(ax, ay, cx, cy, dx, dy, tmp, 0)
  out[0] = ax
  out[1] = ay
  out[2] = tmp[0]
  out[3] = tmp[1]
  let d = pointSegment2(bx, by, cx, cy, dx, dy, tmp, 0)
  if (d < best) {
    best = d
    out[0] = bx
    out[1] = by
    out[2] = tmp[0]
    out[3] = tmp[1]
  }
  d = pointSegment2(cx, cy, ax, ay, bx, by, tmp, 0)
  if (d < best) {
    best = d
    out[0] = tmp[0]
    out[1] = tmp[1]
    out[2] = cx
    out[3] = cy
  }
  d = pointSegment2(dx, dy, ax, ay, bx, by, tmp, 0)
  if (d < best) {
    best = d
    out[0] = tmp[0]
    out[1] = tmp[1]
    out[2] = dx
    out[3] = dy
  }
  return best
}

/**
 * True when link PQ crosses barrier segment CD: they meet and C, D are not both on the link's line (a link
 * running along a road or a shore does not cross it). Meeting at the link's end counts.
 */
export function linkCrossesSegment(px: number, py: number, qx: number, qy: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d3 = orient(px, py, qx, qy, cx, cy)
  const d4 = orient(px, py, qx, qy, dx, dy)
  if (d3 === 0 && d4 === 0) return false
  if ((d3 > 0 && d4 > 0) || (d3 < 0 && d4 < 0)) return false
  const d1 = orient(cx, cy, dx, dy, px, py)
  const d2 = orient(cx, cy, dx, dy, qx, qy)
  return !((d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0))
}
