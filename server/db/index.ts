import { openPglite } from './pglite.js'
import { openPostgres } from './postgres.js'
import type { Database } from './types.js'

export type { Database, Queryable, Row } from './types.js'
export { DatabaseUnavailableError } from './types.js'

import type { FolderLock } from './folder-lock.js'

export interface DatabaseConfig { databaseUrl?: string | null; dataDir: string; heldLock?: FolderLock }

/** Server PostGIS when DATABASE_URL is set, else the embedded database in DATA_DIR. */
export async function openDatabase(cfg: DatabaseConfig, log?: (m: string) => void): Promise<Database> {
  if (cfg.databaseUrl) return openPostgres(cfg.databaseUrl, { log })
  return openPglite(cfg.dataDir, cfg.heldLock)
}
export { acquireFolderLock, FolderLockedError } from './folder-lock.js'
