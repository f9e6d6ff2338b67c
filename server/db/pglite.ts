import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { acquireFolderLock, type FolderLock } from './folder-lock.js'
import { TYPE_PARSERS } from './type-parsers.js'
import type { Database, Queryable, Row } from './types.js'

/** Opens (creating on first use) the embedded PostgreSQL + PostGIS database in dataDir, holding its lock. */
export async function openPglite(dataDir: string, heldLock?: FolderLock): Promise<Database> {
  const lock: FolderLock = heldLock ?? acquireFolderLock(dataDir)
  let pg: PGlite
  try {
    pg = await PGlite.create({ dataDir: `${dataDir}/pgdata`, extensions: { postgis }, parsers: TYPE_PARSERS })
    await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis;')
  } catch (e) {
    lock.release()
    throw e
  }
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T extends Row>(sql: string, params?: readonly unknown[]) {
      const res = await q.query<T>(sql, params as unknown[] | undefined)
      return res.rows
    },
    async exec(sql: string) {
      await q.exec(sql)
    },
  })
  const base = wrap(pg)
  let closed = false
  return {
    kind: 'pglite',
    supportsMvt: false,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onPayload) {
      // One process owns the folder (see folder-lock), so in-process delivery reaches every listener.
      const stop = await pg.listen(channel, onPayload)
      return async () => {
        if (!closed) await stop()
      }
    },
    async ping() {
      if (closed) return false
      try {
        await pg.query('SELECT 1')
        return true
      } catch {
        return false
      }
    },
    async close() {
      if (closed) return
      closed = true
      try {
        await pg.close()
      } finally {
        lock.release()
      }
    },
  }
}
