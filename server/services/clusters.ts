import { checkClusterMembers } from '../../core/clusters/check.js'
import { proposeClusters } from '../../core/clusters/propose.js'
import {
  DEFAULT_CLUSTER_RULES,
  type AcceptProposals,
  type ClusterCheckResponse,
  type ClusterCreate,
  type ClusterFlag,
  type ClusterGeoJson,
  type ClusterListResponse,
  type ClusterPatch,
  type ClusterRow,
  type ClusterStats,
  type ClusterStatus,
  type ProposalRequest,
  type ProposalResponse,
} from '../../core/contracts/clusters.js'
import type { MultiPolygon } from '../../core/domain/geo.js'
import type { Stage } from '../../core/domain/stages.js'
import type { Database, Queryable } from '../db/types.js'
import { badRequest, conflict, HttpError } from '../http/errors.js'
import { appendAudit, lastChangeOf, type Actor } from './audit.js'
import { indicesOf, loadCommunityGraph, type CommunityGraph } from './cluster-graph.js'
import { computeCoverage } from './coverage.js'
import type { WalkingAnalysisStore } from './walking-network.js'

/**
 * 片区: saved, versioned and audited like every editable record. A community is in at most one 片区 per
 * plan year (a unique key); adding it elsewhere moves it, unless its 片区 is approved (locked). The
 * outline is recomputed from the members in the same transaction.
 */

const RULES = { ...DEFAULT_CLUSTER_RULES }
/** Built before this year counts as eligible (DOMAIN.md: built before 2000). */
const ELIGIBLE_BEFORE_YEAR = 2000
const PALETTE_SIZE = 10

interface ClusterRecord {
  id: number
  name: string
  year: number
  status: ClusterStatus
  notes: string
  version: number
  updatedAt: string
}

interface MemberFacts {
  communityId: number
  clusterId: number
  buildings: number
  households: number
  residents: number
  floorAreaM2: number
  investmentPlannedWan: number
  stage: Stage
}

const lockedError = (c: { id: number; name: string }) =>
  new HttpError(409, 'cluster_locked', `片区 ${c.name} (${c.id}) is approved and locked: change its status first`, { clusterId: c.id })

async function bumpClusters(tx: Queryable) {
  await tx.query("UPDATE layer_versions SET version = version + 1 WHERE layer = 'clusters'")
}

/** Members unioned, gaps narrower than gapM closed (dilate then erode on the geography), valid polygons only. */
async function updateGeometry(tx: Queryable, clusterId: number, gapM: number) {
  await tx.query(
    `UPDATE clusters k SET geom = (
       SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(
                ST_Buffer(ST_Buffer(ST_Union(c.geom)::geography, $2)::geography, -$2)::geometry), 3))
       FROM cluster_members m JOIN communities c ON c.id = m.community_id WHERE m.cluster_id = k.id)
     WHERE k.id = $1`,
    [clusterId, gapM / 2],
  )
}

async function lockCluster(tx: Queryable, id: number): Promise<ClusterRecord & { memberIds: number[] }> {
  const rows = await tx.query<ClusterRecord>(
    `SELECT id, name, plan_year AS year, status, notes, version, updated_at::text AS "updatedAt" FROM clusters WHERE id = $1 FOR UPDATE`,
    [id],
  )
  if (rows.length === 0) throw new HttpError(404, 'not_found', `片区 ${id} does not exist`)
  const members = await tx.query<{ id: number }>('SELECT community_id AS id FROM cluster_members WHERE cluster_id = $1 ORDER BY community_id', [id])
  return { ...rows[0], memberIds: members.map((m) => m.id) }
}

async function clusterConflict(tx: Queryable, cur: ClusterRecord, sent: number): Promise<HttpError> {
  return conflict(`片区 ${cur.id} was changed by someone else (version ${cur.version}, you sent ${sent})`, {
    current: cur,
    lastChange: await lastChangeOf(tx, 'cluster', cur.id),
  })
}

async function requireCommunities(tx: Queryable, ids: readonly number[]) {
  const found = await tx.query<{ id: number }>('SELECT id FROM communities WHERE id = ANY($1::int[])', [ids])
  if (found.length !== new Set(ids).size) {
    const known = new Set(found.map((f) => f.id))
    throw badRequest(`Unknown communities: ${ids.filter((id) => !known.has(id)).join(', ')}`, { unknown: ids.filter((id) => !known.has(id)) })
  }
}

