import { z } from 'zod'
import type { MultiPolygon } from '../domain/geo.js'
import type { Stage } from '../domain/stages.js'
import { intParam } from './common.js'

/**
 * Contracts of 片区 (renovation clusters) and tender packages (issue 5). A 片区 groups adjacent communities
 * of one plan year; its outline derives from its members. Query schemas parse Express strings.
 */

export const CLUSTER_STATUSES = ['draft', 'proposed', 'approved'] as const
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number]

/** Why a 片区 (or a proposal) breaks a rule; the UI shows these as hints, the API returns them as flags. */
export const CLUSTER_FLAG_CODES = [
  'not_contiguous', // members fall into several groups under the adjacency rule
  'below_min', // fewer residents than the minimum
  'above_max', // more residents than the maximum
  'crosses_barrier', // contiguous only across a major road or the river
  'mixed_streets', // members in several streets while same-street was asked
  'isolated_oversized', // one community alone is larger than the maximum (cannot be split)
  'isolated_undersized', // no neighbour to grow with: stays below the minimum
] as const
export type ClusterFlagCode = (typeof CLUSTER_FLAG_CODES)[number]

export interface ClusterFlag {
  code: ClusterFlagCode
  /** Communities concerned (e.g. the separate groups' members, or the oversized compound). */
  communityIds?: number[]
  /** Numbers behind it, e.g. {residents: 4200, min: 5000}. */
  values?: Record<string, number>
}

export const DEFAULT_CLUSTER_RULES = { minResidents: 5000, maxResidents: 12000, targetResidents: 8500, gapM: 30 } as const

const year = intParam(1990, 2100)
const idList = z.array(z.number().int().positive()).max(5000)

export const clusterListQuerySchema = z.object({
  year: year.optional(),
  format: z.enum(['json', 'geojson']).default('json'),
})

export const clusterIdParamSchema = z.object({ id: intParam(1, 2_147_483_647) })

export const clusterCreateSchema = z.object({
  name: z.string().trim().min(1).max(60),
  year: z.number().int().min(1990).max(2100),
  status: z.enum(CLUSTER_STATUSES).default('draft'),
  notes: z.string().max(2000).default(''),
  memberIds: idList.min(1),
  /** Put the new 片区 into this tender package (undoing a delete restores its package). */
  packageId: z.number().int().positive().optional(),
})
export type ClusterCreate = z.input<typeof clusterCreateSchema>

export const clusterPatchSchema = z
  .object({
    version: z.number().int().positive(),
    name: z.string().trim().min(1).max(60).optional(),
    status: z.enum(CLUSTER_STATUSES).optional(),
    notes: z.string().max(2000).optional(),
    /** The whole new member list (add and remove are a new list). */
    memberIds: idList.min(1).optional(),
  })
  .strict()
export type ClusterPatch = z.input<typeof clusterPatchSchema>

export const clusterSplitSchema = z.object({
  version: z.number().int().positive(),
  /** Members that leave for a new 片区 (the rest stay). */
  memberIds: idList.min(1),
  name: z.string().trim().min(1).max(60),
})

export const clusterMergeSchema = z.object({
  version: z.number().int().positive(),
  otherId: z.number().int().positive(),
  otherVersion: z.number().int().positive(),
})

export const clusterDeleteQuerySchema = z.object({ version: intParam(1, 2_147_483_647) })

/** Live check of a member list while editing (nothing saved). */
export const clusterCheckSchema = z.object({
  year: z.number().int().min(1990).max(2100),
  memberIds: idList,
  /** The 片区 being edited (its own members do not count as taken). */
  clusterId: z.number().int().positive().optional(),
})

export const proposalRequestSchema = z
  .object({
    year: z.number().int().min(1990).max(2100),
    /** Where to propose: the whole city when omitted. */
    districtId: z.number().int().positive().optional(),
    streetId: z.number().int().positive().optional(),
    communityIds: idList.optional(),
    minResidents: z.number().int().min(0).max(1_000_000).default(DEFAULT_CLUSTER_RULES.minResidents),
    maxResidents: z.number().int().min(1).max(1_000_000).default(DEFAULT_CLUSTER_RULES.maxResidents),
    targetResidents: z.number().int().min(1).max(1_000_000).default(DEFAULT_CLUSTER_RULES.targetResidents),
    /** Compounds closer than this (metres) are neighbours, unless a major road or the river runs between. */
    gapM: z.number().min(0).max(200).default(DEFAULT_CLUSTER_RULES.gapM),
    /** Let neighbours across a major road or the river count as adjacent (default no). */
    allowBarrierCrossing: z.boolean().default(false),
    sameStreet: z.boolean().default(false),
    eligibleOnly: z.boolean().default(false),
    restarts: z.number().int().min(1).max(200).default(20),
    seed: z.number().int().min(0).max(2_147_483_647).default(1),
  })
  .refine((r) => r.minResidents <= r.targetResidents && r.targetResidents <= r.maxResidents, 'need minResidents ≤ targetResidents ≤ maxResidents')
