/**
 * Facility siting as a maximal covering location problem: choose up to k candidate sites that newly cover
 * the most residents. Lazy greedy (CELF) carries the (1 − 1/e) guarantee; a 1-swap local search then repairs
 * the classic case where one broad early pick blocks two complementary ones.
 */

/** Candidates and what each would cover, precomputed by the caller from walking distances. */
export interface SitingProblem {
  /** Residents per demand point (a community); finite and ≥ 0. */
  demandWeights: Float64Array
  /** Non-zero where a demand point is already covered (by existing or planned facilities): covering it again gains nothing. */
  coveredAlready: Uint8Array
  /** CSR: candidate c covers the demand indices coverIndex[coverOffsets[c] .. coverOffsets[c+1]) (distinct, any order). */
  coverOffsets: Uint32Array
  coverIndex: Uint32Array
}

export interface SitingOptions {
  /** Try swapping chosen sites for unchosen candidates after the greedy pass (default true). */
  swap?: boolean
  /** Upper bound on improving swap rounds, each one pass over the chosen sites (integer ≥ 0, default 20). */
  maxSwapRounds?: number
}

export interface SitedCandidate {
  /** Index of the candidate (its position in coverOffsets). */
  candidate: number
  /** Residents this site adds given the sites listed before it (the list is in that greedy order). */
  marginalGain: number
  /** Residents that only this site covers among the chosen set (already covered demand excluded). */
  uniqueGain: number
  /** Demand indices it newly covers given the sites listed before it (ascending). */
  newlyCovered: number[]
}

export interface SitingResult {
  /** At most k sites, in greedy order of marginal gain; fewer when no remaining candidate adds anyone. */
  sites: SitedCandidate[]
  /** Residents covered already, before any site is added. */
  coveredBefore: number
  /** Residents covered with the chosen sites added. */
  coveredAfter: number
  /** Residents over all demand points. */
  totalWeight: number
  /** True when fewer than k sites were worth choosing. */
  stoppedEarly: boolean
  /** Gain evaluations of the greedy pass (initial bounds plus lazy re-evaluations); swap checks are not counted. */
  evaluations: number
  /** Improving swaps applied. */
  swaps: number
}

const DEFAULT_MAX_SWAP_ROUNDS = 20
/**
 * A swap must gain more than this share of the coverable residents: with fractional weights, rounding in
 * differently ordered sums could otherwise make two equal sets look better than each other and cycle.
 */
const SWAP_RELATIVE_TOLERANCE = 1e-12

/** Chooses up to k candidates maximising newly covered residents: lazy greedy (CELF), then 1-swap improvement. */
export function selectSites(problem: SitingProblem, k: number, opts: SitingOptions = {}): SitingResult {
  const { n, m } = validateProblem(problem)
  if (!Number.isInteger(k)) throw new RangeError(`selectSites: k must be an integer, got ${k}`)
  const swap = opts.swap ?? true
  const maxSwapRounds = opts.maxSwapRounds ?? DEFAULT_MAX_SWAP_ROUNDS
  if (!Number.isInteger(maxSwapRounds) || maxSwapRounds < 0) {
    throw new RangeError(`selectSites: maxSwapRounds must be an integer ≥ 0, got ${maxSwapRounds}`)
  }

  const { demandWeights, coveredAlready } = problem
  // Residents still to gain per demand; already covered demand weighs 0 so it never attracts a site.
  const open = new Float64Array(n)
  let totalWeight = 0
  let coveredBefore = 0
  for (let d = 0; d < n; d++) {
    const w = demandWeights[d]
    totalWeight += w
    if (coveredAlready[d] !== 0) coveredBefore += w
    else open[d] = w
  }
  if (k <= 0) {
    return { sites: [], coveredBefore, coveredAfter: coveredBefore, totalWeight, stoppedEarly: false, evaluations: 0, swaps: 0 }
  }

  const cover: Cover = { offsets: problem.coverOffsets, index: problem.coverIndex, open, n, m }
  const greedy = chooseLazyGreedy(cover, k)
  const swaps = swap && greedy.chosen.length > 0 ? improveBySwaps(cover, greedy.chosen, greedy.fullGain, maxSwapRounds) : 0
  const { sites, coveredByChosen } = orderByMarginalGain(cover, greedy.chosen, coveredAlready)

  let coveredAfter = coveredBefore
  for (let d = 0; d < n; d++) if (coveredByChosen[d] !== 0 && coveredAlready[d] === 0) coveredAfter += demandWeights[d]

  return {
    sites,
    coveredBefore,
    coveredAfter,
    totalWeight,
    stoppedEarly: sites.length < k,
    evaluations: greedy.evaluations,
    swaps,
  }
}

