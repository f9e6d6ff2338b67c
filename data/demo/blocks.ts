import type { RoadClass } from '../../core/domain/community.js'
import { signedArea, type XY } from './geometry.js'
import { rectangleRing, superblockOf, type Lattice } from './lattice.js'
import type { Rng } from './random.js'
import { bankY, type River } from './water.js'

/**
 * Which lattice lines carry roads in each superblock, and the blocks (街坊) between those roads.
 * Every road runs along lattice edges (or a block diagonal), so blocks and roads share vertices exactly.
 */
export interface RoadPlan {
  /** Class of the road on edge a–b (undirected): lattice edges and block diagonals that carry a road. */
  edgeClass: Map<string, RoadClass>
  /** Naming group of each lattice edge: edges of one group carry one road name. */
  edgeGroup: Map<string, string>
}

export type BlockUse = 'urban' | 'riverside' | 'lake_park'

export interface Block {
  id: number
  /** Superblock (I, J) the block lies in. */
  superblock: [number, number]
  /** Node ids, counter-clockwise. */
  ring: number[]
  /** Class of the road along edge k (ring[k] → ring[k + 1]). */
  edgeClass: RoadClass[]
  use: BlockUse
}

export const edgeKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`)

interface LineChoice { classU: (RoadClass | null)[][]; classV: (RoadClass | null)[][] }

/**
 * Chooses the road class of every lattice line within every superblock: arterials on superblock edges,
 * one secondary road through the middle of most superblocks (continuous across the city), and local
 * roads on most of the remaining lines.
 */
function chooseLineClasses(rng: Rng, lat: Lattice): LineChoice {
  const pick = (arterials: number[], n: number, crossCount: number): (RoadClass | null)[][] => {
    const byLine: (RoadClass | null)[][] = Array.from({ length: n + 1 }, () => new Array<RoadClass | null>(crossCount).fill(null))
    for (const a of arterials) byLine[a].fill('arterial')
    for (let s = 0; s < arterials.length - 1; s++) {
      const lo = arterials[s]
      const hi = arterials[s + 1]
      const mid = lo + Math.floor((hi - lo) / 2) + ((hi - lo) % 2 === 0 ? 0 : rng.int(0, 1))
      const secondary = Math.min(hi - 1, Math.max(lo + 1, mid))
      for (let i = lo + 1; i < hi; i++) {
        for (let c = 0; c < crossCount; c++) {
          if (i === secondary) byLine[i][c] = rng.chance(0.88) ? 'secondary' : 'local'
          else byLine[i][c] = rng.chance(0.68) ? 'local' : null
        }
      }
    }
    return byLine
  }
  return {
    classU: pick(lat.arterialU, lat.nu, lat.arterialV.length - 1),
    classV: pick(lat.arterialV, lat.nv, lat.arterialU.length - 1),
  }
}

/** Registers the lattice edges of every road line with its class and naming group (runs of one class). */
function registerLineEdges(lat: Lattice, choice: LineChoice, plan: RoadPlan): void {
  const addRuns = (axis: 'u' | 'v', line: number, count: number, classAt: (k: number) => RoadClass | null, nodeAt: (k: number) => number) => {
    let runStart = -1
    for (let k = 0; k < count; k++) {
      const cls = classAt(k)
      if (cls === null) {
        runStart = -1
        continue
      }
      if (runStart < 0 || classAt(k - 1) !== cls) runStart = k
      const key = edgeKey(nodeAt(k), nodeAt(k + 1))
      plan.edgeClass.set(key, cls)
      plan.edgeGroup.set(key, cls === 'arterial' ? `${axis}${line}` : `${axis}${line}:${runStart}`)
    }
  }
  for (let i = 0; i <= lat.nu; i++) {
    addRuns('u', i, lat.nv, (j) => choice.classU[i][superblockOf(lat.arterialV, j)], (j) => lat.id(i, j))
  }
  for (let j = 0; j <= lat.nv; j++) {
    addRuns('v', j, lat.nu, (i) => choice.classV[j][superblockOf(lat.arterialU, i)], (i) => lat.id(i, j))
  }
}

/** True when the ring comes within bufferM (vertically) of the water or straddles it. */
function touchesRiver(river: River, ring: readonly XY[], bufferM: number): boolean {
  let above = false
  let below = false
  for (let k = 0; k < ring.length; k++) {
    const p = ring[k]
    const q = ring[(k + 1) % ring.length]
    const steps = Math.max(1, Math.ceil(Math.hypot(q[0] - p[0], q[1] - p[1]) / 10))
    for (let s = 0; s < steps; s++) {
      const x = p[0] + ((q[0] - p[0]) * s) / steps
      const y = p[1] + ((q[1] - p[1]) * s) / steps
      const n = bankY(river, river.waterNorth, x)
      const south = bankY(river, river.waterSouth, x)
      if (y > n + bufferM) above = true
      else if (y < south - bufferM) below = true
      else return true
    }
  }
  return above && below
}

/** Builds the road plan and the blocks, splitting some blocks with a footpath along a lattice line or diagonal. */
export function planRoadsAndBlocks(rng: Rng, lat: Lattice, river: River): { plan: RoadPlan; blocks: Block[] } {
  const plan: RoadPlan = { edgeClass: new Map(), edgeGroup: new Map() }
  const choice = chooseLineClasses(rng, lat)
  registerLineEdges(lat, choice, plan)
  const xy = (ring: number[]) => ring.map((n) => lat.nodes[n])
  const rects: { sb: [number, number]; i0: number; i1: number; j0: number; j1: number }[] = []
  for (let I = 0; I < lat.arterialU.length - 1; I++) {
    for (let J = 0; J < lat.arterialV.length - 1; J++) {
      const us: number[] = []
      const vs: number[] = []
      for (let i = lat.arterialU[I]; i <= lat.arterialU[I + 1]; i++) if (choice.classU[i][J]) us.push(i)
      for (let j = lat.arterialV[J]; j <= lat.arterialV[J + 1]; j++) if (choice.classV[j][I]) vs.push(j)
      for (let a = 0; a < us.length - 1; a++) {
        for (let b = 0; b < vs.length - 1; b++) rects.push({ sb: [I, J], i0: us[a], i1: us[a + 1], j0: vs[b], j1: vs[b + 1] })
      }
    }
  }

  const pending: { sb: [number, number]; ring: number[]; use: BlockUse }[] = []
  for (const r of rects) {
    const ring = rectangleRing(lat, r.i0, r.i1, r.j0, r.j1)
    if (touchesRiver(river, xy(ring), 60)) {
      pending.push({ sb: r.sb, ring, use: 'riverside' })
      continue
    }
    const di = r.i1 - r.i0
    const dj = r.j1 - r.j0
    if ((di >= 2 || dj >= 2) && rng.chance(0.35)) {
      // A footpath along the middle lattice line cuts the block in two.
      const alongU = di > dj || (di === dj && rng.chance(0.5))
      if (alongU) {
        const im = r.i0 + Math.floor(di / 2)
        for (let j = r.j0; j < r.j1; j++) plan.edgeClass.set(edgeKey(lat.id(im, j), lat.id(im, j + 1)), 'footpath')
        pending.push({ sb: r.sb, ring: rectangleRing(lat, r.i0, im, r.j0, r.j1), use: 'urban' })
        pending.push({ sb: r.sb, ring: rectangleRing(lat, im, r.i1, r.j0, r.j1), use: 'urban' })
      } else {
        const jm = r.j0 + Math.floor(dj / 2)
        for (let i = r.i0; i < r.i1; i++) plan.edgeClass.set(edgeKey(lat.id(i, jm), lat.id(i + 1, jm)), 'footpath')
        pending.push({ sb: r.sb, ring: rectangleRing(lat, r.i0, r.i1, r.j0, jm), use: 'urban' })
        pending.push({ sb: r.sb, ring: rectangleRing(lat, r.i0, r.i1, jm, r.j1), use: 'urban' })
      }
      continue
    }
    if (di <= 2 && dj <= 2 && rng.chance(0.1)) {
      // A diagonal footpath (a worn shortcut) from one corner to the opposite one.
      const corners = [0, di, di + dj, di + dj + di]
      const [p, q] = rng.chance(0.5) ? [corners[0], corners[2]] : [corners[1], corners[3]]
      plan.edgeClass.set(edgeKey(ring[p], ring[q]), 'footpath')
      pending.push({ sb: r.sb, ring: ring.slice(p, q + 1), use: 'urban' })
      pending.push({ sb: r.sb, ring: [...ring.slice(q), ...ring.slice(0, p + 1)], use: 'urban' })
      continue
    }
    pending.push({ sb: r.sb, ring, use: 'urban' })
  }

  // One large block far from the river becomes the lake park.
  let lakeIndex = -1
  let bestScore = -Infinity
  pending.forEach((b, k) => {
    if (b.use !== 'urban') return
    const area = signedArea(xy(b.ring))
    if (area < 90_000) return
    const [cx, cy] = xy(b.ring).reduce((s, p) => [s[0] + p[0] / b.ring.length, s[1] + p[1] / b.ring.length], [0, 0])
    const fromRiver = Math.abs(cy - bankY(river, river.waterNorth, cx))
    const fromCentre = Math.hypot(cx, cy)
    const score = Math.min(fromRiver, 2500) - Math.abs(fromCentre - 3000) * 0.5 + rng.uniform(0, 400)
    if (score > bestScore) {
      bestScore = score
      lakeIndex = k
    }
  })
  if (lakeIndex >= 0) pending[lakeIndex].use = 'lake_park'

  const blocks = pending.map((b, k) => ({
    id: k + 1,
    superblock: b.sb,
    ring: b.ring,
    edgeClass: b.ring.map((n, e) => {
      const cls = plan.edgeClass.get(edgeKey(n, b.ring[(e + 1) % b.ring.length]))
      if (!cls) throw new Error(`block edge ${n} has no road`)
      return cls
    }),
    use: b.use,
  }))
  return { plan, blocks }
}
