import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../data/demo/accounts.js'
import { signIn, type TestClient } from '../helpers/test-server.js'
import { launchBrowser, openApp, textOf } from './browser.js'

const baseUrl = inject('baseUrl')
let browser: Browser
let asStreet: TestClient

beforeAll(async () => {
  browser = await launchBrowser()
  asStreet = await signIn(baseUrl, 'street')
})
afterAll(async () => {
  await browser?.close()
})

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Opens a community through the search box, as a user would. */
async function openCommunity(page: Page, name: string) {
  await page.getByTestId('community-search').fill(name)
  const option = page.getByTestId('search-results').getByRole('option').filter({ has: page.locator('.search__name', { hasText: new RegExp(`^${escape(name)}$`) }) })
  await option.waitFor({ timeout: 15_000 })
  await option.click()
  await expect.poll(() => textOf(page, 'detail-name'), { timeout: 15_000 }).toBe(name)
}

/** A fresh browser context at the login page, with console errors collected. */
async function loginPage(lang: 'zh' | 'en' = 'zh') {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  await context.addInitScript((l) => localStorage.setItem('renewmap.lang', l), lang)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(baseUrl)
  await page.getByTestId('login-page').waitFor({ timeout: 60_000 })
  return { page, errors, close: () => context.close() }
}

async function signInThroughPage(page: Page, username: string) {
  const password = DEMO_ACCOUNTS.find((a) => a.username === username)!.password
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
}

describe('signing in and reporting progress within one street', () => {
  it('a street staff user reports progress in their street, is refused on another street, and the leader sees the change', async () => {
    const me = (await asStreet.json('/api/auth/me')).body.user
    const own = (await asStreet.json(`/api/communities?street=${me.streetId}&limit=1&offset=2`)).body.rows[0]
    const other = (await asStreet.json(`/api/communities?district=${me.districtId}`)).body.rows.find((c: any) => c.streetId !== me.streetId)
    const ownStreetName: string = own.streetName

    const staff = await loginPage()
    try {
      const { page } = staff
      // The login page lists the demo accounts in demo mode.
      await expect.poll(() => page.getByTestId('demo-accounts').textContent(), { timeout: 15_000 }).toContain('street')
      // A wrong password first: a clear message, still on the login page.
      await page.getByTestId('login-username').fill('street')
      await page.getByTestId('login-password').fill('not-my-password')
      await page.getByTestId('login-submit').click()
      await expect.poll(() => textOf(page, 'login-error'), { timeout: 15_000 }).toMatch(/用户名或密码/)
      await signInThroughPage(page, 'street')
      expect(await textOf(page, 'user-menu-name')).toContain('刘街道')

      await openCommunity(page, own.name)
      const form = page.getByTestId('progress-form')
      await form.waitFor({ timeout: 15_000 })
      await page.getByTestId('progress-stage').selectOption('construction')
      await page.getByTestId('progress-pct').fill('65')
      await page.getByTestId('progress-note').fill('端到端测试：雨污分流管道铺设过半')
      await page.getByTestId('progress-submit').click()
      await expect.poll(() => textOf(page, 'progress-message'), { timeout: 15_000 }).toMatch(/已上报/)
      const after = (await asStreet.json(`/api/communities/${own.id}`)).body
      expect(after.stage).toBe('construction')
      expect(after.progressPct).toBe(65)
      expect(after.recentReports[0]).toMatchObject({ note: '端到端测试：雨污分流管道铺设过半', reportedBy: '刘街道（演示）' })

      // Another street of the same district: no form, a notice naming the user's own street.
      await openCommunity(page, other.name)
      const notice = page.getByTestId('scope-notice')
      await notice.waitFor({ timeout: 15_000 })
      expect(await notice.textContent()).toContain(ownStreetName)
      expect(await page.getByTestId('progress-form').count()).toBe(0)
      // And the server refuses it outright, with the reason.
      const refused = await asStreet.send('POST', `/api/communities/${other.id}/progress`, { stage: 'construction', progressPct: 10, reportDate: '2026-11-20' })
      expect(refused.status).toBe(403)
      expect(refused.body.error.code).toBe('forbidden_scope')
      expect(staff.errors).toEqual([])
    } finally {
      await staff.close()
    }

    const leader = await openApp(browser, baseUrl, { as: 'leader' })
    try {
      const { page } = leader
      await openCommunity(page, own.name)
      await expect.poll(() => page.getByTestId('detail-panel').textContent(), { timeout: 15_000 }).toContain('端到端测试：雨污分流管道铺设过半')
      expect(await page.getByTestId('progress-form').count()).toBe(0)
      expect(await page.getByTestId('edit-community').count()).toBe(0)
      // The leader's map draws the community in the construction colour now (the tile was re-rendered).
      const stageOnMap = await page.evaluate((id) => {
        const map = (window as any).__renewmap.map
        const f = map.querySourceFeatures('communities', { sourceLayer: 'communities', filter: ['==', ['id'], id] })[0]
        return f?.properties.stage ?? null
      }, own.id)
      expect(stageOnMap).toBe('construction')
    } finally {
      await leader.close()
    }
  })
})

