import type { CityDataset } from '../../core/domain/entities.js'
import type { Database, Queryable } from '../../core/ports/database.js'

/**
 * Loads a city dataset (the demo or an import) into the core schema: all or nothing, in one transaction.
 * Rows travel as JSON, one INSERT … SELECT FROM json_to_recordset per table and chunk, and PostGIS computes
 * areas and lengths on geography. Only portable SQL: embedded PGlite and server PostGIS 3.3–3.6 alike.
 */
export interface LoadProgress { phase: string; done: number; total: number }
export interface LoadOptions {
  /** Stored as dataset_meta 'generator' (e.g. the demo's seed and version); null for imported data. */
  generator?: Record<string, unknown> | null
}

/** Child tables first, so foreign keys never see a missing parent. */
const DATA_TABLES = ['progress_reports', 'stage_records', 'community_gates', 'candidate_sites', 'tender_package_members', 'tender_packages', 'cluster_members', 'clusters', 'communities', 'facilities', 'roads', 'water', 'streets', 'districts'] as const

/** Geometry from a GeoJSON column `geom` of the record set. */
const geomOf = (multi: boolean) => {
  const g = 'ST_SetSRID(ST_GeomFromGeoJSON(r.geom::text), 4326)'
  return multi ? `ST_Multi(${g})` : g
}

const SQL = {
  districts: `INSERT INTO districts (id, code, name, geom)
    SELECT r.id, r.code, r.name, ${geomOf(true)}
    FROM json_to_recordset($1::json) AS r(id integer, code text, name text, geom json)`,
  streets: `INSERT INTO streets (id, code, name, district_id, geom)
    SELECT r.id, r.code, r.name, r.district_id, ${geomOf(true)}
    FROM json_to_recordset($1::json) AS r(id integer, code text, name text, district_id integer, geom json)`,
  communities: `INSERT INTO communities (id, code, name, district_id, street_id, neighbourhood, build_year, buildings,
      households, floor_area_m2, population, ownership_type, management_mode, has_owners_committee,
      illegal_structures_cleared, owners_total, owners_consulted, owners_agreeing, deficiencies, plan_year,
      library_tier, stage, progress_pct, investment_planned_wan, investment_spent_wan, funding, area_m2, geom)
    SELECT s.id, s.code, s.name, s.district_id, s.street_id, s.neighbourhood, s.build_year, s.buildings,
      s.households, s.floor_area_m2, s.population, s.ownership_type, s.management_mode, s.has_owners_committee,
      s.illegal_structures_cleared, s.owners_total, s.owners_consulted, s.owners_agreeing,
      ARRAY(SELECT json_array_elements_text(s.deficiencies)), s.plan_year, s.library_tier, s.stage, s.progress_pct,
      s.investment_planned_wan, s.investment_spent_wan, s.funding, ST_Area(s.g::geography), s.g
    FROM (SELECT r.*, ${geomOf(true)} AS g
      FROM json_to_recordset($1::json) AS r(id integer, code text, name text, district_id integer, street_id integer,
        neighbourhood text, build_year integer, buildings integer, households integer, floor_area_m2 double precision,
        population integer, ownership_type text, management_mode text, has_owners_committee boolean,
        illegal_structures_cleared boolean, owners_total integer, owners_consulted integer, owners_agreeing integer,
        deficiencies json, plan_year integer, library_tier text, stage text, progress_pct double precision,
        investment_planned_wan double precision, investment_spent_wan double precision, funding jsonb, geom json)) s`,
  facilities: `INSERT INTO facilities (id, name, type, status, district_id, geom)
    SELECT r.id, r.name, r.type, r.status, r.district_id, ${geomOf(false)}
    FROM json_to_recordset($1::json) AS r(id integer, name text, type text, status text, district_id integer, geom json)`,
  roads: `INSERT INTO roads (id, name, road_class, walkable, bridge, length_m, geom)
    SELECT s.id, s.name, s.road_class, s.walkable, s.bridge, ST_Length(s.g::geography), s.g
    FROM (SELECT r.*, ${geomOf(false)} AS g
      FROM json_to_recordset($1::json) AS r(id integer, name text, road_class text, walkable boolean, bridge boolean, geom json)) s`,
  water: `INSERT INTO water (id, name, kind, geom)
    SELECT r.id, r.name, r.kind, ${geomOf(true)}
    FROM json_to_recordset($1::json) AS r(id integer, name text, kind text, geom json)`,
  stage_records: `INSERT INTO stage_records (community_id, stage, planned_start, planned_end, actual_start, actual_end, progress_pct)
    SELECT r.community_id, r.stage, r.planned_start, r.planned_end, r.actual_start, r.actual_end, r.progress_pct
    FROM json_to_recordset($1::json) AS r(community_id integer, stage text, planned_start date, planned_end date,
      actual_start date, actual_end date, progress_pct double precision)`,
  // A report's creation time is 17:00 Beijing time on its report date: the history stays reproducible.
  progress_reports: `INSERT INTO progress_reports (id, community_id, stage, progress_pct, report_date, note, reported_by, created_at)
    SELECT r.id, r.community_id, r.stage, r.progress_pct, r.report_date, r.note, r.reported_by,
      (r.report_date::timestamp + interval '9 hours') AT TIME ZONE 'UTC'
    FROM json_to_recordset($1::json) AS r(id bigint, community_id integer, stage text, progress_pct double precision,
      report_date date, note text, reported_by text)`,
} as const

type Table = keyof typeof SQL

