import { timingSafeEqual } from 'node:crypto'
import type { Request, RequestHandler, Response } from 'express'
import { authorize, type Action, type Decision, type TargetScope } from '../../core/auth/authorize.js'
import type { Principal } from '../../core/auth/roles.js'
import type { AuthConfig } from '../config.js'
import type { Actor } from '../services/audit.js'
import type { TileGate, TileGateResult } from '../tiles/http.js'
import { SESSION_COOKIE, hashToken, sessionTokenFrom, type SessionInfo, type SessionStore } from '../auth/sessions.js'
import { HttpError } from './errors.js'

// Module augmentation (not a namespace): what the session middleware attaches to every request.
declare module 'express-serve-static-core' {
  interface Request {
    /** The session behind the request, or null; `sessionExpired` says why there is none. */
    session?: SessionInfo | null
    sessionToken?: string | null
    sessionExpired?: boolean
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Paths (under /api) a user who must change their password may still use. */
const DURING_PASSWORD_CHANGE = new Set(['/auth/me', '/auth/logout', '/auth/password', '/meta'])

/** The HttpError for a refused decision: 401 when nobody is signed in, 403 otherwise, with the reason. */
export function refusal(d: Extract<Decision, { allowed: false }>, expired = false): HttpError {
  if (d.reason === 'unauthenticated') {
    return expired
      ? new HttpError(401, 'session_expired', 'Your session has ended; please sign in again')
      : new HttpError(401, 'unauthenticated', 'Please sign in first')
  }
  if (d.reason === 'scope') {
    return new HttpError(403, 'forbidden_scope', `This record is outside your ${d.role === 'street_staff' ? 'street' : 'district'}; you may not ${d.action} it`, {
      action: d.action,
      role: d.role,
      scope: d.scope,
    })
  }
  return new HttpError(403, 'forbidden', `Your role (${d.role}) may not ${d.action}`, { action: d.action, role: d.role })
}

/** Asks core's authorize and throws the refusal; returns the principal when allowed. Every route calls this. */
export function permit(req: Request, action: Action, target?: TargetScope): Principal {
  const principal = req.session?.principal ?? null
  const d = authorize(principal, action, target)
  if (!d.allowed) throw refusal(d, req.sessionExpired)
  return principal!
}

/** The actor for audit rows: the signed-in user and the client's address. */
export function actorOf(req: Request): Actor & { id: number } {
  const p = req.session!.principal
  return { id: p.id, name: p.displayName, role: p.role, address: req.ip ?? null }
}

/** Resolves the session cookie on every /api request (no decision here: routes decide through `permit`). */
export function sessionMiddleware(sessions: SessionStore): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = sessionTokenFrom(req.headers.cookie)
      req.sessionToken = token
      req.session = null
      if (token) {
        const lookup = await sessions.resolve(token)
        if (lookup.status === 'ok') req.session = lookup.info
        else {
          req.sessionExpired = lookup.status === 'expired'
          clearSessionCookie(req, res)
        }
      }
      if (req.session?.passwordChangeRequired && !DURING_PASSWORD_CHANGE.has(req.path)) {
        throw new HttpError(403, 'password_change_required', 'You must change your password before continuing')
      }
      next()
    } catch (e) {
      next(e)
    }
  }
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * CSRF defence for cookie-authenticated writes: the Origin (when the browser sends one) must be this
 * site, and a signed-in write must echo the session's token in X-CSRF-Token (a synchronizer token).
 */
export function csrfMiddleware(): RequestHandler {
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method)) return next()
    const origin = req.get('origin')
    if (origin && origin !== 'null') {
      let host: string | null = null
      try {
        host = new URL(origin).host
      } catch {
        host = null
      }
      const expected = req.get('x-forwarded-host')?.split(',')[0].trim() || req.get('host')
      if (host !== expected) return next(new HttpError(403, 'csrf', 'Cross-site request refused (Origin does not match this site)'))
    }
    if (req.session) {
      const sent = req.get('x-csrf-token')
      if (!sent || !sameToken(sent, req.session.csrfToken)) {
        return next(new HttpError(403, 'csrf', 'Missing or wrong X-CSRF-Token header (reload the page and try again)'))
      }
    }
    next()
  }
}

export function setSessionCookie(req: Request, res: Response, cfg: AuthConfig, token: string, expiresAt: number) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cfg.cookieSecure === 'always' || (cfg.cookieSecure === 'auto' && req.secure),
    path: '/',
    expires: new Date(expiresAt),
  })
}

export function clearSessionCookie(req: Request, res: Response) {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' })
}

/**
 * Authorization for the tile fast path (outside Express): synchronous when the session is cached, so a
 * cached tile for a signed-in user costs one Map lookup more.
 */
export function createTileGate(sessions: SessionStore): TileGate {
  const decide = (lookup: Awaited<ReturnType<SessionStore['resolve']>>): TileGateResult => {
    const info = lookup.status === 'ok' ? lookup.info : null
    if (info?.passwordChangeRequired) return { status: 403, code: 'password_change_required', message: 'You must change your password before continuing' }
    const d = authorize(info?.principal ?? null, 'tiles.read')
    if (d.allowed) return true
    const err = refusal(d, lookup.status === 'expired')
    return { status: err.status, code: err.code, message: err.message }
  }
  return (req) => {
    const token = sessionTokenFrom(req.headers.cookie)
    if (!token) return decide({ status: 'none' })
    const tokenHash = hashToken(token)
    const cached = sessions.peekHash(tokenHash)
    if (cached) return decide(cached)
    return sessions.resolveHash(tokenHash).then(decide)
  }
}