/**
 * Takes communities for a 片区 (or for a new one, `forClusterId` null): removes them from other 片区 of the
 * year (refused when one of those is approved), deleting a 片区 left empty. Each loser is audited.
 */
async function claimMembers(tx: Queryable, year: number, memberIds: readonly number[], forClusterId: number | null, actor: Actor) {
  const taken = await tx.query<{ communityId: number; clusterId: number; status: ClusterStatus; name: string }>(
    `SELECT m.community_id AS "communityId", k.id AS "clusterId", k.status, k.name
     FROM cluster_members m JOIN clusters k ON k.id = m.cluster_id
     WHERE m.plan_year = $1 AND m.community_id = ANY($2::int[]) AND k.id <> $3
     ORDER BY k.id, m.community_id`,
    [year, memberIds, forClusterId ?? -1],
  )
  const losers = [...new Set(taken.map((t) => t.clusterId))]
  for (const id of losers) {
    const cur = await lockCluster(tx, id)
    if (cur.status === 'approved') throw lockedError(cur)
    const leaving = new Set(taken.filter((t) => t.clusterId === id).map((t) => t.communityId))
    const remaining = cur.memberIds.filter((m) => !leaving.has(m))
    await tx.query('DELETE FROM cluster_members WHERE cluster_id = $1 AND community_id = ANY($2::int[])', [id, [...leaving]])
    if (remaining.length === 0) {
      await tx.query('DELETE FROM clusters WHERE id = $1', [id])
      await appendAudit(tx, actor, { action: 'cluster.delete', entityType: 'cluster', entityId: id, before: { name: cur.name, memberIds: cur.memberIds, version: cur.version }, after: { reason: 'members moved' } })
    } else {
      await tx.query('UPDATE clusters SET version = version + 1, updated_at = now() WHERE id = $1', [id])
      await updateGeometry(tx, id, RULES.gapM)
      await appendAudit(tx, actor, {
        action: 'cluster.update',
        entityType: 'cluster',
        entityId: id,
        before: { memberIds: cur.memberIds, version: cur.version },
        after: { memberIds: remaining, version: cur.version + 1 },
      })
    }
  }
}

async function insertMembers(tx: Queryable, clusterId: number, year: number, memberIds: readonly number[]) {
  await tx.query(
    `INSERT INTO cluster_members (cluster_id, community_id, plan_year) SELECT $1, unnest($2::int[]), $3`,
    [clusterId, [...new Set(memberIds)].sort((a, b) => a - b), year],
  )
}

// ---- reading ----

async function memberFacts(db: Queryable, year: number, onlyIds: readonly number[] | null): Promise<MemberFacts[]> {
  return db.query<MemberFacts>(
    `SELECT m.community_id AS "communityId", m.cluster_id AS "clusterId", c.buildings, c.households, c.population AS residents,
            c.floor_area_m2 AS "floorAreaM2", c.investment_planned_wan AS "investmentPlannedWan", c.stage
     FROM cluster_members m JOIN communities c ON c.id = m.community_id
     WHERE m.plan_year = $1 AND ($2::int[] IS NULL OR m.cluster_id = ANY($2::int[])) ORDER BY m.cluster_id, m.community_id`,
    [year, onlyIds],
  )
}

function statsOf(members: readonly MemberFacts[]): Omit<ClusterStats, 'walkingCoverage'> {
  const stageMix: Partial<Record<Stage, number>> = {}
  let buildings = 0
  let households = 0
  let residents = 0
  let floorAreaM2 = 0
  let investmentPlannedWan = 0
  for (const m of members) {
    buildings += m.buildings
    households += m.households
    residents += m.residents
    floorAreaM2 += m.floorAreaM2
    investmentPlannedWan += m.investmentPlannedWan
    stageMix[m.stage] = (stageMix[m.stage] ?? 0) + 1
  }
  return { communities: members.length, buildings, households, residents, floorAreaM2, investmentPlannedWan: Math.round(investmentPlannedWan * 100) / 100, stageMix }
}

function flagsOf(graph: CommunityGraph, memberIds: readonly number[]): ClusterFlag[] {
  const { indices } = indicesOf(graph, memberIds)
  return checkClusterMembers(graph, indices, { minResidents: RULES.minResidents, maxResidents: RULES.maxResidents })
}

