/**
 * Planar geometry in the demo city's local metric frame (x east, y north, metres from the city centre).
 * Rings are arrays of points without the closing repeat; outer rings run counter-clockwise.
 */
export type XY = [number, number]

/** Metres per degree at the demo city's latitude (31.85° N), for the local equirectangular frame. */
export interface Frame { lon0: number; lat0: number; mPerDegLon: number; mPerDegLat: number }

export function createFrame(lon0: number, lat0: number): Frame {
  const phi = (lat0 * Math.PI) / 180
  const mPerDegLat = 111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi)
  const mPerDegLon = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi)
  return { lon0, lat0, mPerDegLon, mPerDegLat }
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7

/** Local metres to lon/lat, rounded to 1e-7° (about 1 cm) so shared vertices stay identical. */
export function toLonLat(frame: Frame, p: XY): [number, number] {
  return [round7(frame.lon0 + p[0] / frame.mPerDegLon), round7(frame.lat0 + p[1] / frame.mPerDegLat)]
}

export function signedArea(ring: readonly XY[]): number {
  let s = 0
  for (let k = 0, n = ring.length; k < n; k++) {
    const a = ring[k]
    const b = ring[(k + 1) % n]
    s += a[0] * b[1] - b[0] * a[1]
  }
  return s / 2
}

/** Area centroid of a simple ring. */
export function ringCentroid(ring: readonly XY[]): XY {
  let cx = 0
  let cy = 0
  let a2 = 0
  for (let k = 0, n = ring.length; k < n; k++) {
    const p = ring[k]
    const q = ring[(k + 1) % n]
    const cross = p[0] * q[1] - q[0] * p[1]
    a2 += cross
    cx += (p[0] + q[0]) * cross
    cy += (p[1] + q[1]) * cross
  }
  if (Math.abs(a2) < 1e-9) return ring[0]
  return [cx / (3 * a2), cy / (3 * a2)]
}

export function bboxOf(points: readonly XY[]): [number, number, number, number] {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const [x, y] of points) {
    if (x < x0) x0 = x
    if (y < y0) y0 = y
    if (x > x1) x1 = x
    if (y > y1) y1 = y
  }
  return [x0, y0, x1, y1]
}

/** Sutherland–Hodgman against one half-plane: keeps the part where nx·x + ny·y ≥ c. */
export function clipByHalfPlane(ring: readonly XY[], nx: number, ny: number, c: number): XY[] {
  const out: XY[] = []
  const n = ring.length
  for (let k = 0; k < n; k++) {
    const p = ring[k]
    const q = ring[(k + 1) % n]
    const dp = nx * p[0] + ny * p[1] - c
    const dq = nx * q[0] + ny * q[1] - c
    if (dp >= 0) out.push(p)
    if ((dp >= 0) !== (dq >= 0)) {
      const t = dp / (dp - dq)
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
    }
  }
  return dedupe(out)
}

function dedupe(ring: XY[]): XY[] {
  const out: XY[] = []
  for (const p of ring) {
    const last = out[out.length - 1]
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) > 1e-6) out.push(p)
  }
  while (out.length > 1 && Math.hypot(out[0][0] - out[out.length - 1][0], out[0][1] - out[out.length - 1][1]) <= 1e-6) out.pop()
  return out
}

/**
 * Moves every edge of a counter-clockwise ring inward by its own distance (metres) by intersecting the
 * shifted half-planes; every point of the result is at least that far from the edge's segment.
 */
export function insetRing(ring: readonly XY[], distances: readonly number[]): XY[] {
  let out: XY[] = ring.slice()
  for (let k = 0, n = ring.length; k < n && out.length >= 3; k++) {
    const a = ring[k]
    const b = ring[(k + 1) % n]
    const len = Math.hypot(b[0] - a[0], b[1] - a[1])
    if (len < 1e-9) continue
    const nx = -(b[1] - a[1]) / len
    const ny = (b[0] - a[0]) / len
    out = clipByHalfPlane(out, nx, ny, nx * a[0] + ny * a[1] + distances[k])
  }
  return out.length >= 3 ? out : []
}

