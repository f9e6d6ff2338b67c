import type { FacilityCreate, FacilityPatch, FacilityRecord } from '../../core/contracts/coverage.js'
import type { Queryable } from '../db/types.js'
import { conflict, HttpError } from '../http/errors.js'
import { appendAudit, lastChangeOf, type Actor } from './audit.js'

/**
 * Facility writes (planned facilities from siting, what-if edits made real): versioned, audited, and
 * bumping the facilities layer so tiles and coverage caches in every process see the change.
 */

const SELECT = `SELECT f.id, f.name, f.type, f.status, f.district_id AS "districtId", ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat, f.version FROM facilities f`

type Db = Queryable & { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }

async function bumpFacilities(tx: Queryable) {
  await tx.query("UPDATE layer_versions SET version = version + 1 WHERE layer = 'facilities'")
}

/** The district a point lies in (null outside every district). */
async function districtAt(tx: Queryable, lon: number, lat: number): Promise<number | null> {
  const rows = await tx.query<{ id: number }>('SELECT id FROM districts WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY id LIMIT 1', [lon, lat])
  return rows[0]?.id ?? null
}

async function lockFacility(tx: Queryable, id: number): Promise<FacilityRecord> {
  const rows = await tx.query<FacilityRecord>(`${SELECT} WHERE f.id = $1 FOR UPDATE`, [id])
  if (rows.length === 0) throw new HttpError(404, 'not_found', `Facility ${id} does not exist`)
  return rows[0]
}

async function facilityConflict(tx: Queryable, cur: FacilityRecord, sent: number): Promise<HttpError> {
  return conflict(`Facility ${cur.id} was changed by someone else (version ${cur.version}, you sent ${sent})`, {
    current: cur,
    lastChange: await lastChangeOf(tx, 'facility', cur.id),
  })
}

export async function createFacility(db: Db, input: Required<Pick<FacilityCreate, 'name' | 'type' | 'lon' | 'lat'>> & { status: 'existing' | 'planned' }, actor: Actor): Promise<FacilityRecord> {
  return db.transaction(async (tx) => {
    const districtId = await districtAt(tx, input.lon, input.lat)
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO facilities (name, type, status, district_id, geom) VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326)) RETURNING id`,
      [input.name, input.type, input.status, districtId, input.lon, input.lat],
    )
    const created = (await tx.query<FacilityRecord>(`${SELECT} WHERE f.id = $1`, [rows[0].id]))[0]
    await bumpFacilities(tx)
    await appendAudit(tx, actor, { action: 'facility.create', entityType: 'facility', entityId: created.id, districtId, after: created })
    return created
  })
}

export async function patchFacility(db: Db, id: number, patch: FacilityPatch, actor: Actor): Promise<FacilityRecord> {
  return db.transaction(async (tx) => {
    const cur = await lockFacility(tx, id)
    if (cur.version !== patch.version) throw await facilityConflict(tx, cur, patch.version)
    const lon = patch.lon ?? cur.lon
    const lat = patch.lat ?? cur.lat
    const moved = patch.lon !== undefined && (patch.lon !== cur.lon || patch.lat !== cur.lat)
    const districtId = moved ? await districtAt(tx, lon, lat) : cur.districtId
    await tx.query(
      `UPDATE facilities SET name = $2, status = $3, district_id = $4, geom = ST_SetSRID(ST_MakePoint($5, $6), 4326), version = version + 1, updated_at = now() WHERE id = $1`,
      [id, patch.name ?? cur.name, patch.status ?? cur.status, districtId, lon, lat],
    )
    const updated = (await tx.query<FacilityRecord>(`${SELECT} WHERE f.id = $1`, [id]))[0]
    await bumpFacilities(tx)
    const before: Record<string, unknown> = { version: cur.version }
    const after: Record<string, unknown> = { version: updated.version }
    for (const k of ['name', 'status', 'lon', 'lat', 'districtId'] as const) {
      if (cur[k] !== updated[k]) {
        before[k] = cur[k]
        after[k] = updated[k]
      }
    }
    await appendAudit(tx, actor, { action: 'facility.update', entityType: 'facility', entityId: id, districtId: updated.districtId, before, after })
    return updated
  })
}

export async function deleteFacility(db: Db, id: number, version: number, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const cur = await lockFacility(tx, id)
    if (cur.version !== version) throw await facilityConflict(tx, cur, version)
    await tx.query('DELETE FROM facilities WHERE id = $1', [id])
    await bumpFacilities(tx)
    await appendAudit(tx, actor, { action: 'facility.delete', entityType: 'facility', entityId: id, districtId: cur.districtId, before: cur })
  })
}

/** Where a facility lies, for scope checks and 404s. */
export async function getFacility(db: Queryable, id: number): Promise<FacilityRecord> {
  const rows = await db.query<FacilityRecord>(`${SELECT} WHERE f.id = $1`, [id])
  if (rows.length === 0) throw new HttpError(404, 'not_found', `Facility ${id} does not exist`)
  return rows[0]
}
