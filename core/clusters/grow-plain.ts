/**
 * The plain baseline for 片区 proposals (the benchmark compares against it): seeds taken in index order,
 * each grown breadth-first until it reaches the target or runs out of free neighbours. No repair, no
 * boundary moves, no restarts; the same input checks and output as `proposeClusters`.
 */
import type { ProposalInput, ProposalOptions, ProposalResult } from './propose.js'
import { finalize, prepare } from './propose-prepare.js'

/** The plain baseline: seeds in index order, each grown breadth-first until it reaches the target or is stuck; no repair, no restarts. */
export function growRegionsPlain(input: ProposalInput, opts: ProposalOptions): ProposalResult {
  const p = prepare(input, opts)
  const { n, active, wOff, wAdj, res } = p
  const regionOf = new Int32Array(n).fill(-1)
  const queue = new Int32Array(n)
  let regions = 0
  for (let s = 0; s < n; s++) {
    if (!active[s] || regionOf[s] >= 0) continue
    const r = regions++
    regionOf[s] = r
    let sum = res[s]
    let head = 0
    let tail = 0
    queue[tail++] = s
    grow: while (head < tail && sum < opts.targetResidents) {
      const u = queue[head++]
      for (let e = wOff[u]; e < wOff[u + 1]; e++) {
        const w = wAdj[e]
        if (regionOf[w] >= 0) continue
        regionOf[w] = r
        sum += res[w]
        queue[tail++] = w
        if (sum >= opts.targetResidents) break grow
      }
    }
  }
  return finalize(p, regionOf)
}