/** Rows in the snake_case shape each INSERT reads. */
function rowsByTable(ds: CityDataset): Record<Table, object[]> {
  return {
    districts: ds.districts.map((d) => ({ id: d.id, code: d.code, name: d.name, geom: d.geom })),
    streets: ds.streets.map((s) => ({ id: s.id, code: s.code, name: s.name, district_id: s.districtId, geom: s.geom })),
    communities: ds.communities.map((c) => ({
      id: c.id, code: c.code, name: c.name, district_id: c.districtId, street_id: c.streetId, neighbourhood: c.neighbourhood,
      build_year: c.buildYear, buildings: c.buildings, households: c.households, floor_area_m2: c.floorAreaM2,
      population: c.population, ownership_type: c.ownershipType, management_mode: c.managementMode,
      has_owners_committee: c.hasOwnersCommittee, illegal_structures_cleared: c.illegalStructuresCleared,
      owners_total: c.ownersTotal, owners_consulted: c.ownersConsulted, owners_agreeing: c.ownersAgreeing,
      deficiencies: c.deficiencies, plan_year: c.planYear, library_tier: c.libraryTier, stage: c.stage,
      progress_pct: c.progressPct, investment_planned_wan: c.investmentPlannedWan, investment_spent_wan: c.investmentSpentWan,
      funding: c.funding, geom: c.geom,
    })),
    facilities: ds.facilities.map((f) => ({ id: f.id, name: f.name, type: f.type, status: f.status, district_id: f.districtId, geom: f.geom })),
    roads: ds.roads.map((r) => ({ id: r.id, name: r.name, road_class: r.roadClass, walkable: r.walkable, bridge: r.bridge, geom: r.geom })),
    water: ds.water.map((w) => ({ id: w.id, name: w.name, kind: w.kind, geom: w.geom })),
    stage_records: ds.stageRecords.map((r) => ({
      community_id: r.communityId, stage: r.stage, planned_start: r.plannedStart, planned_end: r.plannedEnd,
      actual_start: r.actualStart, actual_end: r.actualEnd, progress_pct: r.progressPct,
    })),
    progress_reports: ds.progressReports.map((r, k) => ({
      id: k + 1, community_id: r.communityId, stage: r.stage, progress_pct: r.progressPct, report_date: r.reportDate,
      note: r.note, reported_by: r.reportedBy,
    })),
  }
}

/** Splits rows into JSON chunks of at most about maxChars characters each. */
function jsonChunks(rows: readonly object[], maxChars = 2_000_000): { json: string; count: number }[] {
  const chunks: { json: string; count: number }[] = []
  let parts: string[] = []
  let size = 0
  for (const row of rows) {
    const s = JSON.stringify(row)
    if (parts.length > 0 && size + s.length > maxChars) {
      chunks.push({ json: `[${parts.join(',')}]`, count: parts.length })
      parts = []
      size = 0
    }
    parts.push(s)
    size += s.length + 1
  }
  if (parts.length > 0) chunks.push({ json: `[${parts.join(',')}]`, count: parts.length })
  return chunks
}

/** [west, south, east, north] over the districts (the whole city). */
function datasetBbox(ds: CityDataset): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null
  for (const d of ds.districts) {
    for (const poly of d.geom.coordinates) {
      for (const [x, y] of poly[0]) {
        box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y]
      }
    }
  }
  return box
}

async function upsertMeta(tx: Queryable, ds: CityDataset, generator: Record<string, unknown> | null): Promise<void> {
  const meta = {
    label: ds.label,
    isDemo: ds.isDemo,
    center: ds.center,
    bbox: datasetBbox(ds),
    planYear: ds.planYear,
    asOf: ds.asOf,
    generator,
  }
  await tx.query(
    `INSERT INTO dataset_meta (key, value)
     SELECT e.key, e.value::jsonb FROM json_each($1::json) AS e
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(meta)],
  )
}

/**
 * Replaces all data rows with the dataset, upserts dataset_meta and bumps every layer version so tile
 * caches in every API process invalidate. Either everything is loaded or nothing changes.
 */
export async function loadDataset(db: Database, ds: CityDataset, onProgress?: (p: LoadProgress) => void, opts: LoadOptions = {}): Promise<void> {
  const rows = rowsByTable(ds)
  const order: Table[] = ['districts', 'streets', 'communities', 'facilities', 'roads', 'water', 'stage_records', 'progress_reports']
  const chunked = order.map((table) => ({ table, chunks: jsonChunks(rows[table]), total: rows[table].length }))
  await db.transaction(async (tx) => {
    onProgress?.({ phase: 'clear', done: 0, total: DATA_TABLES.length })
    for (const [k, table] of DATA_TABLES.entries()) {
      await tx.query(`DELETE FROM ${table}`)
      onProgress?.({ phase: 'clear', done: k + 1, total: DATA_TABLES.length })
    }
    for (const { table, chunks, total } of chunked) {
      let done = 0
      onProgress?.({ phase: table, done, total })
      for (const chunk of chunks) {
        await tx.query(SQL[table], [chunk.json])
        done += chunk.count
        onProgress?.({ phase: table, done, total })
      }
    }
    // Reports carry explicit ids; move the sequence past them (never backwards) for reports added later.
    await tx.query(
      `SELECT setval(pg_get_serial_sequence('progress_reports', 'id'),
         GREATEST((SELECT COALESCE(max(id), 0) FROM progress_reports), nextval(pg_get_serial_sequence('progress_reports', 'id'))))`,
    )
    await upsertMeta(tx, ds, opts.generator ?? null)
    await tx.query('UPDATE layer_versions SET version = version + 1')
    onProgress?.({ phase: 'meta', done: 1, total: 1 })
  })
}

/** True when the database already holds a city (any district or community). */
export async function hasData(db: Pick<Database, 'query'>): Promise<boolean> {
  const rows = await db.query<{ has: boolean }>(
    'SELECT (EXISTS (SELECT 1 FROM communities) OR EXISTS (SELECT 1 FROM districts)) AS has',
  )
  return rows[0]?.has === true
}
