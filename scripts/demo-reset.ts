/**
 * npm run demo:reset [-- --seed N]: replaces whatever city the configured database holds with the demo city.
 * Uses DATABASE_URL (server PostGIS) when set, else the embedded database in DATA_DIR.
 */
import { readConfig } from '../server/config.js'
import { FolderLockedError } from '../server/db/folder-lock.js'
import { openDatabase } from '../server/db/index.js'
import { migrate } from '../server/db/migrate.js'
import { DEMO_SEED, demoGeneratorMeta, generateDemoCity, loadDataset, progressLogger } from '../data/demo/index.js'

function seedFromArgs(argv: readonly string[]): number {
  const at = argv.indexOf('--seed')
  if (at < 0) return DEMO_SEED
  const seed = Number(argv[at + 1])
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`--seed must be a non-negative integer, got "${argv[at + 1]}"`)
  return seed
}

async function main(): Promise<void> {
  const cfg = readConfig()
  const seed = seedFromArgs(process.argv.slice(2))
  const log = (line: string) => console.log(line)
  log(`[demo] target: ${cfg.databaseUrl ? 'server PostgreSQL (DATABASE_URL)' : `embedded database in ${cfg.dataDir}`}`)
  const db = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir }, log)
  try {
    await migrate(db, { log })
    const t0 = performance.now()
    const ds = generateDemoCity({ seed })
    log(`[demo] generated the demo city (seed ${seed}) in ${Math.round(performance.now() - t0)} ms: ` +
      `${ds.districts.length} districts, ${ds.streets.length} streets, ${ds.communities.length} communities, ` +
      `${ds.facilities.length} facilities, ${ds.roads.length} roads, ${ds.water.length} water bodies, ` +
      `${ds.stageRecords.length} stage records, ${ds.progressReports.length} progress reports`)
    const t1 = performance.now()
    await loadDataset(db, ds, progressLogger(log), { generator: demoGeneratorMeta(seed) })
    log(`[demo] loaded in ${Math.round(performance.now() - t1)} ms`)
  } finally {
    await db.close()
  }
}

main().catch((e: unknown) => {
  if (e instanceof FolderLockedError) console.error(`[demo] ${e.message}`)
  else console.error('[demo] reset failed:', e)
  process.exit(1)
})
