import type { TargetScope } from '../../core/auth/authorize.js'
import type { CommunityListQuery, CommunityPatch, ProgressReportBody, StageDatesPatch } from '../../core/contracts/communities.js'
import type { ProgressEvent } from '../../core/contracts/schedule.js'
import type { CommunityDetailResponse, CommunityListResponse, ConflictDetails, StageRecordRow } from '../../core/contracts/responses.js'
import type { Community, ProgressReport } from '../../core/domain/entities.js'
import { STAGES, type Stage } from '../../core/domain/stages.js'
import type { Database, Queryable } from '../db/types.js'
import { HttpError, conflict, notFound } from '../http/errors.js'
import { appendAudit, lastChangeOf, type Actor } from './audit.js'
import { buildCommunityWhere } from './community-filter.js'
import { notifyEvent } from './events.js'

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

const STAGE_RECORD_COLUMNS = `community_id AS "communityId", stage, planned_start AS "plannedStart", planned_end AS "plannedEnd",
  actual_start AS "actualStart", actual_end AS "actualEnd", progress_pct AS "progressPct", version`

/** Where a community lies (for scoped permissions); 404 when it does not exist. */
export async function getCommunityScope(db: Queryable, id: number): Promise<TargetScope> {
  const rows = await db.query<TargetScope>('SELECT district_id AS "districtId", street_id AS "streetId" FROM communities WHERE id = $1', [id])
  if (!rows[0]) throw notFound(`Community ${id} does not exist`)
  return rows[0]
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
    db.query<StageRecordRow>(`SELECT ${STAGE_RECORD_COLUMNS} FROM stage_records WHERE community_id = $1`, [id]),
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

const PATCH_COLUMNS: Record<Exclude<keyof CommunityPatch, 'version' | 'geometry'>, string> = {
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

async function communityConflict(tx: Queryable, cur: Community, sent: number): Promise<HttpError> {
  const details: ConflictDetails<Community> = { current: cur, lastChange: await lastChangeOf(tx, 'community', cur.id, 'stage_record') }
  return conflict(`Community ${cur.id} was changed by someone else (version ${cur.version}, you sent ${sent})`, details)
}

/**
 * Updates attributes (and the outline) if the stored version still matches the one the editor saw
 * (optimistic concurrency); otherwise 409 carries the current record and who changed it. The audit row
 * holds the changed fields before and after, in the same transaction.
 */
export async function patchCommunity(db: Database, id: number, patch: CommunityPatch, actor: Actor): Promise<Community> {
  return db.transaction(async (tx) => {
    const current = await tx.query<Community>(`SELECT ${COMMUNITY_COLUMNS} ${FROM_COMMUNITIES} WHERE c.id = $1 FOR UPDATE OF c`, [id])
    const cur = current[0]
    if (!cur) throw notFound(`Community ${id} does not exist`)
    if (patch.version !== cur.version) throw await communityConflict(tx, cur, patch.version)
    // Consent counts must stay ordered after merging the patch with the stored values.
    const total = patch.ownersTotal ?? cur.ownersTotal
    const consulted = patch.ownersConsulted ?? cur.ownersConsulted
    const agreeing = patch.ownersAgreeing ?? cur.ownersAgreeing
    if (consulted > total || agreeing > consulted) {
      throw new HttpError(400, 'invalid_request', 'Consent counts must satisfy agreeing ≤ consulted ≤ total owners', { current: cur })
    }
    const sets: string[] = []
    const params: unknown[] = [id]
    const before: Record<string, unknown> = { version: cur.version }
    const after: Record<string, unknown> = {}
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof typeof PATCH_COLUMNS, string][]) {
      const value = patch[key]
      if (value === undefined) continue
      params.push(key === 'funding' ? JSON.stringify(value) : value)
      sets.push(`${column} = $${params.length}${key === 'funding' ? '::jsonb' : key === 'deficiencies' ? '::text[]' : ''}`)
      before[key] = cur[key]
      after[key] = value
    }
    if (patch.geometry) {
      const check = await tx.query<{ valid: boolean; reason: string; old: string }>(
        `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, (SELECT ST_AsGeoJSON(geom, 7) FROM communities WHERE id = $2) AS old
         FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
        [JSON.stringify(patch.geometry), id],
      )
      if (!check[0].valid) throw new HttpError(400, 'invalid_geometry', `The outline is not a valid polygon: ${check[0].reason}`)
      params.push(JSON.stringify(patch.geometry))
      const g = `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($${params.length}), 4326))`
      sets.push(`geom = ${g}`, `area_m2 = ST_Area(${g}::geography)`)
      before.geometry = JSON.parse(check[0].old)
      after.geometry = patch.geometry
    }
    await tx.query(`UPDATE communities SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`, params)
    await bumpLayer(tx, 'communities')
    const updated = (await getCommunity(tx, id))!
    after.version = updated.version
    await appendAudit(tx, actor, {
      action: 'community.update',
      entityType: 'community',
      entityId: id,
      districtId: cur.districtId,
      streetId: cur.streetId,
      before,
      after,
    })
    return updated
  })
}

/**
 * Sets planned and actual dates of one stage. The stage record's version must match (0 when the stage has
 * no record yet); the change is audited with the old and new dates.
 */
export async function patchStageDates(db: Database, id: number, stage: Stage, patch: StageDatesPatch, actor: Actor): Promise<StageRecordRow> {
  return db.transaction(async (tx) => {
    const c = await tx.query<TargetScope>('SELECT district_id AS "districtId", street_id AS "streetId" FROM communities WHERE id = $1 FOR UPDATE', [id])
    if (!c[0]) throw notFound(`Community ${id} does not exist`)
    const rows = await tx.query<StageRecordRow>(`SELECT ${STAGE_RECORD_COLUMNS} FROM stage_records WHERE community_id = $1 AND stage = $2 FOR UPDATE`, [id, stage])
    const cur = rows[0] ?? null
    const curVersion = cur?.version ?? 0
    if (patch.version !== curVersion) {
      const details: ConflictDetails<StageRecordRow | null> = { current: cur, lastChange: await lastChangeOf(tx, 'stage_record', `${id}:${stage}`) }
      throw conflict(`The ${stage} dates of community ${id} were changed by someone else (version ${curVersion}, you sent ${patch.version})`, details)
    }
    const merged = {
      plannedStart: patch.plannedStart !== undefined ? patch.plannedStart : (cur?.plannedStart ?? null),
      plannedEnd: patch.plannedEnd !== undefined ? patch.plannedEnd : (cur?.plannedEnd ?? null),
      actualStart: patch.actualStart !== undefined ? patch.actualStart : (cur?.actualStart ?? null),
      actualEnd: patch.actualEnd !== undefined ? patch.actualEnd : (cur?.actualEnd ?? null),
    }
    if (merged.plannedStart && merged.plannedEnd && merged.plannedEnd < merged.plannedStart) {
      throw new HttpError(400, 'invalid_request', 'The planned end cannot be before the planned start')
    }
    if (merged.actualStart && merged.actualEnd && merged.actualEnd < merged.actualStart) {
      throw new HttpError(400, 'invalid_request', 'The actual end cannot be before the actual start')
    }
    await tx.query(
      `INSERT INTO stage_records (community_id, stage, planned_start, planned_end, actual_start, actual_end, progress_pct, version)
       VALUES ($1, $2, $3, $4, $5, $6, 0, 1)
       ON CONFLICT (community_id, stage) DO UPDATE SET planned_start = $3, planned_end = $4, actual_start = $5, actual_end = $6,
         version = stage_records.version + 1`,
      [id, stage, merged.plannedStart, merged.plannedEnd, merged.actualStart, merged.actualEnd],
    )
    await tx.query('UPDATE communities SET version = version + 1, updated_at = now() WHERE id = $1', [id])
    await bumpLayer(tx, 'communities')
    const updated = (await tx.query<StageRecordRow>(`SELECT ${STAGE_RECORD_COLUMNS} FROM stage_records WHERE community_id = $1 AND stage = $2`, [id, stage]))[0]
    const before: Record<string, unknown> = { version: curVersion }
    const after: Record<string, unknown> = { version: updated.version }
    for (const k of ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const) {
      if (patch[k] === undefined) continue
      before[k] = cur?.[k] ?? null
      after[k] = merged[k]
    }
    await appendAudit(tx, actor, {
      action: 'stage.update',
      entityType: 'stage_record',
      entityId: `${id}:${stage}`,
      districtId: c[0].districtId,
      streetId: c[0].streetId,
      before,
      after,
    })
    return updated
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
  actor: Actor,
): Promise<{ report: ProgressReport; community: Community }> {
  return db.transaction(async (tx) => {
    const result = await appendProgressReportIn(tx, id, body, actor)
    await progressChanged(tx, [id], 1, actor)
    return result
  })
}

/**
 * After progress reports were appended in a transaction: moves the progress layer version (schedule caches
 * of every process) and tells every open battle map, on commit, through the server-push channel.
 */
export async function progressChanged(tx: Queryable, communityIds: number[], reports: number, actor: Actor): Promise<void> {
  await bumpLayer(tx, 'progress')
  // NOTIFY payloads are capped at 8000 bytes: past a few hundred ids, "refetch everything" says the same.
  const event: ProgressEvent = {
    type: 'progress',
    communityIds: communityIds.length <= 500 ? communityIds : null,
    reports,
    by: actor.name,
    at: new Date().toISOString(),
  }
  await notifyEvent(tx, event)
}

/** Appends one report inside the caller's transaction (the form and the bulk upload share it). */
export async function appendProgressReportIn(
  tx: Queryable,
  id: number,
  body: ProgressReportBody,
  actor: Actor,
): Promise<{ report: ProgressReport; community: Community }> {
  {
    const prior = await tx.query<{ stage: Stage; progressPct: number; version: number; districtId: number; streetId: number }>(
      `SELECT stage, progress_pct AS "progressPct", version, district_id AS "districtId", street_id AS "streetId"
       FROM communities WHERE id = $1 FOR UPDATE`,
      [id],
    )
    if (prior.length === 0) throw notFound(`Community ${id} does not exist`)
    const inserted = await tx.query<ProgressReport>(
      `INSERT INTO progress_reports (community_id, stage, progress_pct, report_date, note, reported_by, reported_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, community_id AS "communityId", stage, progress_pct AS "progressPct", report_date AS "reportDate",
                 note, reported_by AS "reportedBy", created_at AS "createdAt"`,
      [id, body.stage, body.progressPct, body.reportDate, body.note ?? '', actor.name, actor.id],
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
    const community = (await getCommunity(tx, id))!
    const report = inserted[0]
    const p = prior[0]
    await appendAudit(tx, actor, {
      action: 'progress.report',
      entityType: 'community',
      entityId: id,
      districtId: p.districtId,
      streetId: p.streetId,
      before: { stage: p.stage, progressPct: p.progressPct, version: p.version },
      after: {
        reportId: report.id,
        reportStage: report.stage,
        reportProgressPct: report.progressPct,
        reportDate: report.reportDate,
        note: report.note,
        stage: community.stage,
        progressPct: community.progressPct,
        version: community.version,
      },
    })
    return { report, community }
  }
}
