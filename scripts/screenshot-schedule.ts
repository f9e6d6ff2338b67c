/**
 * Screenshots of the schedule pages: the Gantt of one district (进度计划) in both languages, and the
 * progress page (进度填报) showing the check of a filled-in template with a few mistakes in it.
 *
 *   npx tsx scripts/screenshot-schedule.ts [baseUrl=http://localhost:3000] [outDir=docs] [district=1]
 *
 * Writes <outDir>/screenshot-gantt-zh.png, screenshot-gantt-en.png and screenshot-progress-zh.png (1440×900).
 * The template is downloaded as the demo district account, filled in here with exceljs and only checked
 * (mode=validate): nothing is saved. Reports console errors and requests that left the server's origin.
 */
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { openSignedInPage } from './lib/signed-in-page.js'

const [baseUrl = 'http://localhost:3000', outDir = 'docs', district = '1'] = process.argv.slice(2)
const VIEWPORT = { width: 1440, height: 900 }

async function shootGantt(lang: 'zh' | 'en'): Promise<string[]> {
  const { browser, page, problems } = await openSignedInPage(baseUrl, { lang, ...VIEWPORT, user: 'planner' })
  try {
    await page.goto(`${baseUrl}/gantt?district=${district}`)
    await page.waitForSelector('[data-testid=gantt-page][data-state=ready][data-level=district]', { timeout: 90_000 })
    await page.waitForSelector('[data-testid=gantt-today]')
    await page.waitForTimeout(500)
    const file = path.join(outDir, `screenshot-gantt-${lang}.png`)
    await page.screenshot({ path: file })
    console.log(`[${lang}] wrote ${file}`)
  } finally {
    await browser.close()
  }
  return problems
}

/** Column numbers by header text (the template's own headers, in either language). */
function columnsOf(sheet: ExcelJS.Worksheet): Map<string, number> {
  const cols = new Map<string, number>()
  sheet.getRow(1).eachCell((cell, col) => cols.set(String(cell.value ?? '').trim(), col))
  return cols
}

/** Fills in a week of progress: most rows move on 5 points, and three rows carry mistakes to show the check. */
async function fillTemplate(xlsx: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer)
  const sheet = wb.worksheets[0]
  const cols = columnsOf(sheet)
  const pctCol = cols.get('本周进度%')
  const stageCol = cols.get('本周阶段')
  const noteCol = cols.get('备注')
  if (!pctCol || !stageCol || !noteCol) throw new Error(`unexpected template header: ${[...cols.keys()].join(', ')}`)
  const last = Math.min(sheet.rowCount, 26)
  for (let r = 2; r <= last; r++) {
    const row = sheet.getRow(r)
    const pct = Number(row.getCell(pctCol).value ?? 0)
    if (r === 5) row.getCell(pctCol).value = 120 // bad_pct
    else if (r === 9) row.getCell(stageCol).value = '拆迁安置' // bad_stage
    else if (r === 14) row.getCell(pctCol).value = Math.max(0, pct - 10) // pct_regress (a warning)
    else if (pct < 100) {
      row.getCell(pctCol).value = Math.min(100, pct + 5)
      row.getCell(noteCol).value = '本周按计划推进'
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function shootProgress(): Promise<string[]> {
  const { browser, page, problems } = await openSignedInPage(baseUrl, { lang: 'zh', ...VIEWPORT, user: 'district' })
  try {
    await page.goto(`${baseUrl}/progress`)
    await page.waitForSelector('[data-testid=progress-page]', { timeout: 90_000 })
    const href = await page.getByTestId('progress-template-link').getAttribute('href')
    if (!href) throw new Error('no template link')
    const res = await page.request.get(new URL(href, baseUrl).toString())
    if (res.status() !== 200) throw new Error(`template download failed: ${res.status()} ${await res.text()}`)
    const filled = await fillTemplate(await res.body())
    await page.getByTestId('progress-file-input').setInputFiles({
      name: '进度填报-本周.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: filled,
    })
    await page.getByTestId('progress-validate').click()
    await page.waitForSelector('[data-testid=progress-report]', { timeout: 60_000 })
    // Show the upload step and its report rather than the template form above it.
    await page.evaluate(() => {
      const card = document.querySelector<HTMLElement>('[data-testid=progress-dropzone]')?.closest('section')
      const scroller = card?.closest<HTMLElement>('.admin-page')
      if (card && scroller) scroller.scrollTop += card.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 16
    })
    await page.waitForTimeout(400)
    const file = path.join(outDir, 'screenshot-progress-zh.png')
    await page.screenshot({ path: file })
    console.log(`[zh] wrote ${file}`)
  } finally {
    await browser.close()
  }
  return problems
}

fs.mkdirSync(outDir, { recursive: true })
const problems = [...(await shootGantt('zh')), ...(await shootGantt('en')), ...(await shootProgress())]
if (problems.length) {
  console.warn(`\n${problems.length} problem(s):\n  ` + problems.join('\n  '))
  process.exitCode = 1
}
