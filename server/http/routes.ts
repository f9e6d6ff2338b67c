import express, { type Request, type Response, type Router } from 'express'
import { parseWith } from '../../core/contracts/common.js'
import {
  communityFilterSchema,
  communityListQuerySchema,
  communityPatchSchema,
  idParamSchema,
  progressReportSchema,
} from '../../core/contracts/communities.js'
import { districtQuerySchema, facilityQuerySchema, streetQuerySchema } from '../../core/contracts/reference.js'
import type { AppConfig } from '../config.js'
import type { Database } from '../db/types.js'
import {
  appendProgressReport,
  getCommunityDetail,
  listCommunities,
  listCommunitiesGeoJson,
  listProgressReports,
  patchCommunity,
} from '../services/communities.js'
import { adminGeoJson, getDatasetMeta, listDistricts, listFacilities, listStreets } from '../services/reference.js'
import { computeSummary } from '../services/summary.js'
import { requireValid } from './errors.js'

export interface RouteDeps {
  db: Database
  config: AppConfig
  /** Called after a write has committed, with the tile layers it changed. */
  onDataChanged: (layers: string[]) => void
}

const sendGeoJson = (res: Response, text: string) => res.type('application/geo+json').send(text)

/** Who is writing. Until accounts exist (users-and-roles issue) the reporter names themselves or is anonymous. */
const actorOf = (req: Request, named?: string) => named || req.get('x-reporter') || '匿名'

/** Thin routes: parse with a core contract, call a service, respond. Errors go to the one error handler. */
export function apiRouter({ db, config, onDataChanged }: RouteDeps): Router {
  const r = express.Router()

  r.get('/meta', async (_req, res) => {
    res.json(await getDatasetMeta(db, config))
  })

  r.get('/districts', async (req, res) => {
    const q = requireValid(parseWith(districtQuerySchema, req.query), 'query')
    if (q.format === 'geojson') return sendGeoJson(res, await adminGeoJson(db, 'districts'))
    res.json(await listDistricts(db))
  })

  r.get('/streets', async (req, res) => {
    const q = requireValid(parseWith(streetQuerySchema, req.query), 'query')
    if (q.format === 'geojson') return sendGeoJson(res, await adminGeoJson(db, 'streets', q.district))
    res.json(await listStreets(db, q.district))
  })

  r.get('/facilities', async (req, res) => {
    const q = requireValid(parseWith(facilityQuerySchema, req.query), 'query')
    const rows = await listFacilities(db, { types: q.type, status: q.status })
    if (q.format !== 'geojson') return res.json(rows)
    res.type('application/geo+json').json({
      type: 'FeatureCollection',
      features: rows.map(({ lon, lat, ...p }) => ({ type: 'Feature', id: p.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties: p })),
    })
  })

  r.get('/communities', async (req, res) => {
    const q = requireValid(parseWith(communityListQuerySchema, req.query), 'query')
    if (q.format === 'geojson') return sendGeoJson(res, await listCommunitiesGeoJson(db, q))
    res.json(await listCommunities(db, q))
  })

  r.get('/communities/:id', async (req, res) => {
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'community id')
    res.json(await getCommunityDetail(db, id))
  })

  r.patch('/communities/:id', async (req, res) => {
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'community id')
    const patch = requireValid(parseWith(communityPatchSchema, req.body), 'community update')
    const community = await patchCommunity(db, id, patch)
    onDataChanged(['communities'])
    res.json(community)
  })

  r.get('/communities/:id/progress', async (req, res) => {
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'community id')
    await getCommunityDetail(db, id) // 404 for an unknown community rather than an empty list
    res.json(await listProgressReports(db, id))
  })

  r.post('/communities/:id/progress', async (req, res) => {
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'community id')
    const body = requireValid(parseWith(progressReportSchema, req.body), 'progress report')
    const result = await appendProgressReport(db, id, body, actorOf(req, body.reportedBy))
    onDataChanged(['communities'])
    res.status(201).json(result)
  })

  r.get('/summary', async (req, res) => {
    const f = requireValid(parseWith(communityFilterSchema, req.query), 'query')
    res.json(await computeSummary(db, f))
  })

  return r
}
