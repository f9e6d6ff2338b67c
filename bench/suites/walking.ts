import { spawn } from 'node:child_process'
import path from 'node:path'

/**
 * Walking coverage on a generated network of over a million directed edges (3,000 communities, 1,000
 * facilities of 8 types), run in a child process so peak memory is the suite's own.
 */
export async function runWalkingBench(log: (m: string) => void): Promise<any> {
  const script = path.resolve('bench/suites/walking-run.ts')
  const tsx = path.resolve('node_modules/.bin/tsx')
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [script], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => String(d).split('\n').filter(Boolean).forEach((l) => log(l)))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`walking benchmark exited with ${code}`))
      resolve(JSON.parse(out.trim().split('\n').pop()!))
    })
  })
}

const GOALS = { nearestOneTypeMs: 150, nearestAllTypesMs: 1500, isochroneOneTypeMs: 300, sitingMs: 500 }

export function printWalking(r: any, print: (s: string) => void) {
  const ok = (v: number, goal: number) => `${v.toFixed(0)} ms (goal ≤ ${goal} ms${v <= goal ? ', met' : ', MISSED'})`
  print(`\nWalking coverage: generated network of ${r.network.directedEdges.toLocaleString()} directed edges (${r.network.nodes.toLocaleString()} nodes, ${r.network.lengthKm.toLocaleString()} km), ${r.communities} communities, ${r.facilities} facilities`)
  print(`  build network ${r.network.buildMs.toFixed(0)} ms + index ${r.network.indexMs.toFixed(0)} ms; entrances of all communities ${r.entrancesMs.toFixed(0)} ms`)
  print(`  nearest facility, one type:  ${ok(r.nearestOneTypeMs, GOALS.nearestOneTypeMs)}`)
  print(`    baseline, one plain Dijkstra per facility: ${r.baselinePerFacilityMs.toFixed(0)} ms → ratio ${(r.baselinePerFacilityMs / r.nearestOneTypeMs).toFixed(0)}× (same answers: ${r.baselineAgrees})`)
  print(`  nearest facility, all 8 types: ${ok(r.nearestAllTypesMs, GOALS.nearestAllTypesMs)}`)
  print(`  isochrone bands 5/10/15, one type: ${ok(r.isochroneOneTypeMs, GOALS.isochroneOneTypeMs)} (${r.isochroneVertices.toLocaleString()} vertices)`)
  print(`  siting, 20 sites among ${r.siting.candidates.toLocaleString()} candidates (${r.siting.unserved} unserved communities): ${ok(r.siting.totalMs, GOALS.sitingMs)} = cover sets ${r.siting.coverSetsMs.toFixed(0)} + selection ${r.siting.selectMs.toFixed(0)}`)
  print(`  peak memory (RSS): ${r.peakRssMB} MB`)
}
