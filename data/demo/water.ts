import { ringCentroid, segmentIntersection, type XY } from './geometry.js'
import type { Rng } from './random.js'

/**
 * The river: a meandering band crossing the city from west to east. Its centre line is a function of x
 * (two sine harmonics), so every bank is a polyline over the same x samples and "is this point in the
 * river" is a lookup, not a polygon test.
 */
export interface River {
  name: string
  x0: number
  dx: number
  /** Banks of the water, sampled at x0 + k·dx, west to east. */
  waterNorth: XY[]
  waterSouth: XY[]
  /** Banks of the zone roads stop at: the water plus a margin on each side. */
  wideNorth: XY[]
  wideSouth: XY[]
}

/** Vertical margin (m) between the water and the nearest road end or riverside path. */
export const RIVER_ROAD_MARGIN_M = 15

export function buildRiver(rng: Rng, xMin: number, xMax: number, name: string): River {
  const y0 = rng.uniform(-1500, -600)
  const a1 = rng.uniform(250, 400)
  const l1 = rng.uniform(6500, 9000)
  const p1 = rng.uniform(0, 2 * Math.PI)
  const a2 = rng.uniform(50, 90)
  const l2 = rng.uniform(2200, 3200)
  const p2 = rng.uniform(0, 2 * Math.PI)
  const lw = rng.uniform(3000, 5000)
  const pw = rng.uniform(0, 2 * Math.PI)
  const k1 = (2 * Math.PI) / l1
  const k2 = (2 * Math.PI) / l2
  const centre = (x: number) => y0 + a1 * Math.sin(k1 * x + p1) + a2 * Math.sin(k2 * x + p2)
  const slope = (x: number) => a1 * k1 * Math.cos(k1 * x + p1) + a2 * k2 * Math.cos(k2 * x + p2)
  // Perpendicular width 85–145 m; the vertical half-height grows with the slope to keep it.
  const halfHeight = (x: number) => ((115 + 30 * Math.sin((2 * Math.PI * x) / lw + pw)) / 2) * Math.sqrt(1 + slope(x) ** 2)
  const dx = 15
  const x0 = xMin - 300
  const n = Math.ceil((xMax + 300 - x0) / dx)
  const river: River = { name, x0, dx, waterNorth: [], waterSouth: [], wideNorth: [], wideSouth: [] }
  for (let k = 0; k <= n; k++) {
    const x = x0 + k * dx
    const c = centre(x)
    const h = halfHeight(x)
    river.waterNorth.push([x, c + h])
    river.waterSouth.push([x, c - h])
    river.wideNorth.push([x, c + h + RIVER_ROAD_MARGIN_M])
    river.wideSouth.push([x, c - h - RIVER_ROAD_MARGIN_M])
  }
  return river
}

/** y of a bank polyline at x (linear between samples; clamped at the ends). */
export function bankY(river: River, bank: readonly XY[], x: number): number {
  const f = (x - river.x0) / river.dx
  const k = Math.max(0, Math.min(bank.length - 2, Math.floor(f)))
  const t = Math.max(0, Math.min(1, f - k))
  return bank[k][1] + t * (bank[k + 1][1] - bank[k][1])
}

/** Vertical distance (m) from a point to the water, 0 inside it. */
export function verticalDistanceToWater(river: River, p: XY): number {
  const n = bankY(river, river.waterNorth, p[0])
  const s = bankY(river, river.waterSouth, p[0])
  if (p[1] > n) return p[1] - n
  if (p[1] < s) return s - p[1]
  return 0
}

export function isInWideZone(river: River, p: XY): boolean {
  return p[1] < bankY(river, river.wideNorth, p[0]) && p[1] > bankY(river, river.wideSouth, p[0])
}

/** Parameters t ∈ (0, 1) along segment ab where it crosses a bank polyline, ascending. */
export function crossingsWithBank(river: River, bank: readonly XY[], a: XY, b: XY): number[] {
  const lo = Math.max(0, Math.floor((Math.min(a[0], b[0]) - river.x0) / river.dx) - 1)
  const hi = Math.min(bank.length - 2, Math.ceil((Math.max(a[0], b[0]) - river.x0) / river.dx) + 1)
  const ts: number[] = []
  for (let k = lo; k <= hi; k++) {
    const hit = segmentIntersection(a, b, bank[k], bank[k + 1])
    if (hit && hit.t > 1e-9 && hit.t < 1 - 1e-9 && !ts.some((t) => Math.abs(t - hit.t) < 1e-9)) ts.push(hit.t)
  }
  return ts.sort((p, q) => p - q)
}

/** The river's water polygon (one counter-clockwise ring). */
export function riverRing(river: River): XY[] {
  return [...river.waterSouth, ...river.waterNorth.slice().reverse()]
}

/**
 * A small lake inside a (convex, counter-clockwise) park ring: the ring shrunk towards its centroid,
 * rounded by Chaikin corner cutting and roughened radially, so it stays inside the park.
 */
export function buildLakeRing(rng: Rng, parkRing: readonly XY[], scale: number): XY[] {
  const c = ringCentroid(parkRing)
  let ring: XY[] = parkRing.map((p) => [c[0] + (p[0] - c[0]) * scale, c[1] + (p[1] - c[1]) * scale])
  for (let pass = 0; pass < 3; pass++) {
    const next: XY[] = []
    for (let k = 0; k < ring.length; k++) {
      const p = ring[k]
      const q = ring[(k + 1) % ring.length]
      next.push([0.75 * p[0] + 0.25 * q[0], 0.75 * p[1] + 0.25 * q[1]], [0.25 * p[0] + 0.75 * q[0], 0.25 * p[1] + 0.75 * q[1]])
    }
    ring = next
  }
  return ring.map((p) => {
    const f = rng.uniform(0.88, 1)
    return [c[0] + (p[0] - c[0]) * f, c[1] + (p[1] - c[1]) * f] as XY
  })
}
