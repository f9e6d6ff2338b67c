import type { Rng } from './random.js'

/**
 * Districts (区) and streets (街道) as contiguous groups of superblocks, so their boundaries follow
 * arterial roads as real ones mostly do. Districts are unions of streets by construction.
 */
export type DistrictRole = 'center' | 'east' | 'west' | 'north' | 'south'
export const DISTRICT_ROLES: readonly DistrictRole[] = ['center', 'north', 'east', 'south', 'west']

export interface AdminPartition {
  /** Street index of superblock (I, J): streetOf[I][J]. */
  streetOf: number[][]
  streets: { district: number; cells: [number, number][] }[]
  districts: { role: DistrictRole; streets: number[] }[]
}

type Cell = [number, number]

/**
 * Grows regions from seeds over the allowed cells, always extending the region that is smallest relative
 * to its weight by the unclaimed neighbour closest to its seed (plus noise): contiguous, compact, balanced.
 */
function growRegions(rng: Rng, allowed: readonly Cell[], seeds: readonly Cell[], weights: readonly number[]): Map<string, number> {
  const key = (c: Cell) => `${c[0]},${c[1]}`
  const allowedSet = new Set(allowed.map(key))
  const owner = new Map<string, number>()
  seeds.forEach((s, r) => owner.set(key(s), r))
  const size = seeds.map(() => 1)
  let remaining = allowed.length - seeds.length
  while (remaining > 0) {
    const order = seeds.map((_, r) => r).sort((a, b) => size[a] / weights[a] - size[b] / weights[b] || a - b)
    let grew = false
    for (const r of order) {
      let best: Cell | null = null
      let bestScore = Infinity
      for (const c of allowed) {
        if (owner.has(key(c))) continue
        const touches = [[1, 0], [-1, 0], [0, 1], [0, -1]].some(([dx, dy]) => owner.get(key([c[0] + dx, c[1] + dy])) === r)
        if (!touches) continue
        const score = Math.hypot(c[0] - seeds[r][0], c[1] - seeds[r][1]) + rng.uniform(0, 1.2)
        if (score < bestScore) {
          bestScore = score
          best = c
        }
      }
      if (!best) continue
      owner.set(key(best), r)
      size[r]++
      remaining--
      grew = true
      break
    }
    if (!grew) throw new Error('region growth stalled: the allowed cells are not connected')
  }
  for (const k of owner.keys()) if (!allowedSet.has(k)) throw new Error('a seed lies outside the allowed cells')
  return owner
}

/** Picks k seeds spread over the cells (farthest-point sampling from a random start). */
function spreadSeeds(rng: Rng, cells: readonly Cell[], k: number): Cell[] {
  const seeds: Cell[] = [rng.pick(cells)]
  while (seeds.length < k) {
    let best = cells[0]
    let bestD = -1
    for (const c of cells) {
      const d = Math.min(...seeds.map((s) => Math.hypot(c[0] - s[0], c[1] - s[1]))) + rng.uniform(0, 0.5)
      if (d > bestD) {
        bestD = d
        best = c
      }
    }
    seeds.push(best)
  }
  return seeds
}

