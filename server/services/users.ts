import { checkPassword, type PasswordPolicy, type PasswordProblem } from '../../core/auth/password-policy.js'
import { checkRoleScope, type Principal, type Role } from '../../core/auth/roles.js'
import type { CreateUserBody, DemoAccount, UpdateUserBody, UserAccount, UserWithTemporaryPassword } from '../../core/contracts/auth.js'
import { DEMO_ACCOUNTS } from '../../data/demo/accounts.js'
import { isCommonPassword } from '../auth/common-passwords.js'
import { generatePassword, hashPassword, verifyPassword } from '../auth/passwords.js'
import type { Database, Queryable } from '../db/types.js'
import { HttpError, notFound } from '../http/errors.js'
import { appendAudit, lastChangeOf, type Actor } from './audit.js'

const USER_COLUMNS = `id, username, display_name AS "displayName", role, district_id AS "districtId", street_id AS "streetId",
  disabled, must_change_password AS "mustChangePassword", password_changed_at AS "passwordChangedAt",
  last_login_at AS "lastLoginAt", created_at AS "createdAt", updated_at AS "updatedAt", version`

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: null, address: null }

export function passwordRejected(problems: PasswordProblem[]) {
  return new HttpError(400, 'password_rejected', `The password does not meet the policy: ${problems.map((p) => p.code).join(', ')}`, { problems })
}

/** Throws 400 password_rejected unless the password passes the policy. */
export function requireAcceptablePassword(password: string, policy: PasswordPolicy, username: string) {
  const problems = checkPassword(password, policy, { username, isCommon: isCommonPassword })
  if (problems.length) throw passwordRejected(problems)
}

export async function listUsers(db: Queryable, q: { role?: Role; q?: string } = {}): Promise<UserAccount[]> {
  const conds: string[] = []
  const params: unknown[] = []
  if (q.role) {
    params.push(q.role)
    conds.push(`role = $${params.length}`)
  }
  if (q.q) {
    params.push(q.q)
    conds.push(`(username ILIKE '%' || $${params.length} || '%' OR display_name ILIKE '%' || $${params.length} || '%')`)
  }
  return db.query<UserAccount>(`SELECT ${USER_COLUMNS} FROM users ${conds.length ? 'WHERE ' + conds.join(' AND ') : ''} ORDER BY id`, params)
}

export async function getUser(db: Queryable, id: number, lock = false): Promise<UserAccount | null> {
  const rows = await db.query<UserAccount>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id])
  return rows[0] ?? null
}

/** A scope that exists: district staff get a district, street staff a street (and its district). */
async function resolveScope(db: Queryable, role: Role, districtId: number | null, streetId: number | null) {
  const problem = checkRoleScope(role, role === 'street_staff' ? null : districtId, streetId)
  if (problem) throw new HttpError(400, 'invalid_scope', `Role ${role}: ${problem.replaceAll('_', ' ')}`)
  if (role === 'district_staff') {
    const d = await db.query('SELECT 1 FROM districts WHERE id = $1', [districtId])
    if (!d.length) throw new HttpError(400, 'invalid_scope', `District ${districtId} does not exist`)
    return { districtId, streetId: null }
  }
  if (role === 'street_staff') {
    const s = await db.query<{ districtId: number }>('SELECT district_id AS "districtId" FROM streets WHERE id = $1', [streetId])
    if (!s.length) throw new HttpError(400, 'invalid_scope', `Street ${streetId} does not exist`)
    return { districtId: s[0].districtId, streetId }
  }
  return { districtId: null, streetId: null }
}

const publicView = (u: UserAccount) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  districtId: u.districtId,
  streetId: u.streetId,
  disabled: u.disabled,
})

export async function createUser(db: Database, actor: Actor, body: CreateUserBody, policy: PasswordPolicy): Promise<UserWithTemporaryPassword> {
  const temporary = body.password === undefined
  const password = body.password ?? generatePassword()
  if (!temporary) requireAcceptablePassword(password, policy, body.username)
  const hash = await hashPassword(password)
  return db.transaction(async (tx) => {
    const scope = await resolveScope(tx, body.role, body.districtId ?? null, body.streetId ?? null)
    const taken = await tx.query('SELECT 1 FROM users WHERE username = $1', [body.username])
    if (taken.length) throw new HttpError(409, 'username_taken', `The username "${body.username}" is already taken`)
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO users (username, display_name, role, district_id, street_id, password_hash, must_change_password)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [body.username, body.displayName, body.role, scope.districtId, scope.streetId, hash, temporary],
    )
    const user = (await getUser(tx, rows[0].id))!
    await appendAudit(tx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      districtId: user.districtId,
      streetId: user.streetId,
      before: null,
      after: { ...publicView(user), mustChangePassword: user.mustChangePassword },
    })
    return { user, temporaryPassword: temporary ? password : null }
  })
}

