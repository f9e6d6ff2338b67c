import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SessionStore } from '../../server/auth/sessions.js'
import { PASSWORD_POLICIES } from '../../core/auth/password-policy.js'
import { ensureAdminAccount } from '../../server/services/users.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-db.js'
import { jsonBody, signIn, startTestServer, type TestServer } from '../helpers/test-server.js'

let tdb: TestDatabase
let srv: TestServer

beforeAll(async () => {
  tdb = await openTestDatabase()
  srv = await startTestServer(tdb.db)
})
afterAll(async () => {
  await srv?.close()
  await tdb?.close()
})

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(srv.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) })

describe('signing in', () => {
  it('answers a good password with an httpOnly, SameSite session cookie and the CSRF token', async () => {
    const res = await login('planner', 'Qinghe-Guihua-2026')
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/renewmap_sid=[A-Za-z0-9_-]{40,}/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).not.toMatch(/Secure/i)
    const body = await res.json()
    expect(body.user).toMatchObject({ username: 'planner', role: 'planner' })
    expect(body.csrfToken.length).toBeGreaterThan(20)
    expect(body).not.toHaveProperty('user.passwordHash')
  })

  it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
    const proxied = await startTestServer(tdb.db, { env: { TRUST_PROXY: 'loopback' } })
    try {
      const res = await fetch(proxied.url + '/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ username: 'leader', password: 'Qinghe-Lingdao-2026' }),
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i)
      const last = (await proxied.json('/api/audit?action=auth.login&limit=1')).body.rows[0]
      expect(last.clientAddress).toBe('203.0.113.9')
    } finally {
      await proxied.close()
    }
  })

  it('answers a wrong password and an unknown user alike', async () => {
    const a = await login('analyst', 'not-the-password')
    const b = await login('nobody-here', 'not-the-password')
    expect(a.status).toBe(401)
    expect(b.status).toBe(401)
    expect((await a.json()).error).toEqual((await b.json()).error)
  })

  it('throttles an account after repeated failures, with Retry-After, and audits the failures', async () => {
    const codes: number[] = []
    for (let i = 0; i < 7; i++) codes.push((await login('district', `wrong-${i}`)).status)
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    const throttled = await login('district', 'Qinghe-Quji-2026')
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await throttled.json()).error.code).toBe('login_throttled')
    const failures = (await srv.json('/api/audit?action=auth.login_failed&limit=100')).body.rows.filter((r: any) => r.actorName === 'district')
    expect(failures.length).toBe(5)
  })

  it('throttles an address that tries many accounts', async () => {
    const headers = { 'x-forwarded-for': '198.51.100.7' }
    const proxied = await startTestServer(tdb.db, { env: { TRUST_PROXY: 'loopback' } })
    try {
      const go = (u: string) =>
        fetch(proxied.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: u, password: 'guess-guess' }) })
      const statuses: number[] = []
      for (let i = 0; i < 51; i++) statuses.push((await go(`spray${i}`)).status)
      expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true)
      expect(statuses[50]).toBe(429)
    } finally {
      await proxied.close()
    }
  })

  it('locks the account after the configured number of failures under the 等保 profile', async () => {
    const strict = await startTestServer(tdb.db, { env: { PASSWORD_POLICY: 'dengbao' } })
    try {
      await strict.send('POST', '/api/users', { username: 'lockme', displayName: '锁定测试', role: 'analyst', password: 'Lock-Me-Out-2026' })
      const go = (pw: string) => fetch(strict.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lockme', password: pw }) })
      for (let i = 0; i < 5; i++) expect((await go('Wrong-Pass-' + i)).status).toBe(401)
      const locked = await go('Lock-Me-Out-2026')
      expect([423, 429]).toContain(locked.status)
      const body = await locked.json()
      expect(['account_locked', 'login_throttled']).toContain(body.error.code)
      const row = (await tdb.db.query<{ locked: boolean }>(`SELECT locked_until > now() AS locked FROM users WHERE username = 'lockme'`))[0]
      expect(row.locked).toBe(true)
    } finally {
      await strict.close()
    }
  })
})

