import { describe, expect, it } from 'vitest'
import {
  auditCsvHref,
  auditFiltersFromSearch,
  auditFiltersToSearch,
  auditRequestOf,
  EMPTY_AUDIT_FILTERS,
  isDateRangeValid,
  pageCountOf,
} from '../../client/features/audit/audit-filters.js'

describe('the audit filters in the address bar', () => {
  it('round-trip through the query string', () => {
    const state = { ...EMPTY_AUDIT_FILTERS, user: '张敏', action: 'community.update', from: '2026-03-01', to: '2026-03-31', page: 3 }
    const search = auditFiltersToSearch(state)
    expect(search).toBe('?user=%E5%BC%A0%E6%95%8F&action=community.update&from=2026-03-01&to=2026-03-31&page=3')
    expect(auditFiltersFromSearch(search)).toEqual(state)
  })

  it('are empty for a bare address and drop malformed dates and pages', () => {
    expect(auditFiltersToSearch(EMPTY_AUDIT_FILTERS)).toBe('')
    expect(auditFiltersFromSearch('?from=2026-3-1&to=yesterday&page=-2&entityType=user')).toEqual({ ...EMPTY_AUDIT_FILTERS, entityType: 'user' })
  })
})

describe('the audit requests', () => {
  it('page by 100 rows', () => {
    expect(auditRequestOf({ ...EMPTY_AUDIT_FILTERS, entityType: 'community', entityId: '42', page: 3 })).toEqual({
      entityType: 'community',
      entityId: '42',
      limit: 100,
      offset: 200,
    })
    expect(pageCountOf(0)).toBe(1)
    expect(pageCountOf(100)).toBe(1)
    expect(pageCountOf(101)).toBe(2)
  })

  it('export every matching row as CSV, whatever page is showing', () => {
    const href = auditCsvHref({ ...EMPTY_AUDIT_FILTERS, user: 'li.wei ', action: 'user.create', from: '2026-01-01', page: 5 })
    expect(href).toBe('/api/audit?user=li.wei&action=user.create&from=2026-01-01&format=csv')
    expect(auditCsvHref(EMPTY_AUDIT_FILTERS)).toBe('/api/audit?format=csv')
  })

  it('refuse a date range that ends before it starts', () => {
    expect(isDateRangeValid({ from: '2026-04-02', to: '2026-04-01' })).toBe(false)
    expect(isDateRangeValid({ from: '2026-04-01', to: '2026-04-01' })).toBe(true)
    expect(isDateRangeValid({ from: '', to: '2026-04-01' })).toBe(true)
  })
})
