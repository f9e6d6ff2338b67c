import type { KpiValue as TargetValue } from '../../../core/contracts/schedule.js'
import { investmentScale, moneyKpi, type KpiValue } from '../communities/kpi-values.js'
import { formatNumber, formatPercent, type Lang } from '../../i18n/format.js'

/**
 * Number formatting of the progress dashboard and the large screen: money in 万元 shown as 万元/亿元 (or
 * million/billion yuan in English), floor area in 万㎡ (million m²), and shares of the year's targets.
 */

/** Share of the target reached (0–1, may pass 1); null when there is no target. */
export function targetShare(kpi: TargetValue): number | null {
  return kpi.target > 0 ? kpi.value / kpi.target : null
}

/** The share as '75.6%', or '—' without a target. */
export function formatTargetShare(kpi: TargetValue, lang: Lang, digits = 1): string {
  return formatPercent(targetShare(kpi), lang, digits)
}

/**
 * Planned and spent money in one unit picked from the planned total, so the two read side by side
 * ("35.94 / 54.01 亿元"); a programme under 1亿 stays in 万元.
 */
export function formatMoneyPair(plannedWan: number, spentWan: number, lang: Lang): { planned: KpiValue; spent: KpiValue; share: number | null } {
  const scale = investmentScale(Math.max(plannedWan, spentWan), lang)
  return {
    planned: moneyKpi(plannedWan, scale, lang),
    spent: moneyKpi(spentWan, scale, lang),
    share: plannedWan > 0 ? spentWan / plannedWan : null,
  }
}

/** Floor area: 万㎡ with one decimal in Chinese, million m² with two in English. */
export function formatAreaM2(m2: number, lang: Lang): KpiValue {
  return lang === 'zh'
    ? { value: formatNumber(m2 / 10_000, lang, 1), unitKey: 'kpi.unitFloorArea' }
    : { value: formatNumber(m2 / 1_000_000, lang, 2), unitKey: 'kpi.unitFloorArea' }
}

/** A count with thousands separators ('90,448'). */
export function formatCount(n: number, lang: Lang): string {
  return formatNumber(n, lang)
}

/** '2026-11-16' → '11-16', for week ticks. */
export function shortDate(iso: string): string {
  return iso.length >= 10 ? iso.slice(5, 10) : iso
}

/**
 * The dates the dashboard can be viewed at: the schedule's today first, then the report weeks newest
 * first (today is often a Monday itself, listed once).
 */
export function asOfOptions(weeks: readonly string[], today: string): string[] {
  const out = [today]
  for (let i = weeks.length - 1; i >= 0; i--) {
    const w = weeks[i]
    if (w !== today && w <= today) out.push(w)
  }
  return out
}
