import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ScheduleResponse, ScheduleSummaryResponse } from '../../core/contracts/schedule.js'
import { SCHEDULE_STATUSES } from '../../core/schedule/status.js'
import { signIn, type TestClient } from '../helpers/test-server.js'
import { launchBrowser, numberIn, openApp, textOf } from './browser.js'

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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Opens a community in the main map's detail panel through the search box. */
async function openCommunity(page: Page, name: string) {
  await page.getByTestId('community-search').fill(name)
  const option = page.getByTestId('search-results').getByRole('option').filter({ has: page.locator('.search__name', { hasText: new RegExp(`^${escape(name)}$`) }) })
  await option.first().click()
  await page.getByTestId('detail-panel').waitFor({ state: 'visible', timeout: 15_000 })
}

/** Counts requests for vector tiles from now on. */
function countTiles(page: Page) {
  const seen: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('/tiles/')) seen.push(r.url())
  })
  return seen
}

describe('the battle map (挂图作战)', () => {
  it('two pages: a progress report in one recolours the other battle map and its KPIs without a reload or new tiles', async () => {
    const watcher = await openApp(browser, baseUrl, { as: 'leader' })
    const reporter = await openApp(browser, baseUrl, { as: 'planner' })
    try {
      const wall = watcher.page
      await wall.getByTestId('nav-battle').click()
      const root = wall.getByTestId('battle-page')
      await expect.poll(() => root.getAttribute('data-battle-state'), { timeout: 60_000 }).toBe('ready')
      await expect.poll(() => wall.getByTestId('battle-live').getAttribute('data-connected'), { timeout: 30_000 }).toBe('1')
      const summary = (await admin.json<ScheduleSummaryResponse>('/api/schedule/summary')).body
      expect(await root.getAttribute('data-as-of')).toBe(summary.today)
      expect(numberIn(await textOf(wall, 'battle-kpi-late'))).toBe(summary.statusCounts.late)
      // The most overdue community, reported as handed over: it leaves the late list.
      const target = summary.late[0]
      const rev = await root.getAttribute('data-schedule-rev')
      await wall.waitForTimeout(1000) // the map has settled: any tile it still wanted has been asked for
      const tiles = countTiles(wall)
      const navigations: string[] = []
      wall.on('framenavigated', (f) => f === wall.mainFrame() && navigations.push(f.url()))

      const form = reporter.page
      await openCommunity(form, target.name)
      await form.getByTestId('progress-form').waitFor({ timeout: 15_000 })
      await form.getByTestId('progress-stage').selectOption('handover')
      await form.getByTestId('progress-pct').fill('0')
      await form.getByTestId('progress-date').fill(summary.today)
      await form.getByTestId('progress-note').fill('端到端测试：综合验收通过，移交物业')
      const t0 = Date.now()
      await form.getByTestId('progress-submit').click()
      await expect.poll(() => form.getByTestId('progress-message').getAttribute('class'), { timeout: 15_000 }).toContain('success')

      // The other page changes on its own, within seconds.
      await expect.poll(() => root.getAttribute('data-schedule-rev'), { timeout: 10_000 }).not.toBe(rev)
      const after = (await admin.json<ScheduleSummaryResponse>('/api/schedule/summary')).body
      expect(after.late.some((l) => l.communityId === target.communityId)).toBe(false)
      await expect.poll(async () => numberIn(await textOf(wall, 'battle-kpi-late')), { timeout: 10_000 }).toBe(after.statusCounts.late)
      expect(numberIn(await textOf(wall, 'battle-kpi-done'))).toBe(after.statusCounts.done)
      const elapsed = Date.now() - t0
      expect(elapsed).toBeLessThan(10_000)
      const row = (await admin.json<ScheduleResponse>('/api/schedule')).body.rows.find((r) => r.communityId === target.communityId)!
      expect(row.status).toBe('done')
      // The map shows it: the community's feature-state carries the new status (index into SCHEDULE_STATUSES).
      const painted = await wall.evaluate(
        ([id, source, sourceLayer]) => (window as any).__renewmap.map.getFeatureState({ source, sourceLayer, id }),
        [target.communityId, 'communities', 'communities'] as const, // client/layers/community-layers.ts
      )
      expect(painted).toMatchObject({ st: SCHEDULE_STATUSES.indexOf('done'), late: false })
      expect(tiles).toEqual([])
      expect(navigations).toEqual([])
      expect(watcher.errors.filter((e) => !e.includes('/api/events'))).toEqual([])
      console.log(`[e2e] live update reached the other page in ${elapsed} ms`)
    } finally {
      await watcher.close()
      await reporter.close()
    }
  })

  it('the time slider replays a past week: map numbers equal the schedule as of that week', async () => {
    const app = await openApp(browser, baseUrl, { as: 'leader' })
    try {
      const { page } = app
      await page.goto(`${baseUrl}/battle`)
      const root = page.getByTestId('battle-page')
      await expect.poll(() => root.getAttribute('data-battle-state'), { timeout: 60_000 }).toBe('ready')
      const summary = (await admin.json<ScheduleSummaryResponse>('/api/schedule/summary')).body
      const k = 20
      const week = summary.weeks[k]
      const slider = page.getByTestId('battle-slider')
      await slider.fill(String(k))
      await expect.poll(() => root.getAttribute('data-as-of'), { timeout: 15_000 }).toBe(week)
      const past = (await admin.json<ScheduleSummaryResponse>(`/api/schedule/summary?asOf=${week}`)).body
      await expect.poll(async () => numberIn(await textOf(page, 'battle-kpi-late')), { timeout: 10_000 }).toBe(past.statusCounts.late)
      expect(numberIn(await textOf(page, 'battle-kpi-started'))).toBe(past.kpis.started.value)
      await page.getByTestId('battle-today').click()
      await expect.poll(() => root.getAttribute('data-as-of'), { timeout: 15_000 }).toBe(summary.today)
    } finally {
      await app.close()
    }
  })
})