/** Splits a total into integer parts proportional to weights (largest remainder), each at least min. */
function apportion(total: number, weights: readonly number[], min: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  const exact = weights.map((w) => (w / sum) * total)
  const parts = exact.map((e) => Math.max(min, Math.floor(e)))
  const order = exact.map((e, k) => ({ k, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.k - b.k)
  let left = total - parts.reduce((s, p) => s + p, 0)
  for (let n = 0; left > 0; n++, left--) parts[order[n % order.length].k]++
  for (let n = 0; left < 0; n++) {
    const k = order[order.length - 1 - (n % order.length)].k
    if (parts[k] > min) {
      parts[k]--
      left++
    }
  }
  return parts
}

function isConnectedWithout(cells: readonly Cell[], removed: Cell): boolean {
  const rest = cells.filter((c) => c[0] !== removed[0] || c[1] !== removed[1])
  if (rest.length === 0) return false
  const set = new Set(rest.map((c) => `${c[0]},${c[1]}`))
  const seen = new Set<string>([`${rest[0][0]},${rest[0][1]}`])
  const stack = [rest[0]]
  while (stack.length) {
    const [x, y] = stack.pop()!
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      const k = `${x + dx},${y + dy}`
      if (set.has(k) && !seen.has(k)) {
        seen.add(k)
        stack.push([x + dx, y + dy])
      }
    }
  }
  return seen.size === rest.length
}

/**
 * Removes corner-only contacts (two cells of one region meeting at a point with the other two cells
 * outside it), which would make the union boundary self-touching, by moving one off-diagonal cell over.
 */
function removeCornerContacts(streetOf: number[][], streetDistrict: readonly number[]): void {
  const nI = streetOf.length
  const nJ = streetOf[0].length
  const cellsOf = (pred: (s: number) => boolean): Cell[] => {
    const out: Cell[] = []
    for (let I = 0; I < nI; I++) for (let J = 0; J < nJ; J++) if (pred(streetOf[I][J])) out.push([I, J])
    return out
  }
  const canGive = (c: Cell) => {
    const s = streetOf[c[0]][c[1]]
    const d = streetDistrict[s]
    return isConnectedWithout(cellsOf((x) => x === s), c) && isConnectedWithout(cellsOf((x) => streetDistrict[x] === d), c)
  }
  for (let pass = 0; pass < 500; pass++) {
    let fixed = false
    for (let I = 1; I < nI && !fixed; I++) {
      for (let J = 1; J < nJ && !fixed; J++) {
        const bl: Cell = [I - 1, J - 1]
        const br: Cell = [I, J - 1]
        const tl: Cell = [I - 1, J]
        const tr: Cell = [I, J]
        const s = (c: Cell) => streetOf[c[0]][c[1]]
        const d = (c: Cell) => streetDistrict[s(c)]
        for (const [p, q, o1, o2] of [[bl, tr, br, tl], [br, tl, bl, tr]] as Cell[][]) {
          const streetPinch = s(p) === s(q) && s(o1) !== s(p) && s(o2) !== s(p)
          const districtPinch = d(p) === d(q) && d(o1) !== d(p) && d(o2) !== d(p)
          if (!streetPinch && !districtPinch) continue
          const target = s(p)
          const giver = [o1, o2].find(canGive)
          if (!giver) throw new Error(`cannot resolve a corner contact at superblock vertex ${I},${J}`)
          streetOf[giver[0]][giver[1]] = target
          fixed = true
          break
        }
      }
    }
    if (!fixed) return
  }
  throw new Error('corner contacts did not settle')
}

/** Partitions an nI × nJ superblock grid into five districts and about `streetCount` streets. */
export function partitionCity(rng: Rng, nI: number, nJ: number, streetCount: number): AdminPartition {
  const all: Cell[] = []
  for (let I = 0; I < nI; I++) for (let J = 0; J < nJ; J++) all.push([I, J])
  const clampCell = (x: number, y: number): Cell => [Math.max(0, Math.min(nI - 1, Math.round(x))), Math.max(0, Math.min(nJ - 1, Math.round(y)))]
  const cx = (nI - 1) / 2
  const cy = (nJ - 1) / 2
  const seedAt: Record<DistrictRole, Cell> = {
    center: clampCell(cx + rng.uniform(-0.6, 0.6), cy + rng.uniform(-0.6, 0.6)),
    north: clampCell(cx + rng.uniform(-1.5, 1.5), nJ - 1.2),
    east: clampCell(nI - 1.5, cy + rng.uniform(-1.5, 1.5)),
    south: clampCell(cx + rng.uniform(-1.5, 1.5), 0.5),
    west: clampCell(0.5, cy + rng.uniform(-1.5, 1.5)),
  }
  const districtSeeds = DISTRICT_ROLES.map((r) => seedAt[r])
  const districtOwner = growRegions(rng, all, districtSeeds, DISTRICT_ROLES.map((r) => (r === 'center' ? 0.7 : 1)))
  const districtCells = DISTRICT_ROLES.map((_, d) => all.filter((c) => districtOwner.get(`${c[0]},${c[1]}`) === d))
  // The old centre has smaller streets: weight it by area times a density factor.
  const counts = apportion(streetCount, districtCells.map((cells, d) => cells.length * (DISTRICT_ROLES[d] === 'center' ? 1.5 : 1)), 3)

  const streetOf: number[][] = Array.from({ length: nI }, () => new Array<number>(nJ).fill(-1))
  const streetDistrict: number[] = []
  districtCells.forEach((cells, d) => {
    const seeds = spreadSeeds(rng, cells, Math.min(counts[d], cells.length))
    // Number streets north to south, then west to east, as a gazetteer would list them.
    seeds.sort((a, b) => b[1] - a[1] || a[0] - b[0])
    const owner = growRegions(rng, cells, seeds, seeds.map(() => 1))
    const base = streetDistrict.length
    seeds.forEach(() => streetDistrict.push(d))
    for (const c of cells) streetOf[c[0]][c[1]] = base + owner.get(`${c[0]},${c[1]}`)!
  })
  removeCornerContacts(streetOf, streetDistrict)

  const streets = streetDistrict.map((district, s) => ({ district, cells: all.filter((c) => streetOf[c[0]][c[1]] === s) }))
  const districts = DISTRICT_ROLES.map((role, d) => ({ role, streets: streets.map((_, s) => s).filter((s) => streetDistrict[s] === d) }))
  return { streetOf, streets, districts }
}
