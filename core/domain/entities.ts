import type { Deficiency, FacilityStatus, FacilityType, LibraryTier, ManagementMode, OwnershipType, RoadClass } from './community.js'
import type { LineString, MultiPolygon, Point } from './geo.js'
import type { Stage } from './stages.js'

/** Dates are ISO calendar dates 'YYYY-MM-DD' (China Standard Time calendar), never timestamps. */
export type IsoDate = string

export interface District {
  id: number
  /** 12-digit statistical division code (统计用区划代码) where known. */
  code: string | null
  name: string
}

export interface Street {
  id: number
  code: string | null
  name: string
  districtId: number
}

/** A community (小区) as the API returns it; every attribute of DOMAIN.md "Entities". */
export interface Community {
  id: number
  code: string
  name: string
  districtId: number
  districtName: string
  streetId: number
  streetName: string
  /** Neighbourhood committee (社区居委会). */
  neighbourhood: string
  buildYear: number
  buildings: number
  households: number
  floorAreaM2: number
  population: number
  ownershipType: OwnershipType
  managementMode: ManagementMode
  hasOwnersCommittee: boolean
  illegalStructuresCleared: boolean
  /** Owners in the community, owners consulted in the consent survey, and owners agreeing. */
  ownersTotal: number
  ownersConsulted: number
  ownersAgreeing: number
  deficiencies: Deficiency[]
  planYear: number | null
  libraryTier: LibraryTier
  stage: Stage
  progressPct: number
  /** Estimated investment and money spent so far, 万元. */
  investmentPlannedWan: number
  investmentSpentWan: number
  /** Planned funding by source, 万元 (keys: central, provincial, district, owners, utilities, social). */
  funding: Record<string, number>
  /** Land area of the polygon in square metres (computed on geography). */
  areaM2: number
  version: number
  updatedAt: string
}

export interface StageRecord {
  communityId: number
  stage: Stage
  plannedStart: IsoDate | null
  plannedEnd: IsoDate | null
  actualStart: IsoDate | null
  actualEnd: IsoDate | null
  progressPct: number
}

export interface ProgressReport {
  id: number
  communityId: number
  stage: Stage
  progressPct: number
  reportDate: IsoDate
  note: string
  reportedBy: string
  createdAt: string
}

export interface Facility {
  id: number
  name: string
  type: FacilityType
  status: FacilityStatus
  districtId: number | null
}

export interface Road {
  id: number
  name: string | null
  roadClass: RoadClass
  walkable: boolean
  bridge: boolean
}

/** Geometry-bearing shapes used by the demo generator and importers (WGS-84 lon/lat). */
export interface DistrictInput extends District { geom: MultiPolygon }
export interface StreetInput extends Street { geom: MultiPolygon }
export type CommunityInput = Omit<Community, 'districtName' | 'streetName' | 'areaM2' | 'version' | 'updatedAt'> & {
  geom: MultiPolygon
}
export interface FacilityInput extends Facility { geom: Point }
export interface RoadInput extends Road { geom: LineString }
export interface WaterInput { id: number; name: string; kind: 'river' | 'lake' | 'canal'; geom: MultiPolygon }
export type ProgressReportInput = Omit<ProgressReport, 'id' | 'createdAt'>

export interface CityDataset {
  /** Shown in the UI: demo data is fictional and labelled as such. */
  label: { zh: string; en: string }
  isDemo: boolean
  center: [number, number]
  planYear: number
  /** The date the dataset's progress history runs up to (the demo's "today"). */
  asOf: IsoDate
  districts: DistrictInput[]
  streets: StreetInput[]
  communities: CommunityInput[]
  facilities: FacilityInput[]
  roads: RoadInput[]
  water: WaterInput[]
  stageRecords: StageRecord[]
  progressReports: ProgressReportInput[]
}
