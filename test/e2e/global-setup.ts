import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { ensureClientBuilt } from '../../scripts/build-client.js'
import { freePort } from '../../scripts/lib/net.js'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    dataDir: string
  }
}


let server: ChildProcess | null = null
let dataDir = ''

/** Builds the client and starts the real server (`tsx server/main.ts`) on a fresh embedded database. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    throw new Error('The e2e lane needs Chromium (apt-get install chromium, or set CHROMIUM_PATH).')
  }
  await ensureClientBuilt({ outDir: path.resolve('dist/client') })
  const port = await freePort()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renewmap-e2e-'))
  const logFile = path.resolve('.tmp/e2e-server.log')
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const out = fs.openSync(logFile, 'w')
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_PASSWORD: 'E2e-Operator-Pass-2026' },
    stdio: ['ignore', out, out],
  })
  fs.closeSync(out) // the child holds its own copy
  const baseUrl = `http://127.0.0.1:${port}`
  const t0 = Date.now()
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited during start-up; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8')}`)
    try {
      const r = await fetch(`${baseUrl}/api/health`)
      if (r.status === 200) break
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > 150_000) throw new Error(`The server was not healthy after 150 s; see ${logFile}`)
    await new Promise((r) => setTimeout(r, 500))
  }
  project.provide('baseUrl', baseUrl)
  project.provide('dataDir', dataDir)
  return async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r))
      server.kill('SIGTERM')
      let timer: NodeJS.Timeout | undefined
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))])
      clearTimeout(timer)
      if (server.exitCode === null) server.kill('SIGKILL')
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
