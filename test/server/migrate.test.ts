import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from '../../server/db/migrate.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-db.js'

let tdb: TestDatabase
beforeAll(async () => {
  tdb = await openTestDatabase({ demo: false })
})
afterAll(async () => {
  await tdb?.close()
})

describe('schema migrations', () => {
  it('are recorded once and not applied again at the next start', async () => {
    const recorded = await tdb.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    expect(recorded.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version))
    expect(await migrate(tdb.db)).toEqual([])
  })

  it('roll back a migration that fails half-way, leaving no trace of it', async () => {
    const broken = {
      version: 999,
      name: '999_broken',
      sql: 'CREATE TABLE half_done (id integer); INSERT INTO no_such_table VALUES (1);',
    }
    await expect(migrate(tdb.db, { migrations: [...loadMigrations(), broken] })).rejects.toThrow()
    expect(await tdb.db.query('SELECT 1 FROM schema_migrations WHERE version = 999')).toEqual([])
    expect(await tdb.db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'")).toEqual([])
  })

  it('apply a new migration after the existing ones', async () => {
    const next = { version: 998, name: '998_extra', sql: 'CREATE TABLE extra_thing (id integer PRIMARY KEY);' }
    expect(await migrate(tdb.db, { migrations: [...loadMigrations(), next] })).toEqual([998])
    expect(await tdb.db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'extra_thing'")).toHaveLength(1)
  })
})
