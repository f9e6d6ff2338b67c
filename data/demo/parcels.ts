import type { RoadClass } from '../../core/domain/community.js'
import { clipByHalfPlane, distance, dropFlatConvexVertices, insetRing, isSimpleRing, ringCentroid, signedArea, type XY } from './geometry.js'
import type { Rng } from './random.js'

/**
 * Parcels inside a block and the community (小区) polygon drawn in each: the block is set back from its
 * roads (wider roads, wider setback), cut into parcels with gaps, and each parcel gets an irregular
 * outline (cut corners, L-shaped notches) that stays inside it.
 */

/** Setback (m) from the centre line of a road of each class to the nearest community boundary. */
export const SETBACK_M: Record<RoadClass, number> = { arterial: 28, secondary: 18, local: 10, footpath: 5 }

const HECTARE = 10_000
const MIN_PARCEL_M2 = 1.35 * HECTARE
const MAX_PARCEL_M2 = 11.5 * HECTARE

/** The part of a block at least its roads' setbacks (plus a little) away from them. */
export function buildableArea(rng: Rng, ring: readonly XY[], edgeClass: readonly RoadClass[]): XY[] {
  return insetRing(ring, edgeClass.map((c) => SETBACK_M[c] + rng.uniform(0, 5)))
}

/** Width of a ring across direction n (unit vector): [min, max] of projections. */
function extentAlong(ring: readonly XY[], n: XY): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const p of ring) {
    const d = p[0] * n[0] + p[1] * n[1]
    if (d < lo) lo = d
    if (d > hi) hi = d
  }
  return [lo, hi]
}

/** Direction of the longest edge, as a unit vector. */
function mainAxis(ring: readonly XY[]): XY {
  let best: XY = [1, 0]
  let bestLen = -1
  for (let k = 0; k < ring.length; k++) {
    const p = ring[k]
    const q = ring[(k + 1) % ring.length]
    const len = distance(p, q)
    if (len > bestLen) {
      bestLen = len
      best = [(q[0] - p[0]) / len, (q[1] - p[1]) / len]
    }
  }
  return best
}

/**
 * Cuts a convex area into parcels no larger than maxAreaM2 (and never smaller than the minimum), across
 * its longer side, leaving a gap (an internal lane or wall) between neighbours.
 */
export function splitIntoParcels(rng: Rng, area: readonly XY[], maxAreaM2: number): XY[][] {
  const a = signedArea(area)
  if (a < MIN_PARCEL_M2) return []
  const limit = Math.min(maxAreaM2, MAX_PARCEL_M2)
  if (a <= limit) return [area.slice()]
  const axis = mainAxis(area)
  const perp: XY = [-axis[1], axis[0]]
  const [a0, a1] = extentAlong(area, axis)
  const [p0, p1] = extentAlong(area, perp)
  const n = a1 - a0 >= p1 - p0 ? axis : perp
  const [lo, hi] = n === axis ? [a0, a1] : [p0, p1]
  const gap = rng.uniform(8, 16) / 2
  for (const t of [rng.uniform(0.38, 0.62), 0.5]) {
    const c = lo + t * (hi - lo)
    const left = clipByHalfPlane(area, -n[0], -n[1], -(c - gap))
    const right = clipByHalfPlane(area, n[0], n[1], c + gap)
    if (left.length >= 3 && right.length >= 3 && signedArea(left) >= MIN_PARCEL_M2 && signedArea(right) >= MIN_PARCEL_M2) {
      return [...splitIntoParcels(rng, left, maxAreaM2), ...splitIntoParcels(rng, right, maxAreaM2)]
    }
  }
  return a <= MAX_PARCEL_M2 * 1.05 ? [area.slice()] : []
}

/** Replaces corner k by two points on its edges, dk metres from the corner. */
function cutCorner(ring: XY[], k: number, d: number): XY[] {
  const n = ring.length
  const prev = ring[(k + n - 1) % n]
  const c = ring[k]
  const next = ring[(k + 1) % n]
  const a = towards(c, prev, d)
  const b = towards(c, next, d)
  return [...ring.slice(0, k), a, b, ...ring.slice(k + 1)]
}