export type ProposalRequest = z.input<typeof proposalRequestSchema>

export const acceptProposalsSchema = z.object({
  year: z.number().int().min(1990).max(2100),
  status: z.enum(['draft', 'proposed']).default('proposed'),
  clusters: z
    .array(z.object({ name: z.string().trim().min(1).max(60), memberIds: idList.min(1) }))
    .min(1)
    .max(2000),
})
export type AcceptProposals = z.input<typeof acceptProposalsSchema>

export const packageCreateSchema = z.object({
  name: z.string().trim().min(1).max(80),
  year: z.number().int().min(1990).max(2100),
  clusterIds: idList.min(1),
  notes: z.string().max(2000).default(''),
})
export const packagePatchSchema = z
  .object({
    version: z.number().int().positive(),
    name: z.string().trim().min(1).max(80).optional(),
    clusterIds: idList.min(1).optional(),
    notes: z.string().max(2000).optional(),
  })
  .strict()
export const packageListQuerySchema = z.object({ year: year.optional(), format: z.enum(['json', 'xlsx']).default('json'), lang: z.enum(['zh', 'en']).default('zh') })

// ---- responses ----

export interface ClusterStats {
  communities: number
  buildings: number
  households: number
  residents: number
  floorAreaM2: number
  investmentPlannedWan: number
  stageMix: Partial<Record<Stage, number>>
  /** Share of residents within the standard walk of a kindergarten and an elderly station (network method). */
  walkingCoverage: { kindergarten: number | null; elderlyCare: number | null }
}

export interface ClusterRow {
  id: number
  name: string
  year: number
  status: ClusterStatus
  notes: string
  version: number
  memberIds: number[]
  residents: number
  stats: ClusterStats
  flags: ClusterFlag[]
  packageId: number | null
  /** A point inside the outline, for the label. */
  labelPoint: [number, number] | null
  updatedAt: string
}

/** GET /api/clusters?year=Y */
export interface ClusterListResponse {
  year: number
  rules: { minResidents: number; maxResidents: number; targetResidents: number; gapM: number }
  clusters: ClusterRow[]
}

/** GET /api/clusters?year=Y&format=geojson: outlines (members unioned, small gaps closed). */
export type ClusterGeoJson = { type: 'FeatureCollection'; features: { type: 'Feature'; id: number; geometry: MultiPolygon; properties: { id: number; name: string; status: ClusterStatus; residents: number; colorIndex: number } }[] }

/** POST /api/clusters/check */
export interface ClusterCheckResponse {
  residents: number
  stats: Omit<ClusterStats, 'walkingCoverage'>
  flags: ClusterFlag[]
  /** Members already in another 片区 of the year (they would be moved). */
  takenBy: { communityId: number; clusterId: number; clusterName: string }[]
}

export interface ClusterProposal {
  key: string
  memberIds: number[]
  residents: number
  flags: ClusterFlag[]
  /** Normalised moment of inertia of the members as discs of their areas (2π·I/A²): 1 = one round compound; larger = less compact. */
  compactness: number
  streetIds: number[]
}

/** POST /api/clusters/proposals (nothing saved) */
export interface ProposalResponse {
  params: Required<Omit<ProposalRequest, 'districtId' | 'streetId' | 'communityIds'>> & { districtId: number | null; streetId: number | null; communityCount: number }
  proposals: ClusterProposal[]
  /** Communities left out, and why (locked in an approved 片区, not eligible, or isolated). */
  unassigned: { communityId: number; reason: 'locked' | 'ineligible' | 'isolated_oversized' | 'isolated_undersized' | 'no_room' }[]
  summary: { proposals: number; withinBounds: number; flagged: number; residents: number; objective: number }
  elapsedMs: number
}

export interface TenderPackageRow {
  id: number
  name: string
  year: number
  notes: string
  version: number
  clusterIds: number[]
  totals: { clusters: number; communities: number; buildings: number; households: number; residents: number; floorAreaM2: number; investmentPlannedWan: number }
}
