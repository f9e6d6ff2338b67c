import type {
  PlanYearConfig,
  PlanYearPut,
  RawReportsResponse,
  ScheduleResponse,
  ScheduleSummaryResponse,
} from '../../core/contracts/schedule.js'
import { getJson, sendJson, type QueryParams } from './http.js'

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
}
