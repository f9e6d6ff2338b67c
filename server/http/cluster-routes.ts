import express, { type Router } from 'express'
import { parseWith } from '../../core/contracts/common.js'
import {
  acceptProposalsSchema,
  clusterCheckSchema,
  clusterCreateSchema,
  clusterDeleteQuerySchema,
  clusterIdParamSchema,
  clusterListQuerySchema,
  clusterMergeSchema,
  clusterPatchSchema,
  clusterSplitSchema,
  packageCreateSchema,
  packageListQuerySchema,
  packagePatchSchema,
  proposalRequestSchema,
} from '../../core/contracts/clusters.js'
import type { Database } from '../db/types.js'
import {
  acceptProposals,
  checkClusterDraft,
  clustersGeoJson,
  createCluster,
  deleteCluster,
  getCluster,
  listClusters,
  mergeClusters,
  patchCluster,
  proposeForCity,
  splitCluster,
} from '../services/clusters.js'
import { datasetPlanYear } from '../services/reference.js'
import { createPackage, deletePackage, listPackages, packagesXlsx, patchPackage } from '../services/tender-packages.js'
import type { WalkingAnalysisStore } from '../services/walking-network.js'
import type { AppConfig } from '../config.js'
import { actorOf, permit } from './auth.js'
import { requireValid } from './errors.js'

export interface ClusterRouteDeps {
  db: Database
  config: AppConfig
  store: WalkingAnalysisStore
  onDataChanged: (layers: string[]) => void
}

/** 片区 (read: everyone signed in; write: cluster.edit; proposals: analysis.run) and tender packages. */
export function clusterRouter({ db, config, store, onDataChanged }: ClusterRouteDeps): Router {
  const r = express.Router()
  const planYear = () => datasetPlanYear(db)

  r.get('/clusters', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(clusterListQuerySchema, req.query), 'query')
    const year = q.year ?? (await planYear())
    if (q.format === 'geojson') return res.type('application/geo+json').json(await clustersGeoJson(db, store, year))
    res.json(await listClusters(db, store, year))
  })

  r.get('/clusters/:id', async (req, res) => {
    permit(req, 'data.read')
    const { id } = requireValid(parseWith(clusterIdParamSchema, req.params), '片区 id')
    res.json(await getCluster(db, store, id))
  })

  r.post('/clusters/check', async (req, res) => {
    permit(req, 'data.read')
    const body = requireValid(parseWith(clusterCheckSchema, req.body), '片区 check')
    res.json(await checkClusterDraft(db, store, body))
  })

  r.post('/clusters/proposals', async (req, res) => {
    permit(req, 'analysis.run')
    const body = requireValid(parseWith(proposalRequestSchema, req.body), 'proposal request')
    res.json(await proposeForCity(db, store, body))
  })

  r.post('/clusters/accept', async (req, res) => {
    permit(req, 'cluster.edit')
    const body = requireValid(parseWith(acceptProposalsSchema, req.body), 'proposals to accept')
    const rows = await acceptProposals(db, store, body, actorOf(req))
    onDataChanged(['clusters'])
    res.status(201).json(rows)
  })

  r.post('/clusters', async (req, res) => {
    permit(req, 'cluster.edit')
    const body = requireValid(parseWith(clusterCreateSchema, req.body), '片区')
    const row = await createCluster(db, store, body, actorOf(req))
    onDataChanged(['clusters'])
    res.status(201).json(row)
  })

  r.patch('/clusters/:id', async (req, res) => {
    const { id } = requireValid(parseWith(clusterIdParamSchema, req.params), '片区 id')
    permit(req, 'cluster.edit')
    const patch = requireValid(parseWith(clusterPatchSchema, req.body), '片区 update')
    const row = await patchCluster(db, store, id, patch, actorOf(req))
    onDataChanged(['clusters'])
    res.json(row)
  })

  r.post('/clusters/:id/split', async (req, res) => {
    const { id } = requireValid(parseWith(clusterIdParamSchema, req.params), '片区 id')
    permit(req, 'cluster.edit')
    const body = requireValid(parseWith(clusterSplitSchema, req.body), '片区 split')
    const result = await splitCluster(db, store, id, body, actorOf(req))
    onDataChanged(['clusters'])
    res.status(201).json(result)
  })

  r.post('/clusters/:id/merge', async (req, res) => {
    const { id } = requireValid(parseWith(clusterIdParamSchema, req.params), '片区 id')
    permit(req, 'cluster.edit')
    const body = requireValid(parseWith(clusterMergeSchema, req.body), '片区 merge')
    const row = await mergeClusters(db, store, id, body, actorOf(req))
    onDataChanged(['clusters'])
    res.json(row)
  })

  r.delete('/clusters/:id', async (req, res) => {
    const { id } = requireValid(parseWith(clusterIdParamSchema, req.params), '片区 id')
    permit(req, 'cluster.edit')
    const { version } = requireValid(parseWith(clusterDeleteQuerySchema, req.query), 'query')
    await deleteCluster(db, id, version, actorOf(req))
    onDataChanged(['clusters'])
    res.status(204).end()
  })

  r.get('/packages', async (req, res) => {
    permit(req, 'data.read')
    const q = requireValid(parseWith(packageListQuerySchema, req.query), 'query')
    const year = q.year ?? (await planYear())
    if (q.format === 'xlsx') {
      permit(req, 'data.export')
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      res.setHeader('Content-Disposition', `attachment; filename="tender-packages-${year}.xlsx"`)
      res.setHeader('Cache-Control', 'no-store')
      return res.send(await packagesXlsx(db, year, q.lang))
    }
    res.json(await listPackages(db, year))
  })

  r.post('/packages', async (req, res) => {
    permit(req, 'cluster.edit')
    const body = requireValid(parseWith(packageCreateSchema, req.body), 'package')
    res.status(201).json(await createPackage(db, body, actorOf(req)))
  })

  r.patch('/packages/:id', async (req, res) => {
    const { id } = requireValid(parseWith(clusterIdParamSchema, req.params), 'package id')
    permit(req, 'cluster.edit')
    const patch = requireValid(parseWith(packagePatchSchema, req.body), 'package update')
    res.json(await patchPackage(db, id, patch, actorOf(req)))
  })

  r.delete('/packages/:id', async (req, res) => {
    const { id } = requireValid(parseWith(clusterIdParamSchema, req.params), 'package id')
    permit(req, 'cluster.edit')
    const { version } = requireValid(parseWith(clusterDeleteQuerySchema, req.query), 'query')
    await deletePackage(db, id, version, actorOf(req))
    res.status(204).end()
  })

  return r
}
