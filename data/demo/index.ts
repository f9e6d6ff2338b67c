import type { Database } from '../../core/ports/database.js'
import { DEMO_GENERATOR_VERSION, DEMO_SEED, generateDemoCity } from './generate.js'
import { hasData, loadDataset, type LoadProgress } from './load.js'

export { DEMO_AS_OF, DEMO_GENERATOR_VERSION, DEMO_PLAN_YEAR, DEMO_SEED, generateDemoCity } from './generate.js'
export { hasData, loadDataset, type LoadOptions, type LoadProgress } from './load.js'

/** dataset_meta 'generator' value for the demo city of a seed. */
export const demoGeneratorMeta = (seed: number) => ({ name: 'demo-city', seed, version: DEMO_GENERATOR_VERSION })

/** Logs one line per phase when it completes, so a console shows progress without flooding. */
export function progressLogger(log: (line: string) => void): (p: LoadProgress) => void {
  return (p) => {
    if (p.done !== p.total) return
    if (p.phase === 'clear') log(`[demo] cleared ${p.total} tables`)
    else if (p.phase === 'meta') log('[demo] dataset metadata written, layer versions bumped')
    else log(`[demo] ${p.phase}: ${p.total} rows`)
  }
}

/**
 * Loads the demo city when the database holds no city yet (first start); leaves existing data alone.
 * Returns true when it loaded the demo.
 */
export async function ensureDemoData(db: Database, log: (line: string) => void, opts: { seed?: number } = {}): Promise<boolean> {
  if (await hasData(db)) {
    // Existing data is never replaced on its own (it may hold real edits); an older demo gets a hint.
    const rows = await db.query<{ g: { name?: string; version?: number } | null }>("SELECT value AS g FROM dataset_meta WHERE key = 'generator'")
    const g = rows[0]?.g
    if (g?.name === 'demo-city' && (g.version ?? 0) < DEMO_GENERATOR_VERSION) {
      log(`[demo] this folder holds the demo city of generator v${g.version ?? 0} (now v${DEMO_GENERATOR_VERSION}): run \`npm run demo:reset\` for the current demo (a whole year of weekly reports)`)
    }
    return false
  }
  const seed = opts.seed ?? DEMO_SEED
  const started = performance.now()
  log(`[demo] the database is empty: generating the demo city (seed ${seed})`)
  const ds = generateDemoCity({ seed })
  log(`[demo] generated ${ds.communities.length} communities, ${ds.facilities.length} facilities, ${ds.roads.length} roads in ${Math.round(performance.now() - started)} ms`)
  await loadDataset(db, ds, progressLogger(log), { generator: demoGeneratorMeta(seed) })
  log(`[demo] loaded in ${Math.round(performance.now() - started)} ms`)
  return true
}
