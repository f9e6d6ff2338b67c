import type { Position } from '../../core/domain/geo.js'
import type { RoadInput } from '../../core/network/types.js'

/**
 * A generated city for the walking benchmarks: a jittered street lattice (100 m blocks, each side drawn as
 * several short segments the way OSM ways carry many vertices), a river across it with a bridge every
 * ~2 km, an expressway closed to pedestrians, square compounds inside blocks, and facilities of 8 types.
 */
export interface SyntheticWalkCity {
  roads: RoadInput[]
  water: Position[][][]
  communities: { id: number; ring: Position[]; residents: number }[]
  facilities: { id: number; type: number; lon: number; lat: number }[]
}

function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function generateSyntheticWalkCity(opts: { blocks: number; segmentsPerSide: number; communities: number; facilities: number; seed?: number }): SyntheticWalkCity {
  const rand = rng(opts.seed ?? 7)
  const lon0 = 117.0
  const lat0 = 31.6
  const dLon = 100 / (111_195 * Math.cos((lat0 * Math.PI) / 180))
  const dLat = 100 / 111_195
  const n = opts.blocks
  const s = opts.segmentsPerSide
  const jitter = (i: number, j: number): Position => {
    // Deterministic per-intersection jitter so shared vertices match exactly.
    const h = Math.sin(i * 12.9898 + j * 78.233) * 43758.5453
    const f = h - Math.floor(h)
    return [+(lon0 + (i + (f - 0.5) * 0.2) * dLon).toFixed(7), +(lat0 + (j + (((f * 7) % 1) - 0.5) * 0.2) * dLat).toFixed(7)]
  }
  const riverRow = Math.floor(n / 2)
  const inRiver = (j0: number, j1: number) => Math.min(j0, j1) === riverRow // the street pieces crossing the river band
  const roads: RoadInput[] = []
  let id = 1
  const line = (a: Position, b: Position): Position[] => Array.from({ length: s + 1 }, (_, k) => [+(a[0] + ((b[0] - a[0]) * k) / s).toFixed(7), +(a[1] + ((b[1] - a[1]) * k) / s).toFixed(7)] as Position)
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      if (i < n && j !== riverRow + 1) roads.push({ id: id++, walkable: j !== Math.floor(n / 4), coordinates: line(jitter(i, j), jitter(i + 1, j)) })
      if (j < n && (!inRiver(j, j + 1) || i % 20 === 10)) roads.push({ id: id++, walkable: true, coordinates: line(jitter(i, j), jitter(i, j + 1)) })
    }
  }
  // The river fills the band between the two rows of streets either side of it.
  const south = lat0 + (riverRow + 0.25) * dLat
  const north = lat0 + (riverRow + 0.75) * dLat
  const water: Position[][][] = [[[[lon0 - dLon, south], [lon0 + (n + 1) * dLon, south], [lon0 + (n + 1) * dLon, north], [lon0 - dLon, north], [lon0 - dLon, south]]]]

  const communities = Array.from({ length: opts.communities }, (_, k) => {
    let bi: number
    let bj: number
    do {
      bi = Math.floor(rand() * n)
      bj = Math.floor(rand() * n)
    } while (bj === riverRow)
    const cx = lon0 + (bi + 0.5) * dLon
    const cy = lat0 + (bj + 0.5) * dLat
    const hx = dLon * 0.4
    const hy = dLat * 0.4
    const ring: Position[] = [
      [cx - hx, cy - hy],
      [cx + hx, cy - hy],
      [cx + hx, cy + hy],
      [cx - hx, cy + hy],
      [cx - hx, cy - hy],
    ]
    return { id: k + 1, ring, residents: 500 + Math.floor(rand() * 4500) }
  })
  const facilities = Array.from({ length: opts.facilities }, (_, k) => ({
    id: k + 1,
    type: k % 8,
    lon: lon0 + rand() * n * dLon,
    lat: lat0 + rand() * n * dLat,
  }))
  return { roads, water, communities, facilities }
}
