import express, { type Request, type Router } from 'express'
import { parseWith } from '../../core/contracts/common.js'
import { changePasswordSchema, loginSchema, type SessionResponse } from '../../core/contracts/auth.js'
import { logIn } from '../auth/login.js'
import type { SessionInfo, SessionStore } from '../auth/sessions.js'
import type { AppConfig } from '../config.js'
import type { Database } from '../db/types.js'
import { appendAudit } from '../services/audit.js'
import { isDemoDataset } from '../services/reference.js'
import { changeOwnPassword, listDemoAccounts } from '../services/users.js'
import { actorOf, clearSessionCookie, permit, setSessionCookie } from './auth.js'
import { HttpError, requireValid } from './errors.js'

export interface AuthRouteDeps {
  db: Database
  config: AppConfig
  sessions: SessionStore
}

function sessionResponse(info: SessionInfo, config: AppConfig): SessionResponse {
  return {
    user: info.principal,
    csrfToken: info.csrfToken,
    expiresAt: new Date(info.expiresAt).toISOString(),
    idleTimeoutMinutes: config.auth.sessionIdleMinutes,
    passwordChangeRequired: info.passwordChangeRequired,
    policy: config.auth.passwordPolicy,
  }
}

const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown'

/** /api/auth: sign in and out, who am I, change my password, and the demo accounts in demo mode. */
export function authRouter({ db, config, sessions }: AuthRouteDeps): Router {
  const r = express.Router()

  r.post('/login', async (req, res) => {
    const body = requireValid(parseWith(loginSchema, req.body), 'sign-in')
    try {
      const { token, info } = await logIn(db, sessions, config.auth.passwordPolicy, {
        username: body.username,
        password: body.password,
        address: clientAddress(req),
        userAgent: req.get('user-agent') ?? null,
      })
      setSessionCookie(req, res, config.auth, token, info.expiresAt)
      res.setHeader('Cache-Control', 'no-store')
      res.json(sessionResponse(info, config))
    } catch (e) {
      if (e instanceof HttpError && e.status === 429) res.setHeader('Retry-After', String((e.details as { retryAfterSeconds: number }).retryAfterSeconds))
      throw e
    }
  })

  r.post('/logout', async (req, res) => {
    if (req.session && req.sessionToken) {
      const actor = actorOf(req)
      await sessions.revoke(req.sessionToken)
      await db.transaction((tx) =>
        appendAudit(tx, actor, {
          action: 'auth.logout',
          entityType: 'user',
          entityId: actor.id,
          districtId: req.session!.principal.districtId,
          streetId: req.session!.principal.streetId,
        }),
      )
    }
    clearSessionCookie(req, res)
    res.status(204).end()
  })

  r.get('/me', (req, res) => {
    permit(req, 'data.read')
    res.setHeader('Cache-Control', 'no-store')
    res.json(sessionResponse(req.session!, config))
  })

  r.post('/password', async (req, res) => {
    permit(req, 'data.read') // any signed-in user may change their own password
    const body = requireValid(parseWith(changePasswordSchema, req.body), 'password change')
    const info = req.session!
    await changeOwnPassword(db, actorOf(req), info.principal, body.currentPassword, body.newPassword, config.auth.passwordPolicy, info.tokenHash)
    sessions.forgetUser(info.principal.id)
    const fresh = await sessions.resolve(req.sessionToken!)
    if (fresh.status !== 'ok') throw new HttpError(401, 'session_expired', 'Your session has ended; please sign in again')
    res.json(sessionResponse(fresh.info, config))
  })

  // Demo mode only: the fictional city's accounts, so a visitor can try every role.
  r.get('/demo-accounts', async (_req, res) => {
    if (!(await isDemoDataset(db))) throw new HttpError(404, 'not_found', 'Demo accounts exist only when the demo city is loaded')
    res.json(await listDemoAccounts(db))
  })

  return r
}
