import express, { type Request, type Response, type Router } from 'express'
import { z } from 'zod'
import { parseWith } from '../../core/contracts/common.js'
import { templateQuerySchema, weeklyReportQuerySchema } from '../../core/contracts/schedule.js'
import type { AppConfig } from '../config.js'
import type { Database } from '../db/types.js'
import { applyBulkProgress, reportDateLimit, validateBulkProgress } from '../services/progress-bulk.js'
import { checkTemplateDate, progressTemplateXlsx } from '../services/progress-template.js'
import { datasetPlanYear } from '../services/reference.js'
import { scheduleToday, type ScheduleStore } from '../services/schedule.js'
import { weeklyReportXlsx } from '../services/weekly-report.js'
import { actorOf, permit } from './auth.js'
import { HttpError, requireValid } from './errors.js'

export interface ProgressRouteDeps {
  db: Database
  config: AppConfig
  /** The schedule cache shared with the schedule routes (the report date limit and the weekly report read it). */
  store: ScheduleStore
  /** Called after a write has committed, with the tile layers it changed. */
  onDataChanged: (layers: string[]) => void
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** What browsers and tools send for an .xlsx body (some send the old Excel type or none at all). */
const UPLOAD_TYPES = new Set([XLSX_TYPE, 'application/octet-stream', 'application/vnd.ms-excel'])

const bulkQuerySchema = z.object({ mode: z.enum(['validate', 'apply']).default('validate') }).strict()

/** attachment with an ASCII fallback name and the real (Chinese) one per RFC 5987. */
function sendXlsx(res: Response, file: Buffer, name: string, asciiName: string) {
  res.setHeader('Content-Type', XLSX_TYPE)
  res.setHeader('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`)
  res.setHeader('Cache-Control', 'no-store')
  res.send(file)
}

/** File names keep letters (any script), digits and a few marks. */
const fileSafe = (s: string) => s.replace(/[^\p{L}\p{N}_.-]+/gu, '_')

/** Bulk weekly progress by XLSX (template, validate, apply) and the weekly report export. */
export function progressRouter({ db, config, store, onDataChanged }: ProgressRouteDeps): Router {
  const r = express.Router()
  const planYear = () => datasetPlanYear(db)

  r.get('/progress/template', async (req, res) => {
    const principal = permit(req, 'progress.report')
    const q = requireValid(parseWith(templateQuerySchema, req.query), 'query')
    // Scoped users get their own area; asking for another district is refused, not silently narrowed.
    if (q.districtId !== undefined && q.districtId !== principal.districtId) permit(req, 'progress.report', { districtId: q.districtId, streetId: null })
    let districtId: number | null = q.districtId ?? null
    let streetId: number | null = null
    if (principal.role === 'district_staff') districtId = principal.districtId
    if (principal.role === 'street_staff') {
      districtId = null
      streetId = principal.streetId
    }
    let place = q.lang === 'zh' ? '全市' : 'city'
    if (streetId !== null) {
      const s = await db.query<{ name: string }>('SELECT name FROM streets WHERE id = $1', [streetId])
      place = s[0]?.name ?? `street-${streetId}`
    } else if (districtId !== null) {
      const d = await db.query<{ name: string }>('SELECT name FROM districts WHERE id = $1', [districtId])
      if (!d[0]) throw new HttpError(400, 'invalid_request', `District ${districtId} does not exist`)
      place = d[0].name
    }
    const year = await planYear()
    const maxDate = await reportDateLimit(store, year)
    const reportDate = q.reportDate ?? scheduleToday(await store.inputs(year))
    checkTemplateDate(reportDate, maxDate)
    const { file } = await progressTemplateXlsx(db, { planYear: year, lang: q.lang, reportDate, districtId, streetId })
    const name = q.lang === 'zh' ? `进度填报模板-${fileSafe(place)}-${reportDate}.xlsx` : `progress-template-${fileSafe(place)}-${reportDate}.xlsx`
    sendXlsx(res, file, name, `progress-template-${reportDate}.xlsx`)
  })

  // Role first, so a read-only user learns that before uploading 5 MB; the body parser runs on this route only.
  const canReport = (req: Request, _res: Response, next: express.NextFunction) => {
    permit(req, 'progress.report')
    next()
  }
  const rawXlsx = express.raw({ limit: '5mb', type: (req) => UPLOAD_TYPES.has(String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()) })
  r.post('/progress/bulk', canReport, rawXlsx, async (req, res) => {
    const principal = permit(req, 'progress.report')
    const { mode } = requireValid(parseWith(bulkQuerySchema, req.query), 'query')
    if (!Buffer.isBuffer(req.body)) {
      throw new HttpError(415, 'unsupported_media_type', `Send the .xlsx file as the request body with Content-Type ${XLSX_TYPE}`)
    }
    const file = req.body as Buffer
    const ctx = { principal, maxDate: await reportDateLimit(store, await planYear()) }
    if (mode === 'validate') {
      res.json(await validateBulkProgress(db, file, ctx))
      return
    }
    const { ok, report } = await applyBulkProgress(db, file, ctx, actorOf(req))
    if (ok && report.applied) onDataChanged(['communities'])
    res.status(ok ? 200 : 422).json(report)
  })

  r.get('/reports/weekly.xlsx', async (req, res) => {
    permit(req, 'data.export')
    const q = requireValid(parseWith(weeklyReportQuerySchema, req.query), 'query')
    const report = await weeklyReportXlsx(store, q.year ?? (await planYear()), q.asOf, q.lang)
    const name = q.lang === 'zh' ? `老旧小区改造周报-${report.planYear}-${report.asOf}.xlsx` : `weekly-report-${report.planYear}-${report.asOf}.xlsx`
    sendXlsx(res, report.file, name, `weekly-report-${report.planYear}-${report.asOf}.xlsx`)
  })

  return r
}
