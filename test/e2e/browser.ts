import type { Browser, Page } from 'playwright-core'
import { DEMO_ACCOUNTS } from '../../data/demo/accounts.js'
import { launchChromium } from '../../scripts/lib/chromium.js'

/** Debian's Chromium drawing WebGL2 with SwiftShader, headless. */
export const launchBrowser = launchChromium

export interface OpenAppOptions {
  width?: number
  height?: number
  lang?: 'zh' | 'en'
  /** A demo account to be signed in as (through the API, before the page loads); default the leader. */
  as?: string
}

/** Opens the app signed in and waits until the map has drawn the communities; collects console errors and failed requests. */
export async function openApp(browser: Browser, baseUrl: string, opts: OpenAppOptions = {}) {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 }, locale: 'zh-CN' })
  if (opts.lang) await context.addInitScript((lang) => localStorage.setItem('renewmap.lang', lang), opts.lang)
  const username = opts.as ?? 'leader'
  const password = DEMO_ACCOUNTS.find((a) => a.username === username)?.password
  if (!password) throw new Error(`no demo account ${username}`)
  const login = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username, password } })
  if (login.status() !== 200) throw new Error(`sign-in as ${username} failed: ${login.status()} ${await login.text()}`)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`))
  await page.goto(baseUrl)
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
  return { page, errors, close: () => context.close() }
}

export async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent())?.trim() ?? ''
}

/** The digits of a KPI (thousands separators and units stripped), as a number. */
export function numberIn(text: string): number {
  const m = text.replace(/,/g, '').match(/-?\d+(\.\d+)?/)
  if (!m) throw new Error(`no number in "${text}"`)
  return Number(m[0])
}
