import type { DatasetMetaResponse, DistrictRow, FacilityRow, StreetRow } from '../../core/contracts/responses.js'
import type { FacilityType } from '../../core/domain/community.js'
import type { AppConfig } from '../config.js'
import type { Database, Queryable } from '../db/types.js'

/** Whether the loaded dataset is the generated demo city (demo accounts exist only then). */
export async function isDemoDataset(db: Queryable): Promise<boolean> {
  const rows = await db.query<{ v: boolean }>(`SELECT value = 'true'::jsonb AS v FROM dataset_meta WHERE key = 'isDemo'`)
  return rows[0]?.v === true
}

/**
 * The dataset's plan year alone (routes that default `?year=` call it on every request, so it reads one
 * metadata row rather than the whole metadata with the city's extent).
 */
export async function datasetPlanYear(db: Queryable): Promise<number> {
  const rows = await db.query<{ v: unknown }>("SELECT value AS v FROM dataset_meta WHERE key = 'planYear'")
  const v = rows[0]?.v
  return typeof v === 'number' ? v : new Date().getFullYear()
}

export async function getDatasetMeta(db: Database, cfg: AppConfig): Promise<DatasetMetaResponse> {
  const [meta, ext] = await Promise.all([
    db.query<{ key: string; value: any }>('SELECT key, value FROM dataset_meta'),
    db.query<{ w: number; s: number; e: number; n: number }>(
      'SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n FROM (SELECT ST_Extent(geom)::geometry AS e FROM districts) x',
    ),
  ])
  const m = Object.fromEntries(meta.map((r) => [r.key, r.value]))
  const b = ext[0]
  const bbox: [number, number, number, number] = b?.w != null ? [b.w, b.s, b.e, b.n] : [73, 18, 135, 54]
  return {
    label: m.label ?? { zh: '未命名数据集', en: 'Unnamed dataset' },
    isDemo: Boolean(m.isDemo),
    center: m.center ?? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2],
    bbox,
    planYear: m.planYear ?? new Date().getFullYear(),
    asOf: m.asOf ?? new Date().toISOString().slice(0, 10),
    backend: db.kind,
    basemap: cfg.basemapUrl ? { url: cfg.basemapUrl, attribution: cfg.basemapAttribution } : null,
  }
}

export async function listDistricts(db: Database): Promise<DistrictRow[]> {
  return db.query<DistrictRow>(
    `SELECT d.id, d.code, d.name, (SELECT count(*)::int FROM communities c WHERE c.district_id = d.id) AS communities
     FROM districts d ORDER BY d.id`,
  )
}

export async function listStreets(db: Database, districtIds?: number[]): Promise<StreetRow[]> {
  return db.query<StreetRow>(
    `SELECT s.id, s.code, s.name, s.district_id AS "districtId", d.name AS "districtName",
            (SELECT count(*)::int FROM communities c WHERE c.street_id = s.id) AS communities
     FROM streets s JOIN districts d ON d.id = s.district_id
     ${districtIds?.length ? 'WHERE s.district_id = ANY($1::int[])' : ''} ORDER BY s.district_id, s.id`,
    districtIds?.length ? [districtIds] : [],
  )
}

/** Administrative polygons as GeoJSON text (districts or streets). */
export async function adminGeoJson(db: Database, table: 'districts' | 'streets', districtIds?: number[]): Promise<string> {
  const filter = table === 'streets' && districtIds?.length ? 'WHERE t.district_id = ANY($1::int[])' : ''
  const props = table === 'streets' ? `'code', t.code, 'name', t.name, 'districtId', t.district_id` : `'code', t.code, 'name', t.name`
  const rows = await db.query<{ fc: string }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
       'type', 'Feature', 'id', t.id, 'geometry', ST_AsGeoJSON(t.geom, 7)::json,
       'properties', json_build_object('id', t.id, ${props})) ORDER BY t.id), '[]'::json))::text AS fc
     FROM ${table} t ${filter}`,
    filter ? [districtIds] : [],
  )
  return rows[0].fc
}

export async function listFacilities(db: Database, opts: { types?: FacilityType[]; status?: string[] }): Promise<FacilityRow[]> {
  const clauses: string[] = []
  const params: unknown[] = []
  if (opts.types?.length) {
    params.push(opts.types)
    clauses.push(`type = ANY($${params.length}::text[])`)
  }
  if (opts.status?.length) {
    params.push(opts.status)
    clauses.push(`status = ANY($${params.length}::text[])`)
  }
  return db.query<FacilityRow>(
    `SELECT id, name, type, status, district_id AS "districtId", ST_X(geom) AS lon, ST_Y(geom) AS lat
     FROM facilities ${clauses.length ? 'WHERE ' + clauses.join(' AND ') : ''} ORDER BY id`,
    params,
  )
}
