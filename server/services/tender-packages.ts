import ExcelJS from 'exceljs'
import type { TenderPackageRow } from '../../core/contracts/clusters.js'
import type { Database, Queryable } from '../db/types.js'
import { badRequest, conflict, HttpError } from '../http/errors.js'
import { appendAudit, lastChangeOf, type Actor } from './audit.js'

/**
 * Tender packages (打包招标): 片区 of one plan year tendered together. A 片区 is in at most one package.
 * Totals add up the member communities.
 */

interface PackageRecord {
  id: number
  name: string
  year: number
  notes: string
  version: number
}

export async function listPackages(db: Queryable, year: number): Promise<TenderPackageRow[]> {
  const packages = await db.query<PackageRecord>('SELECT id, name, plan_year AS year, notes, version FROM tender_packages WHERE plan_year = $1 ORDER BY id', [year])
  const totals = await db.query<{ packageId: number; clusterId: number; communities: number; buildings: number; households: number; residents: number; floorAreaM2: number; investmentPlannedWan: number }>(
    `SELECT p.package_id AS "packageId", p.cluster_id AS "clusterId", count(c.id)::int AS communities, COALESCE(sum(c.buildings), 0)::int AS buildings,
            COALESCE(sum(c.households), 0)::int AS households, COALESCE(sum(c.population), 0)::int AS residents,
            COALESCE(sum(c.floor_area_m2), 0) AS "floorAreaM2", COALESCE(sum(c.investment_planned_wan), 0) AS "investmentPlannedWan"
     FROM tender_package_members p JOIN tender_packages t ON t.id = p.package_id
     LEFT JOIN cluster_members m ON m.cluster_id = p.cluster_id LEFT JOIN communities c ON c.id = m.community_id
     WHERE t.plan_year = $1 GROUP BY p.package_id, p.cluster_id ORDER BY p.package_id, p.cluster_id`,
    [year],
  )
  return packages.map((p) => {
    const rows = totals.filter((t) => t.packageId === p.id)
    const sum = (k: 'communities' | 'buildings' | 'households' | 'residents' | 'floorAreaM2' | 'investmentPlannedWan') => rows.reduce((s, r) => s + Number(r[k]), 0)
    return {
      ...p,
      clusterIds: rows.map((r) => r.clusterId),
      totals: {
        clusters: rows.length,
        communities: sum('communities'),
        buildings: sum('buildings'),
        households: sum('households'),
        residents: sum('residents'),
        floorAreaM2: sum('floorAreaM2'),
        investmentPlannedWan: Math.round(sum('investmentPlannedWan') * 100) / 100,
      },
    }
  })
}

async function setMembers(tx: Queryable, packageId: number, year: number, clusterIds: readonly number[]) {
  const clusters = await tx.query<{ id: number; year: number }>('SELECT id, plan_year AS year FROM clusters WHERE id = ANY($1::int[])', [clusterIds])
  const known = new Set(clusters.map((c) => c.id))
  const unknown = clusterIds.filter((id) => !known.has(id))
  if (unknown.length) throw badRequest(`Unknown 片区: ${unknown.join(', ')}`, { unknown })
  if (clusters.some((c) => c.year !== year)) throw badRequest('A package holds 片区 of its own plan year only')
  const taken = await tx.query<{ clusterId: number; packageId: number }>(
    'SELECT cluster_id AS "clusterId", package_id AS "packageId" FROM tender_package_members WHERE cluster_id = ANY($1::int[]) AND package_id <> $2',
    [clusterIds, packageId],
  )
  if (taken.length) throw new HttpError(409, 'cluster_in_package', `片区 ${taken.map((t) => t.clusterId).join(', ')} already belong to another package`, { taken })
  await tx.query('DELETE FROM tender_package_members WHERE package_id = $1', [packageId])
  await tx.query('INSERT INTO tender_package_members (package_id, cluster_id) SELECT $1, unnest($2::int[])', [packageId, [...new Set(clusterIds)]])
}

async function lockPackage(tx: Queryable, id: number): Promise<PackageRecord & { clusterIds: number[] }> {
  const rows = await tx.query<PackageRecord>('SELECT id, name, plan_year AS year, notes, version FROM tender_packages WHERE id = $1 FOR UPDATE', [id])
  if (rows.length === 0) throw new HttpError(404, 'not_found', `Package ${id} does not exist`)
  const members = await tx.query<{ id: number }>('SELECT cluster_id AS id FROM tender_package_members WHERE package_id = $1 ORDER BY cluster_id', [id])
  return { ...rows[0], clusterIds: members.map((m) => m.id) }
}

export async function createPackage(db: Database, input: { name: string; year: number; clusterIds: number[]; notes: string }, actor: Actor): Promise<TenderPackageRow> {
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>('INSERT INTO tender_packages (name, plan_year, notes) VALUES ($1, $2, $3) RETURNING id', [input.name, input.year, input.notes])
    await setMembers(tx, row.id, input.year, input.clusterIds)
    await appendAudit(tx, actor, { action: 'package.create', entityType: 'tender_package', entityId: row.id, after: { ...input, version: 1 } })
    return row.id
  })
  return (await listPackages(db, input.year)).find((p) => p.id === id)!
}

