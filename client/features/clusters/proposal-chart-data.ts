import type { ClusterProposal, ProposalResponse } from '../../../core/contracts/clusters.js'
import { residentsBand, type ResidentsBand } from './cluster-flags.js'

export interface ProposalBar {
  key: string
  /** 1-based rank by residents, the label under the bar. */
  rank: number
  residents: number
  band: ResidentsBand
  flagged: boolean
  communities: number
}

export interface ProposalRules {
  minResidents: number
  maxResidents: number
  targetResidents: number
}

/** One bar per proposal, most residents first, with where it stands against the bounds. */
export function toProposalBars(proposals: readonly ClusterProposal[], rules: ProposalRules): ProposalBar[] {
  return [...proposals]
    .sort((a, b) => b.residents - a.residents || a.key.localeCompare(b.key))
    .map((p, i) => ({
      key: p.key,
      rank: i + 1,
      residents: p.residents,
      band: residentsBand(p.residents, rules),
      flagged: p.flags.length > 0,
      communities: p.memberIds.length,
    }))
}

/** The top of the residents axis shared by runs shown side by side: above every bar and the maximum, rounded up. */
export function residentsAxisMax(runs: readonly { proposals: readonly Pick<ClusterProposal, 'residents'>[]; rules: ProposalRules }[]): number {
  let top = 0
  for (const run of runs) {
    top = Math.max(top, run.rules.maxResidents)
    for (const p of run.proposals) top = Math.max(top, p.residents)
  }
  const step = top > 20_000 ? 5_000 : 2_000
  return Math.max(step, Math.ceil((top * 1.05) / step) * step)
}

export interface RunSummary {
  proposals: number
  withinBounds: number
  below: number
  above: number
  flagged: number
  residents: number
  unassigned: number
  /** Mean distance from the target, as a share of it (0.12 = 12 % off on average); null without proposals. */
  meanDeviation: number | null
  elapsedMs: number
}

/** The figures that compare two runs: how many proposals, how many within the bounds, how close to the target. */
export function summariseRun(res: ProposalResponse): RunSummary {
  const rules = res.params
  let below = 0
  let above = 0
  let dev = 0
  for (const p of res.proposals) {
    const band = residentsBand(p.residents, rules)
    if (band === 'below') below += 1
    if (band === 'above') above += 1
    dev += Math.abs(p.residents - rules.targetResidents) / Math.max(1, rules.targetResidents)
  }
  return {
    proposals: res.proposals.length,
    withinBounds: res.proposals.length - below - above,
    below,
    above,
    flagged: res.proposals.filter((p) => p.flags.length > 0).length,
    residents: res.proposals.reduce((s, p) => s + p.residents, 0),
    unassigned: res.unassigned.length,
    meanDeviation: res.proposals.length ? dev / res.proposals.length : null,
    elapsedMs: res.elapsedMs,
  }
}
