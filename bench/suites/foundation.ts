import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import pg from 'pg'
import { startServerProcess, type ServerProcess } from '../lib/server-process.js'
import { fmt, percentile, spread, tilesCovering } from '../lib/stats.js'

export interface BenchContext {
  log: (m: string) => void
  tmp: string
  postgresUrl: string | null
}

const LAYERS = ['communities', 'roads', 'water', 'districts', 'facilities']

/** First start (empty folder: initdb, migrations, demo city) and restart of the server process. */
async function measureStartup(ctx: BenchContext, env: Record<string, string>, label: string) {
  const first = await startServerProcess(env, { logFile: path.join(ctx.tmp, `${label}-first.log`) })
  await first.stop()
  const again = await startServerProcess(env, { logFile: path.join(ctx.tmp, `${label}-restart.log`) })
  return { firstStartS: first.healthyAfterMs / 1000, restartS: again.healthyAfterMs / 1000, server: again }
}

/** Cold tile latency by zoom (cache disabled), over tiles covering the city, all layers. */
async function measureTiles(server: ServerProcess) {
  const meta = await (await fetch(`${server.url}/api/meta`)).json()
  // The first tile query of each layer after start pays for query planning (and on PGlite the WebAssembly
  // warming up); it is reported on its own so the per-zoom figures describe a running server.
  const firstTileMs: Record<string, number> = {}
  const [cx, cy] = tilesCovering(meta.bbox, 14)[0]
  for (const layer of LAYERS) {
    const t0 = performance.now()
    await (await fetch(`${server.url}/tiles/${layer}/14/${cx}/${cy}.mvt`, { headers: { cookie: server.cookie } })).arrayBuffer()
    firstTileMs[layer] = performance.now() - t0
  }
  const byZoom: Record<number, { p50: number; p95: number; n: number; maxBytes: number; gzipRatio: number }> = {}
  for (let z = 10; z <= 16; z++) {
    const tiles = spread(tilesCovering(meta.bbox, z), 24)
    const times: number[] = []
    let maxBytes = 0, raw = 0, gz = 0
    for (const layer of LAYERS) {
      for (const [x, y] of tiles) {
        const t0 = performance.now()
        const res = await fetch(`${server.url}/tiles/${layer}/${z}/${x}/${y}.mvt`, { headers: { 'accept-encoding': 'identity', cookie: server.cookie } })
        const buf = Buffer.from(await res.arrayBuffer())
        times.push(performance.now() - t0)
        if (res.status === 200) {
          maxBytes = Math.max(maxBytes, buf.length)
          raw += buf.length
          gz += zlib.gzipSync(buf).length
        }
      }
    }
    times.sort((a, b) => a - b)
    byZoom[z] = { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, maxBytes, gzipRatio: raw ? gz / raw : NaN }
  }
  return { byZoom, firstTileMs }
}

function runLoad(url: string, seconds: number, connections: number, cookie = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/lib/load.ts', url, String(seconds), String(connections), cookie], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`load generator failed: ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { requestsPerSec: number; latencyP50Ms: number; errors: number }
}

/** Cached-tile throughput of our server against a bare node:http server serving the same bytes, alternated. */
async function measureThroughput(ctx: BenchContext, ours: ServerProcess) {
  const meta = await (await fetch(`${ours.url}/api/meta`)).json()
  const [x, y] = tilesCovering(meta.bbox, 14)[Math.floor(tilesCovering(meta.bbox, 14).length / 2)]
  const tilePath = `/tiles/communities/14/${x}/${y}.mvt`
  // The exact bytes and headers our server sends for a gzip request become the baseline's response.
  const { body, headers } = await new Promise<{ body: Buffer; headers: Record<string, string> }>((resolve, reject) => {
    import('node:http').then(({ get }) =>
      get(`${ours.url}${tilePath}`, { headers: { 'accept-encoding': 'gzip', cookie: ours.cookie } }, (r) => {
        const chunks: Buffer[] = []
        r.on('data', (c) => chunks.push(c))
        r.on('end', () => {
          const h: Record<string, string> = {}
          for (const k of ['content-type', 'content-encoding', 'etag', 'cache-control', 'vary']) if (r.headers[k]) h[k] = String(r.headers[k])
          resolve({ body: Buffer.concat(chunks), headers: h })
        })
      }).on('error', reject),
    )
  })
  if (!headers['etag']) throw new Error(`tile ${tilePath} is not a 200 tile`)
  const bare = await startServerProcess({ BARE_BODY_B64: body.toString('base64'), BARE_HEADERS: JSON.stringify(headers) }, { script: 'bench/lib/bare-server.ts' })
  const seconds = Number(process.env.BENCH_SECONDS ?? 5)
  const rounds: { ours: number; bare: number }[] = []
  try {
    for (let i = 0; i < 3; i++) {
      const b = runLoad(`${bare.url}${tilePath}`, seconds, 32)
      const o = runLoad(`${ours.url}${tilePath}`, seconds, 32, ours.cookie)
      if (o.errors) throw new Error(`${o.errors} errors against our server`)
      rounds.push({ ours: o.requestsPerSec, bare: b.requestsPerSec })
      ctx.log(`  round ${i + 1}: ours ${fmt(o.requestsPerSec, 0)} req/s, bare ${fmt(b.requestsPerSec, 0)} req/s`)
    }
  } finally {
    await bare.stop()
  }
  const oursRps = rounds.reduce((a, r) => a + r.ours, 0) / rounds.length
  const bareRps = rounds.reduce((a, r) => a + r.bare, 0) / rounds.length
  return { tilePath, tileBytesGzip: body.length, oursRps, bareRps, ratio: oursRps / bareRps, goal: 0.65 }
}

