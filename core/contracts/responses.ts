import type { Community, District, Facility, ProgressReport, StageRecord, Street } from '../domain/entities.js'
import type { MultiPolygon } from '../domain/geo.js'
import type { Stage } from '../domain/stages.js'

/** GET /api/meta — what the client needs to frame the map and label the data. */
export interface DatasetMetaResponse {
  label: { zh: string; en: string }
  isDemo: boolean
  center: [number, number]
  bbox: [number, number, number, number]
  planYear: number
  asOf: string
  backend: 'pglite' | 'postgres'
  /** Optional raster basemap configured by the deployment (BASEMAP_URL). */
  basemap: { url: string; attribution: string | null } | null
}

export interface Totals {
  communities: number
  buildings: number
  households: number
  population: number
  floorAreaM2: number
  investmentPlannedWan: number
  investmentSpentWan: number
}

/** GET /api/summary — for the same filters as /api/communities. */
export interface SummaryResponse {
  totals: Totals
  byStage: ({ stage: Stage } & Totals)[]
  byDistrict: ({ districtId: number; districtName: string; byStage: Record<Stage, number> } & Totals)[]
}

export interface DistrictRow extends District { communities: number }
export interface StreetRow extends Street { districtName: string; communities: number }

export interface CommunityListResponse { total: number; rows: Community[] }

/** GET /api/communities/:id — the community with its stage timeline and latest reports. */
export interface CommunityDetailResponse extends Community {
  /** The full outline (WGS-84), for highlighting without a second request. */
  geometry: MultiPolygon
  centroid: [number, number]
  bbox: [number, number, number, number]
  stageRecords: StageRecordRow[]
  recentReports: ProgressReport[]
}

/** A stage record as stored: editable, so it carries a version. */
export interface StageRecordRow extends StageRecord { version: number }

/** Who last changed a record, from the audit trail (shown when an edit meets a newer version). */
export interface LastChange {
  actorName: string
  actorRole: string | null
  /** ISO timestamp, UTC. */
  at: string
  action: string
}

/** The details of a 409 version_conflict: the record as it is now and who made it so. */
export interface ConflictDetails<T> {
  current: T
  lastChange: LastChange | null
}

export interface FacilityRow extends Facility { lon: number; lat: number }
