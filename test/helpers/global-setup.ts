import fs from 'node:fs'
import { generateDemoCity } from '../../data/demo/generate.js'
import { loadDataset } from '../../data/demo/load.js'
import { openDatabase } from '../../server/db/index.js'
import { migrate } from '../../server/db/migrate.js'
import { ensureAccounts } from '../../server/server.js'
import type { Database } from '../../server/db/types.js'
import type { TestProject } from 'vitest/node'
import { testConfig } from './test-server.js'
import { adminUrl, pgliteTemplateDir, postgresTemplateName, urlForDatabase, withAdmin } from './test-db.js'

async function prepare(db: Database, demo: boolean) {
  await migrate(db)
  if (!demo) return // the empty template has no accounts either: first start is tested from it
  await loadDataset(db, generateDemoCity())
  // The administrator and the demo accounts exist in the demo template, so no test file waits for password hashing.
  await ensureAccounts(db, testConfig(), () => undefined)
}

/** Builds the per-backend templates once per run (see test-db.ts). A backend that cannot run fails the lane. */
export default async function setup(project: TestProject) {
  // Project env reaches the test workers, not this process: the lane is told by the project's name.
  if (project.name !== 'postgis') {
    for (const kind of ['empty', 'demo'] as const) {
      const dir = pgliteTemplateDir(kind)
      fs.rmSync(dir, { recursive: true, force: true })
      const db = await openDatabase({ dataDir: dir })
      try {
        await prepare(db, kind === 'demo')
      } finally {
        await db.close()
      }
    }
    return
  }
  const base = adminUrl()
  const version = await withAdmin(async (c) => {
    const r = await c.query("SELECT default_version AS extversion FROM pg_available_extensions WHERE name = 'postgis'")
    return r.rows[0]?.extversion as string | undefined
  })
  if (!version) throw new Error('PostGIS is not installed on the server at TEST_DATABASE_URL (apt install postgresql-15-postgis-3).')
  for (const kind of ['empty', 'demo'] as const) {
    const name = postgresTemplateName(kind)
    await withAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.query(`CREATE DATABASE ${name}`)
    })
    const db = await openDatabase({ databaseUrl: urlForDatabase(base, name), dataDir: '' })
    try {
      await prepare(db, kind === 'demo')
    } finally {
      await db.close()
    }
  }
}
