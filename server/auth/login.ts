import type { PasswordPolicy } from '../../core/auth/password-policy.js'
import type { Principal } from '../../core/auth/roles.js'
import type { Database } from '../db/types.js'
import { HttpError } from '../http/errors.js'
import { appendAudit } from '../services/audit.js'
import { dummyPasswordHash, verifyPassword } from './passwords.js'
import type { SessionInfo, SessionStore } from './sessions.js'
import { loginRetryAfterSeconds, recordLoginAttempt } from './throttle.js'

interface LoginUserRow extends Principal {
  hash: string
  disabled: boolean
  lockedUntil: string | null
  failedLogins: number
}

export interface LoginRequest {
  username: string
  password: string
  address: string
  userAgent: string | null
}

const invalid = () => new HttpError(401, 'invalid_credentials', 'The username or password is not correct')

/**
 * Checks a username and password and opens a session. Unknown names and wrong passwords answer alike
 * (same message, same hashing work); throttling is checked before the password is.
 */
export async function logIn(db: Database, sessions: SessionStore, policy: PasswordPolicy, req: LoginRequest): Promise<{ token: string; info: SessionInfo }> {
  const username = req.username.trim().toLowerCase()
  const retryAfter = await loginRetryAfterSeconds(db, username, req.address)
  if (retryAfter > 0) {
    throw new HttpError(429, 'login_throttled', `Too many failed sign-ins; try again in ${retryAfter} s`, { retryAfterSeconds: retryAfter })
  }
  const rows = await db.query<LoginUserRow>(
    `SELECT id, username, display_name AS "displayName", role, district_id AS "districtId", street_id AS "streetId",
            password_hash AS hash, disabled, locked_until AS "lockedUntil", failed_logins AS "failedLogins"
     FROM users WHERE username = $1`,
    [username],
  )
  const user = rows[0]
  if (user?.lockedUntil && Date.parse(user.lockedUntil) > Date.now()) {
    throw new HttpError(423, 'account_locked', `The account is locked until ${user.lockedUntil}`, { lockedUntil: user.lockedUntil })
  }
  const ok = await verifyPassword(req.password, user?.hash ?? (await dummyPasswordHash()))
  if (!user || !ok) {
    await db.transaction(async (tx) => {
      await recordLoginAttempt(tx, username, req.address, false)
      if (user) {
        const lock = policy.lockoutAttempts > 0 && user.failedLogins + 1 >= policy.lockoutAttempts
        await tx.query(
          `UPDATE users SET failed_logins = failed_logins + 1,
                  locked_until = CASE WHEN $2 THEN now() + make_interval(mins => $3) ELSE locked_until END WHERE id = $1`,
          [user.id, lock, policy.lockoutMinutes],
        )
      }
      await appendAudit(tx, { id: null, name: username.slice(0, 100), role: null, address: req.address }, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        districtId: user?.districtId ?? null,
        streetId: user?.streetId ?? null,
        after: { reason: user ? 'wrong_password' : 'unknown_user' },
      })
    })
    throw invalid()
  }
  if (user.disabled) throw new HttpError(403, 'account_disabled', 'This account has been disabled; ask an administrator')
  const session = await sessions.create(user.id, req.address, req.userAgent)
  await db.transaction(async (tx) => {
    await recordLoginAttempt(tx, username, req.address, true)
    await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1', [user.id])
    await appendAudit(tx, { id: user.id, name: user.displayName, role: user.role, address: req.address }, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      districtId: user.districtId,
      streetId: user.streetId,
      after: { userAgent: req.userAgent?.slice(0, 200) ?? null },
    })
  })
  return session
}