/** Resident-weighted share of members within the standard walk of the facility type (network or straight-line). */
async function coverageShares(store: WalkingAnalysisStore): Promise<{ kindergarten: Map<number, boolean>; elderlyCare: Map<number, boolean>; residents: Map<number, number> }> {
  const [k, e] = await Promise.all([
    computeCoverage(store, { type: 'kindergarten', profile: 'standard', planned: 'include' }),
    computeCoverage(store, { type: 'elderly_care', profile: 'standard', planned: 'include' }),
  ])
  return {
    kindergarten: new Map(k.rows.map((r) => [r.communityId, r.covered])),
    elderlyCare: new Map(e.rows.map((r) => [r.communityId, r.covered])),
    residents: new Map(k.rows.map((r) => [r.communityId, r.residents])),
  }
}

function shareOf(memberIds: readonly number[], covered: Map<number, boolean>, residents: Map<number, number>): number | null {
  let total = 0
  let served = 0
  for (const id of memberIds) {
    const r = residents.get(id) ?? 0
    total += r
    if (covered.get(id)) served += r
  }
  return total > 0 ? served / total : null
}

/** The 片区 of a year (or only those with the given ids, as a write answers with its own rows). */
export async function listClusters(db: Database, store: WalkingAnalysisStore, year: number, onlyIds: readonly number[] | null = null): Promise<ClusterListResponse> {
  const clusters = await db.query<ClusterRecord & { packageId: number | null; lx: number | null; ly: number | null }>(
    `SELECT k.id, k.name, k.plan_year AS year, k.status, k.notes, k.version, k.updated_at::text AS "updatedAt", p.package_id AS "packageId",
            ST_X(ST_PointOnSurface(k.geom)) AS lx, ST_Y(ST_PointOnSurface(k.geom)) AS ly
     FROM clusters k LEFT JOIN tender_package_members p ON p.cluster_id = k.id
     WHERE k.plan_year = $1 AND ($2::int[] IS NULL OR k.id = ANY($2::int[])) ORDER BY k.id`,
    [year, onlyIds],
  )
  const facts = await memberFacts(db, year, onlyIds)
  const byCluster = new Map<number, MemberFacts[]>()
  for (const f of facts) {
    const list = byCluster.get(f.clusterId)
    if (list) list.push(f)
    else byCluster.set(f.clusterId, [f])
  }
  const graph = await loadCommunityGraph(store, RULES.gapM)
  const coverage = await coverageShares(store)
  return {
    year,
    rules: { ...RULES },
    clusters: clusters.map(({ lx, ly, ...k }): ClusterRow => {
      const members = byCluster.get(k.id) ?? []
      const memberIds = members.map((m) => m.communityId)
      const stats = statsOf(members)
      return {
        ...k,
        memberIds,
        residents: stats.residents,
        stats: {
          ...stats,
          walkingCoverage: { kindergarten: shareOf(memberIds, coverage.kindergarten, coverage.residents), elderlyCare: shareOf(memberIds, coverage.elderlyCare, coverage.residents) },
        },
        flags: flagsOf(graph, memberIds),
        labelPoint: lx === null || ly === null ? null : [lx, ly],
      }
    }),
  }
}

