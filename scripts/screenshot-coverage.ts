/**
 * Screenshots of the service-coverage mode (服务覆盖) in both languages: kindergartens within a 10-minute
 * walk, the gap table, and three suggested sites on the map.
 *
 *   npx tsx scripts/screenshot-coverage.ts [baseUrl=http://localhost:3000] [outDir=docs] [size=1440x900] [user=planner]
 *
 * Writes <outDir>/screenshot-coverage-zh.png and -en.png (screenshot-coverage-large-*.png for 1920x1080);
 * reports console errors and requests that left the server's origin. Running siting writes nothing.
 */
import fs from 'node:fs'
import path from 'node:path'
import { openSignedInPage } from './lib/signed-in-page.js'

const [baseUrl = 'http://localhost:3000', outDir = 'docs', size = '1440x900', user = 'planner'] = process.argv.slice(2)
const [width, height] = size.split('x').map(Number)
if (!(width > 0 && height > 0)) throw new Error(`size must look like 1440x900, got "${size}"`)
const SUFFIX = size === '1440x900' ? '' : size === '1920x1080' ? 'large-' : `${size}-`

async function shoot(lang: 'zh' | 'en'): Promise<string[]> {
  const { browser, page, problems } = await openSignedInPage(baseUrl, { lang, width, height, user })
  try {
    await page.goto(`${baseUrl}/coverage`)
    await page.waitForSelector('[data-testid=coverage-page][data-coverage-state=ready]', { timeout: 90_000 })
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
    await page.getByTestId('coverage-type').selectOption('kindergarten')
    await page.getByTestId('coverage-minutes-10').click()
    await page.waitForSelector('[data-testid=coverage-page][data-coverage-state=ready]', { timeout: 60_000 })
    await page.getByTestId('siting-k').fill('3')
    await page.getByTestId('siting-run').click()
    await page.waitForSelector('[data-testid=siting-result]', { timeout: 60_000 })
    await page.waitForLoadState('networkidle').catch(() => undefined)
    await page.waitForTimeout(1500)
    fs.mkdirSync(outDir, { recursive: true })
    const file = path.join(outDir, `screenshot-coverage-${SUFFIX}${lang}.png`)
    await page.screenshot({ path: file })
    console.log(`[${lang}] wrote ${file}`)
  } finally {
    await browser.close()
  }
  return problems
}

const problems = [...(await shoot('zh')), ...(await shoot('en'))]
if (problems.length) {
  console.warn(`\n${problems.length} problem(s):\n  ` + problems.join('\n  '))
  process.exitCode = 1
}