interface Cover {
  offsets: Uint32Array
  index: Uint32Array
  /** Residents still to gain per demand (0 where covered already). */
  open: Float64Array
  n: number
  m: number
}

function validateProblem(p: SitingProblem): { n: number; m: number } {
  const n = p.demandWeights.length
  if (p.coveredAlready.length !== n) {
    throw new RangeError(`selectSites: coveredAlready has ${p.coveredAlready.length} entries but demandWeights has ${n}`)
  }
  for (let d = 0; d < n; d++) {
    const w = p.demandWeights[d]
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`selectSites: demandWeights[${d}] must be finite and ≥ 0, got ${w}`)
  }
  const offsets = p.coverOffsets
  if (offsets.length < 1) throw new RangeError('selectSites: coverOffsets needs one entry per candidate plus one, got an empty array')
  const m = offsets.length - 1
  if (offsets[0] !== 0) throw new RangeError(`selectSites: coverOffsets[0] must be 0, got ${offsets[0]}`)
  for (let c = 0; c < m; c++) {
    if (offsets[c + 1] < offsets[c]) {
      throw new RangeError(`selectSites: coverOffsets must be non-decreasing, but coverOffsets[${c + 1}] = ${offsets[c + 1]} < coverOffsets[${c}] = ${offsets[c]}`)
    }
  }
  if (offsets[m] !== p.coverIndex.length) {
    throw new RangeError(`selectSites: coverOffsets ends at ${offsets[m]} but coverIndex has ${p.coverIndex.length} entries`)
  }
  // A repeated demand within one candidate would be counted twice in its gain.
  const lastSeenBy = new Int32Array(n).fill(-1)
  for (let c = 0; c < m; c++) {
    for (let e = offsets[c]; e < offsets[c + 1]; e++) {
      const d = p.coverIndex[e]
      if (!Number.isInteger(d) || d < 0 || d >= n) {
        throw new RangeError(`selectSites: coverIndex[${e}] = ${d} (candidate ${c}) is not a demand index in [0, ${n})`)
      }
      if (lastSeenBy[d] === c) throw new RangeError(`selectSites: candidate ${c} lists demand ${d} more than once`)
      lastSeenBy[d] = c
    }
  }
  return { n, m }
}

/**
 * CELF: a max-heap of upper bounds on each candidate's gain. Submodularity makes an old gain an upper bound
 * on the current one, so only the top is re-evaluated, and a top evaluated in this round is the true best.
 */
function chooseLazyGreedy(cover: Cover, k: number): { chosen: number[]; fullGain: Float64Array; evaluations: number } {
  const { offsets, index, open, n, m } = cover
  const covered = new Uint8Array(n)
  const bound = new Float64Array(m)
  const fullGain = new Float64Array(m)
  // Number of sites chosen when the bound was computed; it is exact when that equals chosen.length.
  const evaluatedAt = new Int32Array(m)
  const gainOf = (c: number): number => {
    let g = 0
    for (let e = offsets[c]; e < offsets[c + 1]; e++) if (covered[index[e]] === 0) g += open[index[e]]
    return g
  }
  for (let c = 0; c < m; c++) bound[c] = fullGain[c] = gainOf(c)
  let evaluations = m

  const heap = new Int32Array(m)
  for (let c = 0; c < m; c++) heap[c] = c
  let size = m
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(heap, size, bound, i)

  const chosen: number[] = []
  while (chosen.length < k && size > 0) {
    const top = heap[0]
    if (evaluatedAt[top] === chosen.length) {
      // Every other bound is ≤ this exact gain (and ties sit at higher indices), so nothing left adds anyone.
      if (!(bound[top] > 0)) break
      chosen.push(top)
      for (let e = offsets[top]; e < offsets[top + 1]; e++) covered[index[e]] = 1
      heap[0] = heap[--size]
      siftDown(heap, size, bound, 0)
    } else {
      bound[top] = gainOf(top)
      evaluatedAt[top] = chosen.length
      evaluations++
      siftDown(heap, size, bound, 0)
    }
  }
  return { chosen, fullGain, evaluations }
}

/** Heap order: larger bound first, then lower candidate index, so ties resolve deterministically. */
function precedes(bound: Float64Array, a: number, b: number): boolean {
  return bound[a] > bound[b] || (bound[a] === bound[b] && a < b)
}

function siftDown(heap: Int32Array, size: number, bound: Float64Array, i: number): void {
  const item = heap[i]
  for (;;) {
    const l = 2 * i + 1
    if (l >= size) break
    const r = l + 1
    const child = r < size && precedes(bound, heap[r], heap[l]) ? r : l
    if (!precedes(bound, heap[child], item)) break
    heap[i] = heap[child]
    i = child
  }
  heap[i] = item
}

