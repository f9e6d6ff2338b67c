/**
 * Loading the demo city into a real database (PGlite or server PostGIS, chosen by TEST_DB): row counts,
 * geography areas and lengths, PostGIS's own validity and overlap checks, metadata, and all-or-nothing.
 */
import * as turf from '@turf/turf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CityDataset } from '../../core/domain/entities.js'
import { DEMO_GENERATOR_VERSION, DEMO_SEED, generateDemoCity } from '../../data/demo/generate.js'
import { ensureDemoData } from '../../data/demo/index.js'
import { hasData, loadDataset, type LoadProgress } from '../../data/demo/load.js'
import type { Database } from '../../server/db/types.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-db.js'

const count = async (db: Database, table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n
const layerVersions = async (db: Database) =>
  Object.fromEntries((await db.query<{ layer: string; version: number }>('SELECT layer, version FROM layer_versions')).map((r) => [r.layer, Number(r.version)]))

describe('loading a city dataset', () => {
  let t: TestDatabase
  let db: Database
  let ds: CityDataset
  let before: Record<string, number>
  const phases: LoadProgress[] = []

  beforeAll(async () => {
    t = await openTestDatabase({ demo: false })
    db = t.db
    ds = generateDemoCity()
    expect(await hasData(db)).toBe(false)
    before = await layerVersions(db)
    const started = performance.now()
    await loadDataset(db, ds, (p) => phases.push(p), { generator: { name: 'demo-city', seed: 20261121, version: 1 } })
    console.log(`[demo-load] ${db.kind}: loaded the demo city in ${Math.round(performance.now() - started)} ms`)
  })

  afterAll(async () => {
    await t?.close()
  })

  it('stores every row of every table', async () => {
    expect(await hasData(db)).toBe(true)
    expect(await count(db, 'districts')).toBe(ds.districts.length)
    expect(await count(db, 'streets')).toBe(ds.streets.length)
    expect(await count(db, 'communities')).toBe(ds.communities.length)
    expect(await count(db, 'facilities')).toBe(ds.facilities.length)
    expect(await count(db, 'roads')).toBe(ds.roads.length)
    expect(await count(db, 'water')).toBe(ds.water.length)
    expect(await count(db, 'stage_records')).toBe(ds.stageRecords.length)
    expect(await count(db, 'progress_reports')).toBe(ds.progressReports.length)
  })

  it('reports progress for each table, ending with all rows done', () => {
    for (const table of ['districts', 'streets', 'communities', 'roads', 'progress_reports']) {
      const last = phases.filter((p) => p.phase === table).at(-1)!
      expect(last.done).toBe(last.total)
      expect(last.total).toBeGreaterThan(0)
    }
  })

  it('computes community areas on geography within 1 % of turf', async () => {
    const sample = ds.communities.filter((_, k) => k % 97 === 0)
    const rows = await db.query<{ id: number; area_m2: number }>(`SELECT id, area_m2 FROM communities WHERE id IN (${sample.map((c) => c.id).join(',')})`)
    expect(rows).toHaveLength(sample.length)
    for (const r of rows) {
      const expected = turf.area(ds.communities[r.id - 1].geom as never)
      expect(Math.abs(r.area_m2 - expected) / expected).toBeLessThan(0.01)
      expect(r.area_m2).toBeGreaterThan(9_000)
    }
  })

  it('computes road lengths on geography within 1 % of turf', async () => {
    const sample = ds.roads.filter((_, k) => k % 211 === 0)
    const rows = await db.query<{ id: number; length_m: number }>(`SELECT id, length_m FROM roads WHERE id IN (${sample.map((r) => r.id).join(',')})`)
    for (const r of rows) {
      const expected = turf.length(ds.roads[r.id - 1].geom as never, { units: 'meters' })
      expect(Math.abs(r.length_m - expected) / expected).toBeLessThan(0.01)
    }
  })

  it('passes PostGIS validity: valid polygons, no overlapping communities, communities within their streets', async () => {
    for (const table of ['districts', 'streets', 'communities', 'water']) {
      expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE NOT ST_IsValid(geom)`))[0].n).toBe(0)
    }
    const overlaps = await db.query('SELECT a.id, b.id FROM communities a JOIN communities b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)')
    expect(overlaps).toEqual([])
    const outside = await db.query('SELECT c.id FROM communities c JOIN streets s ON s.id = c.street_id WHERE NOT ST_CoveredBy(c.geom, s.geom)')
    expect(outside).toEqual([])
    const wet = await db.query('SELECT r.id FROM roads r JOIN water w ON ST_Intersects(r.geom, w.geom) WHERE NOT r.bridge')
    expect(wet).toEqual([])
  })

  it('round-trips attributes: deficiency arrays, funding, calendar dates', async () => {
    const c = ds.communities.find((x) => x.deficiencies.length >= 3)!
    const [row] = await db.query('SELECT deficiencies, funding, stage, progress_pct FROM communities WHERE id = $1', [c.id])
    expect(row.deficiencies).toEqual(c.deficiencies)
    expect(row.funding).toEqual(c.funding)
    expect([row.stage, row.progress_pct]).toEqual([c.stage, c.progressPct])
    const rec = ds.stageRecords.find((r) => r.actualEnd !== null)!
    const [stored] = await db.query('SELECT planned_start, actual_end FROM stage_records WHERE community_id = $1 AND stage = $2', [rec.communityId, rec.stage])
    expect(stored).toEqual({ planned_start: rec.plannedStart, actual_end: rec.actualEnd })
  })

  it('writes the dataset metadata and bumps every layer version once', async () => {
    const meta = Object.fromEntries((await db.query<{ key: string; value: unknown }>('SELECT key, value FROM dataset_meta')).map((r) => [r.key, r.value]))
    expect(meta.label).toEqual(ds.label)
    expect(meta.isDemo).toBe(true)
    expect(meta.center).toEqual(ds.center)
    expect(meta.planYear).toBe(2026)
    expect(meta.asOf).toBe('2026-11-16')
    expect(meta.generator).toEqual({ name: 'demo-city', seed: 20261121, version: 1 })
    const after = await layerVersions(db)
    for (const [layer, v] of Object.entries(before)) expect(after[layer]).toBe(v + 1)
  })

  it('lets a report added afterwards take a fresh id', async () => {
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO progress_reports (community_id, stage, progress_pct, report_date) VALUES (1, 'survey', 0, '2026-11-17') RETURNING id`,
    )
    expect(Number(row.id)).toBeGreaterThan(ds.progressReports.length)
    await db.query('DELETE FROM progress_reports WHERE id = $1', [row.id])
  })

  it('changes nothing when a load fails half-way', async () => {
    const broken: CityDataset = { ...ds, communities: [...ds.communities, { ...ds.communities[0], id: 99_999, code: 'X', streetId: 12_345 }] }
    const versions = await layerVersions(db)
    await expect(loadDataset(db, broken)).rejects.toThrow()
    expect(await count(db, 'communities')).toBe(ds.communities.length)
    expect(await count(db, 'progress_reports')).toBe(ds.progressReports.length)
    expect(await layerVersions(db)).toEqual(versions)
  })

  it('replaces the previous city when loading another one', async () => {
    const other = generateDemoCity({ seed: 3 })
    await loadDataset(db, other)
    expect(await count(db, 'communities')).toBe(other.communities.length)
    expect(await count(db, 'roads')).toBe(other.roads.length)
    expect(await count(db, 'progress_reports')).toBe(other.progressReports.length)
    const [meta] = await db.query("SELECT value FROM dataset_meta WHERE key = 'generator'")
    expect(meta.value).toBeNull()
  })
})

describe('loading the demo city on first start', () => {
  let t: TestDatabase

  beforeAll(async () => {
    t = await openTestDatabase({ demo: false })
  })

  afterAll(async () => {
    await t?.close()
  })

  it('loads the demo into an empty database once, then leaves the data alone', async () => {
    const lines: string[] = []
    expect(await ensureDemoData(t.db, (l) => lines.push(l))).toBe(true)
    expect(lines.some((l) => l.includes('communities'))).toBe(true)
    expect(await count(t.db, 'communities')).toBeGreaterThanOrEqual(800)
    const [meta] = await t.db.query("SELECT value FROM dataset_meta WHERE key = 'generator'")
    expect(meta.value).toEqual({ name: 'demo-city', seed: DEMO_SEED, version: DEMO_GENERATOR_VERSION })

    await t.db.query('DELETE FROM progress_reports WHERE id = 1')
    expect(await ensureDemoData(t.db, () => undefined)).toBe(false)
    expect(await count(t.db, 'progress_reports')).toBe(generateDemoCity().progressReports.length - 1)
  })
})
