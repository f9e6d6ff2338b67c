import type { Queryable } from '../db/types.js'

/**
 * Login throttling, kept in the database so every API process sees the same counts.
 * Per account: after 5 failures since the last success (within 15 minutes) each further try waits
 * 30 s, doubling up to 15 minutes. Per address: 50 failures within 15 minutes pause that address.
 */
export const THROTTLE = {
  windowMinutes: 15,
  accountFreeFailures: 5,
  accountBaseDelayS: 30,
  accountMaxDelayS: 15 * 60,
  addressMaxFailures: 50,
} as const

/** Seconds to wait before this username may try again from this address (0 = go ahead). */
export async function loginRetryAfterSeconds(db: Queryable, username: string, address: string): Promise<number> {
  const t = THROTTLE
  const rows = await db.query<{ account: number | null; address: number | null }>(
    `WITH last_ok AS (
       SELECT COALESCE(max(at), '-infinity'::timestamptz) AS ok_at FROM login_attempts WHERE username = $1 AND success
     ), acct AS (
       SELECT count(*)::int AS n, max(a.at) AS last FROM login_attempts a, last_ok
       WHERE a.username = $1 AND NOT a.success AND a.at > last_ok.ok_at
         AND a.at > now() - make_interval(mins => $3)
     ), addr AS (
       SELECT at FROM login_attempts WHERE client_address = $2 AND NOT success AND at > now() - make_interval(mins => $3)
       ORDER BY at DESC OFFSET $6 - 1 LIMIT 1
     )
     SELECT
       CASE WHEN acct.n >= $4 THEN
         EXTRACT(EPOCH FROM acct.last + make_interval(secs => LEAST($5::float8, $7::float8 * power(2, acct.n - $4))) - now())
       END AS account,
       (SELECT EXTRACT(EPOCH FROM addr.at + make_interval(mins => $3) - now()) FROM addr) AS address
     FROM acct`,
    [username, address, t.windowMinutes, t.accountFreeFailures, t.accountMaxDelayS, t.addressMaxFailures, t.accountBaseDelayS],
  )
  const r = rows[0]
  return Math.max(0, Math.ceil(Number(r?.account ?? 0)), Math.ceil(Number(r?.address ?? 0)))
}

export async function recordLoginAttempt(db: Queryable, username: string, address: string, success: boolean): Promise<void> {
  await db.query('INSERT INTO login_attempts (username, client_address, success) VALUES ($1, $2, $3)', [username, address, success])
}

/** Drops attempts older than a month (they no longer count for anything). */
export async function pruneLoginAttempts(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM login_attempts WHERE at < now() - interval '30 days'`)
}
