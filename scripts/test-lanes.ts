/**
 * Runs the four test lanes one after another and prints how many tests each ran. A lane that fails to
 * start, or runs no test, fails. TEST_LANES=unit,pglite narrows the run on a developer machine; under CI
 * every lane always runs.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const ALL = ['unit', 'pglite', 'postgis', 'e2e'] as const
const requested = process.env.TEST_LANES?.split(',').map((s) => s.trim()).filter(Boolean)
if (requested && process.env.CI) {
  console.error('[test] TEST_LANES is ignored under CI: every lane runs')
}
const lanes = requested && !process.env.CI ? ALL.filter((l) => requested.includes(l)) : [...ALL]
const extraArgs = process.argv.slice(2)

interface LaneResult { lane: string; passed: number; failed: number; skipped: number; files: number; seconds: number; ok: boolean; note: string }
const results: LaneResult[] = []
fs.mkdirSync('.tmp', { recursive: true })

for (const lane of lanes) {
  const out = path.join('.tmp', `vitest-${lane}.json`)
  fs.rmSync(out, { force: true })
  console.log(`\n━━━ lane: ${lane} ━━━`)
  const t0 = Date.now()
  const run = spawnSync('npx', ['vitest', 'run', '--project', lane, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extraArgs], {
    stdio: 'inherit',
    env: process.env,
  })
  const seconds = (Date.now() - t0) / 1000
  let passed = 0, failed = 0, skipped = 0, files = 0
  let note = ''
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'))
    passed = r.numPassedTests ?? 0
    failed = r.numFailedTests ?? 0
    skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
    files = r.testResults?.length ?? 0
    const suiteFailures = (r.testResults ?? []).filter((t: any) => t.status === 'failed' && (t.assertionResults ?? []).length === 0).length
    if (suiteFailures) note = `${suiteFailures} file(s) failed to run`
  } else {
    note = 'vitest produced no report'
  }
  const ok = run.status === 0 && failed === 0 && passed > 0 && !note
  if (passed === 0 && !note) note = 'ran no test'
  results.push({ lane, passed, failed, skipped, files, seconds, ok, note })
}

console.log('\nlane      files  passed  failed  skipped  seconds  result')
for (const r of results) {
  console.log(
    `${r.lane.padEnd(9)} ${String(r.files).padStart(5)}  ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${r.seconds.toFixed(1).padStart(7)}  ${r.ok ? 'ok' : 'FAILED'}${r.note ? ` (${r.note})` : ''}`,
  )
}
const passed = results.reduce((a, r) => a + r.passed, 0)
const failed = results.reduce((a, r) => a + r.failed, 0) + results.filter((r) => !r.ok && r.failed === 0).length
const skipped = results.reduce((a, r) => a + r.skipped, 0)
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(results.every((r) => r.ok) && results.length === ALL.length - (requested && !process.env.CI ? ALL.length - lanes.length : 0) ? 0 : 1)
