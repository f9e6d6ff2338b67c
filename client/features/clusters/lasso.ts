import { booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf'
import type { MultiPolygon, Polygon, Position } from '../../../core/domain/geo.js'

/** A point on the screen, in CSS pixels relative to the map container. */
export type ScreenPoint = [number, number]

/**
 * The drawn path with one more pointer position: positions closer than `minStepPx` to the last kept one are
 * dropped (a slow drag yields hundreds of near-duplicates). Returns the same array when nothing was added.
 */
export function appendLassoPoint(path: readonly ScreenPoint[], p: ScreenPoint, minStepPx = 3): readonly ScreenPoint[] {
  const last = path[path.length - 1]
  if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < minStepPx) return path
  return [...path, p]
}

/**
 * A closed ring from a freehand path (already in lon/lat): consecutive duplicates removed, the first
 * position repeated at the end. Null when fewer than three distinct positions remain (a click, not a lasso).
 */
export function lassoRing(path: readonly Position[]): Position[] | null {
  const ring: Position[] = []
  for (const p of path) {
    const last = ring[ring.length - 1]
    if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push([p[0], p[1]])
  }
  if (ring.length > 1) {
    const [a, b] = [ring[0], ring[ring.length - 1]]
    if (a[0] === b[0] && a[1] === b[1]) ring.pop()
  }
  if (ring.length < 3) return null
  return [...ring, [ring[0][0], ring[0][1]]]
}

/** Whether a screen path is long enough to count as a lasso rather than a click (its bounding box, px). */
export function isLassoGesture(path: readonly ScreenPoint[], minSizePx = 8): boolean {
  if (path.length < 3) return false
  let w = Infinity
  let e = -Infinity
  let s = Infinity
  let n = -Infinity
  for (const [x, y] of path) {
    w = Math.min(w, x)
    e = Math.max(e, x)
    s = Math.min(s, y)
    n = Math.max(n, y)
  }
  return e - w >= minSizePx || n - s >= minSizePx
}

/** A community as the lasso sees it: its id and the point that stands for it (inside its outline). */
export interface LassoCandidate {
  id: number
  point: Position
}

/** The communities whose point lies inside the lasso ring (even-odd rule, so a crossing path still works). */
export function selectInLasso(ring: readonly Position[], candidates: readonly LassoCandidate[]): number[] {
  if (ring.length < 4) return []
  let w = Infinity
  let e = -Infinity
  let s = Infinity
  let n = -Infinity
  for (const [x, y] of ring) {
    w = Math.min(w, x)
    e = Math.max(e, x)
    s = Math.min(s, y)
    n = Math.max(n, y)
  }
  const polygon: Polygon = { type: 'Polygon', coordinates: [ring as Position[]] }
  const ids: number[] = []
  for (const c of candidates) {
    const [x, y] = c.point
    if (x < w || x > e || y < s || y > n) continue
    if (booleanPointInPolygon(c.point, polygon)) ids.push(c.id)
  }
  return ids
}

/** How a lasso changes the selection: adds to it (the default), takes away (Alt), or replaces it. */
export type LassoMode = 'add' | 'remove' | 'replace'

/** The selection after a lasso caught `ids`; a new Set, the input untouched. */
export function combineSelection(current: ReadonlySet<number>, ids: readonly number[], mode: LassoMode): Set<number> {
  if (mode === 'replace') return new Set(ids)
  const next = new Set(current)
  for (const id of ids) {
    if (mode === 'add') next.add(id)
    else next.delete(id)
  }
  return next
}

/** The selection with one community toggled. */
export function toggleInSelection(current: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(current)
  if (next.has(id)) next.delete(id)
  else next.add(id)
  return next
}

/** The point that stands for a community: its centroid when that lies inside the outline, else a point on its surface. */
export function communityLabelPoint(geometry: Polygon | MultiPolygon): Position {
  const feature = { type: 'Feature' as const, properties: {}, geometry }
  const c = centroid(feature).geometry.coordinates as Position
  if (booleanPointInPolygon(c, geometry)) return [c[0], c[1]]
  const p = pointOnFeature(feature).geometry.coordinates as Position
  return [p[0], p[1]]
}
