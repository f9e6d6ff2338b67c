import { describe, expect, it } from 'vitest'
import { selectSites, type SitingProblem, type SitingResult } from '../../core/coverage/siting.js'

/** Mulberry32: a tiny seeded PRNG, so the random instances are the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function problemOf(weights: number[], covers: number[][], already: number[] = []): SitingProblem {
  const coveredAlready = new Uint8Array(weights.length)
  for (const d of already) coveredAlready[d] = 1
  const coverOffsets = new Uint32Array(covers.length + 1)
  covers.forEach((c, i) => (coverOffsets[i + 1] = coverOffsets[i] + c.length))
  return { demandWeights: Float64Array.from(weights), coveredAlready, coverOffsets, coverIndex: Uint32Array.from(covers.flat()) }
}

function randomInstance(rnd: () => number, maxCandidates: number, maxDemands: number): { weights: number[]; covers: number[][]; already: number[] } {
  const m = 2 + Math.floor(rnd() * (maxCandidates - 1))
  const n = 3 + Math.floor(rnd() * (maxDemands - 2))
  const weights = Array.from({ length: n }, () => Math.floor(rnd() * 100))
  const already = [...Array(n).keys()].filter(() => rnd() < 0.15)
  const density = 0.1 + rnd() * 0.3
  const covers = Array.from({ length: m }, () => shuffled([...Array(n).keys()].filter(() => rnd() < density), rnd))
  return { weights, covers, already }
}

/** Cover lists come in any order from the caller, so the tests do not hand them over sorted. */
function shuffled<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j], xs[i]]
  }
  return xs
}

/** Residents newly covered by a set of candidates, counted directly from the input. */
function gainOfSet(p: SitingProblem, set: readonly number[]): number {
  const seen = new Set<number>()
  for (const c of set) for (let e = p.coverOffsets[c]; e < p.coverOffsets[c + 1]; e++) seen.add(p.coverIndex[e])
  let g = 0
  for (const d of seen) if (p.coveredAlready[d] === 0) g += p.demandWeights[d]
  return g
}

function bestGainByExhaustion(p: SitingProblem, k: number): number {
  const m = p.coverOffsets.length - 1
  let best = 0
  const pick = (from: number, set: number[]): void => {
    best = Math.max(best, gainOfSet(p, set))
    if (set.length === k) return
    for (let c = from; c < m; c++) pick(c + 1, [...set, c])
  }
  pick(0, [])
  return best
}

/** Textbook greedy that evaluates every candidate every round, for checking the lazy one against. */
function plainGreedy(p: SitingProblem, k: number): number[] {
  const m = p.coverOffsets.length - 1
  const chosen: number[] = []
  while (chosen.length < k) {
    let best = -1
    let bestGain = 0
    const base = gainOfSet(p, chosen)
    for (let c = 0; c < m; c++) {
      if (chosen.includes(c)) continue
      const g = gainOfSet(p, [...chosen, c]) - base
      if (g > bestGain) [best, bestGain] = [c, g]
    }
    if (best < 0) break
    chosen.push(best)
  }
  return chosen
}

const candidatesOf = (r: SitingResult): number[] => r.sites.map((s) => s.candidate)

/** demand 0..7, one resident each: candidate 0 takes the broad middle, 1 and 2 the two halves. */
const blockingMiddle = problemOf(Array(8).fill(1), [[1, 2, 3, 4, 5, 6], [0, 1, 2, 3], [4, 5, 6, 7]])

