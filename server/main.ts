import { readConfig } from './config.js'
import { FolderLockedError } from './db/index.js'
import { startServer } from './server.js'

/** `npm start` / `npm run serve`: serve API, tiles and client on one port; close cleanly on SIGINT/SIGTERM. */
async function main() {
  const config = readConfig()
  let running
  try {
    running = await startServer(config)
  } catch (e) {
    if (e instanceof FolderLockedError) {
      console.error(`\n✖ ${e.message}\n`)
      process.exit(1)
    }
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`\n✖ Port ${config.port} is already in use. Set PORT to another port.\n`)
      process.exit(1)
    }
    throw e
  }
  console.log(`[server] listening on ${running.url} — starting up…`)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`[server] ${signal}: closing…`)
    try {
      await running.close()
      console.log('[server] closed cleanly')
      process.exit(0)
    } catch (e) {
      console.error('[server] error while closing', e)
      process.exit(1)
    }
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
  try {
    await running.ready
    if (!stopping) console.log(`\n  老旧小区改造地图已就绪 · Renovation map ready: ${running.url}\n`)
  } catch (e) {
    console.error(`[server] start-up failed: ${(e as Error).message}`)
    await running.close().catch(() => undefined)
    process.exit(1)
  }
}

void main()
