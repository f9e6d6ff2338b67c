import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** A fingerprint of everything the client build reads; a build is reused while it matches. */
function sourceFingerprint(root: string): string {
  const h = crypto.createHash('sha1')
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return
    const st = fs.statSync(p)
    if (st.isDirectory()) for (const f of fs.readdirSync(p).sort()) walk(path.join(p, f))
    else h.update(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}\n`)
  }
  for (const p of ['client', 'core', 'vite.config.ts', 'package-lock.json']) walk(path.join(root, p))
  return h.digest('hex')
}

/** Builds the client into outDir unless an identical build is already there. Returns whether it built. */
export async function ensureClientBuilt(opts: { root?: string; outDir: string; log?: (m: string) => void }): Promise<boolean> {
  const root = opts.root ?? process.cwd()
  const log = opts.log ?? ((m: string) => console.log(m))
  const stampFile = path.join(opts.outDir, '.build-stamp')
  const fingerprint = sourceFingerprint(root)
  const upToDate =
    fs.existsSync(path.join(opts.outDir, 'index.html')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === fingerprint
  if (upToDate) {
    log('[build] client is up to date, skipping the build')
    return false
  }
  const t0 = Date.now()
  log('[build] building the client…')
  // Under a test runner NODE_ENV is 'test', which would bundle React's development build.
  const previousEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  const { build } = await import('vite')
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' })
  } finally {
    process.env.NODE_ENV = previousEnv
  }
  fs.writeFileSync(stampFile, fingerprint)
  log(`[build] client built in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return true
}
