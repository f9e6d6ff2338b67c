/**
 * Screenshots of the progress dashboard (进度看板, 1440×900) and the large screen (大屏, 1920×1080) in both
 * languages, as a city leader sees them.
 *
 *   npx tsx scripts/screenshot-dashboard.ts [baseUrl=http://localhost:3000] [outDir=docs] [user=leader]
 *
 * Writes <outDir>/screenshot-dashboard-{zh,en}.png and screenshot-screen-{zh,en}.png; reports console errors
 * and requests that left the server's origin. Reads only.
 */
import fs from 'node:fs'
import path from 'node:path'
import { openSignedInPage } from './lib/signed-in-page.js'

const [baseUrl = 'http://localhost:3000', outDir = 'docs', user = 'leader'] = process.argv.slice(2)

async function shootDashboard(lang: 'zh' | 'en'): Promise<string[]> {
  const { browser, page, problems } = await openSignedInPage(baseUrl, { lang, width: 1440, height: 900, user })
  try {
    await page.goto(`${baseUrl}/dashboard`)
    await page.waitForSelector('[data-testid=dashboard-page][data-state=ready]', { timeout: 90_000 })
    await page.waitForSelector('[data-testid=live-dot].is-live', { timeout: 15_000 }).catch(() => undefined)
    await page.waitForTimeout(800)
    fs.mkdirSync(outDir, { recursive: true })
    const file = path.join(outDir, `screenshot-dashboard-${lang}.png`)
    await page.screenshot({ path: file })
    console.log(`[${lang}] wrote ${file}`)
  } finally {
    await browser.close()
  }
  return problems
}

async function shootScreen(lang: 'zh' | 'en'): Promise<string[]> {
  const { browser, page, problems } = await openSignedInPage(baseUrl, { lang, width: 1920, height: 1080, user })
  try {
    // A still picture: no half-finished ticker step.
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(`${baseUrl}/screen`)
    await page.waitForSelector('[data-testid=screen-page][data-state=ready]', { timeout: 90_000 })
    // Step to the first district (the cycle starts with the whole city) and hold it there.
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Space')
    await page.waitForSelector('[data-testid=screen-page][data-state=ready]:not([data-focus=city])', { timeout: 30_000 })
    await page.waitForTimeout(1200)
    fs.mkdirSync(outDir, { recursive: true })
    const file = path.join(outDir, `screenshot-screen-${lang}.png`)
    await page.screenshot({ path: file })
    console.log(`[${lang}] wrote ${file}`)
  } finally {
    await browser.close()
  }
  return problems
}

const problems = [...(await shootDashboard('zh')), ...(await shootDashboard('en')), ...(await shootScreen('zh')), ...(await shootScreen('en'))]
if (problems.length) {
  console.warn(`\n${problems.length} problem(s):\n  ` + problems.join('\n  '))
  process.exitCode = 1
}
