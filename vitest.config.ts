import { defineConfig } from 'vitest/config'

/**
 * Four lanes (projects): unit (pure core and data), pglite and postgis (the same integration suite on
 * embedded and server PostGIS), e2e (the built app in headless Chromium). scripts/test-lanes.ts runs them.
 */
const integration = ['test/server/**/*.test.ts']
const unitOnly = ['**/*.unit.test.ts', '**/node_modules/**']
/** Tests of what only server PostgreSQL has (ST_AsMVT, a database going away): the postgis lane alone. */
const postgresOnly = '**/*.postgres.test.ts'
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/core/**/*.test.ts', 'test/data/**/*.test.ts', 'test/client/**/*.test.ts', 'test/**/*.unit.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'pglite',
          include: integration,
          exclude: [...unitOnly, postgresOnly],
          env: { TEST_DB: 'pglite' },
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'postgis',
          include: integration,
          exclude: unitOnly,
          env: { TEST_DB: 'postgres' },
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