async function versionConflict(tx: Queryable, current: UserAccount, sent: number) {
  return new HttpError(409, 'version_conflict', `User ${current.username} was changed by someone else (version ${current.version}, you sent ${sent})`, {
    current,
    lastChange: await lastChangeOf(tx, 'user', current.id),
  })
}

async function enabledAdminsOtherThan(tx: Queryable, id: number): Promise<number> {
  const rows = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1`, [id])
  return rows[0].n
}

/** Changes a user; disabling or changing role or scope ends their sessions. Returns the user and whether sessions ended. */
export async function updateUser(db: Database, actor: Actor & { id: number }, id: number, body: UpdateUserBody): Promise<{ user: UserAccount; sessionsEnded: boolean }> {
  return db.transaction(async (tx) => {
    const cur = await getUser(tx, id, true)
    if (!cur) throw notFound(`User ${id} does not exist`)
    if (body.version !== cur.version) throw await versionConflict(tx, cur, body.version)
    const role = body.role ?? cur.role
    const disabled = body.disabled ?? cur.disabled
    if (id === actor.id && (disabled || role !== 'admin')) {
      throw new HttpError(400, 'cannot_disable_self', 'You cannot disable yourself or remove your own administrator role')
    }
    if (cur.role === 'admin' && !cur.disabled && (disabled || role !== 'admin') && (await enabledAdminsOtherThan(tx, id)) === 0) {
      throw new HttpError(400, 'last_admin', 'This is the last enabled administrator; create or enable another one first')
    }
    const scopeChanged = body.role !== undefined || body.districtId !== undefined || body.streetId !== undefined
    const scope = scopeChanged
      ? await resolveScope(
          tx,
          role,
          body.districtId !== undefined ? body.districtId : role === cur.role ? cur.districtId : null,
          body.streetId !== undefined ? body.streetId : role === cur.role ? cur.streetId : null,
        )
      : { districtId: cur.districtId, streetId: cur.streetId }
    await tx.query(
      `UPDATE users SET display_name = $2, role = $3, district_id = $4, street_id = $5, disabled = $6,
              updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, body.displayName ?? cur.displayName, role, scope.districtId, scope.streetId, disabled],
    )
    const sessionsEnded = (disabled && !cur.disabled) || role !== cur.role || scope.districtId !== cur.districtId || scope.streetId !== cur.streetId
    if (sessionsEnded) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id])
    const user = (await getUser(tx, id))!
    const before: Record<string, unknown> = {}
    const after: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(publicView(user))) {
      const old = (publicView(cur) as Record<string, unknown>)[k]
      if (old !== v) {
        before[k] = old
        after[k] = v
      }
    }
    before.version = cur.version
    after.version = user.version
    await appendAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: id, districtId: user.districtId, streetId: user.streetId, before, after })
    return { user, sessionsEnded }
  })
}

/** Sets a temporary password the user must change at the next sign-in, and ends their sessions. */
export async function resetUserPassword(db: Database, actor: Actor, id: number, version: number): Promise<UserWithTemporaryPassword> {
  const password = generatePassword()
  const hash = await hashPassword(password)
  return db.transaction(async (tx) => {
    const cur = await getUser(tx, id, true)
    if (!cur) throw notFound(`User ${id} does not exist`)
    if (version !== cur.version) throw await versionConflict(tx, cur, version)
    await tx.query(
      `UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = now(), failed_logins = 0,
              locked_until = NULL, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, hash],
    )
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [id])
    const user = (await getUser(tx, id))!
    await appendAudit(tx, actor, {
      action: 'user.reset_password',
      entityType: 'user',
      entityId: id,
      districtId: user.districtId,
      streetId: user.streetId,
      before: { mustChangePassword: cur.mustChangePassword, version: cur.version },
      after: { mustChangePassword: true, version: user.version },
    })
    return { user, temporaryPassword: password }
  })
}

/** Changes one's own password after checking the current one; other sessions of the user end. */
export async function changeOwnPassword(
  db: Database,
  actor: Actor,
  principal: Principal,
  currentPassword: string,
  newPassword: string,
  policy: PasswordPolicy,
  keepTokenHash: string,
): Promise<void> {
  const rows = await db.query<{ hash: string }>('SELECT password_hash AS hash FROM users WHERE id = $1', [principal.id])
  if (!rows[0] || !(await verifyPassword(currentPassword, rows[0].hash))) {
    throw new HttpError(401, 'invalid_credentials', 'The current password is not correct')
  }
  const problems = checkPassword(newPassword, policy, { username: principal.username, isCommon: isCommonPassword })
  if (newPassword === currentPassword) problems.push({ code: 'same_as_current' })
  if (problems.length) throw passwordRejected(problems)
  const hash = await hashPassword(newPassword)
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(), updated_at = now(),
              version = version + 1 WHERE id = $1`,
      [principal.id, hash],
    )
    await tx.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [principal.id, keepTokenHash])
    await appendAudit(tx, actor, {
      action: 'auth.password_change',
      entityType: 'user',
      entityId: principal.id,
      districtId: principal.districtId,
      streetId: principal.streetId,
      before: null,
      after: { mustChangePassword: false },
    })
  })
}

