/**
 * Product screenshots of the running app in headless Chromium, one per UI language, with a community
 * selected (detail panel open) and another one hovered (tooltip).
 *
 *   npx tsx scripts/screenshot.ts [baseUrl=http://localhost:3000] [outDir=docs] [size=1440x900] [user=planner]
 *
 * Signs in as a demo account (the demo city must be loaded) before the page opens.
 * Writes <outDir>/screenshot-zh.png and <outDir>/screenshot-en.png at 1440×900 (another size adds it to the
 * name: screenshot-large-zh.png for 1920x1080) and reports console
 * errors and any request that left the server's origin (the app must run offline).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { APIRequestContext, Page } from 'playwright-core'
import { openSignedInPage } from './lib/signed-in-page.js'

const [baseUrl = 'http://localhost:3000', outDir = 'docs', size = '1440x900', user = 'planner'] = process.argv.slice(2)
const [width, height] = size.split('x').map(Number)
if (!(width > 0 && height > 0)) throw new Error(`size must look like 1440x900, got "${size}"`)
const VIEWPORT = { width, height }
const SUFFIX = size === '1440x900' ? '' : size === '1920x1080' ? 'large-' : `${size}-`

type Hit = { x: number; y: number; id: number; name: string; stage: string }

/**
 * Screen points over community polygons that are not hidden under a panel, nearest to (fx, fy) of the
 * map first, one per community.
 */
async function findCommunityPoints(page: Page, fx: number, fy: number, opts: { excludeId?: number; stages?: string[]; max?: number } = {}) {
  return page.evaluate(
    ({ fx, fy, excludeId, stages, max }) => {
      const map = (window as any).__renewmap.map
      const canvas: HTMLCanvasElement = map.getCanvas()
      const rect = canvas.getBoundingClientRect()
      const cx = rect.width * fx
      const cy = rect.height * fy
      const hits: Hit[] = []
      const seen = new Set<number>()
      for (let r = 0; r < 360 && hits.length < max; r += 10) {
        for (let a = 0; a < 360; a += r === 0 ? 360 : 20) {
          const x = cx + r * Math.cos((a * Math.PI) / 180)
          const y = cy + r * Math.sin((a * Math.PI) / 180)
          const f = map.queryRenderedFeatures([x, y], { layers: ['communities-fill'] })[0]
          const id = Number(f?.id)
          if (!f || id === excludeId || seen.has(id)) continue
          if (stages.length && !stages.includes(f.properties.stage)) continue
          if (document.elementFromPoint(rect.left + x, rect.top + y) !== canvas) continue
          seen.add(id)
          hits.push({ x: rect.left + x, y: rect.top + y, id, name: String(f.properties.name), stage: f.properties.stage })
        }
      }
      return hits
    },
    { fx, fy, excludeId: opts.excludeId ?? null, stages: opts.stages ?? [], max: opts.max ?? 1 },
  )
}

/** Whether a community has a stage past its planned end (finished late, or unfinished after the date). */
async function isLate(api: APIRequestContext, id: number, asOf: string): Promise<boolean> {
  const d = await (await api.get(`${baseUrl}/api/communities/${id}`)).json()
  return (d.stageRecords ?? []).some(
    (r: { plannedEnd: string | null; actualStart: string | null; actualEnd: string | null }) =>
      r.plannedEnd && (r.actualEnd ? r.actualEnd > r.plannedEnd : r.actualStart !== null && asOf > r.plannedEnd),
  )
}

/** A community under construction or in acceptance (a telling detail panel), a late one if there is one. */
async function pickShowcase(page: Page): Promise<Hit | null> {
  const api = page.context().request
  const asOf: string = (await (await api.get(`${baseUrl}/api/meta`)).json()).asOf
  const candidates = await findCommunityPoints(page, 0.5, 0.5, { stages: ['construction', 'self_acceptance', 'preparation'], max: 30 })
  for (const c of candidates) if (await isLate(api, c.id, asOf)) return c
  return candidates[0] ?? (await findCommunityPoints(page, 0.5, 0.5))[0] ?? null
}

async function shoot(lang: 'zh' | 'en') {
  const { browser, page, problems } = await openSignedInPage(baseUrl, { lang, ...VIEWPORT, user })
  try {
    const t0 = Date.now()
    await page.goto(baseUrl)
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
    console.log(`[${lang}] map ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`)

    // Select a community in the open part of the map (right of the sidebar, left of where the panel opens).
    const target = await pickShowcase(page)
    if (target) {
      await page.mouse.click(target.x, target.y)
      await page.getByTestId('detail-name').waitFor({ state: 'visible', timeout: 15_000 })
      console.log(`[${lang}] selected ${target.id} ${target.name} (${target.stage})`)
      const [hover] = await findCommunityPoints(page, 0.38, 0.3, { excludeId: target.id })
      if (hover) await page.mouse.move(hover.x, hover.y)
    } else {
      problems.push('no clickable community found')
    }
    await page.waitForLoadState('networkidle').catch(() => undefined)
    await page.waitForTimeout(1200)

    fs.mkdirSync(outDir, { recursive: true })
    const file = path.join(outDir, `screenshot-${SUFFIX}${lang}.png`)
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
