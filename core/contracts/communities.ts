import { z } from 'zod'
import { DEFICIENCIES, LIBRARY_TIERS, MANAGEMENT_MODES, OWNERSHIP_TYPES } from '../domain/community.js'
import { STAGES } from '../domain/stages.js'
import { bboxParam, intParam, isoDate, listParam } from './common.js'

/** Filters shared by /api/communities and /api/summary. All optional; lists are OR within, AND across. */
export const communityFilterSchema = z.object({
  district: listParam(intParam(1, 2_147_483_647)).optional(),
  street: listParam(intParam(1, 2_147_483_647)).optional(),
  stage: listParam(z.enum(STAGES)).optional(),
  year: intParam(1990, 2100).optional(),
  bbox: bboxParam.optional(),
  /** Part of a community's name or code (case-insensitive). */
  q: z.string().trim().min(1).max(50).optional(),
})
export type CommunityFilter = z.infer<typeof communityFilterSchema>

export const communityListQuerySchema = communityFilterSchema.extend({
  format: z.enum(['json', 'geojson']).default('json'),
  limit: intParam(1, 200_000).optional(),
  offset: intParam(0, 10_000_000).default(0),
})
export type CommunityListQuery = z.infer<typeof communityListQuerySchema>

export const idParamSchema = z.object({ id: intParam(1, 2_147_483_647) })

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
const ring = z
  .array(position)
  .min(4, 'a ring needs at least 4 positions')
  .max(100_000)
  .refine((r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1], 'a ring must end where it starts')
/** A community outline in WGS-84: Polygon or MultiPolygon (validity is checked by the database). */
export const outlineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(1000) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1).max(1000)).min(1).max(1000) }),
])

/** PATCH /api/communities/:id — attributes, budget and outline; each group needs its own permission. */
export const communityPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    neighbourhood: z.string().trim().max(100),
    buildYear: z.number().int().min(1900).max(2100),
    buildings: z.number().int().min(0).max(10_000),
    households: z.number().int().min(0).max(1_000_000),
    floorAreaM2: z.number().min(0).max(1e8),
    population: z.number().int().min(0).max(10_000_000),
    ownershipType: z.enum(OWNERSHIP_TYPES),
    managementMode: z.enum(MANAGEMENT_MODES),
    hasOwnersCommittee: z.boolean(),
    illegalStructuresCleared: z.boolean(),
    ownersTotal: z.number().int().min(0),
    ownersConsulted: z.number().int().min(0),
    ownersAgreeing: z.number().int().min(0),
    deficiencies: z.array(z.enum(DEFICIENCIES)).max(DEFICIENCIES.length),
    planYear: z.number().int().min(1990).max(2100).nullable(),
    libraryTier: z.enum(LIBRARY_TIERS),
    investmentPlannedWan: z.number().min(0).max(1e8),
    investmentSpentWan: z.number().min(0).max(1e8),
    funding: z.record(z.string().max(40), z.number().min(0).max(1e8)),
    geometry: outlineSchema,
  })
  .partial()
  .extend({
    /** Optimistic concurrency: the version the editor saw; 409 with the current record if it has moved on. */
    version: z.number().int().min(1),
  })
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'version'), 'nothing to change')
  .refine(
    (p) => p.ownersConsulted === undefined || p.ownersTotal === undefined || p.ownersConsulted <= p.ownersTotal,
    'ownersConsulted cannot exceed ownersTotal',
  )
  .refine(
    (p) => p.ownersAgreeing === undefined || p.ownersConsulted === undefined || p.ownersAgreeing <= p.ownersConsulted,
    'ownersAgreeing cannot exceed ownersConsulted',
  )
export type CommunityPatch = z.infer<typeof communityPatchSchema>

/** POST /api/communities/:id/progress — appends a weekly report; the history is never overwritten. */
export const progressReportSchema = z
  .object({
    stage: z.enum(STAGES),
    progressPct: z.number().min(0).max(100),
    reportDate: isoDate,
    note: z.string().max(2000).default(''),
  })
  .strict()
export type ProgressReportBody = z.infer<typeof progressReportSchema>

export const stageParamSchema = z.object({ id: intParam(1, 2_147_483_647), stage: z.enum(STAGES) })

/** PATCH /api/communities/:id/stages/:stage — planned and actual dates of one stage (null clears a date). */
export const stageDatesPatchSchema = z
  .object({
    plannedStart: isoDate.nullable().optional(),
    plannedEnd: isoDate.nullable().optional(),
    actualStart: isoDate.nullable().optional(),
    actualEnd: isoDate.nullable().optional(),
    /** The stage record's version the editor saw; omit (or 0) only when the stage has no record yet. */
    version: z.number().int().min(0),
  })
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'version'), 'nothing to change')
export type StageDatesPatch = z.infer<typeof stageDatesPatchSchema>
