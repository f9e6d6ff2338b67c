import type {
  CommunityDetailResponse,
  CommunityListResponse,
  DatasetMetaResponse,
  DistrictRow,
  StreetRow,
  SummaryResponse,
} from '../../core/contracts/responses.js'
import type { Community } from '../../core/domain/entities.js'
import type { FacilityStatus, FacilityType } from '../../core/domain/community.js'
import type { BBox, FeatureCollection, MultiPolygon, Point, Polygon } from '../../core/domain/geo.js'
import { getJson, type QueryParams } from './http.js'

/** The filters the community endpoints accept, in their wire form (lists joined by commas). */
export interface CommunityQuery {
  district?: number[]
  street?: number[]
  stage?: string[]
  year?: number
  bbox?: BBox
}

export function communityQueryParams(q: CommunityQuery): QueryParams {
  return {
    district: q.district?.length ? q.district.join(',') : undefined,
    street: q.street?.length ? q.street.join(',') : undefined,
    stage: q.stage?.length ? q.stage.join(',') : undefined,
    year: q.year,
    bbox: q.bbox ? q.bbox.join(',') : undefined,
  }
}

export interface FacilityProperties {
  id: number
  name: string
  type: FacilityType
  status: FacilityStatus
  districtId: number | null
}
export type FacilityCollection = FeatureCollection<Point, FacilityProperties>
export type AdminCollection = FeatureCollection<Polygon | MultiPolygon, { id: number; name: string; code: string | null; districtId?: number }>
export type CommunityCollection = FeatureCollection<Polygon | MultiPolygon, Community>

export const api = {
  meta: (signal?: AbortSignal) => getJson<DatasetMetaResponse>('/api/meta', undefined, signal),
  districts: (signal?: AbortSignal) => getJson<DistrictRow[]>('/api/districts', undefined, signal),
  streets: (districtId: number | null, signal?: AbortSignal) =>
    getJson<StreetRow[]>('/api/streets', { district: districtId ?? undefined }, signal),
  districtShapes: (signal?: AbortSignal) => getJson<AdminCollection>('/api/districts', { format: 'geojson' }, signal),
  streetShapes: (signal?: AbortSignal) => getJson<AdminCollection>('/api/streets', { format: 'geojson' }, signal),
  summary: (q: CommunityQuery, signal?: AbortSignal) => getJson<SummaryResponse>('/api/summary', communityQueryParams(q), signal),
  searchCommunities: (q: string, limit = 8, signal?: AbortSignal) =>
    getJson<CommunityListResponse>('/api/communities', { q, limit }, signal),
  communityDetail: (id: number, signal?: AbortSignal) => getJson<CommunityDetailResponse>(`/api/communities/${id}`, undefined, signal),
  communityShapes: (q: CommunityQuery, signal?: AbortSignal) =>
    getJson<CommunityCollection>('/api/communities', { ...communityQueryParams(q), format: 'geojson' }, signal),
  facilities: (signal?: AbortSignal) => getJson<FacilityCollection>('/api/facilities', { format: 'geojson' }, signal),
}

/** Same-origin URLs of the vector tile endpoints (MapLibre needs absolute URLs inside its workers). */
export function tileJsonUrl(layer: string, origin: string): string {
  return `${origin}/tiles/${layer}.json`
}
