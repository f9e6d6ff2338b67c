import express, { type Router } from 'express'
import { intParam, parseWith } from '../../core/contracts/common.js'
import { planYearPutSchema, reportsQuerySchema, scheduleQuerySchema, type ServerEvent } from '../../core/contracts/schedule.js'
import { z } from 'zod'
import type { AppConfig } from '../config.js'
import type { Database } from '../db/types.js'
import type { EventHub } from '../services/events.js'
import { datasetPlanYear } from '../services/reference.js'
import { getPlanYear, getSchedule, getScheduleSummary, listRawReports, putPlanYear, type ScheduleStore } from '../services/schedule.js'
import { actorOf, permit } from './auth.js'
import { requireValid } from './errors.js'

export interface ScheduleRouteDeps {
  db: Database
  config: AppConfig
  store: ScheduleStore
  events: EventHub
  /** Seconds between keep-alive comments on the event stream (proxies close silent connections). */
  heartbeatSeconds?: number
}

const yearParamSchema = z.object({ year: intParam(1990, 2100) })

/** The schedule, the raw progress history, plan-year settings and the server-push channel (issue 6). */
export function scheduleRouter({ db, config, store, events, heartbeatSeconds = 20 }: ScheduleRouteDeps): Router {
  const r = express.Router()
  const planYear = () => datasetPlanYear(db)

  r.get('/schedule', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(scheduleQuerySchema, req.query), 'query')
    res.json(await getSchedule(store, q.year ?? (await planYear()), q, q.asOf))
  })

  r.get('/schedule/summary', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(scheduleQuerySchema, req.query), 'query')
    res.json(await getScheduleSummary(store, q.year ?? (await planYear()), q, q.asOf))
  })

  r.get('/progress/reports', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(reportsQuerySchema, req.query), 'query')
    res.json(await listRawReports(db, q))
  })

  r.get('/plan-years/:year', async (req, res) => {
    permit(req, 'data.read')
    const { year } = requireValid(parseWith(yearParamSchema, req.params), 'year')
    res.json(await getPlanYear(db, year))
  })

  r.put('/plan-years/:year', async (req, res) => {
    permit(req, 'programme.edit')
    const { year } = requireValid(parseWith(yearParamSchema, req.params), 'year')
    const body = requireValid(parseWith(planYearPutSchema, req.body), 'plan-year settings')
    res.json(await putPlanYear(db, year, body, actorOf(req)))
  })

  // Server push (Server-Sent Events): one `ready` once notifications flow, then `progress` and `plan_year`
  // events as writes commit in any API process. EventSource reconnects on its own; clients refetch on `ready`.
  r.get('/events', async (req, res) => {
    permit(req, 'data.read')
    res.status(200)
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8')
    // no-transform keeps the compression middleware (and proxies) from buffering the stream.
    res.setHeader('Cache-Control', 'no-cache, no-transform')
    res.setHeader('X-Accel-Buffering', 'no')
    res.setHeader('Connection', 'keep-alive')
    res.flushHeaders()
    res.write('retry: 3000\n\n')
    let closed = false
    const send = (e: ServerEvent) => {
      if (!closed) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`)
    }
    const heartbeat = setInterval(() => !closed && res.write(': keep-alive\n\n'), heartbeatSeconds * 1000)
    let unsubscribe: (() => void) | null = null
    req.on('close', () => {
      closed = true
      clearInterval(heartbeat)
      unsubscribe?.()
    })
    try {
      unsubscribe = await events.subscribe(send)
    } catch (e) {
      if (!closed) res.write(`event: error\ndata: ${JSON.stringify({ message: (e as Error).message })}\n\n`)
      clearInterval(heartbeat)
      res.end()
      return
    }
    if (closed) unsubscribe()
    else res.write(`event: ready\ndata: {}\n\n`)
  })

  return r
}
