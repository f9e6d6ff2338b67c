import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditHashInput, AUDIT_GENESIS_HASH } from '../../core/audit/audit-entry.js'
import { sha256Hex } from '../../server/services/audit.js'
import { backend, openTestDatabase, type TestDatabase } from '../helpers/test-db.js'
import { startTestServer, type TestClient, type TestServer } from '../helpers/test-server.js'

/** A small seeded generator, so a failing run can be replayed. */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const EDITS = 1000

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

/** Recomputes the chain from raw rows, independently of the server's verifier. */
async function independentChainCheck(): Promise<number | null> {
  const rows = await tdb.db.query<any>(
    `SELECT id, at, actor_id AS "actorId", actor_name AS "actorName", actor_role AS "actorRole", action, entity_type AS "entityType",
            entity_id AS "entityId", district_id AS "districtId", street_id AS "streetId", before, after,
            client_address AS "clientAddress", prev_hash AS "prevHash", hash FROM audit_log ORDER BY id`,
  )
  let prev = AUDIT_GENESIS_HASH
  for (const r of rows) {
    const { id, hash, ...fields } = r
    if (fields.prevHash !== prev || sha256Hex(auditHashInput(fields)) !== hash) return id
    prev = hash
  }
  return null
}

describe('concurrent edits from several sessions', () => {
  it(`${EDITS} random concurrent edits leave exactly ${EDITS} audit rows, no lost update and an intact chain`, async () => {
    const street = await srv.login('street')
    const me = (await street.json('/api/auth/me')).body.user
    const hot = ((await srv.json(`/api/communities?street=${me.streetId}`)).body.rows as any[]).slice(0, 8).map((c) => c.id as number)
    expect(hot.length).toBeGreaterThanOrEqual(4)
    const initial = new Map<number, { households: number; reports: number }>()
    for (const id of hot) {
      const c = (await srv.json(`/api/communities/${id}`)).body
      const reports = (await srv.json(`/api/communities/${id}/progress`)).body.length
      initial.set(id, { households: c.households, reports })
    }
    // Several sessions of several users, all signed in before the edits so only edits are audited meanwhile.
    const editors: { c: TestClient; kind: 'patch' | 'report' }[] = [
      { c: srv, kind: 'patch' },
      { c: await srv.login('demo-admin'), kind: 'patch' },
      { c: await srv.login('planner'), kind: 'patch' },
      { c: await srv.login('planner'), kind: 'patch' },
      { c: street, kind: 'report' },
      { c: await srv.login('district'), kind: 'report' },
    ]
    const maxBefore = (await tdb.db.query<{ m: number }>('SELECT COALESCE(max(id), 0)::int AS m FROM audit_log'))[0].m

    const patches = new Map<number, number>()
    const reports = new Map<number, number>()
    let slots = EDITS
    let conflicts = 0
    const rnd = random(20261121)
    await Promise.all(
      editors.map(async ({ c, kind }) => {
        while (slots > 0) {
          slots--
          const id = hot[Math.floor(rnd() * hot.length)]
          if (kind === 'report') {
            const r = await c.send('POST', `/api/communities/${id}/progress`, {
              stage: 'construction',
              progressPct: Math.round(rnd() * 100),
              reportDate: '2026-11-20',
              note: `并发测试 ${slots}`,
            })
            expect(r.status).toBe(201)
            reports.set(id, (reports.get(id) ?? 0) + 1)
            continue
          }
          // Read, modify, write; on 409 reapply the change to the current record, as the UI offers.
          let cur = (await c.json(`/api/communities/${id}`)).body
          for (let attempt = 0; ; attempt++) {
            const r = await c.send('PATCH', `/api/communities/${id}`, { households: cur.households + 1, version: cur.version })
            if (r.status === 200) break
            expect(r.status).toBe(409)
            expect(r.body.error.details.lastChange.actorName.length).toBeGreaterThan(0)
            conflicts++
            cur = r.body.error.details.current
            expect(attempt).toBeLessThan(200)
          }
          patches.set(id, (patches.get(id) ?? 0) + 1)
        }
      }),
    )
    const nPatches = [...patches.values()].reduce((a, b) => a + b, 0)
    const nReports = [...reports.values()].reduce((a, b) => a + b, 0)
    expect(nPatches + nReports).toBe(EDITS)

    // Exactly one audit row per successful edit, of the right kind.
    const rows = await tdb.db.query<any>('SELECT id, action, entity_id AS "entityId", before, after FROM audit_log WHERE id > $1 ORDER BY id', [maxBefore])
    expect(rows.length).toBe(EDITS)
    expect(rows.filter((r) => r.action === 'community.update').length).toBe(nPatches)
    expect(rows.filter((r) => r.action === 'progress.report').length).toBe(nReports)

    // No lost update: every increment is in the final value, every report in the history, and each
    // community's versions in the trail follow on one from another without a gap or a fork.
    for (const id of hot) {
      const c = (await srv.json(`/api/communities/${id}`)).body
      expect(c.households).toBe(initial.get(id)!.households + (patches.get(id) ?? 0))
      const history = (await srv.json(`/api/communities/${id}/progress`)).body.length
      expect(history).toBe(initial.get(id)!.reports + (reports.get(id) ?? 0))
      const trail = rows.filter((r) => r.entityId === String(id))
      for (let k = 1; k < trail.length; k++) expect(trail[k].before.version).toBe(trail[k - 1].after.version)
      for (const r of trail.filter((t) => t.action === 'community.update')) expect(r.after.households).toBe(r.before.households + 1)
    }
    console.log(`[audit] ${EDITS} edits (${nPatches} updates, ${nReports} reports) by ${editors.length} sessions; ${conflicts} version conflicts reapplied (${backend()})`)

    const verify = await srv.json('/api/audit/verify')
    expect(verify.status).toBe(200)
    expect(verify.body.ok).toBe(true)
    expect(verify.body.rows).toBe((await tdb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n)
    expect(await independentChainCheck()).toBeNull()
  })

  it('keeps the trail append-only for the application', async () => {
    await expect(tdb.db.query(`UPDATE audit_log SET actor_name = 'someone else' WHERE id = 1`)).rejects.toThrow(/append-only|permission denied/)
    await expect(tdb.db.query('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only|permission denied/)
    if (backend() === 'postgres') {
      const p = (await tdb.db.query<any>(
        `SELECT has_table_privilege(current_user, 'audit_log', 'UPDATE') AS u, has_table_privilege(current_user, 'audit_log', 'DELETE') AS d,
                has_table_privilege(current_user, 'audit_log', 'TRUNCATE') AS t, has_table_privilege(current_user, 'audit_log', 'INSERT') AS i`,
      ))[0]
      expect(p).toEqual({ u: false, d: false, t: false, i: true })
    }
  })

  it('detects one altered audit row, and a removed one', async () => {
    const target = (await tdb.db.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'community.update' ORDER BY id LIMIT 1 OFFSET 10`))[0].id
    // Someone with database rights goes around the application: lifts the guard, edits a row, puts it back.
    const tamper = async (sql: string) => {
      await tdb.db.exec(`GRANT UPDATE, DELETE ON audit_log TO CURRENT_USER; ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;`)
      await tdb.db.query(sql)
      await tdb.db.exec(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update; REVOKE UPDATE, DELETE ON audit_log FROM CURRENT_USER;`)
    }
    await tamper(`UPDATE audit_log SET after = jsonb_set(after, '{households}', '1') WHERE id = ${target}`)
    const v1 = (await srv.json('/api/audit/verify')).body
    expect(v1).toMatchObject({ ok: false, firstBrokenId: target, problem: 'hash_mismatch' })
    expect(await independentChainCheck()).toBe(target)

    await tamper(`DELETE FROM audit_log WHERE id = ${target}`)
    const v2 = (await srv.json('/api/audit/verify')).body
    expect(v2.ok).toBe(false)
    expect(v2.problem).toBe('link_mismatch')
    expect(v2.firstBrokenId).toBeGreaterThan(target)
  })
})
