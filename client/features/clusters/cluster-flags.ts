import { CLUSTER_FLAG_CODES, type ClusterFlag, type ClusterFlagCode } from '../../../core/contracts/clusters.js'
import { formatNumber, type Lang } from '../../i18n/format.js'
import type { MessageKey } from '../../i18n/zh.js'

/** Red for a broken rule (the 片区 should not go ahead as it is), amber for a caution. */
export type FlagSeverity = 'bad' | 'warn'

const SEVERITY: Record<ClusterFlagCode, FlagSeverity> = {
  not_contiguous: 'bad',
  below_min: 'bad',
  above_max: 'bad',
  crosses_barrier: 'warn',
  mixed_streets: 'warn',
  isolated_oversized: 'bad',
  isolated_undersized: 'bad',
}

export function flagSeverity(code: ClusterFlagCode): FlagSeverity {
  return SEVERITY[code]
}

/** The short name of a flag (不连片, 人口低于下限 …). */
export function flagLabelKey(code: ClusterFlagCode): MessageKey {
  return `clusters.flag.${code}` as MessageKey
}

/** The sentence that explains a flag in plain words, with its numbers. */
export function flagDetailKey(code: ClusterFlagCode): MessageKey {
  return `clusters.flagDetail.${code}` as MessageKey
}

export interface FlagContext {
  /** Residents of the 片区 (or proposal), when the flag's values do not carry them. */
  residents?: number
  rules: { minResidents: number; maxResidents: number; gapM: number }
}

/** The parameters of a flag's sentence: its own values first, the 片区's and the rules' as fallback. */
export function flagDetailParams(flag: ClusterFlag, ctx: FlagContext, lang: Lang): Record<string, string> {
  const v = flag.values ?? {}
  const num = (key: string, fallback: number | undefined) => formatNumber(v[key] ?? fallback ?? null, lang)
  const groups = v.groups ?? v.parts ?? v.components
  return {
    residents: num('residents', ctx.residents),
    min: num('min', ctx.rules.minResidents),
    max: num('max', ctx.rules.maxResidents),
    gap: num('gapM', ctx.rules.gapM),
    groups: groups === undefined ? '2+' : formatNumber(groups, lang),
    streets: num('streets', undefined),
    n: formatNumber(flag.communityIds?.length ?? null, lang),
  }
}

const ORDER = new Map(CLUSTER_FLAG_CODES.map((c, i) => [c, i]))

/** Flags in a fixed order (contiguity first, then residents, then the cautions), one per code. */
export function orderedFlags(flags: readonly ClusterFlag[]): ClusterFlag[] {
  const seen = new Set<ClusterFlagCode>()
  return [...flags]
    .sort((a, b) => (ORDER.get(a.code) ?? 99) - (ORDER.get(b.code) ?? 99))
    .filter((f) => {
      if (seen.has(f.code)) return false
      seen.add(f.code)
      return true
    })
}

/** The codes as the `data-flags` attribute carries them: comma-separated, in the fixed order. */
export function flagCodes(flags: readonly ClusterFlag[]): string {
  return orderedFlags(flags)
    .map((f) => f.code)
    .join(',')
}

/** Communities to outline in red on the map: those the contiguity and isolation flags name. */
export function outlinedFlagCommunities(flags: readonly ClusterFlag[]): Set<number> {
  const ids = new Set<number>()
  for (const f of flags) {
    if (f.code === 'not_contiguous' || f.code === 'isolated_oversized' || f.code === 'isolated_undersized') for (const id of f.communityIds ?? []) ids.add(id)
  }
  return ids
}

/** Where residents stand against the bounds. */
export type ResidentsBand = 'below' | 'within' | 'above'

export function residentsBand(residents: number, rules: { minResidents: number; maxResidents: number }): ResidentsBand {
  if (residents < rules.minResidents) return 'below'
  if (residents > rules.maxResidents) return 'above'
  return 'within'
}

/**
 * Positions (0–100 %) on a small residents bar whose scale runs to 1.25 × the maximum: the fill, and the
 * ticks of the minimum and the maximum.
 */
export function residentsBarGeometry(residents: number, rules: { minResidents: number; maxResidents: number }): { fillPct: number; minPct: number; maxPct: number } {
  const top = Math.max(rules.maxResidents * 1.25, 1)
  const pct = (n: number) => Math.max(0, Math.min(100, (n / top) * 100))
  return { fillPct: pct(residents), minPct: pct(rules.minResidents), maxPct: pct(rules.maxResidents) }
}
