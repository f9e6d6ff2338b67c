import type { Browser, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { CoverageResponse } from '../../core/contracts/coverage.js'
import { signIn, type TestClient } from '../helpers/test-server.js'
import { launchBrowser, openApp } from './browser.js'

const baseUrl = inject('baseUrl')
let browser: Browser
let api: TestClient

beforeAll(async () => {
  browser = await launchBrowser()
  api = await signIn(baseUrl, 'analyst')
})
afterAll(async () => {
  await browser?.close()
})

const stateOf = (page: Page) => page.getByTestId('coverage-page').getAttribute('data-coverage-state')

async function waitReady(page: Page) {
  await expect.poll(() => stateOf(page), { timeout: 60_000 }).toBe('ready')
  // The progress chip (shown for anything slower than 300 ms) is gone once everything has loaded.
  await expect.poll(() => page.getByTestId('coverage-busy').count(), { timeout: 60_000 }).toBe(0)
}

/** Share of pixels that differ between two screenshots of the same element. */
function changedShare(a: Buffer, b: Buffer): number {
  const pa = PNG.sync.read(a)
  const pb = PNG.sync.read(b)
  let changed = 0
  for (let i = 0; i < pa.data.length; i += 4) {
    if (Math.abs(pa.data[i] - pb.data[i]) + Math.abs(pa.data[i + 1] - pb.data[i + 1]) + Math.abs(pa.data[i + 2] - pb.data[i + 2]) > 24) changed++
  }
  return changed / (pa.data.length / 4)
}

describe('the service coverage mode (服务覆盖)', () => {
  it('an analyst chooses kindergarten and 10 minutes and sees the gap table, the isochrones and the method', async () => {
    const app = await openApp(browser, baseUrl, { as: 'analyst' })
    try {
      const { page } = app
      await page.getByRole('link', { name: '服务覆盖' }).click()
      await page.getByTestId('coverage-page').waitFor({ timeout: 30_000 })
      await page.getByTestId('coverage-type').selectOption('kindergarten')
      await page.getByTestId('coverage-minutes-10').click()
      await waitReady(page)

      const expected = (await api.json<CoverageResponse>('/api/coverage?type=kindergarten&minutes=10')).body
      expect(await page.getByTestId('coverage-method').textContent()).toContain('路网')
      expect(Number(await page.getByTestId('coverage-kpi-share').getAttribute('data-value'))).toBeCloseTo(expected.summary.share, 6)
      await expect.poll(() => page.getByTestId('coverage-page').getAttribute('data-isochrone-bands')).toBe('3')

      // The gap table lists the unserved communities, most residents first.
      const rows = page.getByTestId('coverage-gap-row')
      await expect.poll(() => rows.count()).toBeGreaterThan(0)
      const firstId = Number(await rows.first().getAttribute('data-community-id'))
      expect(firstId).toBe(expected.summary.unserved[0].communityId)
      expect(await rows.first().textContent()).toContain(expected.rows.find((r) => r.communityId === firstId)!.name)

      // The isochrone bands are drawn: hiding them changes a good part of the map.
      const map = page.getByTestId('map')
      const withBands = await map.screenshot()
      await page.getByTestId('coverage-show-bands').setChecked(false, { force: true }) // a styled switch over a hidden checkbox
      await page.waitForTimeout(400)
      const withoutBands = await map.screenshot()
      expect(changedShare(withBands, withoutBands)).toBeGreaterThan(0.05)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('a what-if with a kindergarten added in an unserved community serves more residents, and saves nothing', async () => {
    const app = await openApp(browser, baseUrl, { as: 'analyst' })
    try {
      const { page } = app
      await page.goto(`${baseUrl}/coverage`)
      await page.getByTestId('coverage-page').waitFor({ timeout: 60_000 })
      await page.getByTestId('coverage-type').selectOption('kindergarten')
      await page.getByTestId('coverage-minutes-10').click()
      await waitReady(page)
      const before = (await api.json<CoverageResponse>('/api/coverage?type=kindergarten&minutes=10')).body

      await page.getByTestId('whatif-tab').click()
      await page.getByTestId('whatif-place').click()
      // The unserved community with the most residents whose centre is on the open map.
      let point: { x: number; y: number } | null = null
      for (const u of before.summary.unserved.slice(0, 30)) {
        const [lon, lat] = (await api.json(`/api/communities/${u.communityId}`)).body.centroid
        point = await page.evaluate(([lon, lat]) => {
          const map = (window as any).__renewmap.map
          const r = map.getCanvas().getBoundingClientRect()
          const p = map.project([lon, lat])
          const x = r.left + p.x
          const y = r.top + p.y
          const el = document.elementFromPoint(x, y)
          return el && el.tagName === 'CANVAS' && x > r.left + 10 && y > r.top + 10 && x < r.right - 10 && y < r.bottom - 10 ? { x, y } : null
        }, [lon, lat])
        if (point) break
      }
      expect(point).not.toBeNull()
      await page.mouse.click(point!.x, point!.y)
      await expect.poll(() => page.getByTestId('whatif-edit').count()).toBe(1)
      await page.keyboard.press('Escape')
      await page.getByTestId('whatif-compare').click()
      await page.getByTestId('whatif-result').waitFor({ timeout: 60_000 })
      const change = page.getByTestId('whatif-share-change')
      expect(Number(await change.getAttribute('data-before'))).toBeCloseTo(before.summary.share, 6)
      expect(Number(await change.getAttribute('data-after'))).toBeGreaterThan(before.summary.share)
      // Nothing was saved.
      expect((await api.json<CoverageResponse>('/api/coverage?type=kindergarten&minutes=10')).body.summary).toEqual(before.summary)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('a planner adopts the first siting suggestion and the served share rises without a reload', async () => {
    const app = await openApp(browser, baseUrl, { as: 'planner' })
    try {
      const { page } = app
      await page.goto(`${baseUrl}/coverage`)
      await page.getByTestId('coverage-page').waitFor({ timeout: 60_000 })
      await page.getByTestId('coverage-type').selectOption('elderly_care')
      await waitReady(page)
      const before = Number(await page.getByTestId('coverage-kpi-share').getAttribute('data-value'))

      await page.getByTestId('siting-k').fill('2')
      await page.getByTestId('siting-run').click()
      await page.getByTestId('siting-result').waitFor({ timeout: 60_000 })
      const sites = page.getByTestId('siting-site')
      await expect.poll(() => sites.count()).toBeGreaterThan(0)
      await page.getByTestId('siting-adopt').first().click()
      await page.getByTestId('siting-adopted').first().waitFor({ timeout: 30_000 })
      await expect.poll(async () => Number(await page.getByTestId('coverage-kpi-share').getAttribute('data-value')), { timeout: 60_000 }).toBeGreaterThan(before)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
