import type { XY } from './geometry.js'
import type { Rng } from './random.js'

/**
 * The demo city's street lattice: a grid of lines in index space whose nodes are bent by a smooth warp,
 * so roads curve gently while every crossing stays one shared node. Arterial lines split the city into
 * superblocks (about 1 km); the finer lines between them carry secondary and local roads.
 */
export interface Lattice {
  /** Number of intervals along x (u-lines 0..nu) and y (v-lines 0..nv). */
  nu: number
  nv: number
  /** Line indices of the arterial lines, ascending, including the outer ring. */
  arterialU: number[]
  arterialV: number[]
  /** Node id of lattice node (i, j). */
  id(i: number, j: number): number
  /** Coordinates of every node by id; nodes added later (river cuts, bank paths) extend it. */
  nodes: XY[]
}

export interface LatticeOptions { widthM: number; heightM: number; superblocksX: number; superblocksY: number }

/** Splits a length into n intervals of roughly equal size (±15 %), returning the n + 1 cumulative cuts. */
function jitteredCuts(rng: Rng, length: number, n: number, spread: number): number[] {
  const widths = Array.from({ length: n }, () => rng.uniform(1 - spread, 1 + spread))
  const total = widths.reduce((s, w) => s + w, 0)
  const cuts = [0]
  for (const w of widths) cuts.push(cuts[cuts.length - 1] + (w / total) * length)
  cuts[n] = length
  return cuts
}

/** Fine line positions along one axis and which of them are arterials. */
function buildAxis(rng: Rng, length: number, superblocks: number): { positions: number[]; arterials: number[] } {
  const arterialCuts = jitteredCuts(rng, length, superblocks, 0.15)
  const positions: number[] = [0]
  const arterials: number[] = [0]
  for (let s = 0; s < superblocks; s++) {
    const a = arterialCuts[s]
    const b = arterialCuts[s + 1]
    const cells = Math.max(3, Math.min(5, Math.round((b - a) / 260)))
    const fine = jitteredCuts(rng, b - a, cells, 0.15)
    for (let k = 1; k <= cells; k++) positions.push(a + fine[k])
    arterials.push(positions.length - 1)
  }
  return { positions: positions.map((p) => p - length / 2), arterials }
}

interface Wave { amp: number; wavelength: number; phase: number }

const wave = (rng: Rng, ampMin: number, ampMax: number, lMin: number, lMax: number): Wave => ({
  amp: rng.uniform(ampMin, ampMax),
  wavelength: rng.uniform(lMin, lMax),
  phase: rng.uniform(0, 2 * Math.PI),
})
const evalWave = (w: Wave, t: number) => w.amp * Math.sin((2 * Math.PI * t) / w.wavelength + w.phase)

/**
 * Builds the lattice. The warp's slopes stay below about 0.35, so cells remain convex quadrilaterals
 * and the lattice never folds over itself.
 */
export function buildLattice(rng: Rng, opts: LatticeOptions): Lattice {
  const u = buildAxis(rng, opts.widthM, opts.superblocksX)
  const v = buildAxis(rng, opts.heightM, opts.superblocksY)
  const nu = u.positions.length - 1
  const nv = v.positions.length - 1
  const gx1 = wave(rng, 100, 150, 4800, 6000)
  const gx2 = wave(rng, 40, 70, 3500, 4500)
  const gy1 = wave(rng, 90, 130, 5500, 7000)
  const gy2 = wave(rng, 35, 60, 3800, 4800)
  const lineU = Array.from({ length: nu + 1 }, () => wave(rng, 0, 20, 1500, 3000))
  const lineV = Array.from({ length: nv + 1 }, () => wave(rng, 0, 20, 1500, 3000))
  const id = (i: number, j: number) => i * (nv + 1) + j
  const nodes: XY[] = new Array((nu + 1) * (nv + 1))
  for (let i = 0; i <= nu; i++) {
    for (let j = 0; j <= nv; j++) {
      const pu = u.positions[i]
      const pv = v.positions[j]
      const x = pu + evalWave(gx1, pv) + evalWave(gx2, pu + pv) + evalWave(lineU[i], pv)
      const y = pv + evalWave(gy1, pu) + evalWave(gy2, pu - pv) + evalWave(lineV[j], pu)
      nodes[id(i, j)] = [x, y]
    }
  }
  return { nu, nv, arterialU: u.arterials, arterialV: v.arterials, id, nodes }
}

/** Index of the superblock interval containing fine interval k (between lines k and k + 1). */
export function superblockOf(arterials: readonly number[], k: number): number {
  for (let s = 0; s < arterials.length - 1; s++) if (k >= arterials[s] && k < arterials[s + 1]) return s
  return arterials.length - 2
}

/**
 * Node ids around the index rectangle [i0, i1] × [j0, j1], counter-clockwise, including every lattice
 * node on its sides so neighbouring rectangles share their boundary vertices exactly.
 */
export function rectangleRing(lat: Lattice, i0: number, i1: number, j0: number, j1: number): number[] {
  const ring: number[] = []
  for (let i = i0; i < i1; i++) ring.push(lat.id(i, j0))
  for (let j = j0; j < j1; j++) ring.push(lat.id(i1, j))
  for (let i = i1; i > i0; i--) ring.push(lat.id(i, j1))
  for (let j = j1; j > j0; j--) ring.push(lat.id(i0, j))
  return ring
}
