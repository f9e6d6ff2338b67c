import { describe, expect, it } from 'vitest'
import type { Totals } from '../../core/contracts/responses.js'
import {
  communitiesKpi,
  floorAreaKpi,
  householdsKpi,
  investmentScale,
  moneyKpi,
  spentShare,
} from '../../client/features/communities/kpi-values.js'

const totals: Totals = {
  communities: 1234,
  buildings: 5612,
  households: 166_000,
  population: 420_000,
  floorAreaM2: 15_306_000,
  investmentPlannedWan: 495_000,
  investmentSpentWan: 123_750,
}

describe('KPI figures', () => {
  it('counts communities with a thousands separator', () => {
    expect(communitiesKpi(totals, 'zh')).toEqual({ value: '1,234', unitKey: 'kpi.unitCommunities' })
  })

  it('shows households in 万户 in Chinese and as a plain count in English', () => {
    expect(householdsKpi(totals, 'zh').value).toBe('16.60')
    expect(householdsKpi(totals, 'en').value).toBe('166,000')
  })

  it('shows floor area in 万㎡ in Chinese and million m² in English', () => {
    expect(floorAreaKpi(totals, 'zh')).toEqual({ value: '1,530.6', unitKey: 'kpi.unitFloorArea' })
    expect(floorAreaKpi(totals, 'en').value).toBe('15.31') // million m²
  })

  it('switches investment to 亿元 from 1亿 (billion from 1 bn in English) and keeps the smaller unit below', () => {
    expect(investmentScale(495_000, 'zh')).toBe('yi')
    expect(moneyKpi(495_000, 'yi', 'zh')).toEqual({ value: '49.50', unitKey: 'kpi.unitYiYuan' })
    expect(investmentScale(4_200, 'zh')).toBe('wan')
    expect(moneyKpi(4_200, 'wan', 'zh')).toEqual({ value: '4,200.0', unitKey: 'kpi.unitWanYuan' })
    expect(investmentScale(495_000, 'en')).toBe('billion')
    expect(moneyKpi(495_000, 'billion', 'en')).toEqual({ value: '4.95', unitKey: 'kpi.unitBillionYuan' })
    expect(investmentScale(4_200, 'en')).toBe('million')
    expect(moneyKpi(4_200, 'million', 'en')).toEqual({ value: '42.0', unitKey: 'kpi.unitMillionYuan' })
  })

  it('reports the spent share, and a dash when nothing is planned', () => {
    expect(spentShare(totals, 'zh')).toBe('25.0%')
    expect(spentShare({ ...totals, investmentPlannedWan: 0 }, 'en')).toBe('—')
  })
})
