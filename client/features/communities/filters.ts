import type { Stage } from '../../../core/domain/stages.js'
import type { CommunityQuery } from '../../api/endpoints.js'

/** What the filter bar selects; null means "all". Applied to the API (summary, chart) and the map alike. */
export interface CommunityFilters {
  districtId: number | null
  streetId: number | null
  stage: Stage | null
}

export const NO_FILTERS: CommunityFilters = { districtId: null, streetId: null, stage: null }

export function hasActiveFilters(f: CommunityFilters): boolean {
  return f.districtId !== null || f.streetId !== null || f.stage !== null
}

export function toCommunityQuery(f: CommunityFilters): CommunityQuery {
  return {
    district: f.districtId !== null ? [f.districtId] : undefined,
    street: f.streetId !== null ? [f.streetId] : undefined,
    stage: f.stage !== null ? [f.stage] : undefined,
  }
}

/** A stable string for request keys and memo dependencies. */
export function filtersKey(f: CommunityFilters): string {
  return `d=${f.districtId ?? ''}&s=${f.streetId ?? ''}&g=${f.stage ?? ''}`
}
