/**
 * Small planar checks for the demo-city tests, on lon/lat coordinates (planar is fine at city scale).
 * Written here rather than taken from the generator so the tests do not trust the code they test.
 */
export type Pt = [number, number]
export type Seg = [Pt, Pt]

export function ringArea(ring: readonly Pt[]): number {
  let s = 0
  for (let k = 0; k < ring.length - 1; k++) s += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1]
  return s / 2
}

/** True when closed segments ab and cd share at least one point (crossing, touching or overlapping). */
export function segmentsTouch(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const orient = (p: Pt, q: Pt, r: Pt) => {
    const v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return Math.abs(v) < 1e-18 ? 0 : Math.sign(v)
  }
  const onSeg = (p: Pt, q: Pt, r: Pt) =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1])
  const o1 = orient(a, b, c)
  const o2 = orient(a, b, d)
  const o3 = orient(c, d, a)
  const o4 = orient(c, d, b)
  if (o1 !== o2 && o3 !== o4) return true
  if (o1 === 0 && onSeg(a, b, c)) return true
  if (o2 === 0 && onSeg(a, b, d)) return true
  if (o3 === 0 && onSeg(c, d, a)) return true
  if (o4 === 0 && onSeg(c, d, b)) return true
  return false
}

export function pointInRing(p: Pt, ring: readonly Pt[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]
    const b = ring[j]
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

/** Point in a GeoJSON MultiPolygon's coordinates (shells with holes). */
export function pointInMultiPolygon(p: Pt, polys: readonly (readonly (readonly Pt[])[])[]): boolean {
  return polys.some((rings) => pointInRing(p, rings[0]) && !rings.slice(1).some((h) => pointInRing(p, h)))
}

/** A closed, simple ring: first = last, at least 4 positions, no repeated points, no edge crossings. */
export function isSimpleClosedRing(ring: readonly Pt[]): boolean {
  const n = ring.length - 1
  if (n < 3 || ring[0][0] !== ring[n][0] || ring[0][1] !== ring[n][1]) return false
  const seen = new Set<string>()
  for (let k = 0; k < n; k++) {
    const key = `${ring[k][0]},${ring[k][1]}`
    if (seen.has(key)) return false
    seen.add(key)
  }
  const segs = Array.from({ length: n }, (_, k) => [ring[k], ring[k + 1]] as Seg)
  for (const [i, j] of candidatePairs(segs.map(segBox), 0.002)) {
    if (Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1) continue
    if (segmentsTouch(segs[i][0], segs[i][1], segs[j][0], segs[j][1])) return false
  }
  return true
}

export type Box = [number, number, number, number]

export function segBox([a, b]: Seg): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])]
}

export function ringBox(ring: readonly Pt[]): Box {
  const xs = ring.map((p) => p[0])
  const ys = ring.map((p) => p[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

const overlaps = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]

/** Index pairs (i < j) whose boxes overlap, found through a uniform grid of `cell` degrees. */
export function candidatePairs(boxes: readonly Box[], cell: number): [number, number][] {
  const grid = new Map<string, number[]>()
  boxes.forEach((b, k) => {
    for (let gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++) {
      for (let gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) {
        const key = `${gx},${gy}`
        const list = grid.get(key)
        if (list) list.push(k)
        else grid.set(key, [k])
      }
    }
  })
  const pairs = new Set<number>()
  const out: [number, number][] = []
  for (const list of grid.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const i = Math.min(list[a], list[b])
        const j = Math.max(list[a], list[b])
        const key = i * 1_000_000 + j
        if (pairs.has(key) || !overlaps(boxes[i], boxes[j])) continue
        pairs.add(key)
        out.push([i, j])
      }
    }
  }
  return out
}

/** Two simple polygons (outer rings) share any point: an edge contact or one inside the other. */
export function ringsIntersect(p: readonly Pt[], q: readonly Pt[]): boolean {
  for (let i = 0; i < p.length - 1; i++) {
    for (let j = 0; j < q.length - 1; j++) if (segmentsTouch(p[i], p[i + 1], q[j], q[j + 1])) return true
  }
  return pointInRing(p[0], q) || pointInRing(q[0], p)
}

/** A polyline touches a ring (crosses its boundary or lies inside it). */
export function lineTouchesRing(line: readonly Pt[], ring: readonly Pt[]): boolean {
  if (line.some((p) => pointInRing(p, ring))) return true
  const ringSegs = Array.from({ length: ring.length - 1 }, (_, k) => [ring[k], ring[k + 1]] as Seg)
  for (let k = 0; k < line.length - 1; k++) {
    const box = segBox([line[k], line[k + 1]])
    for (const s of ringSegs) if (overlaps(box, segBox(s)) && segmentsTouch(line[k], line[k + 1], s[0], s[1])) return true
  }
  return false
}

/** Distance in metres from p to segment ab, near the demo city's latitude. */
export function distanceToSegmentM(p: Pt, a: Pt, b: Pt): number {
  const kx = 94_650
  const ky = 110_880
  const [px, py, ax, ay, bx, by] = [p[0] * kx, p[1] * ky, a[0] * kx, a[1] * ky, b[0] * kx, b[1] * ky]
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}
