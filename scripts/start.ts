/**
 * `npm start`: refuse at once if another process holds the embedded database, build the client when its
 * sources changed since the last build (a later start skips the build), then run the server.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { readConfig } from '../server/config.js'
import { acquireFolderLock, FolderLockedError } from '../server/db/folder-lock.js'

const config = readConfig()
if (!config.databaseUrl) {
  try {
    acquireFolderLock(config.dataDir).release()
  } catch (e) {
    if (e instanceof FolderLockedError) {
      console.error(`\n✖ ${e.message}\n`)
      process.exit(1)
    }
    throw e
  }
}

function sourceFingerprint(): string {
  const h = crypto.createHash('sha1')
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return
    const st = fs.statSync(p)
    if (st.isDirectory()) for (const f of fs.readdirSync(p).sort()) walk(path.join(p, f))
    else h.update(`${p}:${st.size}:${st.mtimeMs}\n`)
  }
  for (const p of ['client', 'core', 'vite.config.ts', 'package-lock.json']) walk(p)
  return h.digest('hex')
}

const stampFile = path.join(config.clientDir, '.build-stamp')
const fingerprint = sourceFingerprint()
const built = fs.existsSync(path.join(config.clientDir, 'index.html')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === fingerprint
if (built) {
  console.log('[start] client is up to date, skipping the build')
} else {
  const t0 = Date.now()
  console.log('[start] building the client…')
  const { build } = await import('vite')
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' })
  fs.writeFileSync(stampFile, fingerprint)
  console.log(`[start] client built in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
}

await import('../server/main.js')
