import express, { type Router } from 'express'
import type { AuditEntry } from '../../core/audit/audit-entry.js'
import { scopeFilter } from '../../core/auth/authorize.js'
import { parseWith } from '../../core/contracts/common.js'
import { auditQuerySchema, createUserSchema, resetPasswordSchema, updateUserSchema, userListQuerySchema } from '../../core/contracts/auth.js'
import { idParamSchema } from '../../core/contracts/communities.js'
import type { SessionStore } from '../auth/sessions.js'
import type { AppConfig } from '../config.js'
import type { Database } from '../db/types.js'
import { iterateAudit, queryAudit, verifyAuditChain } from '../services/audit.js'
import { createUser, listUsers, resetUserPassword, updateUser } from '../services/users.js'
import { actorOf, permit } from './auth.js'
import { csvField } from './csv.js'
import { requireValid } from './errors.js'

export interface AdminRouteDeps {
  db: Database
  config: AppConfig
  sessions: SessionStore
}

const CSV_COLUMNS: [string, (e: AuditEntry) => unknown][] = [
  ['id', (e) => e.id],
  ['at_utc', (e) => e.at],
  ['actor_id', (e) => e.actorId],
  ['actor_name', (e) => e.actorName],
  ['actor_role', (e) => e.actorRole],
  ['action', (e) => e.action],
  ['entity_type', (e) => e.entityType],
  ['entity_id', (e) => e.entityId],
  ['district_id', (e) => e.districtId],
  ['street_id', (e) => e.streetId],
  ['before', (e) => (e.before == null ? '' : JSON.stringify(e.before))],
  ['after', (e) => (e.after == null ? '' : JSON.stringify(e.after))],
  ['client_address', (e) => e.clientAddress],
  ['prev_hash', (e) => e.prevHash],
  ['hash', (e) => e.hash],
]

/** /api/users (administrators) and /api/audit (readers of the trail, scoped for district and street staff). */
export function adminRouter({ db, config, sessions }: AdminRouteDeps): Router {
  const r = express.Router()

  r.get('/users', async (req, res) => {
    permit(req, 'user.read')
    const q = requireValid(parseWith(userListQuerySchema, req.query), 'query')
    res.json(await listUsers(db, q))
  })

  r.post('/users', async (req, res) => {
    permit(req, 'user.manage')
    const body = requireValid(parseWith(createUserSchema, req.body), 'new user')
    res.status(201).json(await createUser(db, actorOf(req), body, config.auth.passwordPolicy))
  })

  r.patch('/users/:id', async (req, res) => {
    permit(req, 'user.manage')
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'user id')
    const body = requireValid(parseWith(updateUserSchema, req.body), 'user update')
    const { user } = await updateUser(db, actorOf(req), id, body)
    sessions.forgetUser(id)
    res.json(user)
  })

  r.post('/users/:id/reset-password', async (req, res) => {
    permit(req, 'user.manage')
    const { id } = requireValid(parseWith(idParamSchema, req.params), 'user id')
    const { version } = requireValid(parseWith(resetPasswordSchema, req.body), 'password reset')
    const result = await resetUserPassword(db, actorOf(req), id, version)
    sessions.forgetUser(id)
    res.setHeader('Cache-Control', 'no-store')
    res.json(result)
  })

  r.get('/audit', async (req, res) => {
    const principal = permit(req, 'audit.read')
    const q = requireValid(parseWith(auditQuerySchema, req.query), 'query')
    const scope = scopeFilter(principal, 'audit.read')
    if (q.format === 'json') return res.json(await queryAudit(db, q, scope))
    permit(req, 'data.export')
    const stamp = new Date().toISOString().slice(0, 10)
    res.setHeader('Content-Type', 'text/csv; charset=utf-8')
    res.setHeader('Content-Disposition', `attachment; filename="audit-${stamp}.csv"`)
    res.setHeader('Cache-Control', 'no-store')
    // A byte-order mark so Excel opens the UTF-8 (Chinese names) correctly.
    res.write('\uFEFF' + CSV_COLUMNS.map(([h]) => h).join(',') + '\r\n')
    for await (const page of iterateAudit(db, q, scope)) {
      res.write(page.map((e) => CSV_COLUMNS.map(([, get]) => csvField(get(e))).join(',')).join('\r\n') + '\r\n')
    }
    res.end()
  })

  r.get('/audit/verify', async (req, res) => {
    permit(req, 'audit.verify')
    res.json(await verifyAuditChain(db))
  })

  return r
}
