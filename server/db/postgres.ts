import pg from 'pg'
import { TYPE_PARSERS } from './type-parsers.js'
import { DatabaseUnavailableError, type Database, type Queryable, type Row } from './types.js'

const typeOverrides = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const own = TYPE_PARSERS[oid]
    if (own && format !== 'binary') return own
    return pg.types.getTypeParser(oid, format as any)
  },
}

/** SQLSTATE classes and socket errors that mean "the server is not there", not "the query is wrong". */
export function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string }
  const code = err?.code ?? ''
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH'].includes(code)) return true
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(err?.message ?? '')
}

function wrapError(e: unknown): never {
  if (isConnectionError(e)) throw new DatabaseUnavailableError('The database is not reachable', e)
  throw e
}

/** Connects a pool to server PostgreSQL + PostGIS. Pool errors are logged, never fatal. */
export async function openPostgres(url: string, opts: { max?: number; log?: (msg: string) => void } = {}): Promise<Database> {
  const log = opts.log ?? ((m: string) => console.warn(m))
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    types: typeOverrides,
    application_name: 'renewmap',
  })
  // An idle client whose server went away emits 'error' on the pool; without a listener Node crashes.
  let lastLogged = 0
  pool.on('error', (e) => {
    const now = Date.now()
    if (now - lastLogged > 5_000) {
      lastLogged = now
      log(`[db] idle connection lost: ${e.message}`)
    }
  })
  const asQueryable = (run: (sql: string, params?: readonly unknown[]) => Promise<pg.QueryResult>): Queryable => ({
    async query<T extends Row>(sql: string, params?: readonly unknown[]) {
      try {
        return (await run(sql, params)).rows as T[]
      } catch (e) {
        return wrapError(e)
      }
    },
    async exec(sql: string) {
      try {
        await run(sql)
      } catch (e) {
        wrapError(e)
      }
    },
  })
  const base = asQueryable((sql, params) => pool.query(sql, params as unknown[] | undefined))
  const listeners = new Set<() => Promise<void>>()
  const db: Database = {
    kind: 'postgres',
    supportsMvt: true,
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      let client: pg.PoolClient
      try {
        client = await pool.connect()
      } catch (e) {
        return wrapError(e)
      }
      // A client that errors while checked out must not crash the process either.
      const onError = (e: Error) => log(`[db] connection error in transaction: ${e.message}`)
      client.on('error', onError)
      let broken = false
      try {
        await client.query('BEGIN')
        const result = await fn(asQueryable((sql, params) => client.query(sql, params as unknown[] | undefined)))
        await client.query('COMMIT')
        return result
      } catch (e) {
        broken = isConnectionError(e) || e instanceof DatabaseUnavailableError
        if (!broken) await client.query('ROLLBACK').catch(() => undefined)
        return wrapError(e)
      } finally {
        client.off('error', onError)
        client.release(broken ? true : undefined)
      }
    },
    async listen(channel, onPayload) {
      const stop = await listenWithReconnect(url, channel, onPayload, log)
      listeners.add(stop)
      return async () => {
        listeners.delete(stop)
        await stop()
      }
    },
    async ping() {
      try {
        await pool.query('SELECT 1')
        return true
      } catch {
        return false
      }
    },
    async close() {
      // Listening connections are not in the pool: end them too, so nothing reconnects to a closed database.
      await Promise.all([...listeners].map((stop) => stop()))
      listeners.clear()
      await pool.end()
    },
  }
  return db
}

/**
 * LISTEN on a dedicated connection (a pooled one would be handed to other queries), reconnecting with backoff
 * when the server goes away, so every API process behind a load balancer hears every NOTIFY.
 */
async function listenWithReconnect(url: string, channel: string, onPayload: (payload: string) => void, log: (m: string) => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Bad channel name ${channel}`)
  let client: pg.Client | null = null
  let stopped = false
  let delay = 500
  let timer: NodeJS.Timeout | null = null
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'renewmap-listen' })
    c.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload)
    })
    c.on('error', (e) => {
      log(`[db] listen connection lost: ${e.message}`)
      lost(c)
    })
    c.on('end', () => lost(c))
    try {
      await c.connect()
      await c.query(`LISTEN ${channel}`)
    } catch (e) {
      c.end().catch(() => undefined)
      throw e
    }
    client = c
    delay = 500
  }
  const schedule = () => {
    if (stopped || timer) return
    timer = setTimeout(() => {
      timer = null
      connect().catch((e) => {
        log(`[db] cannot listen on ${channel} yet: ${(e as Error).message}`)
        delay = Math.min(delay * 2, 15_000)
        schedule()
      })
    }, delay)
    timer.unref()
  }
  const lost = (c: pg.Client) => {
    if (client !== c) return
    client = null
    c.end().catch(() => undefined)
    schedule()
  }
  await connect()
  return async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    const c = client
    client = null
    await c?.end().catch(() => undefined)
  }
}
