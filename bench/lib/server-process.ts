import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { freePort } from '../../scripts/lib/net.js'

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Milliseconds from spawn to the first 200 from /api/health. */
  healthyAfterMs: number
  /** The Cookie header of a signed-in administrator session (empty for the bare baseline server). */
  cookie: string
  stop(): Promise<void>
}

/** The administrator password bench servers start with. */
export const BENCH_ADMIN_PASSWORD = 'Bench-Operator-2026'

/** Signs in as the administrator and returns the session's Cookie header. */
export async function signInCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: BENCH_ADMIN_PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`bench sign-in failed: ${res.status} ${await res.text()}`)
  const m = /renewmap_sid=[^;]+/.exec(res.headers.get('set-cookie') ?? '')
  if (!m) throw new Error('bench sign-in: no session cookie')
  return m[0]
}

/** Spawns `node --import tsx <script>` and waits for /api/health to answer 200. */
export async function startServerProcess(env: Record<string, string>, opts: { script?: string; logFile?: string; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = await freePort()
  const out = opts.logFile ? fs.openSync(opts.logFile, 'w') : 'ignore'
  const t0 = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', opts.script ?? 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, ...env },
    stdio: ['ignore', out, out],
  })
  if (typeof out === 'number') fs.closeSync(out) // the child holds its own copy
  const url = `http://127.0.0.1:${port}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during start-up${opts.logFile ? ` (see ${opts.logFile})` : ''}`)
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) break
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > (opts.timeoutMs ?? 180_000)) throw new Error('server not healthy in time')
    await new Promise((r) => setTimeout(r, 100))
  }
  const healthyAfterMs = performance.now() - t0
  const cookie = opts.script ? '' : await signInCookie(url)
  return {
    url,
    child,
    healthyAfterMs,
    cookie,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      let timer: NodeJS.Timeout | undefined
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))])
      clearTimeout(timer)
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}
