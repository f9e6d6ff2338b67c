import type { CommunityListQuery, CommunityPatch, ProgressReportBody } from '../../core/contracts/communities.js'
import type { CommunityDetailResponse, CommunityListResponse } from '../../core/contracts/responses.js'
import type { Community, ProgressReport, StageRecord } from '../../core/domain/entities.js'
import { STAGES } from '../../core/domain/stages.js'
import type { Database, Queryable } from '../db/types.js'
import { conflict, notFound } from '../http/errors.js'
import { buildCommunityWhere } from './community-filter.js'

/** Column list mapping snake_case storage to the camelCase API shape (core/domain/entities.ts Community). */
export const COMMUNITY_COLUMNS = `
  c.id, c.code, c.name, c.district_id AS "districtId", d.name AS "districtName",
  c.street_id AS "streetId", s.name AS "streetName", c.neighbourhood,
  c.build_year AS "buildYear", c.buildings, c.households, c.floor_area_m2 AS "floorAreaM2", c.population,
  c.ownership_type AS "ownershipType", c.management_mode AS "managementMode",
  c.has_owners_committee AS "hasOwnersCommittee", c.illegal_structures_cleared AS "illegalStructuresCleared",
  c.owners_total AS "ownersTotal", c.owners_consulted AS "ownersConsulted", c.owners_agreeing AS "ownersAgreeing",
  c.deficiencies, c.plan_year AS "planYear", c.library_tier AS "libraryTier", c.stage, c.progress_pct AS "progressPct",
  c.investment_planned_wan AS "investmentPlannedWan", c.investment_spent_wan AS "investmentSpentWan", c.funding,
  c.area_m2 AS "areaM2", c.version, c.updated_at AS "updatedAt"`

const FROM_COMMUNITIES = `FROM communities c JOIN districts d ON d.id = c.district_id JOIN streets s ON s.id = c.street_id`

export async function listCommunities(db: Database, q: CommunityListQuery): Promise<CommunityListResponse> {
  const where = buildCommunityWhere(q)
  const page = q.limit !== undefined ? `LIMIT ${q.limit} OFFSET ${q.offset}` : q.offset ? `OFFSET ${q.offset}` : ''
  const [rows, count] = await Promise.all([
    db.query<Community>(`SELECT ${COMMUNITY_COLUMNS} ${FROM_COMMUNITIES} ${where.sql} ORDER BY c.id ${page}`, where.params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM communities c ${where.sql}`, where.params),
  ])
  return { total: count[0].n, rows }
}

/**
 * The same rows as a GeoJSON FeatureCollection, assembled by the database as one text value so that
 * large collections are not parsed and re-serialised in JS. Feature id = community id.
 */
export async function listCommunitiesGeoJson(db: Database, q: CommunityListQuery): Promise<string> {
  const where = buildCommunityWhere(q)
  const page = q.limit !== undefined ? `LIMIT ${q.limit} OFFSET ${q.offset}` : q.offset ? `OFFSET ${q.offset}` : ''
  const rows = await db.query<{ fc: string }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(f.feature ORDER BY f.id), '[]'::json))::text AS fc
     FROM (
       SELECT c.id, json_build_object(
         'type', 'Feature', 'id', c.id,
         'geometry', ST_AsGeoJSON(c.geom, 7)::json,
         'properties', to_json(r) ) AS feature
       FROM (SELECT ${COMMUNITY_COLUMNS} ${FROM_COMMUNITIES} ${where.sql} ORDER BY c.id ${page}) r
       JOIN communities c ON c.id = r.id
     ) f`,
    where.params,
  )
  return rows[0].fc
}

export async function getCommunity(db: Queryable, id: number): Promise<Community | null> {
  const rows = await db.query<Community>(`SELECT ${COMMUNITY_COLUMNS} ${FROM_COMMUNITIES} WHERE c.id = $1`, [id])
  return rows[0] ?? null
}

export async function getCommunityDetail(db: Database, id: number): Promise<CommunityDetailResponse> {
  const c = await getCommunity(db, id)
  if (!c) throw notFound(`Community ${id} does not exist`)
  const [geo, stageRecords, recentReports] = await Promise.all([
    db.query<{ geometry: string; cx: number; cy: number; w: number; s: number; e: number; n: number }>(
      `SELECT ST_AsGeoJSON(g, 7) AS geometry, ST_X(p) AS cx, ST_Y(p) AS cy,
              ST_XMin(g) AS w, ST_YMin(g) AS s, ST_XMax(g) AS e, ST_YMax(g) AS n
       FROM (SELECT ST_PointOnSurface(geom) AS p, geom AS g FROM communities WHERE id = $1) x`,
      [id],
    ),
    db.query<StageRecord>(
      `SELECT community_id AS "communityId", stage, planned_start AS "plannedStart", planned_end AS "plannedEnd",
              actual_start AS "actualStart", actual_end AS "actualEnd", progress_pct AS "progressPct"
       FROM stage_records WHERE community_id = $1`,
      [id],
    ),
    listProgressReports(db, id, 10),
  ])
  const g = geo[0]
  stageRecords.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage))
  return { ...c, geometry: JSON.parse(g.geometry), centroid: [g.cx, g.cy], bbox: [g.w, g.s, g.e, g.n], stageRecords, recentReports }
}