export function pointInRing(p: XY, ring: readonly XY[]): boolean {
  let inside = false
  for (let k = 0, n = ring.length, m = n - 1; k < n; m = k++) {
    const a = ring[k]
    const b = ring[m]
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

/** Intersection of segments ab and cd as parameters along each (t on ab, u on cd), or null. */
export function segmentIntersection(a: XY, b: XY, c: XY, d: XY): { t: number; u: number } | null {
  const rx = b[0] - a[0]
  const ry = b[1] - a[1]
  const sx = d[0] - c[0]
  const sy = d[1] - c[1]
  const den = rx * sy - ry * sx
  if (Math.abs(den) < 1e-12) return null
  const qx = c[0] - a[0]
  const qy = c[1] - a[1]
  const t = (qx * sy - qy * sx) / den
  const u = (qx * ry - qy * rx) / den
  if (t < 0 || t > 1 || u < 0 || u > 1) return null
  return { t, u }
}

export function lerp(a: XY, b: XY, t: number): XY {
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
}

export function distance(a: XY, b: XY): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1])
}

/** True when no two non-adjacent edges touch and no edge is shorter than minEdge metres. */
export function isSimpleRing(ring: readonly XY[], minEdge = 0.5): boolean {
  const n = ring.length
  if (n < 3) return false
  for (let k = 0; k < n; k++) if (distance(ring[k], ring[(k + 1) % n]) < minEdge) return false
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue
      if (segmentIntersection(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n])) return false
    }
  }
  return true
}

/**
 * Drops convex vertices whose turn is below tolDeg; dropping a convex vertex only cuts a sliver off, so
 * the result stays inside the input.
 */
export function dropFlatConvexVertices(ring: readonly XY[], tolDeg: number, minVertices = 3): XY[] {
  const out = ring.slice()
  let changed = true
  while (changed && out.length > minVertices) {
    changed = false
    for (let k = 0; k < out.length && out.length > minVertices; k++) {
      const p = out[(k + out.length - 1) % out.length]
      const q = out[k]
      const r = out[(k + 1) % out.length]
      const cross = (q[0] - p[0]) * (r[1] - q[1]) - (q[1] - p[1]) * (r[0] - q[0])
      const dot = (q[0] - p[0]) * (r[0] - q[0]) + (q[1] - p[1]) * (r[1] - q[1])
      const turnDeg = (Math.atan2(Math.abs(cross), dot) * 180) / Math.PI
      if (cross >= 0 && turnDeg < tolDeg) {
        out.splice(k, 1)
        changed = true
      }
    }
  }
  return out
}

/**
 * Boundary rings of a union of counter-clockwise cells given as rings of shared node ids: interior edges
 * appear once in each direction and cancel. Outer rings come back counter-clockwise, holes clockwise.
 * Requires that no two cells of the set touch only at a corner.
 */
export function traceUnionBoundary(cells: readonly (readonly number[])[]): number[][] {
  const key = (a: number, b: number) => `${a}>${b}`
  const edges = new Map<string, [number, number]>()
  for (const cell of cells) {
    for (let k = 0; k < cell.length; k++) {
      const a = cell[k]
      const b = cell[(k + 1) % cell.length]
      const back = key(b, a)
      if (edges.has(back)) edges.delete(back)
      else edges.set(key(a, b), [a, b])
    }
  }
  const next = new Map<number, number>()
  for (const [a, b] of edges.values()) {
    if (next.has(a)) throw new Error(`cells touch only at node ${a}: the union boundary is ambiguous`)
    next.set(a, b)
  }
  const rings: number[][] = []
  const seen = new Set<number>()
  for (const start of next.keys()) {
    if (seen.has(start)) continue
    const ring: number[] = []
    let cur = start
    while (!seen.has(cur)) {
      seen.add(cur)
      ring.push(cur)
      cur = next.get(cur)!
    }
    rings.push(ring)
  }
  return rings
}
