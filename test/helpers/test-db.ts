import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase } from '../../server/db/index.js'
import type { Database } from '../../server/db/types.js'

/**
 * Test databases for the integration lanes. TEST_DB selects the backend ('pglite' or 'postgres').
 * Global setup builds two templates per backend (empty-but-migrated, and with the demo city); each test file
 * gets its own copy: a copied PGlite folder, or CREATE DATABASE … TEMPLATE on the server.
 */
export type TestBackend = 'pglite' | 'postgres'
export const backend = (): TestBackend => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite')

export const TEMPLATE_ROOT = path.resolve('.tmp/test-templates')
export const pgliteTemplateDir = (kind: 'empty' | 'demo') => path.join(TEMPLATE_ROOT, `pglite-${kind}`)
export const postgresTemplateName = (kind: 'empty' | 'demo') => `renewmap_tpl_${kind}`

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    throw new Error(
      'The postgis lane needs a server PostgreSQL with PostGIS: set TEST_DATABASE_URL (npm test does this after starting PostgreSQL).',
    )
  }
  return url
}

export function urlForDatabase(base: string, name: string): string {
  const u = new URL(base)
  u.pathname = `/${name}`
  return u.toString()
}

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

/**
 * Drops a scratch database. WITH (FORCE) ends our own leftover connections, but a session of another role
 * (a superuser's autovacuum or a monitoring query that happens to be there) cannot be ended by our role: wait
 * for it to go, a few times, before giving up.
 */
export async function dropScratchDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
      return
    } catch (e) {
      if (attempt >= 10 || !/member of the role|being accessed by other users/.test((e as Error).message)) throw e
      await new Promise((r) => setTimeout(r, 300 * attempt))
    }
  }
}

export interface TestDatabase {
  db: Database
  /** Where the copy lives: a folder (pglite) or a database URL (postgres). */
  location: string
  close(): Promise<void>
}

let counter = 0

/** A private, migrated database for one test file; `demo: true` (default) holds the demo city. */
export async function openTestDatabase(opts: { demo?: boolean } = {}): Promise<TestDatabase> {
  const kind = opts.demo === false ? 'empty' : 'demo'
  if (backend() === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renewmap-test-'))
    fs.cpSync(pgliteTemplateDir(kind), dir, { recursive: true })
    fs.rmSync(path.join(dir, 'renewmap.lock'), { force: true })
    const db = await openDatabase({ dataDir: dir })
    return {
      db,
      location: dir,
      async close() {
        await db.close()
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const name = `renewmap_t_${process.pid}_${Date.now().toString(36)}_${counter++}`
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${postgresTemplateName(kind)}`))
  const url = urlForDatabase(adminUrl(), name)
  const db = await openDatabase({ databaseUrl: url, dataDir: '' })
  return {
    db,
    location: url,
    async close() {
      await db.close()
      await dropScratchDatabase(name)
    },
  }
}
