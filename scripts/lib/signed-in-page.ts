import type { Browser, Page } from 'playwright-core'
import { DEMO_ACCOUNTS } from '../../data/demo/accounts.js'
import { launchChromium } from './chromium.js'

export interface SignedInPage {
  browser: Browser
  page: Page
  /** Console errors, page errors, failed requests and requests that left the server's origin. */
  problems: string[]
}

/**
 * A headless Chromium page in one UI language, signed in as a demo account through the API (the demo
 * city must be loaded), watching for errors and for any request that leaves the app's own origin.
 */
export async function openSignedInPage(baseUrl: string, opts: { lang: 'zh' | 'en'; width: number; height: number; user: string }): Promise<SignedInPage> {
  const browser = await launchChromium()
  const problems: string[] = []
  const context = await browser.newContext({ viewport: { width: opts.width, height: opts.height }, locale: opts.lang === 'zh' ? 'zh-CN' : 'en-US', deviceScaleFactor: 1 })
  await context.addInitScript((l) => localStorage.setItem('renewmap.lang', l), opts.lang)
  const password = DEMO_ACCOUNTS.find((a) => a.username === opts.user)?.password
  if (!password) throw new Error(`"${opts.user}" is not a demo account`)
  const login = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username: opts.user, password } })
  if (login.status() !== 200) throw new Error(`sign-in as ${opts.user} failed: ${login.status()} ${await login.text()}`)
  const page = await context.newPage()
  const origin = new URL(baseUrl).origin
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
  page.on('pageerror', (e) => problems.push(`page error: ${e}`))
  page.on('request', (r) => {
    const u = r.url()
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`external request: ${u}`)
  })
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`))
  return { browser, page, problems }
}