describe('sessions', () => {
  it('refuses every API route but meta, health and sign-in without a session', async () => {
    for (const path of ['/api/communities', '/api/summary', '/api/districts', '/api/facilities', '/api/communities/1', '/api/users', '/api/audit', '/api/auth/me']) {
      const r = await srv.anon.json(path)
      expect(r.status, path).toBe(401)
      expect(r.body.error.code, path).toBe('unauthenticated')
    }
    expect((await srv.anon.json('/api/meta')).status).toBe(200)
    expect((await srv.anon.json('/api/health')).status).toBe(200)
    expect((await srv.anon.json('/api/auth/demo-accounts')).status).toBe(200)
    const tile = await srv.anon.get('/tiles/communities/12/3382/1665.mvt')
    expect(tile.status).toBe(401)
  })

  it('refuses a cookie-authenticated write without the CSRF token, or from another site', async () => {
    const c = await srv.login('planner')
    const cur = (await c.json('/api/communities/7')).body
    const noToken = await c.json('/api/communities/7', { ...jsonBody('PATCH', { households: 1, version: cur.version }), headers: { 'content-type': 'application/json', 'x-csrf-token': '' } })
    expect(noToken.status).toBe(403)
    expect(noToken.body.error.code).toBe('csrf')
    const wrongToken = await c.json('/api/communities/7', { ...jsonBody('PATCH', { households: 1, version: cur.version }), headers: { 'content-type': 'application/json', 'x-csrf-token': 'x'.repeat(32) } })
    expect(wrongToken.status).toBe(403)
    const crossSite = await c.json('/api/communities/7', {
      ...jsonBody('PATCH', { households: 1, version: cur.version }),
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    })
    expect(crossSite.status).toBe(403)
    expect(crossSite.body.error.code).toBe('csrf')
    expect((await c.json('/api/communities/7')).body.version).toBe(cur.version)
  })

  it('ends a session at logout', async () => {
    const c = await srv.login('analyst')
    expect((await c.json('/api/auth/me')).status).toBe(200)
    expect((await c.send('POST', '/api/auth/logout')).status).toBe(204)
    expect((await c.json('/api/auth/me')).status).toBe(401)
  })

  it('ends the sessions of a disabled user at once, and refuses their sign-in', async () => {
    const created = await srv.send('POST', '/api/users', { username: 'temp-staff', displayName: '临时', role: 'analyst', password: 'Temporary-Staff-42' })
    expect(created.status).toBe(201)
    const c = await signIn(srv.url, 'temp-staff', 'Temporary-Staff-42')
    const tile = '/tiles/communities/12/3382/1665.mvt'
    expect((await c.json('/api/communities?limit=1')).status).toBe(200)
    expect([200, 204]).toContain((await c.get(tile)).status)
    const user = created.body.user
    const off = await srv.send('PATCH', `/api/users/${user.id}`, { disabled: true, version: user.version })
    expect(off.status).toBe(200)
    expect((await c.json('/api/communities?limit=1')).status).toBe(401)
    expect((await c.get(tile)).status).toBe(401)
    const again = await login('temp-staff', 'Temporary-Staff-42')
    expect(again.status).toBe(403)
    expect((await again.json()).error.code).toBe('account_disabled')
  })

  it('expires a session after the idle timeout and after the absolute timeout', async () => {
    let now = Date.now()
    const store = new SessionStore(tdb.db, { idleMinutes: 30, absoluteHours: 2, policy: PASSWORD_POLICIES.standard, cacheMs: 0, now: () => now })
    const userId = (await tdb.db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'leader'`))[0].id
    const a = await store.create(userId, '127.0.0.1', 'test')
    now += 29 * 60_000
    expect((await store.resolve(a.token)).status).toBe('ok') // activity at 29 min keeps it alive
    now += 29 * 60_000
    expect((await store.resolve(a.token)).status).toBe('ok')
    now += 31 * 60_000
    expect((await store.resolve(a.token)).status).toBe('expired')
    expect((await store.resolve(a.token)).status).not.toBe('ok') // never revived
    await expect.poll(async () => (await tdb.db.query('SELECT 1 FROM sessions WHERE user_id = $1 AND created_at = $2', [userId, new Date(a.info.createdAt).toISOString()])).length).toBe(0) // and removed

    now = Date.now()
    const b = await store.create(userId, '127.0.0.1', 'test')
    for (let t = 0; t < 7; t++) {
      now += 20 * 60_000
      const s = (await store.resolve(b.token)).status
      expect(s).toBe(t < 5 ? 'ok' : 'expired') // 2 h absolute, however active
      if (s !== 'ok') break
    }
  })
})

describe('passwords', () => {
  it('makes a reset user change the temporary password before anything else', async () => {
    const created = (await srv.send('POST', '/api/users', { username: 'reset-me', displayName: '重置测试', role: 'leader' })).body
    expect(created.temporaryPassword).toMatch(/^.{16}$/)
    const c = await signIn(srv.url, 'reset-me', created.temporaryPassword)
    const me = (await c.json('/api/auth/me')).body
    expect(me.passwordChangeRequired).toBe(true)
    const blocked = await c.json('/api/communities?limit=1')
    expect(blocked.status).toBe(403)
    expect(blocked.body.error.code).toBe('password_change_required')
    expect((await c.get('/tiles/communities/12/3382/1665.mvt')).status).toBe(403)

    const weak = await c.send('POST', '/api/auth/password', { currentPassword: created.temporaryPassword, newPassword: 'password1' })
    expect(weak.status).toBe(400)
    expect(weak.body.error.code).toBe('password_rejected')
    expect(weak.body.error.details.problems.map((p: any) => p.code)).toContain('common')
    const short = await c.send('POST', '/api/auth/password', { currentPassword: created.temporaryPassword, newPassword: 'Ab1-x' })
    expect(short.body.error.details.problems).toContainEqual({ code: 'too_short', min: 8 })
    const wrongCurrent = await c.send('POST', '/api/auth/password', { currentPassword: 'nope-nope-nope', newPassword: 'Blue-Lantern-Bridge' })
    expect(wrongCurrent.status).toBe(401)

    const ok = await c.send('POST', '/api/auth/password', { currentPassword: created.temporaryPassword, newPassword: 'Blue-Lantern-Bridge' })
    expect(ok.status).toBe(200)
    expect(ok.body.passwordChangeRequired).toBe(false)
    expect((await c.json('/api/communities?limit=1')).status).toBe(200)

    // An admin reset ends the session and issues a new temporary password.
    const user = (await srv.json('/api/users?q=reset-me')).body[0]
    const reset = await srv.send('POST', `/api/users/${user.id}/reset-password`, { version: user.version })
    expect(reset.status).toBe(200)
    expect(reset.body.temporaryPassword).not.toBe(created.temporaryPassword)
    expect((await c.json('/api/auth/me')).status).toBe(401)
    expect((await login('reset-me', 'Blue-Lantern-Bridge')).status).toBe(401)
  })

  it('stores only memory-hard hashes', async () => {
    const rows = await tdb.db.query<{ h: string }>('SELECT password_hash AS h FROM users')
    for (const r of rows) expect(r.h).toMatch(/^scrypt\$15\$8\$3\$[A-Za-z0-9+/=]{20,}\$[A-Za-z0-9+/=]{40,}$/)
  })
})

describe('users', () => {
  it('refuses a second account with the same name, and a street user without a street', async () => {
    expect((await srv.send('POST', '/api/users', { username: 'planner', displayName: 'x', role: 'planner' })).body.error.code).toBe('username_taken')
    expect((await srv.send('POST', '/api/users', { username: 'no-street', displayName: 'x', role: 'street_staff' })).body.error.code).toBe('invalid_scope')
    const street = (await srv.json('/api/streets')).body[3]
    const ok = await srv.send('POST', '/api/users', { username: 'has-street', displayName: 'x', role: 'street_staff', streetId: street.id })
    expect(ok.status).toBe(201)
    expect(ok.body.user).toMatchObject({ streetId: street.id, districtId: street.districtId })
  })

  it('answers a stale user edit with 409, the current account and who changed it', async () => {
    const u = (await srv.json('/api/users?q=has-street')).body[0]
    expect((await srv.send('PATCH', `/api/users/${u.id}`, { displayName: '第一次', version: u.version })).status).toBe(200)
    const stale = await srv.send('PATCH', `/api/users/${u.id}`, { displayName: '第二次', version: u.version })
    expect(stale.status).toBe(409)
    expect(stale.body.error.details.current.displayName).toBe('第一次')
    expect(stale.body.error.details.lastChange).toMatchObject({ action: 'user.update', actorRole: 'admin' })
  })

  it('does not let the last administrator disable themselves', async () => {
    const me = (await srv.json('/api/users?q=admin')).body.find((u: any) => u.username === 'admin')
    const r = await srv.send('PATCH', `/api/users/${me.id}`, { disabled: true, version: me.version })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('cannot_disable_self')
  })
})

describe('first start', () => {
  it('creates the administrator once, printing a random password once', async () => {
    const empty = await openTestDatabase({ demo: false })
    try {
      const lines: string[] = []
      await ensureAdminAccount(empty.db, null, PASSWORD_POLICIES.standard, (m) => lines.push(m))
      const printed = lines.join('\n')
      const pw = /password \/ 密码:\s+(\S+)/.exec(printed)?.[1]
      expect(pw).toMatch(/^.{16}$/)
      await ensureAdminAccount(empty.db, null, PASSWORD_POLICIES.standard, (m) => lines.push(m))
      expect(lines.length).toBe(1)
      const s = await startTestServer(empty.db, { adminPassword: pw })
      try {
        expect((await s.json('/api/auth/me')).body.passwordChangeRequired).toBe(true)
        expect((await s.anon.json('/api/auth/demo-accounts')).status).toBe(404)
      } finally {
        await s.close()
      }
    } finally {
      await empty.close()
    }
  })

  it('lists one demo account per role, with its scope, in demo mode', async () => {
    const r = await srv.anon.json('/api/auth/demo-accounts')
    expect(r.body.map((a: any) => a.role).sort()).toEqual(['admin', 'analyst', 'district_staff', 'leader', 'planner', 'street_staff'])
    const street = r.body.find((a: any) => a.role === 'street_staff')
    expect(street.streetId).toBeGreaterThan(0)
    expect(street.scopeName.length).toBeGreaterThan(2)
  })
})