/** Outlines for the map, coloured so that neighbouring 片区 differ (greedy colouring over member adjacency). */
export async function clustersGeoJson(db: Database, store: WalkingAnalysisStore, year: number): Promise<ClusterGeoJson> {
  const rows = await db.query<{ id: number; name: string; status: ClusterStatus; residents: number; g: string | null }>(
    `SELECT k.id, k.name, k.status, COALESCE(SUM(c.population), 0)::int AS residents, ST_AsGeoJSON(k.geom, 7) AS g
     FROM clusters k LEFT JOIN cluster_members m ON m.cluster_id = k.id LEFT JOIN communities c ON c.id = m.community_id
     WHERE k.plan_year = $1 GROUP BY k.id ORDER BY k.id`,
    [year],
  )
  const members = await db.query<{ clusterId: number; communityId: number }>('SELECT cluster_id AS "clusterId", community_id AS "communityId" FROM cluster_members WHERE plan_year = $1', [year])
  const graph = await loadCommunityGraph(store, RULES.gapM)
  const clusterOfIndex = new Map<number, number>()
  for (const m of members) {
    const i = graph.indexOf.get(m.communityId)
    if (i !== undefined) clusterOfIndex.set(i, m.clusterId)
  }
  const neighbours = new Map<number, Set<number>>()
  for (const [i, k] of clusterOfIndex) {
    const { offsets, neighbours: nb } = graph.adjacency
    for (let s = offsets[i]; s < offsets[i + 1]; s++) {
      const other = clusterOfIndex.get(nb[s])
      if (other !== undefined && other !== k) neighbours.set(k, (neighbours.get(k) ?? new Set()).add(other))
    }
  }
  const color = new Map<number, number>()
  for (const r of rows) {
    const used = new Set([...(neighbours.get(r.id) ?? [])].map((n) => color.get(n)).filter((c) => c !== undefined))
    let c = r.id % PALETTE_SIZE
    for (let k = 0; k < PALETTE_SIZE && used.has(c); k++) c = (c + 1) % PALETTE_SIZE
    color.set(r.id, c)
  }
  return {
    type: 'FeatureCollection',
    features: rows
      .filter((r) => r.g !== null)
      .map((r) => ({
        type: 'Feature' as const,
        id: r.id,
        geometry: JSON.parse(r.g!) as MultiPolygon,
        properties: { id: r.id, name: r.name, status: r.status, residents: r.residents, colorIndex: color.get(r.id)! },
      })),
  }
}

async function rowOf(db: Queryable, store: WalkingAnalysisStore, id: number): Promise<ClusterRow> {
  const year = (await db.query<{ year: number }>('SELECT plan_year AS year FROM clusters WHERE id = $1', [id]))[0]?.year
  if (year === undefined) throw new HttpError(404, 'not_found', `片区 ${id} does not exist`)
  return (await listClusters(db as Database, store, year, [id])).clusters[0]
}

export async function getCluster(db: Database, store: WalkingAnalysisStore, id: number): Promise<ClusterRow> {
  return rowOf(db, store, id)
}

export async function checkClusterDraft(db: Database, store: WalkingAnalysisStore, body: { year: number; memberIds: number[]; clusterId?: number }): Promise<ClusterCheckResponse> {
  const graph = await loadCommunityGraph(store, RULES.gapM)
  const { indices, unknown } = indicesOf(graph, body.memberIds)
  if (unknown.length) throw badRequest(`Unknown communities: ${unknown.join(', ')}`, { unknown })
  const facts = await db.query<MemberFacts>(
    `SELECT c.id AS "communityId", 0 AS "clusterId", c.buildings, c.households, c.population AS residents, c.floor_area_m2 AS "floorAreaM2",
            c.investment_planned_wan AS "investmentPlannedWan", c.stage FROM communities c WHERE c.id = ANY($1::int[]) ORDER BY c.id`,
    [body.memberIds],
  )
  const takenBy = await db.query<{ communityId: number; clusterId: number; clusterName: string }>(
    `SELECT m.community_id AS "communityId", k.id AS "clusterId", k.name AS "clusterName" FROM cluster_members m JOIN clusters k ON k.id = m.cluster_id
     WHERE m.plan_year = $1 AND m.community_id = ANY($2::int[]) AND k.id <> $3 ORDER BY m.community_id`,
    [body.year, body.memberIds, body.clusterId ?? -1],
  )
  const stats = statsOf(facts)
  return { residents: stats.residents, stats, flags: checkClusterMembers(graph, indices, { minResidents: RULES.minResidents, maxResidents: RULES.maxResidents }), takenBy }
}

// ---- writing ----

/** Adds a 片区 to a tender package of the same plan year (the package's version moves on; audited). */
async function joinPackage(tx: Queryable, packageId: number, clusterId: number, year: number, actor: Actor) {
  const pkg = await tx.query<{ id: number; year: number; version: number }>('SELECT id, plan_year AS year, version FROM tender_packages WHERE id = $1 FOR UPDATE', [packageId])
  if (pkg.length === 0) throw badRequest(`Tender package ${packageId} does not exist`)
  if (pkg[0].year !== year) throw badRequest('A package holds 片区 of its own plan year only')
  await tx.query('INSERT INTO tender_package_members (package_id, cluster_id) VALUES ($1, $2)', [packageId, clusterId])
  await tx.query('UPDATE tender_packages SET version = version + 1, updated_at = now() WHERE id = $1', [packageId])
  await appendAudit(tx, actor, { action: 'package.update', entityType: 'tender_package', entityId: packageId, before: { version: pkg[0].version }, after: { addedClusterId: clusterId, version: pkg[0].version + 1 } })
}