export async function listProgressReports(db: Queryable, communityId: number, limit = 1000): Promise<ProgressReport[]> {
  return db.query<ProgressReport>(
    `SELECT id, community_id AS "communityId", stage, progress_pct AS "progressPct", report_date AS "reportDate",
            note, reported_by AS "reportedBy", created_at AS "createdAt"
     FROM progress_reports WHERE community_id = $1 ORDER BY report_date DESC, id DESC LIMIT $2`,
    [communityId, limit],
  )
}

const PATCH_COLUMNS: Record<Exclude<keyof CommunityPatch, 'version'>, string> = {
  name: 'name',
  neighbourhood: 'neighbourhood',
  buildYear: 'build_year',
  buildings: 'buildings',
  households: 'households',
  floorAreaM2: 'floor_area_m2',
  population: 'population',
  ownershipType: 'ownership_type',
  managementMode: 'management_mode',
  hasOwnersCommittee: 'has_owners_committee',
  illegalStructuresCleared: 'illegal_structures_cleared',
  ownersTotal: 'owners_total',
  ownersConsulted: 'owners_consulted',
  ownersAgreeing: 'owners_agreeing',
  deficiencies: 'deficiencies',
  planYear: 'plan_year',
  libraryTier: 'library_tier',
  investmentPlannedWan: 'investment_planned_wan',
  investmentSpentWan: 'investment_spent_wan',
  funding: 'funding',
}

async function bumpLayer(tx: Queryable, layer: string) {
  await tx.query('UPDATE layer_versions SET version = version + 1 WHERE layer = $1', [layer])
}

/**
 * Updates attributes. With `version`, the update applies only if the stored version still matches
 * (optimistic concurrency); otherwise 409 carries the current record.
 */
export async function patchCommunity(db: Database, id: number, patch: CommunityPatch): Promise<Community> {
  return db.transaction(async (tx) => {
    const current = await tx.query<Community>(`SELECT ${COMMUNITY_COLUMNS} ${FROM_COMMUNITIES} WHERE c.id = $1 FOR UPDATE OF c`, [id])
    const cur = current[0]
    if (!cur) throw notFound(`Community ${id} does not exist`)
    if (patch.version !== undefined && patch.version !== cur.version) {
      throw conflict(`Community ${id} was changed by someone else (version ${cur.version}, you sent ${patch.version})`, { current: cur })
    }
    // Consent counts must stay ordered after merging the patch with the stored values.
    const total = patch.ownersTotal ?? cur.ownersTotal
    const consulted = patch.ownersConsulted ?? cur.ownersConsulted
    const agreeing = patch.ownersAgreeing ?? cur.ownersAgreeing
    if (consulted > total || agreeing > consulted) {
      throw conflict('Consent counts must satisfy agreeing ≤ consulted ≤ total owners', { current: cur })
    }
    const sets: string[] = []
    const params: unknown[] = [id]
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof typeof PATCH_COLUMNS, string][]) {
      const value = patch[key]
      if (value === undefined) continue
      params.push(key === 'funding' ? JSON.stringify(value) : value)
      sets.push(`${column} = $${params.length}${key === 'funding' ? '::jsonb' : key === 'deficiencies' ? '::text[]' : ''}`)
    }
    await tx.query(`UPDATE communities SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`, params)
    await bumpLayer(tx, 'communities')
    return (await getCommunity(tx, id))!
  })
}

/**
 * Appends a progress report and derives the community's current stage and progress from its latest
 * report (by report date, then arrival), so a back-dated report never overrides a newer one.
 */
export async function appendProgressReport(
  db: Database,
  id: number,
  body: ProgressReportBody,
  reportedBy: string,
): Promise<{ report: ProgressReport; community: Community }> {
  return db.transaction(async (tx) => {
    const exists = await tx.query('SELECT 1 FROM communities WHERE id = $1 FOR UPDATE', [id])
    if (exists.length === 0) throw notFound(`Community ${id} does not exist`)
    const inserted = await tx.query<ProgressReport>(
      `INSERT INTO progress_reports (community_id, stage, progress_pct, report_date, note, reported_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, community_id AS "communityId", stage, progress_pct AS "progressPct", report_date AS "reportDate",
                 note, reported_by AS "reportedBy", created_at AS "createdAt"`,
      [id, body.stage, body.progressPct, body.reportDate, body.note ?? '', reportedBy],
    )
    await tx.query(
      `INSERT INTO stage_records (community_id, stage, actual_start, actual_end, progress_pct)
       VALUES ($1, $2, CASE WHEN $4::float8 > 0 THEN $3::date END, CASE WHEN $4::float8 >= 100 THEN $3::date END, $4)
       ON CONFLICT (community_id, stage) DO UPDATE SET
         actual_start = LEAST(stage_records.actual_start, EXCLUDED.actual_start),
         actual_end = CASE WHEN $4::float8 >= 100 THEN COALESCE(stage_records.actual_end, $3::date) ELSE stage_records.actual_end END,
         progress_pct = (SELECT r.progress_pct FROM progress_reports r WHERE r.community_id = $1 AND r.stage = $2
                         ORDER BY r.report_date DESC, r.id DESC LIMIT 1)`,
      [id, body.stage, body.reportDate, body.progressPct],
    )
    await tx.query(
      `UPDATE communities c SET stage = l.stage, progress_pct = l.progress_pct, version = c.version + 1, updated_at = now()
       FROM (SELECT stage, progress_pct FROM progress_reports WHERE community_id = $1
             ORDER BY report_date DESC, id DESC LIMIT 1) l
       WHERE c.id = $1`,
      [id],
    )
    await bumpLayer(tx, 'communities')
    return { report: inserted[0], community: (await getCommunity(tx, id))! }
  })
}
