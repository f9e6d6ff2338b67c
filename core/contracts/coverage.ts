import { z } from 'zod'
import { FACILITY_STATUSES, FACILITY_TYPES, type FacilityType } from '../domain/community.js'
import type { FeatureCollection, LineString, MultiPolygon, Position } from '../domain/geo.js'
import type { WalkProfile } from '../domain/walking.js'
import { intParam, listParam } from './common.js'

/**
 * Contracts of the walking network and coverage API (issue 4). Query schemas parse Express's strings;
 * response interfaces are what the server sends and the client reads.
 */

const lonLatParam = z.string().transform((s, ctx) => {
  const parts = s.split(',').map((p) => Number(p.trim()))
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n)) || Math.abs(parts[0]) > 180 || Math.abs(parts[1]) > 90) {
    ctx.addIssue({ code: 'custom', message: 'expected LON,LAT in degrees, e.g. 117.25,31.85' })
    return z.NEVER
  }
  return parts as Position
})

const lon = z.number().min(-180).max(180)
const lat = z.number().min(-90).max(90)

export const walkProfileSchema = z.enum(['standard', 'elderly'])
/** Whether planned facilities count as serving (default yes: a plan shows the coverage it will give). */
export const plannedParam = z.enum(['include', 'exclude']).default('include')

/** Parameters every coverage computation takes. */
const coverageParams = {
  type: z.enum(FACILITY_TYPES),
  /** Served within this many minutes; default: the type's standard (DEFAULT_COVERAGE_MINUTES). */
  minutes: intParam(1, 60).optional(),
  profile: walkProfileSchema.default('standard'),
  planned: plannedParam,
}

export const networkQuerySchema = z.object({ format: z.enum(['json', 'geojson']).default('json') })

export const routeQuerySchema = z.object({
  from: lonLatParam,
  to: lonLatParam,
  profile: walkProfileSchema.default('standard'),
})

export const coverageQuerySchema = z.object(coverageParams)

export const coverageExportQuerySchema = z.object({ ...coverageParams, format: z.enum(['csv', 'xlsx']).default('csv'), lang: z.enum(['zh', 'en']).default('zh') })

export const isochroneQuerySchema = z.object({
  ...coverageParams,
  /** One facility's own catchment instead of the merged catchment of the type. */
  facility: intParam(1, 2_147_483_647).optional(),
  bands: listParam(intParam(1, 60)).optional(),
})

export const SITING_CANDIDATE_SOURCES = ['auto', 'layer', 'communities', 'network'] as const
export type SitingCandidateSource = (typeof SITING_CANDIDATE_SOURCES)[number]

export const sitingRequestSchema = z.object({
  ...coverageParams,
  minutes: z.number().int().min(1).max(60).optional(),
  k: z.number().int().min(1).max(50).default(3),
  candidates: z.enum(SITING_CANDIDATE_SOURCES).default('auto'),
})
export type SitingRequest = z.input<typeof sitingRequestSchema>

export const whatIfRequestSchema = z
  .object({
    ...coverageParams,
    minutes: z.number().int().min(1).max(60).optional(),
    add: z.array(z.object({ lon, lat })).max(50).default([]),
    move: z.array(z.object({ facilityId: z.number().int().positive(), lon, lat })).max(50).default([]),
    remove: z.array(z.number().int().positive()).max(200).default([]),
  })
  .refine((r) => r.add.length + r.move.length + r.remove.length > 0, 'a what-if needs at least one facility to add, move or remove')
export type WhatIfRequest = z.input<typeof whatIfRequestSchema>

export const facilityCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  type: z.enum(FACILITY_TYPES),
  status: z.enum(FACILITY_STATUSES).default('planned'),
  lon,
  lat,
})
export type FacilityCreate = z.input<typeof facilityCreateSchema>

export const facilityPatchSchema = z
  .object({
    version: z.number().int().positive(),
    name: z.string().trim().min(1).max(100).optional(),
    status: z.enum(FACILITY_STATUSES).optional(),
    lon: lon.optional(),
    lat: lat.optional(),
  })
  .strict()
  .refine((p) => (p.lon === undefined) === (p.lat === undefined), 'lon and lat move together')
export type FacilityPatch = z.input<typeof facilityPatchSchema>

export const facilityDeleteQuerySchema = z.object({ version: intParam(1, 2_147_483_647) })

// ---- responses ----

export type CoverageMethod = 'network' | 'straight-line'

