import type {
  CoverageResponse,
  FacilityCreate,
  FacilityRecord,
  IsochroneResponse,
  SitingCandidateSource,
  SitingResponse,
  WhatIfRequest,
  WhatIfResponse,
} from '../../core/contracts/coverage.js'
import type { FacilityType } from '../../core/domain/community.js'
import type { WalkProfile } from '../../core/domain/walking.js'
import type { FacilityCollection } from './endpoints.js'
import { downloadUrl, getJson, sendJson, withQuery, type QueryParams } from './http.js'

export type PlannedFacilities = 'include' | 'exclude'

/** What one coverage computation is asked for; `minutes: null` leaves the type's standard to the server. */
export interface CoverageQuery {
  type: FacilityType
  minutes: number | null
  profile: WalkProfile
  planned: PlannedFacilities
}

export type CoverageExportFormat = 'csv' | 'xlsx'

/** The query parameters of /api/coverage and its export (minutes left out when it is the standard). */
export function coverageQueryParams(q: CoverageQuery): QueryParams {
  return { type: q.type, minutes: q.minutes ?? undefined, profile: q.profile, planned: q.planned }
}

/** The parameters of /api/coverage/isochrones: bands do not depend on the threshold, so minutes is not sent. */
export function isochroneQueryParams(q: CoverageQuery, facilityId: number | null = null): QueryParams {
  return { type: q.type, profile: q.profile, planned: q.planned, facility: facilityId ?? undefined }
}

/** A stable string for a query (request keys, "is this result still current"). */
export function coverageQueryKey(q: CoverageQuery): string {
  return withQuery('', coverageQueryParams(q))
}

/** Where the browser downloads the coverage table as CSV or XLSX (a plain link: the session cookie goes along). */
export function coverageExportUrl(q: CoverageQuery, format: CoverageExportFormat): string {
  return downloadUrl('/api/coverage/export', { ...coverageQueryParams(q), format })
}

export interface SitingOptions {
  k: number
  candidates: Exclude<SitingCandidateSource, 'layer'>
}

export const coverageApi = {
  coverage: (q: CoverageQuery) => getJson<CoverageResponse>('/api/coverage', coverageQueryParams(q)),
  /** The merged catchment of the type, or one facility's own catchment. */
  isochrones: (q: CoverageQuery, facilityId: number | null = null) =>
    getJson<IsochroneResponse>('/api/coverage/isochrones', isochroneQueryParams(q, facilityId)),
  facilitiesOfType: (type: FacilityType) => getJson<FacilityCollection>('/api/facilities', { format: 'geojson', type }),
  siting: (q: CoverageQuery, opts: SitingOptions) =>
    sendJson<SitingResponse>('POST', '/api/coverage/siting', {
      type: q.type,
      ...(q.minutes === null ? {} : { minutes: q.minutes }),
      profile: q.profile,
      planned: q.planned,
      k: opts.k,
      candidates: opts.candidates,
    }),
  /** Compares coverage with hypothetical facilities added, moved or removed; nothing is saved. */
  whatIf: (body: WhatIfRequest) => sendJson<WhatIfResponse>('POST', '/api/coverage/what-if', body),
  createFacility: (body: FacilityCreate) => sendJson<FacilityRecord>('POST', '/api/facilities', body),
}
