import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PNG } from 'pngjs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { STAGE_COLORS, STAGES } from '../../core/domain/stages.js'
import { freePort } from '../../scripts/lib/net.js'
import { signIn, type TestClient } from '../helpers/test-server.js'
import { launchBrowser, numberIn, openApp, textOf } from './browser.js'

const baseUrl = inject('baseUrl')
let browser: Browser
let api: TestClient

beforeAll(async () => {
  browser = await launchBrowser()
  api = await signIn(baseUrl, 'leader')
})
afterAll(async () => {
  await browser?.close()
})

const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16))

/** Pixels per stage whose colour matches the stage colour drawn at any opacity over the map background. */
function stagePixelCounts(png: PNG): Record<string, number> {
  const counts = new Map<string, number>()
  const freq = new Map<number, number>()
  for (let i = 0; i < png.data.length; i += 4) {
    const key = (png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]
    freq.set(key, (freq.get(key) ?? 0) + 1)
  }
  const bgKey = [...freq.entries()].sort((a, b) => b[1] - a[1])[0][0]
  const bg = [(bgKey >> 16) & 255, (bgKey >> 8) & 255, bgKey & 255]
  const palette: { stage: string; rgb: number[] }[] = []
  for (const s of STAGES) {
    const c = hex(STAGE_COLORS[s])
    for (let a = 0.35; a <= 1.001; a += 0.05) palette.push({ stage: s, rgb: c.map((v, k) => v * a + bg[k] * (1 - a)) })
  }
  for (const [key, n] of freq) {
    const p = [(key >> 16) & 255, (key >> 8) & 255, key & 255]
    let best = ''
    let bestD = 10
    for (const e of palette) {
      const d = Math.hypot(p[0] - e.rgb[0], p[1] - e.rgb[1], p[2] - e.rgb[2])
      if (d < bestD) {
        bestD = d
        best = e.stage
      }
    }
    if (best) counts.set(best, (counts.get(best) ?? 0) + n)
  }
  return Object.fromEntries(counts)
}

