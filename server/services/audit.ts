import { createHash } from 'node:crypto'
import { AUDIT_GENESIS_HASH, auditHashInput, type AuditEntry, type AuditHashedFields } from '../../core/audit/audit-entry.js'
import type { TargetScope } from '../../core/auth/authorize.js'
import type { AuditQuery, AuditVerifyResponse } from '../../core/contracts/auth.js'
import type { LastChange } from '../../core/contracts/responses.js'
import type { Database, Queryable } from '../db/types.js'

/** Who did something, from where: the signed-in user (or the name tried at a failed login). */
export interface Actor {
  id: number | null
  name: string
  role: string | null
  address: string | null
}

export interface AuditEvent {
  action: string
  entityType: string
  entityId: string | number | null
  districtId?: number | null
  streetId?: number | null
  before?: unknown
  after?: unknown
}

// One chain: writers queue on this transaction-scoped lock, so rows are linked in the order they commit.
const AUDIT_CHAIN_LOCK_KEY = 72_430_002

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** JSON-normalised copy (dates become strings, undefined disappears) so the hash survives a jsonb round trip. */
const normalise = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)))

/**
 * Appends one audit row inside the caller's transaction (so the row exists exactly when the write
 * commits). Call it last in the transaction: the chain lock is held until commit.
 */
export async function appendAudit(tx: Queryable, actor: Actor, ev: AuditEvent): Promise<AuditEntry> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK_KEY])
  const last = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')
  const fields: AuditHashedFields = {
    at: new Date().toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action: ev.action,
    entityType: ev.entityType,
    entityId: ev.entityId === null ? null : String(ev.entityId),
    districtId: ev.districtId ?? null,
    streetId: ev.streetId ?? null,
    before: normalise(ev.before),
    after: normalise(ev.after),
    clientAddress: actor.address,
    prevHash: last[0]?.hash ?? AUDIT_GENESIS_HASH,
  }
  const hash = sha256Hex(auditHashInput(fields))
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, entity_type, entity_id, district_id, street_id,
                            before, after, client_address, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14) RETURNING id`,
    [
      fields.at, fields.actorId, fields.actorName, fields.actorRole, fields.action, fields.entityType, fields.entityId,
      fields.districtId, fields.streetId,
      fields.before === null ? null : JSON.stringify(fields.before),
      fields.after === null ? null : JSON.stringify(fields.after),
      fields.clientAddress, fields.prevHash, hash,
    ],
  )
  return { id: rows[0].id, ...fields, hash }
}

const AUDIT_COLUMNS = `id, at, actor_id AS "actorId", actor_name AS "actorName", actor_role AS "actorRole", action,
  entity_type AS "entityType", entity_id AS "entityId", district_id AS "districtId", street_id AS "streetId",
  before, after, client_address AS "clientAddress", prev_hash AS "prevHash", hash`

/**
 * The latest change to one record, for "who changed it" on a version conflict. `parts` names a child
 * entity type whose ids start with '<entityId>:' and whose changes also move the record's version
 * (a community's stage records).
 */
export async function lastChangeOf(db: Queryable, entityType: string, entityId: string | number, parts?: string): Promise<LastChange | null> {
  const rows = await db.query<LastChange>(
    `SELECT actor_name AS "actorName", actor_role AS "actorRole", at, action FROM audit_log
     WHERE (entity_type = $1 AND entity_id = $2) OR (entity_type = $3 AND entity_id LIKE $2 || ':%')
     ORDER BY id DESC LIMIT 1`,
    [entityType, String(entityId), parts ?? null],
  )
  return rows[0] ?? null
}

function auditWhere(q: Omit<AuditQuery, 'limit' | 'offset' | 'format'>, scope: TargetScope | null) {
  const conds: string[] = []
  const params: unknown[] = []
  const add = (sql: string, v: unknown) => {
    params.push(v)
    conds.push(sql.replaceAll('?', `$${params.length}`))
  }
  if (q.user) add(`(actor_name ILIKE '%' || ? || '%' OR actor_id IN (SELECT id FROM users WHERE username ILIKE '%' || ? || '%'))`, q.user)
  if (q.action) add('action = ?', q.action)
  if (q.entityType) add('entity_type = ?', q.entityType)
  if (q.entityId) add('entity_id = ?', q.entityId)
  // Calendar days in China Standard Time (UTC+8), inclusive.
  if (q.from) add('at >= ?::timestamptz', `${q.from}T00:00:00+08:00`)
  if (q.to) add(`at < ?::timestamptz + interval '1 day'`, `${q.to}T00:00:00+08:00`)
  if (scope?.streetId != null) add('street_id = ?', scope.streetId)
  else if (scope?.districtId != null) add('district_id = ?', scope.districtId)
  return { sql: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params }
}

/** Newest first, filtered; `scope` restricts a district or street user to rows of their area. */
export async function queryAudit(db: Database, q: AuditQuery, scope: TargetScope | null): Promise<{ total: number; rows: AuditEntry[] }> {
  const w = auditWhere(q, scope)
  const [rows, count] = await Promise.all([
    db.query<AuditEntry>(`SELECT ${AUDIT_COLUMNS} FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ${q.limit} OFFSET ${q.offset}`, w.params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log ${w.sql}`, w.params),
  ])
  return { total: count[0].n, rows }
}

/** Every matching row, newest first, in pages (for export without holding the whole trail in memory). */
export async function* iterateAudit(db: Database, q: AuditQuery, scope: TargetScope | null, pageSize = 2000): AsyncGenerator<AuditEntry[]> {
  const w = auditWhere(q, scope)
  let beforeId = Number.MAX_SAFE_INTEGER
  for (;;) {
    const rows = await db.query<AuditEntry>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log ${w.sql ? `${w.sql} AND` : 'WHERE'} id < $${w.params.length + 1} ORDER BY id DESC LIMIT ${pageSize}`,
      [...w.params, beforeId],
    )
    if (rows.length === 0) return
    yield rows
    beforeId = rows[rows.length - 1].id
  }
}

/**
 * Recomputes every hash in id order and checks each row links to the one before. A changed field, a
 * removed or inserted row in the middle, or a reordered row breaks the chain at that row.
 */
export async function verifyAuditChain(db: Database, pageSize = 5000): Promise<AuditVerifyResponse> {
  let prev = AUDIT_GENESIS_HASH
  let afterId = 0
  let n = 0
  for (;;) {
    const rows = await db.query<AuditEntry>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT ${pageSize}`, [afterId])
    if (rows.length === 0) break
    for (const r of rows) {
      if (r.prevHash !== prev) return { ok: false, rows: n, headHash: prev, firstBrokenId: r.id, problem: 'link_mismatch' }
      const { id: _id, hash, ...fields } = r
      if (sha256Hex(auditHashInput(fields)) !== hash) return { ok: false, rows: n, headHash: prev, firstBrokenId: r.id, problem: 'hash_mismatch' }
      prev = hash
      n++
    }
    afterId = rows[rows.length - 1].id
  }
  return { ok: true, rows: n, headHash: prev, firstBrokenId: null, problem: null }
}