/**
 * 1-swap local search, mutating `chosen` in place. Per-demand cover counts make a swap i → j cost
 * O(|cover(i)| + |cover(j)|): j gains demand nobody covers, plus demand only i covers; i loses what only i covers.
 * Returns the number of swaps applied.
 */
function improveBySwaps(cover: Cover, chosen: number[], fullGain: Float64Array, maxRounds: number): number {
  const { offsets, index, open, n, m } = cover
  const count = new Int32Array(n)
  const isChosen = new Uint8Array(m)
  for (const c of chosen) {
    isChosen[c] = 1
    for (let e = offsets[c]; e < offsets[c + 1]; e++) count[index[e]]++
  }
  let coverable = 0
  for (let d = 0; d < n; d++) coverable += open[d]
  const minImprovement = SWAP_RELATIVE_TOLERANCE * coverable
  // Stamp instead of a boolean array so cover(i) need not be cleared after each site.
  const inOut = new Int32Array(n)
  let stamp = 0
  let swaps = 0

  for (let round = 0; round < maxRounds; round++) {
    let improved = false
    for (let p = 0; p < chosen.length; p++) {
      const out = chosen[p]
      stamp++
      let loss = 0
      for (let e = offsets[out]; e < offsets[out + 1]; e++) {
        const d = index[e]
        inOut[d] = stamp
        if (count[d] === 1) loss += open[d]
      }
      let best = -1
      let bestDelta = minImprovement
      for (let j = 0; j < m; j++) {
        // fullGain bounds j's gain from above whatever is chosen, which rules out most candidates unread.
        if (isChosen[j] !== 0 || fullGain[j] - loss <= bestDelta) continue
        let gain = 0
        for (let e = offsets[j]; e < offsets[j + 1]; e++) {
          const d = index[e]
          const c = count[d]
          if (c === 0 || (c === 1 && inOut[d] === stamp)) gain += open[d]
        }
        if (gain - loss > bestDelta) {
          bestDelta = gain - loss
          best = j
        }
      }
      if (best < 0) continue
      for (let e = offsets[out]; e < offsets[out + 1]; e++) count[index[e]]--
      for (let e = offsets[best]; e < offsets[best + 1]; e++) count[index[e]]++
      isChosen[out] = 0
      isChosen[best] = 1
      chosen[p] = best
      swaps++
      improved = true
    }
    if (!improved) break
  }
  return swaps
}

/**
 * Lists the chosen set in greedy order (largest marginal gain given those listed; tie → lowest index) and drops
 * sites that add nobody, which swaps can leave behind when a newcomer covers all an earlier site did.
 */
function orderByMarginalGain(
  cover: Cover,
  chosen: readonly number[],
  coveredAlready: Uint8Array,
): { sites: SitedCandidate[]; coveredByChosen: Uint8Array } {
  const { offsets, index, open, n } = cover
  const covered = new Uint8Array(n)
  const remaining = [...chosen].sort((a, b) => a - b)
  const listed: { candidate: number; marginalGain: number; newlyCovered: number[] }[] = []
  while (remaining.length > 0) {
    let bestAt = -1
    let bestGain = 0
    for (let r = 0; r < remaining.length; r++) {
      const c = remaining[r]
      let g = 0
      for (let e = offsets[c]; e < offsets[c + 1]; e++) if (covered[index[e]] === 0) g += open[index[e]]
      if (g > bestGain) {
        bestGain = g
        bestAt = r
      }
    }
    if (bestAt < 0) break
    const c = remaining.splice(bestAt, 1)[0]
    const newlyCovered: number[] = []
    for (let e = offsets[c]; e < offsets[c + 1]; e++) {
      const d = index[e]
      if (covered[d] === 0 && coveredAlready[d] === 0) newlyCovered.push(d)
      covered[d] = 1
    }
    newlyCovered.sort((a, b) => a - b)
    listed.push({ candidate: c, marginalGain: bestGain, newlyCovered })
  }

  const count = new Int32Array(n)
  for (const s of listed) for (let e = offsets[s.candidate]; e < offsets[s.candidate + 1]; e++) count[index[e]]++
  const sites = listed.map((s): SitedCandidate => {
    let uniqueGain = 0
    for (let e = offsets[s.candidate]; e < offsets[s.candidate + 1]; e++) if (count[index[e]] === 1) uniqueGain += open[index[e]]
    return { candidate: s.candidate, marginalGain: s.marginalGain, uniqueGain, newlyCovered: s.newlyCovered }
  })
  return { sites, coveredByChosen: covered }
}
