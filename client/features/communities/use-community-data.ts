import type { CommunityDetailResponse, DistrictRow, StreetRow, SummaryResponse } from '../../../core/contracts/responses.js'
import { api, type FacilityCollection } from '../../api/endpoints.js'
import { useRequest, type Request } from '../../api/use-request.js'
import { filtersKey, toCommunityQuery, type CommunityFilters } from './filters.js'

export function useDistricts(): Request<DistrictRow[]> {
  return useRequest('districts', () => api.districts())
}

/** Streets of one district, or all streets when no district is chosen. */
export function useStreets(districtId: number | null): Request<StreetRow[]> {
  return useRequest(`streets:${districtId ?? 'all'}`, () => api.streets(districtId))
}

/** Totals, per-stage and per-district counts for the current filters (KPI header and chart); `revision` reloads them after an edit. */
export function useSummary(filters: CommunityFilters, revision = 0): Request<SummaryResponse> {
  return useRequest(`summary:${filtersKey(filters)}:${revision}`, () => api.summary(toCommunityQuery(filters)))
}

export function useCommunityDetail(id: number | null): Request<CommunityDetailResponse> {
  return useRequest(id === null ? null : `community:${id}`, () => api.communityDetail(id as number))
}

export function useFacilities(): Request<FacilityCollection> {
  return useRequest('facilities', () => api.facilities())
}
