/**
 * `npm run bench`: measures side by side in one run and prints ratios; writes bench/results/latest.json.
 * A benchmark, not a test: nothing here asserts timings.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ensureClientBuilt } from '../scripts/build-client.js'
import { printFoundation, runFoundationBench } from './suites/foundation.js'
import { printClusters, runClustersBench } from './suites/clusters.js'
import { printNational, runNationalBench } from './suites/national.js'
import { printSchedule, runScheduleBench } from './suites/schedule.js'
import { printWalking, runWalkingBench } from './suites/walking.js'

const log = (m: string) => console.log(m)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'renewmap-benchrun-'))
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null

const t0 = performance.now()
const built = await ensureClientBuilt({ outDir: path.resolve('dist/client'), log })
const clientBuildS = built ? (performance.now() - t0) / 1000 : null

const results: Record<string, unknown> = {
  when: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  clientBuildS,
  foundation: await runFoundationBench({ log, tmp, postgresUrl }),
}
log('▸ national scale on server PostGIS')
results.national = await runNationalBench({ log, tmp, postgresUrl })
log('▸ walking coverage on a generated network of a million directed edges')
results.walking = await runWalkingBench(log)
log('▸ 片区 proposals and edit checks on 3,000 generated communities')
results.clusters = await runClustersBench(log)
log('▸ schedule replay on 20,000 communities with a report every week')
results.schedule = await runScheduleBench(log)

console.log('\n════════ results ════════')
if (clientBuildS !== null) console.log(`Client build: ${clientBuildS.toFixed(1)} s`)
printFoundation(results.foundation, (s) => console.log(s))
printNational(results.national, (s) => console.log(s))
printWalking(results.walking, (s) => console.log(s))
printClusters(results.clusters as Awaited<ReturnType<typeof runClustersBench>>, (s) => console.log(s))
printSchedule(results.schedule as Awaited<ReturnType<typeof runScheduleBench>>, (s) => console.log(s))
fs.mkdirSync('bench/results', { recursive: true })
fs.writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2))
console.log('\nwritten bench/results/latest.json')
fs.rmSync(tmp, { recursive: true, force: true })
