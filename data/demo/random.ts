/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) with the helpers the demo
 * generator needs. Same seed, same sequence, on every platform: the demo city must be reproducible.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number
  /** Integer uniform in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** Normally distributed (Box–Muller). */
  normal(mean?: number, sd?: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks an item with probability proportional to its weight (weights ≥ 0, not all zero). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T
  /** A shuffled copy (Fisher–Yates); the input is not changed. */
  shuffle<T>(items: readonly T[]): T[]
  /**
   * An independent stream derived from this generator's seed and a label, so each part of the city draws
   * from its own stream and a change in one part does not reshuffle the others.
   */
  fork(label: string): Rng
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** FNV-1a of a label mixed with a seed: fork labels become seeds. */
function hashLabel(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let k = 0; k < label.length; k++) {
    h ^= label.charCodeAt(k)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

export function createRng(seed: number): Rng {
  const init = splitmix32(seed)
  let a = init()
  let b = init()
  let c = init()
  let d = init()
  const next = (): number => {
    // sfc32 by Chris Doty-Humphrey.
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
  for (let k = 0; k < 12; k++) next()

  const rng: Rng = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal(mean = 0, sd = 1) {
      const u = 1 - next()
      const v = next()
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)]
    },
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      let total = 0
      for (const w of weights) total += Math.max(0, w)
      if (items.length === 0 || total <= 0) throw new Error('weighted pick needs a positive total weight')
      let r = next() * total
      for (let k = 0; k < items.length; k++) {
        r -= Math.max(0, weights[k])
        if (r < 0) return items[k]
      }
      return items[items.length - 1]
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice()
      for (let k = out.length - 1; k > 0; k--) {
        const m = Math.floor(next() * (k + 1))
        const tmp = out[k]
        out[k] = out[m]
        out[m] = tmp
      }
      return out
    },
    fork: (label) => createRng(hashLabel(seed, label)),
  }
  return rng
}