export async function createCluster(db: Database, store: WalkingAnalysisStore, input: ClusterCreate & { status: ClusterStatus; notes: string }, actor: Actor): Promise<ClusterRow> {
  const id = await db.transaction(async (tx) => {
    await requireCommunities(tx, input.memberIds)
    await claimMembers(tx, input.year, input.memberIds, null, actor)
    const [created] = await tx.query<{ id: number }>('INSERT INTO clusters (name, plan_year, status, notes) VALUES ($1, $2, $3, $4) RETURNING id', [
      input.name,
      input.year,
      input.status,
      input.notes,
    ])
    await insertMembers(tx, created.id, input.year, input.memberIds)
    await updateGeometry(tx, created.id, RULES.gapM)
    if (input.packageId !== undefined) await joinPackage(tx, input.packageId, created.id, input.year, actor)
    await bumpClusters(tx)
    await appendAudit(tx, actor, {
      action: 'cluster.create',
      entityType: 'cluster',
      entityId: created.id,
      after: {
        name: input.name,
        year: input.year,
        status: input.status,
        memberIds: [...new Set(input.memberIds)].sort((a, b) => a - b),
        version: 1,
        ...(input.packageId !== undefined ? { packageId: input.packageId } : {}),
      },
    })
    return created.id
  })
  return rowOf(db, store, id)
}

export async function patchCluster(db: Database, store: WalkingAnalysisStore, id: number, patch: ClusterPatch, actor: Actor): Promise<ClusterRow> {
  await db.transaction(async (tx) => {
    const cur = await lockCluster(tx, id)
    if (cur.version !== patch.version) throw await clusterConflict(tx, cur, patch.version)
    const changesContent = patch.memberIds !== undefined || patch.name !== undefined || patch.notes !== undefined
    if (cur.status === 'approved' && changesContent && (patch.status === undefined || patch.status === 'approved')) throw lockedError(cur)
    const before: Record<string, unknown> = { version: cur.version }
    const after: Record<string, unknown> = { version: cur.version + 1 }
    if (patch.memberIds) {
      await requireCommunities(tx, patch.memberIds)
      const next = [...new Set(patch.memberIds)].sort((a, b) => a - b)
      await claimMembers(tx, cur.year, next, id, actor)
      await tx.query('DELETE FROM cluster_members WHERE cluster_id = $1', [id])
      await insertMembers(tx, id, cur.year, next)
      await updateGeometry(tx, id, RULES.gapM)
      before.memberIds = cur.memberIds
      after.memberIds = next
    }
    for (const k of ['name', 'status', 'notes'] as const) {
      if (patch[k] !== undefined && patch[k] !== cur[k]) {
        before[k] = cur[k]
        after[k] = patch[k]
      }
    }
    await tx.query('UPDATE clusters SET name = $2, status = $3, notes = $4, version = version + 1, updated_at = now() WHERE id = $1', [
      id,
      patch.name ?? cur.name,
      patch.status ?? cur.status,
      patch.notes ?? cur.notes,
    ])
    await bumpClusters(tx)
    await appendAudit(tx, actor, { action: 'cluster.update', entityType: 'cluster', entityId: id, before, after })
  })
  return rowOf(db, store, id)
}

