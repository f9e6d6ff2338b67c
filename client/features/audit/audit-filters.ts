import { authApi, type AuditFilters } from '../../api/auth-endpoints.js'

/** Rows per page of the audit table. */
export const AUDIT_PAGE_SIZE = 100

/** What the audit page filters by, as the form holds it ('' = no filter); `page` counts from 1. */
export interface AuditFilterState {
  user: string
  action: string
  entityType: string
  entityId: string
  from: string
  to: string
  page: number
}

export const EMPTY_AUDIT_FILTERS: AuditFilterState = { user: '', action: '', entityType: '', entityId: '', from: '', to: '', page: 1 }

const TEXT_KEYS = ['user', 'action', 'entityType', 'entityId'] as const
const DATE_KEYS = ['from', 'to'] as const
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Reads the filters from a location's query string; anything malformed is dropped rather than sent on. */
export function auditFiltersFromSearch(search: string): AuditFilterState {
  const params = new URLSearchParams(search)
  const state: AuditFilterState = { ...EMPTY_AUDIT_FILTERS }
  for (const key of TEXT_KEYS) state[key] = (params.get(key) ?? '').trim().slice(0, 100)
  for (const key of DATE_KEYS) {
    const v = params.get(key) ?? ''
    state[key] = ISO_DATE.test(v) ? v : ''
  }
  const page = Number(params.get('page'))
  state.page = Number.isInteger(page) && page >= 1 ? page : 1
  return state
}

/** The query string for the filters ('' when none), so a filtered view can be bookmarked and shared. */
export function auditFiltersToSearch(state: AuditFilterState): string {
  const params = new URLSearchParams()
  for (const key of [...TEXT_KEYS, ...DATE_KEYS]) {
    const v = state[key].trim()
    if (v) params.set(key, v)
  }
  if (state.page > 1) params.set('page', String(state.page))
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** The API filters of a state, without paging (the CSV export takes every matching row). */
export function auditFiltersOf(state: AuditFilterState): AuditFilters {
  const f: AuditFilters = {}
  for (const key of [...TEXT_KEYS, ...DATE_KEYS]) {
    const v = state[key].trim()
    if (v) f[key] = v
  }
  return f
}

/** The API request for one page of the table. */
export function auditRequestOf(state: AuditFilterState, pageSize = AUDIT_PAGE_SIZE): AuditFilters {
  return { ...auditFiltersOf(state), limit: pageSize, offset: (Math.max(1, state.page) - 1) * pageSize }
}

/** The download link of the CSV export for the current filters (all pages). */
export function auditCsvHref(state: AuditFilterState): string {
  return authApi.auditCsvUrl(auditFiltersOf(state))
}

/** How many pages `total` rows fill (at least 1, so an empty result still shows "page 1 of 1"). */
export function pageCountOf(total: number, pageSize = AUDIT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize))
}

/** Whether the date range is usable: both empty or ordered. */
export function isDateRangeValid(state: Pick<AuditFilterState, 'from' | 'to'>): boolean {
  return !state.from || !state.to || state.from <= state.to
}
