import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ClusterListResponse } from '../../core/contracts/clusters.js'
import { signIn, type TestClient } from '../helpers/test-server.js'
import { launchBrowser, openApp } from './browser.js'

const baseUrl = inject('baseUrl')
let browser: Browser
let admin: TestClient

beforeAll(async () => {
  browser = await launchBrowser()
  admin = await signIn(baseUrl, 'demo-admin')
})
afterAll(async () => {
  await browser?.close()
})

/** A freehand loop around the middle of the open map (right of the left panel, left of the right panel). */
async function drawLasso(page: Page) {
  const box = (await page.getByTestId('map').boundingBox())!
  const cx = box.x + box.width * 0.5
  const cy = box.y + box.height * 0.45
  const r = Math.min(box.width, box.height) * 0.12
  await page.mouse.move(cx + r, cy)
  await page.mouse.down()
  for (let a = 0; a <= 360; a += 15) {
    await page.mouse.move(cx + r * Math.cos((a * Math.PI) / 180), cy + r * Math.sin((a * Math.PI) / 180), { steps: 2 })
  }
  await page.mouse.up()
}

describe('the 片区 planning mode (片区规划)', () => {
  it('a planner lassoes several communities, creates a 片区, sees its stats, and undoes it', async () => {
    const app = await openApp(browser, baseUrl, { as: 'planner' })
    try {
      const { page } = app
      await page.getByTestId('nav-clusters').click()
      await expect.poll(() => page.getByTestId('clusters-page').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready')
      const year = Number(await page.getByTestId('cluster-year').inputValue())
      const before = (await admin.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body.clusters.length

      // Zoom in so communities are big enough to lasso a handful.
      await page.evaluate(() => {
        const map = (window as any).__renewmap.map
        map.jumpTo({ center: map.getCenter(), zoom: 14 })
      })
      await page.waitForTimeout(1500)
      await page.getByTestId('cluster-lasso').click()
      await drawLasso(page)
      const count = page.getByTestId('cluster-selection-count')
      await expect.poll(async () => Number(await count.getAttribute('data-count')), { timeout: 15_000 }).toBeGreaterThan(1)
      const selected = Number(await count.getAttribute('data-count'))

      await page.getByTestId('cluster-create-from-selection').click()
      await page.getByTestId('cluster-name-input').fill('测试片区')
      await page.getByTestId('cluster-name-confirm').click()
      const stats = page.getByTestId('cluster-stats')
      await stats.waitFor({ timeout: 30_000 })
      const id = Number(await stats.getAttribute('data-cluster-id'))
      expect(Number(await page.getByTestId('cluster-stat-communities').getAttribute('data-value'))).toBe(selected)
      const saved = await admin.json(`/api/clusters/${id}`)
      expect(saved.status).toBe(200)
      expect(saved.body.name).toBe('测试片区')
      expect(Number(await page.getByTestId('cluster-stat-residents').getAttribute('data-value'))).toBe(saved.body.residents)

      await page.getByTestId('cluster-undo').click()
      await expect.poll(async () => (await admin.json(`/api/clusters/${id}`)).status, { timeout: 30_000 }).toBe(404)
      expect((await admin.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body.clusters.length).toBe(before)
      const audit = (await admin.json(`/api/audit?entityType=cluster&entityId=${id}`)).body.rows.map((r: any) => r.action)
      expect(audit).toEqual(expect.arrayContaining(['cluster.create', 'cluster.delete']))

      await page.getByTestId('cluster-redo').click()
      await expect.poll(async () => (await admin.json<ClusterListResponse>(`/api/clusters?year=${year}`)).body.clusters.length, { timeout: 30_000 }).toBe(before + 1)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
