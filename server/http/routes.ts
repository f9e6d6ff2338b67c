import express, { type Response, type Router } from 'express'
import { actionsForCommunityPatch } from '../../core/auth/community-fields.js'
import { parseWith } from '../../core/contracts/common.js'
import {
  communityFilterSchema,
  communityListQuerySchema,
  communityPatchSchema,
  idParamSchema,
  progressReportSchema,
  stageDatesPatchSchema,
  stageParamSchema,
} from '../../core/contracts/communities.js'
import { districtQuerySchema, facilityQuerySchema, streetQuerySchema } from '../../core/contracts/reference.js'
import type { AppConfig } from '../config.js'
import type { Database } from '../db/types.js'
import {
  appendProgressReport,
  getCommunityDetail,
  getCommunityScope,
  listCommunities,
  listCommunitiesGeoJson,
  listProgressReports,
  patchCommunity,
  patchStageDates,
} from '../services/communities.js'
import { adminGeoJson, getDatasetMeta, listDistricts, listFacilities, listStreets } from '../services/reference.js'
import { computeSummary } from '../services/summary.js'
import { actorOf, permit } from './auth.js'
import { requireValid } from './errors.js'

export interface RouteDeps {
  db: Database
  config: AppConfig
  /** Called after a write has committed, with the tile layers it changed. */
  onDataChanged: (layers: string[]) => void
}

const sendGeoJson = (res: Response, text: string) => res.type('application/geo+json').send(text)

/**
 * Thin routes: parse with a core contract, ask `permit` (core's authorize) for the action and the record's
 * place, call a service, respond. Errors go to the one error handler.
 */
export function apiRouter({ db, config, onDataChanged }: RouteDeps): Router {
  const r = express.Router()

  // Public: the login page shows which dataset this is.
  r.get('/meta', async (_req, res) => {
    res.json(await getDatasetMeta(db, config))
  })

  r.get('/districts', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(districtQuerySchema, req.query), 'query')
    if (q.format === 'geojson') return sendGeoJson(res, await adminGeoJson(db, 'districts'))
    res.json(await listDistricts(db))
  })

  r.get('/streets', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(streetQuerySchema, req.query), 'query')
    if (q.format === 'geojson') return sendGeoJson(res, await adminGeoJson(db, 'streets', q.district))
    res.json(await listStreets(db, q.district))
  })

  r.get('/facilities', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(facilityQuerySchema, req.query), 'query')
    const rows = await listFacilities(db, { types: q.type, status: q.status })
    if (q.format !== 'geojson') return res.json(rows)
    res.type('application/geo+json').json({
      type: 'FeatureCollection',
      features: rows.map(({ lon, lat, ...p }) => ({ type: 'Feature', id: p.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties: p })),
    })
  })

  r.get('/communities', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(communityListQuerySchema, req.query), 'query')
    if (q.format === 'geojson') return sendGeoJson(res, await listCommunitiesGeoJson(db, q))
    res.json(await listCommunities(db, q))
  })

  r.get('/communities/:id', async (req, res) => {
    permit(req, 'data.read')
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'community id')
    res.json(await getCommunityDetail(db, id))
  })

  r.patch('/communities/:id', async (req, res) => {
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'community id')
    permit(req, 'community.edit') // role first: a leader learns "read-only", not "bad field"
    const patch = requireValid(parseWith(communityPatchSchema, req.body), 'community update')
    const target = await getCommunityScope(db, id)
    for (const action of actionsForCommunityPatch(Object.keys(patch))) permit(req, action, target)
    const community = await patchCommunity(db, id, patch, actorOf(req))
    onDataChanged(['communities'])
    res.json(community)
  })

  r.patch('/communities/:id/stages/:stage', async (req, res) => {
    const { id, stage } = requireValid(parseWith(stageParamSchema, req.params), 'community id and stage')
    permit(req, 'schedule.edit')
    const patch = requireValid(parseWith(stageDatesPatchSchema, req.body), 'stage dates')
    permit(req, 'schedule.edit', await getCommunityScope(db, id))
    const record = await patchStageDates(db, id, stage, patch, actorOf(req))
    onDataChanged(['communities'])
    res.json(record)
  })

  r.get('/communities/:id/progress', async (req, res) => {
    permit(req, 'data.read')
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'community id')
    await getCommunityScope(db, id) // 404 for an unknown community rather than an empty list
    res.json(await listProgressReports(db, id))
  })

  r.post('/communities/:id/progress', async (req, res) => {
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'community id')
    permit(req, 'progress.report')
    const body = requireValid(parseWith(progressReportSchema, req.body), 'progress report')
    permit(req, 'progress.report', await getCommunityScope(db, id))
    const result = await appendProgressReport(db, id, body, actorOf(req))
    onDataChanged(['communities'])
    res.status(201).json(result)
  })

  r.get('/summary', async (req, res) => {
    permit(req, 'data.read')
    const f = requireValid(parseWith(communityFilterSchema, req.query), 'query')
    res.json(await computeSummary(db, f))
  })

  return r
}
