import type { Totals } from '../../../core/contracts/responses.js'
import { formatNumber, formatPercent, type Lang } from '../../i18n/format.js'
import type { MessageKey } from '../../i18n/zh.js'

/** A number ready to show, with the dictionary key of its unit. */
export interface KpiValue {
  value: string
  unitKey: MessageKey
}

/** At or above 1亿 (10,000 万元) Chinese reports switch to 亿元. */
export const YI_IN_WAN = 10_000

export function communitiesKpi(totals: Totals, lang: Lang): KpiValue {
  return { value: formatNumber(totals.communities, lang), unitKey: 'kpi.unitCommunities' }
}

/** Chinese shows 万户 as programme reports do; English shows the plain count. */
export function householdsKpi(totals: Totals, lang: Lang): KpiValue {
  return lang === 'zh'
    ? { value: formatNumber(totals.households / 10_000, lang, 2), unitKey: 'kpi.unitHouseholds' }
    : { value: formatNumber(totals.households, lang), unitKey: 'kpi.unitHouseholds' }
}

/** 万㎡ in Chinese as the programme reports write it; million m² in English (eight-digit areas do not read). */
export function floorAreaKpi(totals: Totals, lang: Lang): KpiValue {
  return lang === 'zh'
    ? { value: formatNumber(totals.floorAreaM2 / 10_000, lang, 1), unitKey: 'kpi.unitFloorArea' }
    : { value: formatNumber(totals.floorAreaM2 / 1_000_000, lang, 2), unitKey: 'kpi.unitFloorArea' }
}

/** 1 billion yuan in 万元. */
export const BILLION_IN_WAN = 100_000

export type InvestmentScale = 'wan' | 'yi' | 'million' | 'billion'

/**
 * The one unit used for both planned and spent money on the KPI card, chosen from the planned total:
 * 亿元 from 1亿 (else 万元) in Chinese, billion from 1 bn (else million) in English.
 */
export function investmentScale(plannedWan: number, lang: Lang): InvestmentScale {
  if (lang === 'en') return plannedWan >= BILLION_IN_WAN ? 'billion' : 'million'
  return plannedWan >= YI_IN_WAN ? 'yi' : 'wan'
}

export function moneyKpi(wan: number, scale: InvestmentScale, lang: Lang): KpiValue {
  switch (scale) {
    case 'yi':
      return { value: formatNumber(wan / YI_IN_WAN, lang, 2), unitKey: 'kpi.unitYiYuan' }
    case 'billion':
      return { value: formatNumber(wan / BILLION_IN_WAN, lang, 2), unitKey: 'kpi.unitBillionYuan' }
    case 'million':
      return { value: formatNumber(wan / 100, lang, 1), unitKey: 'kpi.unitMillionYuan' }
    default:
      return { value: formatNumber(wan, lang, 1), unitKey: 'kpi.unitWanYuan' }
  }
}

export function spentShare(totals: Totals, lang: Lang): string {
  return totals.investmentPlannedWan > 0 ? formatPercent(totals.investmentSpentWan / totals.investmentPlannedWan, lang) : '—'
}