export async function splitCluster(db: Database, store: WalkingAnalysisStore, id: number, body: { version: number; memberIds: number[]; name: string }, actor: Actor) {
  const createdId = await db.transaction(async (tx) => {
    const cur = await lockCluster(tx, id)
    if (cur.version !== body.version) throw await clusterConflict(tx, cur, body.version)
    if (cur.status === 'approved') throw lockedError(cur)
    const leaving = new Set(body.memberIds)
    const outsiders = body.memberIds.filter((m) => !cur.memberIds.includes(m))
    if (outsiders.length) throw badRequest(`Communities ${outsiders.join(', ')} are not members of 片区 ${id}`, { outsiders })
    const staying = cur.memberIds.filter((m) => !leaving.has(m))
    if (staying.length === 0) throw badRequest('A split must leave at least one community in the original 片区')
    await tx.query('DELETE FROM cluster_members WHERE cluster_id = $1 AND community_id = ANY($2::int[])', [id, [...leaving]])
    const [created] = await tx.query<{ id: number }>('INSERT INTO clusters (name, plan_year, status, notes) VALUES ($1, $2, $3, $4) RETURNING id', [
      body.name,
      cur.year,
      cur.status,
      '',
    ])
    await insertMembers(tx, created.id, cur.year, [...leaving])
    await tx.query('UPDATE clusters SET version = version + 1, updated_at = now() WHERE id = $1', [id])
    await updateGeometry(tx, id, RULES.gapM)
    await updateGeometry(tx, created.id, RULES.gapM)
    await bumpClusters(tx)
    await appendAudit(tx, actor, {
      action: 'cluster.split',
      entityType: 'cluster',
      entityId: id,
      before: { memberIds: cur.memberIds, version: cur.version },
      after: { memberIds: staying, version: cur.version + 1, newClusterId: created.id, newMemberIds: [...leaving].sort((a, b) => a - b) },
    })
    return created.id
  })
  return { original: await rowOf(db, store, id), created: await rowOf(db, store, createdId) }
}

export async function mergeClusters(db: Database, store: WalkingAnalysisStore, id: number, body: { version: number; otherId: number; otherVersion: number }, actor: Actor) {
  if (body.otherId === id) throw badRequest('A 片区 cannot be merged with itself')
  await db.transaction(async (tx) => {
    const [first, second] = id < body.otherId ? [id, body.otherId] : [body.otherId, id]
    // Lock in id order so two merges of the same pair cannot deadlock.
    const a = await lockCluster(tx, first)
    const b = await lockCluster(tx, second)
    const cur = a.id === id ? a : b
    const other = a.id === id ? b : a
    if (cur.version !== body.version) throw await clusterConflict(tx, cur, body.version)
    if (other.version !== body.otherVersion) throw await clusterConflict(tx, other, body.otherVersion)
    if (cur.status === 'approved') throw lockedError(cur)
    if (other.status === 'approved') throw lockedError(other)
    if (cur.year !== other.year) throw badRequest('Only 片区 of the same plan year can be merged')
    await tx.query('UPDATE cluster_members SET cluster_id = $1 WHERE cluster_id = $2', [id, other.id])
    await tx.query('DELETE FROM tender_package_members WHERE cluster_id = $1', [other.id])
    await tx.query('DELETE FROM clusters WHERE id = $1', [other.id])
    await tx.query('UPDATE clusters SET version = version + 1, updated_at = now() WHERE id = $1', [id])
    await updateGeometry(tx, id, RULES.gapM)
    await bumpClusters(tx)
    const memberIds = [...cur.memberIds, ...other.memberIds].sort((x, y) => x - y)
    await appendAudit(tx, actor, {
      action: 'cluster.merge',
      entityType: 'cluster',
      entityId: id,
      before: { memberIds: cur.memberIds, version: cur.version, mergedClusterId: other.id, mergedName: other.name, mergedMemberIds: other.memberIds },
      after: { memberIds, version: cur.version + 1 },
    })
  })
  return rowOf(db, store, id)
}

export async function deleteCluster(db: Database, id: number, version: number, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const cur = await lockCluster(tx, id)
    if (cur.version !== version) throw await clusterConflict(tx, cur, version)
    if (cur.status === 'approved') throw lockedError(cur)
    await tx.query('DELETE FROM clusters WHERE id = $1', [id])
    await bumpClusters(tx)
    await appendAudit(tx, actor, { action: 'cluster.delete', entityType: 'cluster', entityId: id, before: { name: cur.name, status: cur.status, memberIds: cur.memberIds, version: cur.version } })
  })
}

// ---- proposals ----