async function freshPostgresDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await c.query(`CREATE DATABASE ${name}`)
  } finally {
    await c.end()
  }
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  return u.toString()
}

export async function runFoundationBench(ctx: BenchContext) {
  const out: Record<string, unknown> = {}
  ctx.log('▸ embedded PGlite: first start and restart')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renewmap-bench-'))
  const pgl = await measureStartup(ctx, { DATA_DIR: dataDir, DATABASE_URL: '', TILE_CACHE_MB: '0' }, 'pglite')
  ctx.log(`  first start ${fmt(pgl.firstStartS)} s, restart ${fmt(pgl.restartS)} s`)
  ctx.log('▸ embedded PGlite: cold tile latency by zoom')
  const pglTiles = await measureTiles(pgl.server)
  await pgl.server.stop()
  out.pglite = { firstStartS: pgl.firstStartS, restartS: pgl.restartS, tiles: pglTiles.byZoom, firstTileMs: pglTiles.firstTileMs }

  if (ctx.postgresUrl) {
    ctx.log('▸ server PostGIS: first start and restart')
    const url = await freshPostgresDatabase(ctx.postgresUrl, 'renewmap_bench')
    const pgs = await measureStartup(ctx, { DATABASE_URL: url, TILE_CACHE_MB: '0' }, 'postgres')
    ctx.log(`  first start ${fmt(pgs.firstStartS)} s, restart ${fmt(pgs.restartS)} s`)
    ctx.log('▸ server PostGIS: cold tile latency by zoom')
    const pgsTiles = await measureTiles(pgs.server)
    await pgs.server.stop()
    out.postgres = { firstStartS: pgs.firstStartS, restartS: pgs.restartS, tiles: pgsTiles.byZoom, firstTileMs: pgsTiles.firstTileMs }
  } else {
    out.postgres = { skipped: 'no BENCH_DATABASE_URL / TEST_DATABASE_URL' }
  }

  ctx.log('▸ cached-tile throughput: our server vs a bare node:http server with the same bytes')
  const ours = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '' })
  try {
    out.throughput = await measureThroughput(ctx, ours)
  } finally {
    await ours.stop()
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
  return out
}

export function printFoundation(r: any, print: (s: string) => void) {
  print('\nStart-up (server process to first healthy /api/health)')
  print('backend    first start (s)  restart (s)')
  for (const b of ['pglite', 'postgres']) if (r[b]?.firstStartS) print(`${b.padEnd(10)} ${fmt(r[b].firstStartS).padStart(15)}  ${fmt(r[b].restartS).padStart(11)}`)
  for (const b of ['pglite', 'postgres']) {
    const f = r[b]?.firstTileMs
    if (f) print(`first tile per layer after start, ${b}: ${Object.entries(f).map(([k, v]) => `${k} ${fmt(v as number, 0)} ms`).join(', ')}`)
  }
  print('\nTile latency, cache off (every request renders; tiles covering the city, all layers; ms) and size')
  print('zoom   pglite p50   p95    postgres p50   p95    max tile KB   gzip ratio')
  for (let z = 10; z <= 16; z++) {
    const a = r.pglite?.tiles?.[z]
    const b = r.postgres?.tiles?.[z]
    print(
      `z${String(z).padEnd(4)} ${fmt(a?.p50).padStart(10)} ${fmt(a?.p95).padStart(6)}   ${fmt(b?.p50).padStart(12)} ${fmt(b?.p95).padStart(6)}   ${fmt(Math.max(a?.maxBytes ?? 0, b?.maxBytes ?? 0) / 1024).padStart(11)}   ${fmt(a?.gzipRatio, 2).padStart(10)}`,
    )
  }
  const t = r.throughput
  if (t) {
    print(`\nCached-tile throughput: ours ${fmt(t.oursRps, 0)} req/s vs bare node:http ${fmt(t.bareRps, 0)} req/s → ratio ${fmt(t.ratio, 2)} (goal ≥ ${t.goal})`)
  }
}
