import type { CoverageSummary, CoverageTotals, SitedFacility } from '../../../core/contracts/coverage.js'
import { formatNumber, formatPercent, type Lang } from '../../i18n/format.js'

/**
 * Walking minutes for tables and tooltips with one decimal (so 10.3 is not shown as a served "10"), whole
 * minutes from 100; '—' when unreachable.
 */
export function formatWalkMinutes(minutes: number | null, lang: Lang): string {
  if (minutes === null || !Number.isFinite(minutes)) return '—'
  return formatNumber(minutes, lang, minutes < 100 ? 1 : 0)
}

/** A share (0–1) as a percentage with one decimal: 0.724 → '72.4%'. */
export function formatShare(share: number | null | undefined, lang: Lang): string {
  return formatPercent(share, lang, 1)
}

/** 'before → after' of two shares: '72.4% → 81.9%'. */
export function formatShareChange(before: number, after: number, lang: Lang): string {
  return `${formatShare(before, lang)} → ${formatShare(after, lang)}`
}

/** The change in percentage points with its sign, one decimal: 0.724 → 0.819 gives '+9.5'. */
export function formatPointChange(before: number, after: number, lang: Lang): string {
  const pts = (after - before) * 100
  const text = formatNumber(Math.abs(pts), lang, 1)
  return pts > 0.05 ? `+${text}` : pts < -0.05 ? `−${text}` : text
}

/** A count with its sign: '+23,158', '−2,000' (a true minus), '0'. */
export function formatSignedNumber(n: number, lang: Lang): string {
  const text = formatNumber(Math.abs(n), lang)
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text
}

/** Residents share of a totals object, recomputed from the counts (0 when nobody lives there). */
export function shareOf(totals: Pick<CoverageTotals, 'residents' | 'coveredResidents'>): number {
  return totals.residents > 0 ? totals.coveredResidents / totals.residents : 0
}

/**
 * The share served after each suggested site in turn (sites ranked in order, each adding its marginal
 * residents to what the ones before it cover), starting from `before`.
 */
export function cumulativeSiteShares(before: CoverageTotals, sites: readonly Pick<SitedFacility, 'rank' | 'marginalResidents'>[]): { rank: number; before: number; after: number }[] {
  let covered = before.coveredResidents
  return [...sites]
    .sort((a, b) => a.rank - b.rank)
    .map((s) => {
      const prev = shareOf({ residents: before.residents, coveredResidents: covered })
      covered += s.marginalResidents
      return { rank: s.rank, before: prev, after: shareOf({ residents: before.residents, coveredResidents: covered }) }
    })
}

export interface DistrictShareRow {
  id: number
  name: string
  share: number
  residents: number
  coveredResidents: number
  communities: number
  coveredCommunities: number
  /** Below the city's share (drawn in the warning colour). */
  belowCity: boolean
}

/** Districts with residents for the bar chart, best served first (ties by name for a stable order). */
export function toDistrictShareRows(summary: Pick<CoverageSummary, 'byDistrict' | 'share'>): DistrictShareRow[] {
  return summary.byDistrict
    .filter((d) => d.residents > 0)
    .map((d) => ({
      id: d.id,
      name: d.name,
      share: d.share,
      residents: d.residents,
      coveredResidents: d.coveredResidents,
      communities: d.communities,
      coveredCommunities: d.coveredCommunities,
      belowCity: d.share < summary.share,
    }))
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name))
}

/** Clamps the number of sites asked for to what the panel allows (1–20); non-numbers give the default. */
export function clampSiteCount(value: unknown, fallback = 3): number {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim())
  if (!Number.isFinite(n) || String(value ?? '').trim() === '') return fallback
  return Math.min(20, Math.max(1, Math.round(n)))
}