describe('the renovation map in a browser', () => {
  it('loads with no console errors and draws the communities in their stage colours', async () => {
    const app = await openApp(browser, baseUrl)
    try {
      const shot = await app.page.getByTestId('map').screenshot()
      const png = PNG.sync.read(shot)
      const distinct = new Set<number>()
      for (let i = 0; i < png.data.length; i += 16) distinct.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2])
      expect(distinct.size).toBeGreaterThan(200) // not a blank canvas
      const counts = stagePixelCounts(png)
      const visibleStages = Object.entries(counts).filter(([, n]) => n > 150)
      expect(visibleStages.length, JSON.stringify(counts)).toBeGreaterThanOrEqual(3)
      expect(await app.page.getByTestId('legend').isVisible()).toBe(true)
      expect(await app.page.getByTestId('demo-badge').isVisible()).toBe(true)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('opens the clicked community in the detail panel with its name', async () => {
    const app = await openApp(browser, baseUrl)
    try {
      const { page } = app
      const ids: number[] = await page.evaluate(() => {
        const map = (window as any).__renewmap.map
        const feats = map.queryRenderedFeatures().filter((f: any) => f.sourceLayer === 'communities' && /Polygon/.test(f.geometry.type))
        return [...new Set(feats.map((f: any) => Number(f.id)))].slice(0, 60) as number[]
      })
      expect(ids.length).toBeGreaterThan(5)
      let clicked: { id: number; name: string } | null = null
      for (const id of ids) {
        const detail = (await api.json(`/api/communities/${id}`)).body
        const pt = await page.evaluate(([lon, lat]) => {
          const map = (window as any).__renewmap.map
          const p = map.project([lon, lat])
          const r = map.getCanvas().getBoundingClientRect()
          const x = r.left + p.x
          const y = r.top + p.y
          const el = document.elementFromPoint(x, y)
          return el === map.getCanvas() ? { x, y } : null
        }, detail.centroid as [number, number])
        if (!pt) continue
        await page.mouse.click(pt.x, pt.y)
        clicked = { id, name: detail.name }
        break
      }
      expect(clicked, 'no community centroid was clickable on the canvas').not.toBeNull()
      await page.getByTestId('detail-panel').waitFor({ state: 'visible', timeout: 15_000 })
      await expect.poll(() => textOf(page, 'detail-name'), { timeout: 15_000 }).toBe(clicked!.name)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('selects the community under the pointer even where a neighbour lies within the pick tolerance', async () => {
    const app = await openApp(browser, baseUrl)
    try {
      const { page } = app
      // A point on community A where the first feature in a 3 px box around it is another community B.
      const spot = await page.evaluate(() => {
        const map = (window as any).__renewmap.map
        const canvas: HTMLCanvasElement = map.getCanvas()
        const rect = canvas.getBoundingClientRect()
        for (let y = 40; y < rect.height - 40; y += 3) {
          for (let x = rect.width * 0.3; x < rect.width * 0.65; x += 3) {
            if (document.elementFromPoint(rect.left + x, rect.top + y) !== canvas) continue
            const exact = map.queryRenderedFeatures([x, y], { layers: ['communities-fill'] })[0]
            if (!exact) continue
            const boxed = map.queryRenderedFeatures([[x - 3, y - 3], [x + 3, y + 3]], { layers: ['communities-fill'] })[0]
            if (boxed && boxed.id !== exact.id) return { x: rect.left + x, y: rect.top + y, id: Number(exact.id), name: String(exact.properties.name) }
          }
        }
        return null
      })
      expect(spot, 'no point found where a neighbour is nearer the top of the pick box').not.toBeNull()
      await page.mouse.click(spot!.x, spot!.y)
      await expect.poll(() => textOf(page, 'detail-name'), { timeout: 15_000 }).toBe(spot!.name)
    } finally {
      await app.close()
    }
  })

  it('switches the interface between Chinese and English', async () => {
    const app = await openApp(browser, baseUrl)
    try {
      const { page } = app
      expect(await page.getAttribute('html', 'lang')).toMatch(/^zh/)
      const zhLegend = await textOf(page, 'legend')
      expect(zhLegend).toMatch(/[\u4e00-\u9fff]/)
      await page.getByTestId('lang-toggle').click()
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en')
      const enLegend = await textOf(page, 'legend')
      expect(enLegend).not.toBe(zhLegend)
      expect(enLegend).toMatch(/Construction|construction/)
      await page.getByTestId('lang-toggle').click()
      await expect.poll(() => page.getAttribute('html', 'lang')).toMatch(/^zh/)
    } finally {
      await app.close()
    }
  })

  it('changes the KPI numbers when a district is chosen, matching the API summary', async () => {
    const app = await openApp(browser, baseUrl)
    try {
      const { page } = app
      const all = numberIn(await textOf(page, 'kpi-communities'))
      const summary = (await api.json('/api/summary')).body
      expect(all).toBe(summary.totals.communities)
      const district = summary.byDistrict[1]
      await page.getByTestId('filter-district').selectOption(String(district.districtId))
      await expect.poll(async () => numberIn(await textOf(page, 'kpi-communities')), { timeout: 15_000 }).toBe(district.communities)
      expect(district.communities).toBeLessThan(all)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})

describe('finding a community', () => {
  it('searches by name and opens the chosen community, framed on the map', async () => {
    const app = await openApp(browser, baseUrl)
    try {
      const { page } = app
      const target = (await api.json('/api/communities/42')).body
      await page.getByTestId('community-search').fill(target.name)
      const exact = new RegExp(`^${target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
      const option = page.getByTestId('search-results').getByRole('option').filter({ has: page.locator('.search__name', { hasText: exact }) })
      await option.waitFor({ timeout: 15_000 })
      await option.click()
      await expect.poll(() => textOf(page, 'detail-name'), { timeout: 15_000 }).toBe(target.name)
      // The map now shows the community: its centre is inside the visible map.
      await expect
        .poll(
          () =>
            page.evaluate(([lon, lat]) => {
              const map = (window as any).__renewmap.map
              return map.getBounds().contains([lon, lat])
            }, target.centroid as [number, number]),
          { timeout: 15_000 },
        )
        .toBe(true)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})

describe('the embedded database folder', () => {
  it('refuses a second server on the same data folder with a clear message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: '0', DATA_DIR: inject('dataDir'), DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toMatch(/in use by another process/)
    // And the running server still answers.
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200)
  })
})

describe('the server process', () => {
  it('starts on an empty folder, then closes the database cleanly on SIGTERM and releases the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renewmap-sigterm-'))
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    const healthSeen: number[] = []
    try {
      // Health says 503 while the database is created and loaded, then 200.
      await expect
        .poll(
          async () => {
            const status = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0)
            if (status && healthSeen.at(-1) !== status) healthSeen.push(status)
            return status
          },
          { timeout: 90_000, interval: 100 },
        )
        .toBe(200)
      expect(healthSeen).toEqual([503, 200])
      expect(out).toMatch(/ready in/)
      expect(fs.existsSync(path.join(dir, 'renewmap.lock'))).toBe(true)
      child.kill('SIGTERM')
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
      expect(code).toBe(0)
      expect(out).toMatch(/closed cleanly/)
      expect(fs.existsSync(path.join(dir, 'renewmap.lock'))).toBe(false)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
