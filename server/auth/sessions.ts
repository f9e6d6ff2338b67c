import { createHash, randomBytes } from 'node:crypto'
import type { PasswordPolicy } from '../../core/auth/password-policy.js'
import type { Principal, Role } from '../../core/auth/roles.js'
import type { Database } from '../db/types.js'

export const SESSION_COOKIE = 'renewmap_sid'

/** A signed-in session as requests see it. Times are epoch milliseconds. */
export interface SessionInfo {
  tokenHash: string
  principal: Principal
  csrfToken: string
  createdAt: number
  expiresAt: number
  lastSeenAt: number
  passwordChangeRequired: boolean
}

export type SessionLookup = { status: 'ok'; info: SessionInfo } | { status: 'none' } | { status: 'expired' }

export interface SessionOptions {
  idleMinutes: number
  absoluteHours: number
  policy: PasswordPolicy
  /** How long a looked-up session is trusted without asking the database (other processes' changes show within this). */
  cacheMs?: number
  now?: () => number
  log?: (m: string) => void
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

interface SessionRow {
  tokenHash: string
  csrfToken: string
  createdAt: string
  expiresAt: string
  lastSeenAt: string
  userId: number
  username: string
  displayName: string
  role: Role
  districtId: number | null
  streetId: number | null
  mustChangePassword: boolean
  passwordChangedAt: string
  disabled: boolean
}

/**
 * Sessions stored in the database (so any API process can serve any request) with a short in-process
 * cache in front, so the tile fast path does not query per tile. The cookie carries a random token; only
 * its SHA-256 is stored.
 */
export class SessionStore {
  private readonly cache = new Map<string, { lookup: SessionLookup; at: number }>()
  // Activity this process has seen, so a re-read racing its own last_seen_at write never looks idle.
  private readonly touched = new Map<string, number>()
  private readonly cacheMs: number
  private readonly now: () => number

  constructor(
    private readonly db: Database,
    private readonly opts: SessionOptions,
  ) {
    this.cacheMs = opts.cacheMs ?? 5_000
    this.now = opts.now ?? Date.now
  }

  get idleMs() {
    return this.opts.idleMinutes * 60_000
  }

  async create(userId: number, address: string | null, userAgent: string | null): Promise<{ token: string; info: SessionInfo }> {
    const token = randomBytes(32).toString('base64url')
    const tokenHash = hashToken(token)
    const now = this.now()
    const expiresAt = now + this.opts.absoluteHours * 3_600_000
    await this.db.query(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, client_address, user_agent)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
      [tokenHash, userId, randomBytes(24).toString('base64url'), new Date(now).toISOString(), new Date(expiresAt).toISOString(), address, userAgent?.slice(0, 300) ?? null],
    )
    const lookup = await this.load(tokenHash)
    if (lookup.status !== 'ok') throw new Error('session vanished right after creation')
    return { token, info: lookup.info }
  }

  /** The session for a token from the cache only; undefined when the database must be asked. */
  peek(token: string): SessionLookup | undefined {
    return this.peekHash(hashToken(token))
  }

  /** As `peek`, for a token already hashed (the tile path hashes once per request). */
  peekHash(tokenHash: string): SessionLookup | undefined {
    const hit = this.cache.get(tokenHash)
    if (!hit || this.now() - hit.at > this.cacheMs) return undefined
    return this.check(hit.lookup)
  }

  resolve(token: string): Promise<SessionLookup> {
    return this.resolveHash(hashToken(token))
  }

  async resolveHash(tokenHash: string): Promise<SessionLookup> {
    const peeked = this.peekHash(tokenHash)
    if (peeked) return peeked
    const lookup = await this.load(tokenHash)
    this.cache.set(tokenHash, { lookup, at: this.now() })
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!)
    return this.check(lookup)
  }

  /** Applies the timeouts at the time of the request, and records activity (at most once a minute). */
  private check(lookup: SessionLookup): SessionLookup {
    if (lookup.status !== 'ok') return lookup
    const info = lookup.info
    const now = this.now()
    if (now >= info.expiresAt || now - info.lastSeenAt > this.idleMs) {
      void this.revokeHash(info.tokenHash).catch(() => undefined)
      return { status: 'expired' }
    }
    if (now - info.lastSeenAt > 60_000) {
      info.lastSeenAt = now
      this.touched.set(info.tokenHash, now)
      if (this.touched.size > 10_000) this.touched.delete(this.touched.keys().next().value!)
      void this.db
        .query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [info.tokenHash, new Date(now).toISOString()])
        .catch((e) => this.opts.log?.(`[auth] could not record session activity: ${(e as Error).message}`))
    }
    return lookup
  }

  private async load(tokenHash: string): Promise<SessionLookup> {
    const rows = await this.db.query<SessionRow>(
      `SELECT s.token_hash AS "tokenHash", s.csrf_token AS "csrfToken", s.created_at AS "createdAt", s.expires_at AS "expiresAt",
              s.last_seen_at AS "lastSeenAt", u.id AS "userId", u.username, u.display_name AS "displayName", u.role,
              u.district_id AS "districtId", u.street_id AS "streetId", u.must_change_password AS "mustChangePassword",
              u.password_changed_at AS "passwordChangedAt", u.disabled
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [tokenHash],
    )
    const r = rows[0]
    if (!r || r.disabled) return { status: 'none' }
    const maxAgeMs = this.opts.policy.maxAgeDays * 86_400_000
    return {
      status: 'ok',
      info: {
        tokenHash: r.tokenHash,
        csrfToken: r.csrfToken,
        createdAt: Date.parse(r.createdAt),
        expiresAt: Date.parse(r.expiresAt),
        lastSeenAt: Math.max(Date.parse(r.lastSeenAt), this.touched.get(r.tokenHash) ?? 0),
        passwordChangeRequired: r.mustChangePassword || (maxAgeMs > 0 && this.now() - Date.parse(r.passwordChangedAt) > maxAgeMs),
        principal: {
          id: r.userId,
          username: r.username,
          displayName: r.displayName,
          role: r.role,
          districtId: r.districtId,
          streetId: r.streetId,
        },
      },
    }
  }

  async revoke(token: string): Promise<void> {
    await this.revokeHash(hashToken(token))
  }

  private async revokeHash(tokenHash: string): Promise<void> {
    this.cache.delete(tokenHash)
    this.touched.delete(tokenHash)
    await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
  }

  /** Forgets cached sessions of a user so the next request re-reads them (after a role, scope or status change). */
  forgetUser(userId: number): void {
    for (const [key, hit] of this.cache) {
      if (hit.lookup.status === 'ok' && hit.lookup.info.principal.id === userId) this.cache.delete(key)
    }
  }

  /** Removes expired and idle sessions (run now and then; requests ignore them anyway). */
  async prune(): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `WITH d AS (DELETE FROM sessions WHERE expires_at < now() OR last_seen_at < now() - make_interval(mins => $1) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [this.opts.idleMinutes],
    )
    return rows[0].n
  }
}

/** The session token from a Cookie header, or null. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const v = part.slice(eq + 1).trim()
      return /^[A-Za-z0-9_-]{20,100}$/.test(v) ? v : null
    }
  }
  return null
}