/** GET /api/network */
export interface NetworkInfoResponse {
  nodes: number
  edges: number
  lengthKm: number
  components: number
  /** Share of the nodes in the largest connected component (0–1). */
  mainComponentShare: number
  noding: 'shared-vertices' | 'intersections'
  snapToleranceM: number
  /** Communities joined at their gates, at roads touching the boundary, or at the nearest network point. */
  entrances: { gates: number; boundary: number; nearest: number }
}

/** GET /api/network?format=geojson: one feature per edge, exactly as the engine uses it. */
export type NetworkGeoJson = FeatureCollection<LineString, { edge: number; roadId: number; from: number; to: number; lengthM: number }>

export interface RouteEnd {
  lon: number
  lat: number
  /** The network node the point was snapped to, and how far away it was (metres). */
  node: number
  snapM: number
}

/** GET /api/network/route */
export interface RouteResponse {
  meters: number
  minutes: number
  walkSpeedMps: number
  from: RouteEnd
  to: RouteEnd
  path: LineString
}

/** One community in a coverage result. */
export interface CoverageRow {
  communityId: number
  name: string
  districtId: number
  streetId: number
  residents: number
  nearestFacilityId: number | null
  nearestFacilityName: string | null
  /** Walking metres to it (network or straight-line × detour); null when none is reachable. */
  meters: number | null
  minutes: number | null
  covered: boolean
}

export interface CoverageTotals {
  communities: number
  coveredCommunities: number
  residents: number
  coveredResidents: number
  /** coveredResidents / residents (0–1; 0 when there are no residents). */
  share: number
}

export interface CoverageGroup extends CoverageTotals {
  id: number
  name: string
}

export interface CoverageSummary extends CoverageTotals {
  thresholdMinutes: number
  /** Facilities of the type that were counted. */
  facilities: number
  /** Residents within each life-circle band (5/10/15 minutes), for context. */
  bands: { minutes: number; coveredResidents: number; share: number }[]
  byDistrict: CoverageGroup[]
  byStreet: (CoverageGroup & { districtId: number })[]
  /** 片区 of the dataset's plan year (their members' residents). */
  byCluster: CoverageGroup[]
  /** Communities not served, most residents first. */
  unserved: { communityId: number; residents: number }[]
}

interface CoverageContext {
  type: FacilityType
  method: CoverageMethod
  profile: WalkProfile
  walkSpeedMps: number
  /** Only for the straight-line method. */
  detourFactor: number | null
  thresholdMinutes: number
  includePlanned: boolean
}

/** GET /api/coverage */
export interface CoverageResponse extends CoverageContext {
  rows: CoverageRow[]
  summary: CoverageSummary
}

/** GET /api/coverage/isochrones: cumulative bands (5 ⊆ 10 ⊆ 15), ascending minutes. */
export interface IsochroneResponse extends FeatureCollection<MultiPolygon, { minutes: number }> {
  method: CoverageMethod
  walkSpeedMps: number
  facilityType: FacilityType
  /** The facility whose own catchment this is; null for the merged catchment of the type. */
  facilityId: number | null
}

export interface SitedFacility {
  rank: number
  lon: number
  lat: number
  /** Residents and communities this site adds, given the sites ranked before it. */
  marginalResidents: number
  marginalCommunities: number
  /** Residents only this site covers among the suggestions. */
  uniqueResidents: number
  communityIds: number[]
  /** The candidate's community (when candidates are communities) or the nearest one. */
  nearCommunityId: number | null
  nearCommunityName: string | null
  districtId: number | null
}

/** POST /api/coverage/siting */
export interface SitingResponse extends CoverageContext {
  k: number
  candidateSource: Exclude<SitingCandidateSource, 'auto'>
  candidateCount: number
  before: CoverageTotals
  after: CoverageTotals
  sites: SitedFacility[]
  /** Fewer than k sites were suggested because no other candidate serves anyone new. */
  stoppedEarly: boolean
}

export interface WhatIfChange {
  communityId: number
  name: string
  residents: number
  beforeMinutes: number | null
  afterMinutes: number | null
  coveredBefore: boolean
  coveredAfter: boolean
}

/** POST /api/coverage/what-if: nothing is saved. */
export interface WhatIfResponse extends CoverageContext {
  before: CoverageTotals
  after: CoverageTotals
  byDistrict: { id: number; name: string; before: number; after: number }[]
  /** Communities whose coverage or minutes changed, most residents first. */
  changed: WhatIfChange[]
}

/** Facilities as written by POST/PATCH /api/facilities. */
export interface FacilityRecord {
  id: number
  name: string
  type: FacilityType
  status: (typeof FACILITY_STATUSES)[number]
  districtId: number | null
  lon: number
  lat: number
  version: number
}
