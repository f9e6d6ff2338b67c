import type { CommunityDetailResponse, CommunityListResponse } from '../../core/contracts/responses.js'
import type {
  PlanYearConfig,
  PlanYearPut,
  RawReportsResponse,
  ScheduleResponse,
  ScheduleSummaryResponse,
} from '../../core/contracts/schedule.js'
import { downloadUrl, getJson, sendFile, sendJson, withQuery, type QueryParams } from './http.js'

/** The MIME type of an .xlsx workbook, sent as the upload's Content-Type. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Which communities a schedule request covers, and on which date (undefined: the schedule's today). */
export interface ScheduleScopeQuery {
  asOf?: string
  year?: number
  districtId?: number
  streetId?: number
  clusterId?: number
}

const params = (q: ScheduleScopeQuery): QueryParams => ({ ...q })

export const scheduleApi = {
  schedule: (q: ScheduleScopeQuery = {}, signal?: AbortSignal) => getJson<ScheduleResponse>('/api/schedule', params(q), signal),
  summary: (q: ScheduleScopeQuery = {}, signal?: AbortSignal) => getJson<ScheduleSummaryResponse>('/api/schedule/summary', params(q), signal),
  reports: (q: { from?: string; to?: string; communityId?: number; districtId?: number; limit?: number } = {}, signal?: AbortSignal) =>
    getJson<RawReportsResponse>('/api/progress/reports', q, signal),
  planYear: (year: number, signal?: AbortSignal) => getJson<PlanYearConfig>(`/api/plan-years/${year}`, undefined, signal),
  savePlanYear: (year: number, body: PlanYearPut) => sendJson<PlanYearConfig>('PUT', `/api/plan-years/${year}`, body),
  /** The communities of a plan year (optionally one district), without geometry: names for pickers. */
  programmeCommunities: (year: number, districtId?: number, signal?: AbortSignal) =>
    getJson<CommunityListResponse>('/api/communities', { year, district: districtId }, signal),
  /** One community with its stage records (planned and actual dates). */
  communityDetail: (id: number, signal?: AbortSignal) => getJson<CommunityDetailResponse>(`/api/communities/${id}`, undefined, signal),
  /** The pre-filled progress template of a scope (no district: the user's own area, or the city). */
  templateUrl: (q: { districtId?: number; lang: 'zh' | 'en'; reportDate?: string }) => downloadUrl('/api/progress/template', q),
  /** Checks (validate) or saves (apply) a filled-in template; an apply refused for errors answers 422 with the report. */
  bulkProgress: (mode: 'validate' | 'apply', file: Blob) => sendFile<unknown>(withQuery('/api/progress/bulk', { mode }), file, XLSX_MIME, [422]),
}