export async function proposeForCity(db: Database, store: WalkingAnalysisStore, req: Required<Omit<ProposalRequest, 'districtId' | 'streetId' | 'communityIds'>> & { districtId?: number; streetId?: number; communityIds?: number[] }): Promise<ProposalResponse> {
  const started = performance.now()
  const graph = await loadCommunityGraph(store, req.gapM)
  const locked = new Set(
    (
      await db.query<{ id: number }>(
        `SELECT m.community_id AS id FROM cluster_members m JOIN clusters k ON k.id = m.cluster_id WHERE m.plan_year = $1 AND k.status = 'approved'`,
        [req.year],
      )
    ).map((r) => r.id),
  )
  const inScope = req.communityIds ? new Set(req.communityIds) : null
  const available = new Uint8Array(graph.communityIds.length)
  const unassigned: ProposalResponse['unassigned'] = []
  let communityCount = 0
  for (let i = 0; i < available.length; i++) {
    const id = graph.communityIds[i]
    if (inScope && !inScope.has(id)) continue
    if (req.districtId !== undefined && graph.districtIds[i] !== req.districtId) continue
    if (req.streetId !== undefined && graph.streetIds[i] !== req.streetId) continue
    communityCount++
    if (locked.has(id)) unassigned.push({ communityId: id, reason: 'locked' })
    else if (req.eligibleOnly && !(graph.buildYears[i] < ELIGIBLE_BEFORE_YEAR)) unassigned.push({ communityId: id, reason: 'ineligible' })
    else available[i] = 1
  }
  const result = proposeClusters(
    { graph, centroidX: graph.centroidX, centroidY: graph.centroidY, areaM2: graph.areaM2, available },
    {
      minResidents: req.minResidents,
      maxResidents: req.maxResidents,
      targetResidents: req.targetResidents,
      sameStreet: req.sameStreet,
      allowBarrierCrossing: req.allowBarrierCrossing,
      restarts: req.restarts,
      seed: req.seed,
    },
  )
  const proposals = result.clusters.map((c, k) => ({
    key: `p${k + 1}`,
    memberIds: c.members.map((i) => graph.communityIds[i]),
    residents: c.residents,
    flags: c.flags.map((f) => ({ ...f, communityIds: f.communityIds })),
    compactness: c.compactness,
    streetIds: [...new Set(c.members.map((i) => graph.streetIds[i]))].sort((a, b) => a - b),
  }))
  for (const u of result.unassigned) unassigned.push({ communityId: graph.communityIds[u.index], reason: u.reason })
  const withinBounds = proposals.filter((p) => p.residents >= req.minResidents && p.residents <= req.maxResidents).length
  return {
    params: {
      year: req.year,
      minResidents: req.minResidents,
      maxResidents: req.maxResidents,
      targetResidents: req.targetResidents,
      gapM: req.gapM,
      allowBarrierCrossing: req.allowBarrierCrossing,
      sameStreet: req.sameStreet,
      eligibleOnly: req.eligibleOnly,
      restarts: req.restarts,
      seed: req.seed,
      districtId: req.districtId ?? null,
      streetId: req.streetId ?? null,
      communityCount,
    },
    proposals,
    unassigned,
    summary: { proposals: proposals.length, withinBounds, flagged: proposals.filter((p) => p.flags.length > 0).length, residents: proposals.reduce((s, p) => s + p.residents, 0), objective: result.objective },
    elapsedMs: Math.round(performance.now() - started),
  }
}

/** Saves chosen proposals as 片区, all or nothing. */
export async function acceptProposals(db: Database, store: WalkingAnalysisStore, body: AcceptProposals & { status: 'draft' | 'proposed' }, actor: Actor): Promise<ClusterRow[]> {
  const all = body.clusters.flatMap((c) => c.memberIds)
  if (new Set(all).size !== all.length) throw badRequest('A community appears in two of the 片区 to accept')
  const ids = await db.transaction(async (tx) => {
    await requireCommunities(tx, all)
    await claimMembers(tx, body.year, all, null, actor)
    const created: number[] = []
    for (const c of body.clusters) {
      const [row] = await tx.query<{ id: number }>('INSERT INTO clusters (name, plan_year, status) VALUES ($1, $2, $3) RETURNING id', [c.name, body.year, body.status])
      await insertMembers(tx, row.id, body.year, c.memberIds)
      await updateGeometry(tx, row.id, RULES.gapM)
      await appendAudit(tx, actor, {
        action: 'cluster.create',
        entityType: 'cluster',
        entityId: row.id,
        after: { name: c.name, year: body.year, status: body.status, memberIds: [...c.memberIds].sort((a, b) => a - b), version: 1, from: 'proposal' },
      })
      created.push(row.id)
    }
    await bumpClusters(tx)
    return created
  })
  return (await listClusters(db, store, body.year, ids)).clusters
}
