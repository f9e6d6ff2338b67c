/**
 * The objective of `proposeClusters` and its last phase: `groupTerm` (one group's share: squared relative
 * deviation from the target, λ·(compactness − 1), a penalty outside [min, max]); single moves of boundary
 * communities to an adjacent group while the objective drops, keeping the group left connected and the group
 * joined within the maximum; and the objective recomputed from an assignment to rank the restarts.
 */
import type { ProposalOptions } from './propose.js'
import type { Workspace } from './propose-workspace.js'

const BOUND_PENALTY = 10
/** Upper bound on the improvement passes over all communities per restart. */
const MAX_IMPROVE_PASSES = 40

/** One group's share of the objective. */
export function groupTerm(opts: ProposalOptions, lambda: number, residents: number, compactness: number): number {
  const T = opts.targetResidents
  const dev = (residents - T) / T
  let f = dev * dev + lambda * Math.max(0, compactness - 1)
  if (residents < opts.minResidents) f += BOUND_PENALTY + (BOUND_PENALTY * (opts.minResidents - residents)) / T
  else if (residents > opts.maxResidents) f += BOUND_PENALTY + (BOUND_PENALTY * (residents - opts.maxResidents)) / T
  return f
}

/** Single moves of boundary communities to an adjacent group while the objective drops; the group left stays connected. */
export function improve(ws: Workspace, rand: () => number): void {
  const { n, active, fixed, wOff, wAdj } = ws.p
  const order: number[] = []
  for (let v = 0; v < n; v++) if (active[v] && !fixed[v]) order.push(v)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    const t = order[i]
    order[i] = order[j]
    order[j] = t
  }
  for (let pass = 0; pass < MAX_IMPROVE_PASSES; pass++) {
    let moves = 0
    for (const v of order) {
      const a = ws.regionOf[v]
      let best = -1
      let bestDelta = -1e-9
      let base = NaN
      for (let e = wOff[v]; e < wOff[v + 1]; e++) {
        const u = wAdj[e]
        const b = ws.regionOf[u]
        // Never past the maximum, as in growth.
        if (fixed[u] || b === a || b < 0 || ws.sum[b] + ws.p.res[v] > ws.max) continue
        if (Number.isNaN(base)) base = ws.termWith(a, v, -1) - ws.term(a)
        const delta = base + ws.termWith(b, v, 1) - ws.term(b)
        if (delta < bestDelta || (delta === bestDelta && b < best)) {
          bestDelta = delta
          best = b
        }
      }
      if (best < 0 || !ws.connectedWithout(a, v)) continue
      ws.remove(v)
      ws.add(v, best)
      moves++
    }
    if (moves === 0) break
  }
}

/** The objective recomputed from the assignment (not from running sums), over the grown groups. */
export function objective(ws: Workspace): number {
  const { n, fixed } = ws.p
  const r = ws.regionOf.slice()
  ws.reset()
  let regions = 0
  for (let v = 0; v < n; v++) {
    if (r[v] < 0 || fixed[v]) continue
    ws.add(v, r[v])
    regions = Math.max(regions, r[v] + 1)
  }
  ws.regions = regions
  let total = 0
  for (let k = 0; k < regions; k++) total += ws.term(k)
  return total
}