/**
 * First start: with no administrator yet, creates `admin` with ADMIN_PASSWORD or a random password that is
 * printed once. Safe when several processes start together (only the one that inserts prints).
 */
export async function ensureAdminAccount(db: Database, adminPassword: string | null, policy: PasswordPolicy, log: (m: string) => void): Promise<void> {
  const existing = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT is_demo`)
  if (existing[0].n > 0) return
  if (adminPassword) {
    const problems = checkPassword(adminPassword, policy, { username: 'admin', isCommon: isCommonPassword })
    if (problems.length) {
      throw new Error(`ADMIN_PASSWORD does not meet the password policy (${problems.map((p) => p.code).join(', ')}); choose another, e.g. at least ${policy.minLength} characters, not a common password, not containing "admin"`)
    }
  }
  const password = adminPassword ?? generatePassword()
  const hash = await hashPassword(password)
  const created = await db.transaction(async (tx) => {
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO users (username, display_name, role, password_hash, must_change_password)
       VALUES ('admin', '系统管理员', 'admin', $1, $2) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [hash, adminPassword === null],
    )
    if (!rows.length) return false
    await appendAudit(tx, SYSTEM_ACTOR, {
      action: 'user.create',
      entityType: 'user',
      entityId: rows[0].id,
      after: { username: 'admin', role: 'admin', source: adminPassword ? 'ADMIN_PASSWORD' : 'generated' },
    })
    return true
  })
  if (!created) return
  if (adminPassword) {
    log('[auth] created the administrator account "admin" with the password from ADMIN_PASSWORD')
    return
  }
  const line = '='.repeat(66)
  log(
    [
      line,
      ' First start: an administrator account was created (首次启动：已创建管理员账号)',
      '   username / 用户名: admin',
      `   password / 密码:   ${password}`,
      ' This password is shown only once; you must change it at the first sign-in.',
      ' 此密码仅显示一次，首次登录时须修改。Set ADMIN_PASSWORD to choose it instead.',
      line,
    ].join('\n'),
  )
}

async function firstScope(db: Queryable) {
  const rows = await db.query<{ districtId: number; streetId: number; districtName: string; streetName: string }>(
    `SELECT d.id AS "districtId", d.name AS "districtName", s.id AS "streetId", s.name AS "streetName"
     FROM districts d JOIN streets s ON s.district_id = d.id ORDER BY d.id, s.id LIMIT 1`,
  )
  return rows[0] ?? null
}

/** Demo mode: one account per role, created once (existing accounts, and changes made to them, are kept). */
export async function ensureDemoAccounts(db: Database, log: (m: string) => void): Promise<void> {
  const scope = await firstScope(db)
  if (!scope) return
  const existing = new Set((await db.query<{ username: string }>('SELECT username FROM users')).map((r) => r.username))
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.username))
  if (!missing.length) return
  const hashes = await Promise.all(missing.map((a) => hashPassword(a.password)))
  await db.transaction(async (tx) => {
    for (const [i, a] of missing.entries()) {
      const districtId = a.scope === 'none' ? null : scope.districtId
      const streetId = a.scope === 'first_street' ? scope.streetId : null
      const rows = await tx.query<{ id: number }>(
        `INSERT INTO users (username, display_name, role, district_id, street_id, password_hash, is_demo)
         VALUES ($1, $2, $3, $4, $5, $6, true) ON CONFLICT (username) DO NOTHING RETURNING id`,
        [a.username, a.displayName.zh, a.role, districtId, streetId, hashes[i]],
      )
      if (!rows.length) continue
      await appendAudit(tx, SYSTEM_ACTOR, {
        action: 'user.create',
        entityType: 'user',
        entityId: rows[0].id,
        districtId,
        streetId,
        after: { username: a.username, role: a.role, districtId, streetId, demo: true },
      })
    }
  })
  log(`[auth] demo accounts ready: ${missing.map((a) => a.username).join(', ')}`)
}

/** The demo accounts with their passwords and scope names (GET /api/auth/demo-accounts, demo mode only). */
export async function listDemoAccounts(db: Queryable): Promise<DemoAccount[]> {
  const rows = await db.query<{ username: string; role: Role; displayName: string; districtId: number | null; streetId: number | null; scopeName: string | null }>(
    `SELECT u.username, u.role, u.display_name AS "displayName", u.district_id AS "districtId", u.street_id AS "streetId",
            COALESCE(d.name || ' ' || s.name, d.name) AS "scopeName"
     FROM users u LEFT JOIN districts d ON d.id = u.district_id LEFT JOIN streets s ON s.id = u.street_id
     WHERE u.is_demo AND NOT u.disabled`,
  )
  const byName = new Map(rows.map((r) => [r.username, r]))
  return DEMO_ACCOUNTS.flatMap((a) => {
    const r = byName.get(a.username)
    return r ? [{ ...r, password: a.password }] : []
  })
}
