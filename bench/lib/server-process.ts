import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { freePort } from '../../scripts/lib/net.js'

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Milliseconds from spawn to the first 200 from /api/health. */
  healthyAfterMs: number
  stop(): Promise<void>
}

/** Spawns `node --import tsx <script>` and waits for /api/health to answer 200. */
export async function startServerProcess(env: Record<string, string>, opts: { script?: string; logFile?: string; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = await freePort()
  const out = opts.logFile ? fs.openSync(opts.logFile, 'w') : 'ignore'
  const t0 = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', opts.script ?? 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
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
  return {
    url,
    child,
    healthyAfterMs,
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
