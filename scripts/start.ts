/**
 * `npm start`: refuse at once if another process holds the embedded database, build the client when its
 * sources changed since the last build (a later start skips the build), then run the server.
 */
import { readConfig } from '../server/config.js'
import { acquireFolderLock, FolderLockedError } from '../server/db/folder-lock.js'
import { ensureClientBuilt } from './build-client.js'

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
await ensureClientBuilt({ outDir: config.clientDir })
await import('../server/main.js')
