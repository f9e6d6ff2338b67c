import express, { type Router } from 'express'
import { parseWith } from '../../core/contracts/common.js'
import { idParamSchema } from '../../core/contracts/communities.js'
import {
  coverageExportQuerySchema,
  coverageQuerySchema,
  facilityCreateSchema,
  facilityDeleteQuerySchema,
  facilityPatchSchema,
  isochroneQuerySchema,
  networkQuerySchema,
  routeQuerySchema,
  sitingRequestSchema,
  whatIfRequestSchema,
} from '../../core/contracts/coverage.js'
import type { Database } from '../db/types.js'
import { coverageCsv, coverageXlsx } from '../services/coverage-export.js'
import { compareWhatIf, computeCoverage, computeIsochrones, getNetworkGeoJson, getNetworkInfo, routeBetween, suggestSites } from '../services/coverage.js'
import { createFacility, deleteFacility, getFacility, patchFacility } from '../services/facilities.js'
import type { WalkingAnalysisStore } from '../services/walking-network.js'
import { actorOf, permit } from './auth.js'
import { requireValid } from './errors.js'

export interface CoverageRouteDeps {
  db: Database
  store: WalkingAnalysisStore
  onDataChanged: (layers: string[]) => void
}

/** The walking network, coverage, isochrones, siting and what-if (analysis.run), and facility edits (facility.edit). */
export function coverageRouter({ db, store, onDataChanged }: CoverageRouteDeps): Router {
  const r = express.Router()

  r.get('/network', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(networkQuerySchema, req.query), 'query')
    if (q.format === 'geojson') return res.type('application/geo+json').send(await getNetworkGeoJson(store))
    res.json(await getNetworkInfo(store))
  })

  r.get('/network/route', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(routeQuerySchema, req.query), 'query')
    res.json(await routeBetween(store, q.from, q.to, q.profile))
  })

  r.get('/coverage', async (req, res) => {
    permit(req, 'analysis.run')
    const q = requireValid(parseWith(coverageQuerySchema, req.query), 'query')
    res.json(await computeCoverage(store, q))
  })

  r.get('/coverage/isochrones', async (req, res) => {
    permit(req, 'analysis.run')
    const q = requireValid(parseWith(isochroneQuerySchema, req.query), 'query')
    res.type('application/geo+json').json(await computeIsochrones(store, q))
  })

  r.get('/coverage/export', async (req, res) => {
    permit(req, 'analysis.run')
    permit(req, 'data.export')
    const q = requireValid(parseWith(coverageExportQuerySchema, req.query), 'query')
    const cov = await computeCoverage(store, q)
    const snap = await store.snapshot()
    const name = `coverage-${q.type}-${cov.thresholdMinutes}min-${new Date().toISOString().slice(0, 10)}`
    res.setHeader('Cache-Control', 'no-store')
    if (q.format === 'xlsx') {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`)
      return res.send(await coverageXlsx(cov, snap, q.lang))
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8')
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`)
    res.send(coverageCsv(cov, snap, q.lang))
  })

  r.post('/coverage/siting', async (req, res) => {
    permit(req, 'analysis.run')
    const body = requireValid(parseWith(sitingRequestSchema, req.body), 'siting request')
    res.json(await suggestSites(store, body))
  })

  r.post('/coverage/what-if', async (req, res) => {
    permit(req, 'analysis.run')
    const body = requireValid(parseWith(whatIfRequestSchema, req.body), 'what-if request')
    res.json(await compareWhatIf(store, body))
  })

  r.post('/facilities', async (req, res) => {
    permit(req, 'facility.edit')
    const body = requireValid(parseWith(facilityCreateSchema, req.body), 'facility')
    const created = await createFacility(db, body, actorOf(req))
    onDataChanged(['facilities'])
    res.status(201).json(created)
  })

  r.get('/facilities/:id', async (req, res) => {
    permit(req, 'data.read')
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'facility id')
    res.json(await getFacility(db, id))
  })

  r.patch('/facilities/:id', async (req, res) => {
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'facility id')
    permit(req, 'facility.edit')
    const patch = requireValid(parseWith(facilityPatchSchema, req.body), 'facility update')
    await getFacility(db, id)
    const updated = await patchFacility(db, id, patch, actorOf(req))
    onDataChanged(['facilities'])
    res.json(updated)
  })

  r.delete('/facilities/:id', async (req, res) => {
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'facility id')
    permit(req, 'facility.edit')
    const { version } = requireValid(parseWith(facilityDeleteQuerySchema, req.query), 'query')
    await deleteFacility(db, id, version, actorOf(req))
    onDataChanged(['facilities'])
    res.status(204).end()
  })

  return r
}
