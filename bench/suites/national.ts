import pg from 'pg'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { openDatabase } from '../../server/db/index.js'
import { migrate } from '../../server/db/migrate.js'
import { encodeTile, tilesCovering } from '../../server/tiles/index.js'
import { fmt } from '../lib/stats.js'
import type { BenchContext } from './foundation.js'

const COMMUNITIES = 170_000
const CITIES = 400

/**
 * National scale: 170,000 synthetic community squares in 400 city clusters across eastern China on server
 * PostGIS; size, feature count and encoding time of the tile over one city centre at each zoom, both encoders.
 */
export async function runNationalBench(ctx: BenchContext) {
  if (!ctx.postgresUrl) return { skipped: 'no BENCH_DATABASE_URL / TEST_DATABASE_URL' }
  const admin = new pg.Client({ connectionString: ctx.postgresUrl })
  await admin.connect()
  await admin.query('DROP DATABASE IF EXISTS renewmap_bench_national WITH (FORCE)')
  await admin.query('CREATE DATABASE renewmap_bench_national')
  await admin.end()
  const u = new URL(ctx.postgresUrl)
  u.pathname = '/renewmap_bench_national'
  const db = await openDatabase({ databaseUrl: u.toString(), dataDir: '' })
  try {
    await migrate(db)
    let seed = 20261121
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    await db.query(`INSERT INTO districts (id, name, geom) VALUES (1, '全国', ST_Multi(ST_MakeEnvelope(100, 20, 125, 45, 4326)))`)
    await db.query(`INSERT INTO streets (id, name, district_id, geom) VALUES (1, '全国', 1, ST_Multi(ST_MakeEnvelope(100, 20, 125, 45, 4326)))`)
    const cities = Array.from({ length: CITIES }, () => [103 + rnd() * 19, 22 + rnd() * 18])
    const t0 = performance.now()
    for (let start = 0; start < COMMUNITIES; start += 10_000) {
      const rows = []
      for (let id = start + 1; id <= Math.min(COMMUNITIES, start + 10_000); id++) {
        const [cx, cy] = cities[Math.floor(rnd() * CITIES)]
        rows.push({ id, x: cx + (rnd() - 0.5) * 0.3, y: cy + (rnd() - 0.5) * 0.3, d: 0.0008 + rnd() * 0.0012, stage: ['survey', 'design', 'construction', 'handover'][id % 4] })
      }
      await db.query(
        `INSERT INTO communities (id, code, name, district_id, street_id, build_year, buildings, households, floor_area_m2, population,
           ownership_type, management_mode, library_tier, stage, geom)
         SELECT r.id, 'N' || r.id, '小区' || r.id, 1, 1, 1990, 10, 300 + r.id % 700, 40000, 1300, 'reform_housing', 'none', 'reserve', r.stage,
                ST_Multi(ST_MakeEnvelope(r.x, r.y, r.x + r.d, r.y + r.d, 4326))
         FROM json_to_recordset($1::json) AS r(id int, x float8, y float8, d float8, stage text)`,
        [JSON.stringify(rows)],
      )
    }
    await db.query('ANALYZE communities')
    const loadS = (performance.now() - t0) / 1000
    ctx.log(`  loaded ${COMMUNITIES.toLocaleString()} communities in ${fmt(loadS)} s`)
    const [cx, cy] = cities[0]
    const byZoom: Record<number, Record<string, { ms: number; kb: number; features: number }>> = {}
    for (const z of [5, 6, 7, 8, 9, 10, 12, 14]) {
      const [[x, y]] = tilesCovering([cx, cy, cx, cy], z)
      byZoom[z] = {}
      for (const encoder of ['sql', 'js'] as const) {
        await encodeTile(db, 'communities', z, x, y, { encoder }) // plan and cache warm
        const t = performance.now()
        const buf = await encodeTile(db, 'communities', z, x, y, { encoder })
        const ms = performance.now() - t
        const layer = buf ? new VectorTile(new PbfReader(buf)).layers.communities : undefined
        byZoom[z][encoder] = { ms, kb: (buf?.length ?? 0) / 1024, features: layer?.length ?? 0 }
      }
    }
    return { communities: COMMUNITIES, loadS, byZoom }
  } finally {
    await db.close()
  }
}

export function printNational(r: any, print: (s: string) => void) {
  if (!r || r.skipped) return print(`\nNational scale: not measured (${r?.skipped})`)
  print(`\nNational scale: ${r.communities.toLocaleString()} synthetic communities on server PostGIS (the tile over one city centre at each zoom)`)
  print('zoom   ST_AsMVT ms   JS ms   size KB   features')
  for (const [z, e] of Object.entries<any>(r.byZoom)) {
    print(`z${z.padEnd(4)} ${fmt(e.sql.ms).padStart(11)} ${fmt(e.js.ms).padStart(7)} ${fmt(e.sql.kb).padStart(9)} ${String(e.sql.features).padStart(10)}`)
  }
}