/** Cuts a rectangle-like notch out of corner k: a concave L shape with one inner vertex. */
function notchCorner(ring: XY[], k: number, da: number, db: number): XY[] {
  const n = ring.length
  const prev = ring[(k + n - 1) % n]
  const c = ring[k]
  const next = ring[(k + 1) % n]
  const a = towards(c, prev, da)
  const b = towards(c, next, db)
  const inner: XY = [a[0] + (b[0] - c[0]), a[1] + (b[1] - c[1])]
  return [...ring.slice(0, k), a, inner, b, ...ring.slice(k + 1)]
}

/** Cross product of the edges at vertex k: positive at a convex corner of a counter-clockwise ring. */
function turnAt(ring: readonly XY[], k: number): number {
  const n = ring.length
  const p = ring[(k + n - 1) % n]
  const c = ring[k]
  const q = ring[(k + 1) % n]
  const cross = (c[0] - p[0]) * (q[1] - c[1]) - (c[1] - p[1]) * (q[0] - c[0])
  return cross / (distance(p, c) * distance(c, q))
}

function towards(from: XY, to: XY, d: number): XY {
  const len = distance(from, to)
  return [from[0] + ((to[0] - from[0]) * d) / len, from[1] + ((to[1] - from[1]) * d) / len]
}

/** A point on the middle part of edge k pulled towards the centroid: a shallow dent. */
function dentEdge(ring: XY[], k: number, depth: number): XY[] {
  const p = ring[k]
  const q = ring[(k + 1) % ring.length]
  const c = ringCentroid(ring)
  const m: XY = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2]
  const len = distance(m, c)
  const f = Math.min(depth / len, 0.15)
  const dented: XY = [m[0] + (c[0] - m[0]) * f, m[1] + (c[1] - m[1]) * f]
  return [...ring.slice(0, k + 1), dented, ...ring.slice(k + 1)]
}

/**
 * An irregular community outline of 5–12 vertices inside a convex parcel; null when the parcel is
 * too small to hold a valid one.
 */
export function shapeCommunityRing(rng: Rng, parcel: readonly XY[]): XY[] | null {
  let ring = dropFlatConvexVertices(parcel, 6, 4)
  const target = rng.int(5, 12)
  for (let attempt = 0; attempt < 12 && ring.length < target; attempt++) {
    const k = rng.int(0, ring.length - 1)
    const n = ring.length
    const inLen = distance(ring[(k + n - 1) % n], ring[k])
    const outLen = distance(ring[k], ring[(k + 1) % n])
    const shortest = Math.min(inLen, outLen)
    // Corner cuts and notches only at convex corners, where they stay inside the parcel.
    const convex = turnAt(ring, k) > 0.05
    const op = convex ? rng.next() : 0.9
    let next: XY[]
    if (op < 0.4 && shortest > 60) next = cutCorner(ring, k, rng.uniform(10, Math.min(35, shortest * 0.3)))
    else if (op < 0.75 && shortest > 90 && ring.length + 2 <= 12) {
      next = notchCorner(ring, k, rng.uniform(20, shortest * 0.35), rng.uniform(20, shortest * 0.35))
    } else if (outLen > 80) next = dentEdge(ring, k, rng.uniform(5, 18))
    else continue
    if (isSimpleRing(next, 4) && signedArea(next) > 0) ring = next
  }
  if (ring.length > 12) ring = dropFlatConvexVertices(ring, 25, 12)
  if (ring.length < 5) {
    // Too few changes took: cut the sharpest corners until five vertices.
    for (let k = 0; ring.length < 5 && k < 8; k++) {
      const j = k % ring.length
      const n = ring.length
      const shortest = Math.min(distance(ring[(j + n - 1) % n], ring[j]), distance(ring[j], ring[(j + 1) % n]))
      if (shortest > 30 && turnAt(ring, j) > 0.05) {
        const next = cutCorner(ring, j, Math.min(12, shortest * 0.25))
        if (isSimpleRing(next, 4)) ring = next
      }
    }
  }
  if (ring.length < 5 || ring.length > 12 || !isSimpleRing(ring, 2) || signedArea(ring) < HECTARE) return null
  return ring
}
