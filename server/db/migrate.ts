import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from './types.js'

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/migrations')

export interface Migration { version: number; name: string; sql: string }

/** Reads NNN_name.sql files in version order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, f), 'utf8') }))
}

// Any fixed key: serialises concurrent API processes migrating one server database.
const MIGRATION_LOCK_KEY = 727_001

/** Applies pending migrations, each in its own transaction, recording them in schema_migrations. */
export async function migrate(db: Database, opts: { log?: (m: string) => void; migrations?: Migration[] } = {}): Promise<number[]> {
  const log = opts.log ?? (() => undefined)
  const migrations = opts.migrations ?? loadMigrations()
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
  const applied: number[] = []
  for (const m of migrations) {
    await db.transaction(async (tx) => {
      // Transaction-scoped advisory lock: a second process waits here, then sees the version applied.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version])
      if (done.length > 0) return
      log(`[db] applying migration ${m.name}`)
      await tx.exec(m.sql)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
      applied.push(m.version)
    })
  }
  return applied
}