describe('choosing facility sites to cover the most residents', () => {
  it('reaches at least 1 − 1/e of the exhaustive optimum on small random instances, and the optimum for one site', () => {
    const rnd = prng(20240611)
    let optimal = 0
    const instances = 30
    for (let t = 0; t < instances; t++) {
      const { weights, covers, already } = randomInstance(rnd, 12, 25)
      const p = problemOf(weights, covers, already)
      const k = 1 + (t % 3)
      const r = selectSites(p, k)
      const got = r.coveredAfter - r.coveredBefore
      const best = bestGainByExhaustion(p, k)
      expect(got).toBe(gainOfSet(p, candidatesOf(r)))
      expect(got).toBeGreaterThanOrEqual(0.632 * best)
      if (k === 1) expect(got).toBe(best)
      if (got === best) optimal++
    }
    console.info(`siting: greedy + swap was optimal on ${optimal} of ${instances} random instances`)
    expect(optimal, `${optimal}/${instances} optimal`).toBeGreaterThanOrEqual(Math.ceil(0.8 * instances))
  })

  it('picks the same sites lazily as a greedy that re-evaluates every candidate, and swapping never loses residents', () => {
    const rnd = prng(7)
    for (let t = 0; t < 30; t++) {
      const { weights, covers, already } = randomInstance(rnd, 40, 60)
      const p = problemOf(weights, covers, already)
      const k = 1 + (t % 6)
      const greedy = selectSites(p, k, { swap: false })
      expect(candidatesOf(greedy)).toEqual(plainGreedy(p, k))
      expect(greedy.swaps).toBe(0)
      expect(selectSites(p, k).coveredAfter).toBeGreaterThanOrEqual(greedy.coveredAfter)
    }
  })

  it('swaps out a broad first pick that blocks two complementary sites, which plain greedy keeps', () => {
    const greedy = selectSites(blockingMiddle, 2, { swap: false })
    expect(candidatesOf(greedy)).toEqual([0, 1])
    expect(greedy.coveredAfter).toBe(7)
    expect(greedy.swaps).toBe(0)

    const swapped = selectSites(blockingMiddle, 2)
    expect(swapped.swaps).toBe(1)
    expect(swapped.coveredAfter).toBe(8)
    expect(swapped.sites).toEqual([
      { candidate: 1, marginalGain: 4, uniqueGain: 4, newlyCovered: [0, 1, 2, 3] },
      { candidate: 2, marginalGain: 4, uniqueGain: 4, newlyCovered: [4, 5, 6, 7] },
    ])
  })

  it('keeps the greedy answer when swap rounds are capped at zero', () => {
    expect(selectSites(blockingMiddle, 2, { maxSwapRounds: 0 })).toEqual(selectSites(blockingMiddle, 2, { swap: false }))
  })

  it('reports gains that add up, never increase down the list, and never claim a resident twice', () => {
    const rnd = prng(99)
    for (let t = 0; t < 10; t++) {
      const { weights, covers, already } = randomInstance(rnd, 200, 300)
      const p = problemOf(weights, covers, already)
      const r = selectSites(p, 12)
      const sumMarginal = r.sites.reduce((s, x) => s + x.marginalGain, 0)
      expect(r.coveredAfter - r.coveredBefore).toBeCloseTo(sumMarginal, 9)
      expect(r.coveredAfter - r.coveredBefore).toBeCloseTo(gainOfSet(p, candidatesOf(r)), 9)

      const claimed = new Set<number>()
      r.sites.forEach((s, i) => {
        if (i > 0) expect(s.marginalGain).toBeLessThanOrEqual(r.sites[i - 1].marginalGain)
        expect(s.marginalGain).toBeGreaterThan(0)
        expect(s.uniqueGain).toBeLessThanOrEqual(s.marginalGain)
        expect(s.newlyCovered).toEqual([...s.newlyCovered].sort((a, b) => a - b))
        expect(s.marginalGain).toBeCloseTo(s.newlyCovered.reduce((g, d) => g + p.demandWeights[d], 0), 9)
        expect(gainOfSet(p, candidatesOf(r).filter((c) => c !== s.candidate))).toBeCloseTo(r.coveredAfter - r.coveredBefore - s.uniqueGain, 9)
        for (const d of s.newlyCovered) {
          expect(p.coveredAlready[d]).toBe(0)
          expect(claimed.has(d)).toBe(false)
          claimed.add(d)
        }
      })
    }
  })

  it('evaluates far fewer gains than a greedy that rescans every candidate each round', () => {
    // Sparse like a real city: 400 candidates each reaching 8 of 500 communities.
    const rnd = prng(3)
    const m = 400
    const weights = Array.from({ length: 500 }, () => Math.floor(rnd() * 100))
    const covers = Array.from({ length: m }, () => shuffled([...Array(500).keys()], rnd).slice(0, 8))
    const p = problemOf(weights, covers)
    const k = 15
    const r = selectSites(p, k)
    expect(r.sites).toHaveLength(k)
    const rescanning = m * k - (k * (k - 1)) / 2
    expect(r.evaluations).toBeGreaterThanOrEqual(m)
    expect(r.evaluations).toBeLessThan(rescanning / 3)
  })

  it('gains nothing from residents who are already covered', () => {
    // Candidate 0 reaches 1,000 residents, all already served; candidate 1 reaches 5 who are not.
    const p = problemOf([1000, 5, 0], [[0], [1], [0, 2]], [0])
    const r = selectSites(p, 3)
    expect(r.coveredBefore).toBe(1000)
    expect(r.coveredAfter).toBe(1005)
    expect(r.totalWeight).toBe(1005)
    expect(candidatesOf(r)).toEqual([1])
    expect(r.sites[0].newlyCovered).toEqual([1])
  })

  it('stops early when the remaining candidates add nobody', () => {
    const p = problemOf([3, 2, 1], [[0, 1], [1], [], [0]])
    const r = selectSites(p, 3)
    expect(candidatesOf(r)).toEqual([0])
    expect(r.stoppedEarly).toBe(true)
    expect(selectSites(p, 1).stoppedEarly).toBe(false)
    expect(selectSites(problemOf([3, 2, 1], [[0], [1], [2]]), 5).stoppedEarly).toBe(true)
  })

  it('chooses no sites for k of zero or less', () => {
    const r = selectSites(blockingMiddle, 0)
    expect(r.sites).toEqual([])
    expect(r.coveredAfter).toBe(r.coveredBefore)
    expect(r.stoppedEarly).toBe(false)
    expect(selectSites(blockingMiddle, -3).sites).toEqual([])
  })

  it('gives the same answer twice, breaks ties towards the lower candidate index and leaves the input untouched', () => {
    const rnd = prng(42)
    const { weights, covers, already } = randomInstance(rnd, 300, 200)
    const p = problemOf(weights, covers, already)
    const copy = structuredClone(p)
    expect(selectSites(p, 10)).toEqual(selectSites(p, 10))
    expect(p).toEqual(copy)

    // 1 and 2 are twins, as are 0 and 3: swapping one for its twin gains nobody, so it is not done.
    const twins = problemOf([1, 1, 1], [[2], [0, 1], [1, 0], [2]])
    const r = selectSites(twins, 2)
    expect(candidatesOf(r)).toEqual([1, 0])
    expect(r.swaps).toBe(0)
  })

  it('rejects malformed arguments with a RangeError that names the problem', () => {
    const ok = problemOf([1, 2], [[0], [1]])
    expect(() => selectSites(ok, 1.5)).toThrow(/k must be an integer/)
    expect(() => selectSites(ok, Number.NaN)).toThrow(RangeError)
    expect(() => selectSites(ok, 1, { maxSwapRounds: -1 })).toThrow(/maxSwapRounds/)
    expect(() => selectSites({ ...ok, coveredAlready: new Uint8Array(3) }, 1)).toThrow(/coveredAlready has 3 entries but demandWeights has 2/)
    expect(() => selectSites({ ...ok, demandWeights: Float64Array.from([1, -2]) }, 1)).toThrow(/demandWeights\[1\]/)
    expect(() => selectSites({ ...ok, demandWeights: Float64Array.from([Number.NaN, 2]) }, 1)).toThrow(RangeError)
    expect(() => selectSites({ ...ok, coverOffsets: new Uint32Array(0) }, 1)).toThrow(/coverOffsets/)
    expect(() => selectSites({ ...ok, coverOffsets: Uint32Array.from([1, 1, 2]) }, 1)).toThrow(/coverOffsets\[0\] must be 0/)
    expect(() => selectSites({ ...ok, coverOffsets: Uint32Array.from([0, 2, 1, 2]) }, 1)).toThrow(/non-decreasing/)
    expect(() => selectSites({ ...ok, coverOffsets: Uint32Array.from([0, 1, 1]) }, 1)).toThrow(/coverIndex has 2 entries/)
    expect(() => selectSites({ ...ok, coverIndex: Uint32Array.from([0, 2]) }, 1)).toThrow(/not a demand index/)
    expect(() => selectSites({ ...ok, coverOffsets: Uint32Array.from([0, 2, 2]), coverIndex: Uint32Array.from([1, 1]) }, 1)).toThrow(/candidate 0 lists demand 1 more than once/)
    expect(() => selectSites(ok, 0, { maxSwapRounds: 2.5 })).toThrow(RangeError)
  })
})