describe('safe concurrent edits in the browser', () => {
  it("shows a planner who changed the record meanwhile, and reapplies the planner's change", async () => {
    const admin = await signIn(baseUrl, 'demo-admin')
    const target = (await admin.json('/api/communities?limit=1&offset=30')).body.rows[0]
    const planner = await openApp(browser, baseUrl, { as: 'planner' })
    try {
      const { page } = planner
      await openCommunity(page, target.name)
      await page.getByTestId('edit-community').click()
      const form = page.getByTestId('community-edit-form')
      await form.waitFor()
      const households = page.getByTestId('edit-households')
      await households.fill(String(target.households + 7))
      // Meanwhile the administrator changes the same community.
      const cur = (await admin.json(`/api/communities/${target.id}`)).body
      expect((await admin.send('PATCH', `/api/communities/${target.id}`, { population: cur.population + 1, version: cur.version })).status).toBe(200)
      await page.getByTestId('edit-save').click()
      const box = page.getByTestId('conflict-box')
      await box.waitFor({ timeout: 15_000 })
      expect(await box.textContent()).toContain('演示管理员')
      await page.getByTestId('conflict-reapply').click()
      await expect.poll(async () => (await admin.json(`/api/communities/${target.id}`)).body.households, { timeout: 15_000 }).toBe(target.households + 7)
      const final = (await admin.json(`/api/communities/${target.id}`)).body
      expect(final.population).toBe(cur.population + 1) // the other change is kept too
      expect(planner.errors.filter((e) => !/409/.test(e))).toEqual([])
    } finally {
      await planner.close()
    }
  })
})

describe('administration', () => {
  it('an administrator creates a user, sees the one-time password, and finds it in the verified audit trail', async () => {
    const app = await loginPage()
    try {
      const { page } = app
      await signInThroughPage(page, 'demo-admin')
      await page.getByTestId('user-menu').click()
      await page.getByTestId('nav-users').click()
      await page.getByTestId('users-page').waitFor()
      await page.getByTestId('user-create').click()
      await page.getByTestId('user-form-username').fill('e2e-analyst')
      await page.getByTestId('user-form-display-name').fill('端到端分析员')
      await page.getByTestId('user-form-role').selectOption('analyst')
      await page.getByTestId('user-form-submit').click()
      const temp = (await page.getByTestId('temp-password').textContent())?.trim() ?? ''
      expect(temp).toMatch(/^\S{16}$/)
      const created = await signIn(baseUrl, 'e2e-analyst', temp)
      expect((await created.json('/api/auth/me')).body.passwordChangeRequired).toBe(true)

      await page.goto(`${baseUrl}/admin/audit`)
      await page.getByTestId('audit-page').waitFor()
      await expect.poll(() => page.getByTestId('audit-table').textContent(), { timeout: 15_000 }).toContain('e2e-analyst')
      await page.getByTestId('audit-verify').click()
      await expect.poll(() => textOf(page, 'audit-verify-result'), { timeout: 15_000 }).toMatch(/完整|intact/)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
