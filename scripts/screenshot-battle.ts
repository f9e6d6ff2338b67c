/**
 * Screenshots of the battle-map mode (挂图作战) in both languages: the city coloured by schedule status with
 * the drill-down at the district with the most late communities, the legend and the time slider.
 *
 *   npx tsx scripts/screenshot-battle.ts [baseUrl=http://localhost:3000] [outDir=docs] [size=1440x900] [user=planner] [printDir]
 *
 * Writes <outDir>/screenshot-battle-zh.png and -en.png (screenshot-battle-large-*.png for 1920x1080); with
 * printDir, also saves the Chinese page's A4 print as PNG and PDF there. Reports console errors and requests
 * that left the server's origin. Nothing is written to the server.
 */
import fs from 'node:fs'
import path from 'node:path'
import { openSignedInPage } from './lib/signed-in-page.js'

const [baseUrl = 'http://localhost:3000', outDir = 'docs', size = '1440x900', user = 'planner', printDir] = process.argv.slice(2)
const [width, height] = size.split('x').map(Number)
if (!(width > 0 && height > 0)) throw new Error(`size must look like 1440x900, got "${size}"`)
const SUFFIX = size === '1440x900' ? '' : size === '1920x1080' ? 'large-' : `${size}-`

async function shoot(lang: 'zh' | 'en'): Promise<string[]> {
  const { browser, page, problems } = await openSignedInPage(baseUrl, { lang, width, height, user })
  try {
    await page.goto(`${baseUrl}/battle`)
    await page.waitForSelector('[data-testid=battle-page][data-battle-state=ready]', { timeout: 90_000 })
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
    // The district with the most late communities (its list row shows the count).
    const districts = page.locator('[data-testid^=battle-drill-district-]')
    await districts.first().waitFor()
    let best = { testId: '', late: -1 }
    for (const el of await districts.all()) {
      const late = Number((await el.locator('.battle-item__late').innerText()).replace(/\D+/g, '')) || 0
      if (late > best.late) best = { testId: (await el.getAttribute('data-testid')) ?? '', late }
    }
    const rev = await page.getByTestId('battle-page').getAttribute('data-schedule-rev')
    await page.getByTestId(best.testId).click()
    await page.waitForFunction((r) => document.querySelector('[data-testid=battle-page]')?.getAttribute('data-schedule-rev') !== r, rev)
    await page.waitForSelector('[data-testid^=battle-drill-street-]')
    await page.waitForLoadState('networkidle').catch(() => undefined)
    await page.waitForTimeout(1500)
    fs.mkdirSync(outDir, { recursive: true })
    const file = path.join(outDir, `screenshot-battle-${SUFFIX}${lang}.png`)
    await page.screenshot({ path: file })
    console.log(`[${lang}] wrote ${file}`)

    if (printDir && lang === 'zh') {
      fs.mkdirSync(printDir, { recursive: true })
      await page.getByTestId('battle-print').click()
      await page.getByTestId('battle-print-shenhao').fill('审图号：GS(2026)0000号（示例）')
      for (const kind of ['png', 'pdf'] as const) {
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId(`battle-print-${kind}`).click()])
        const out = path.join(printDir, `battle-print.${kind}`)
        await download.saveAs(out)
        console.log(`[${lang}] saved the ${kind.toUpperCase()} print (${download.suggestedFilename()}) to ${out}`)
      }
    }
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