export async function patchPackage(db: Database, id: number, patch: { version: number; name?: string; clusterIds?: number[]; notes?: string }, actor: Actor): Promise<TenderPackageRow> {
  const year = await db.transaction(async (tx) => {
    const cur = await lockPackage(tx, id)
    if (cur.version !== patch.version) {
      throw conflict(`Package ${id} was changed by someone else (version ${cur.version}, you sent ${patch.version})`, { current: cur, lastChange: await lastChangeOf(tx, 'tender_package', id) })
    }
    if (patch.clusterIds) await setMembers(tx, id, cur.year, patch.clusterIds)
    await tx.query('UPDATE tender_packages SET name = $2, notes = $3, version = version + 1, updated_at = now() WHERE id = $1', [id, patch.name ?? cur.name, patch.notes ?? cur.notes])
    await appendAudit(tx, actor, {
      action: 'package.update',
      entityType: 'tender_package',
      entityId: id,
      before: { name: cur.name, clusterIds: cur.clusterIds, version: cur.version },
      after: { name: patch.name ?? cur.name, clusterIds: patch.clusterIds ?? cur.clusterIds, version: cur.version + 1 },
    })
    return cur.year
  })
  return (await listPackages(db, year)).find((p) => p.id === id)!
}

export async function deletePackage(db: Database, id: number, version: number, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const cur = await lockPackage(tx, id)
    if (cur.version !== version) throw conflict(`Package ${id} was changed by someone else`, { current: cur, lastChange: await lastChangeOf(tx, 'tender_package', id) })
    await tx.query('DELETE FROM tender_packages WHERE id = $1', [id])
    await appendAudit(tx, actor, { action: 'package.delete', entityType: 'tender_package', entityId: id, before: { name: cur.name, clusterIds: cur.clusterIds, version: cur.version } })
  })
}

const HEADERS = {
  zh: {
    packages: ['标段', '片区数', '小区数', '栋数', '户数', '居民（人）', '建筑面积（m²）', '计划投资（万元）', '备注'],
    members: ['标段', '片区', '片区状态', '小区', '区', '街道', '建成年份', '户数', '居民（人）', '建筑面积（m²）', '计划投资（万元）'],
    sheets: ['标段汇总', '标段明细'],
    status: { draft: '草案', proposed: '拟定', approved: '已批准' } as Record<string, string>,
  },
  en: {
    packages: ['Package', '片区', 'Communities', 'Buildings', 'Households', 'Residents', 'Floor area (m²)', 'Planned investment (10k yuan)', 'Notes'],
    members: ['Package', '片区', 'Status', 'Community', 'District', 'Street', 'Built', 'Households', 'Residents', 'Floor area (m²)', 'Planned investment (10k yuan)'],
    sheets: ['Packages', 'Members'],
    status: { draft: 'draft', proposed: 'proposed', approved: 'approved' } as Record<string, string>,
  },
}

/** The packages of a year with totals, and every member community, as an XLSX workbook (values, never formulas). */
export async function packagesXlsx(db: Database, year: number, lang: 'zh' | 'en'): Promise<Buffer> {
  const h = HEADERS[lang]
  const packages = await listPackages(db, year)
  const members = await db.query<{ packageId: number; cluster: string; status: string; community: string; district: string; street: string; buildYear: number; households: number; residents: number; floorAreaM2: number; investmentPlannedWan: number }>(
    `SELECT p.package_id AS "packageId", k.name AS cluster, k.status, c.name AS community, d.name AS district, s.name AS street, c.build_year AS "buildYear",
            c.households, c.population AS residents, c.floor_area_m2 AS "floorAreaM2", c.investment_planned_wan AS "investmentPlannedWan"
     FROM tender_package_members p JOIN tender_packages t ON t.id = p.package_id JOIN clusters k ON k.id = p.cluster_id
     JOIN cluster_members m ON m.cluster_id = k.id JOIN communities c ON c.id = m.community_id
     JOIN districts d ON d.id = c.district_id JOIN streets s ON s.id = c.street_id
     WHERE t.plan_year = $1 ORDER BY p.package_id, k.id, c.id`,
    [year],
  )
  const name = new Map(packages.map((p) => [p.id, p.name]))
  const wb = new ExcelJS.Workbook()
  wb.creator = 'renewmap'
  const sum = wb.addWorksheet(h.sheets[0], { views: [{ state: 'frozen', ySplit: 1 }] })
  sum.addRow(h.packages)
  for (const p of packages) {
    sum.addRow([p.name, p.totals.clusters, p.totals.communities, p.totals.buildings, p.totals.households, p.totals.residents, Math.round(p.totals.floorAreaM2), p.totals.investmentPlannedWan, p.notes])
  }
  const det = wb.addWorksheet(h.sheets[1], { views: [{ state: 'frozen', ySplit: 1 }] })
  det.addRow(h.members)
  for (const m of members) {
    det.addRow([name.get(m.packageId) ?? '', m.cluster, h.status[m.status] ?? m.status, m.community, m.district, m.street, m.buildYear, m.households, m.residents, Math.round(m.floorAreaM2), m.investmentPlannedWan])
  }
  for (const ws of [sum, det]) {
    ws.getRow(1).font = { bold: true }
    ws.columns.forEach((c) => (c.width = 14))
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
