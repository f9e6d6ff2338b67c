import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { RawReport, ScheduleResponse, ScheduleSummaryResponse } from '../../core/contracts/schedule.js'
import { editFirstSheet, rowOfCommunity } from '../helpers/progress-xlsx.js'
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

describe('dashboard, large screen and progress upload', () => {
  it('the dashboard and the large screen show the numbers of the schedule summary', async () => {
    const app = await openApp(browser, baseUrl, { as: 'leader' })
    try {
      const { page } = app
      await page.getByTestId('nav-dashboard').click()
      const root = page.getByTestId('dashboard-page')
      await expect.poll(() => root.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready')
      const sum = (await admin.json<ScheduleSummaryResponse>('/api/schedule/summary')).body
      expect(numberIn(await textOf(page, 'dashboard-kpi-started'))).toBe(sum.kpis.started.value)
      expect(numberIn(await textOf(page, 'dashboard-kpi-completed'))).toBe(sum.kpis.completed.value)
      expect(numberIn(await textOf(page, 'dashboard-kpi-late'))).toBe(sum.statusCounts.late)
      expect(await page.getByTestId(`dashboard-late-row-${sum.late[0].communityId}`).count()).toBe(1)
      const href = await page.getByTestId('dashboard-export-xlsx').getAttribute('href')
      const xlsx = await admin.get(href!.replace(baseUrl, ''))
      expect(xlsx.status).toBe(200)
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')

      await page.goto(`${baseUrl}/screen`)
      const screen = page.getByTestId('screen-page')
      await expect.poll(() => screen.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready')
      expect(numberIn(await textOf(page, 'screen-kpi-late'))).toBe(sum.statusCounts.late)
      expect(numberIn(await textOf(page, 'screen-kpi-completed'))).toBe(sum.kpis.completed.value)
      expect(app.errors.filter((e) => !e.includes('/api/events'))).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('district staff fill in the downloaded template, see the validation report and apply it all at once', async () => {
    const app = await openApp(browser, baseUrl, { as: 'district' })
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renewmap-e2e-xlsx-'))
    try {
      const { page } = app
      await page.getByTestId('nav-progress').click()
      await page.getByTestId('progress-page').waitFor({ timeout: 30_000 })
      const href = await page.getByTestId('progress-template-link').getAttribute('href')
      const district = await signIn(baseUrl, 'district')
      const template = Buffer.from(await (await district.get(href!.replace(baseUrl, ''))).arrayBuffer())
      const today = (await admin.json<ScheduleResponse>('/api/schedule')).body.today
      const me = (await district.json('/api/auth/me')).body.user
      const rows = (await admin.json<ScheduleResponse>(`/api/schedule?districtId=${me.districtId}`)).body.rows
      const picked = rows.filter((r) => r.stage === 'construction' && r.progressPct <= 80).slice(0, 2)
      expect(picked).toHaveLength(2)
      const filled = await editFirstSheet(template, (ws, col) => {
        // Only the two picked communities report: the other rows are blanked (a row left as pre-filled but dated
        // after its last report re-confirms the stage for that week, which is a report too).
        const ids = new Set(picked.map((r) => r.communityId))
        ws.eachRow((row, n) => {
          if (n === 1 || ids.has(Number(row.getCell(1).value))) return
          row.getCell(col('本周阶段')).value = null
          row.getCell(col('本周进度%')).value = null
        })
        for (const r of picked) {
          const row = rowOfCommunity(ws, r.communityId)
          row.getCell(col('本周进度%')).value = r.progressPct + 10
          row.getCell(col('填报日期')).value = today
          row.getCell(col('备注')).value = '端到端测试：批量填报'
        }
      })
      const file = path.join(dir, '进度填报.xlsx')
      fs.writeFileSync(file, filled)
      const before = (await admin.json<{ reports: RawReport[] }>(`/api/progress/reports?from=${today}&limit=200000`)).body.reports.length

      await page.getByTestId('progress-file-input').setInputFiles(file)
      await page.getByTestId('progress-validate').click()
      const report = page.getByTestId('progress-report')
      await expect.poll(() => report.getAttribute('data-to-apply'), { timeout: 30_000 }).toBe('2')
      expect(await report.getAttribute('data-errors')).toBe('0')
      // Validation wrote nothing.
      expect((await admin.json<{ reports: RawReport[] }>(`/api/progress/reports?from=${today}&limit=200000`)).body.reports.length).toBe(before)
      await page.getByTestId('progress-apply').click()
      await page.getByTestId('progress-result').waitFor({ timeout: 30_000 })
      const after = (await admin.json<{ reports: RawReport[] }>(`/api/progress/reports?from=${today}&limit=200000`)).body.reports
      expect(after.length).toBe(before + 2)
      for (const r of picked) {
        expect(after.some((x) => x.communityId === r.communityId && x.progressPct === r.progressPct + 10 && x.note === '端到端测试：批量填报')).toBe(true)
      }
    } finally {
      await app.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
