import { describe, expect, it } from 'vitest'
import { DEFICIENCIES, FACILITY_TYPES, LIBRARY_TIERS, MANAGEMENT_MODES, OWNERSHIP_TYPES } from '../../core/domain/community.js'
import { STAGES } from '../../core/domain/stages.js'
import { en } from '../../client/i18n/en.js'
import { formatNumber, formatPercent, interpolate } from '../../client/i18n/format.js'
import { zh, type MessageKey } from '../../client/i18n/zh.js'

const enumKeys: MessageKey[] = [
  ...STAGES.map((s) => `stage.${s}` as const),
  ...OWNERSHIP_TYPES.map((s) => `ownership.${s}` as const),
  ...MANAGEMENT_MODES.map((s) => `management.${s}` as const),
  ...LIBRARY_TIERS.map((s) => `tier.${s}` as const),
  ...DEFICIENCIES.map((s) => `deficiency.${s}` as const),
  ...FACILITY_TYPES.map((s) => `facility.${s}` as const),
]

describe('the UI dictionaries', () => {
  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
  })

  it('label every code of the domain enums in both languages', () => {
    for (const key of enumKeys) {
      expect(zh[key], key).toMatch(/[\u4e00-\u9fff]/)
      expect(en[key], key).toMatch(/^[\x20-\x7e]+$/)
    }
  })

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(zh) as MessageKey[]) expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]))
  })
})

describe('number formatting', () => {
  it('groups thousands and fixes decimals', () => {
    expect(formatNumber(1234567.891, 'zh', 1)).toBe('1,234,567.9')
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,568')
    expect(formatNumber(Number.NaN, 'en')).toBe('—')
    expect(formatPercent(0.6667, 'zh')).toBe('66.7%')
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('数据截至 {date}', { date: '2026-06-30' })).toBe('数据截至 2026-06-30')
    expect(interpolate('{a} / {b}', { a: 1 })).toBe('1 / {b}')
  })
})
