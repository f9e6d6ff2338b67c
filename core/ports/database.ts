/**
 * The one database interface over embedded PGlite and server PostgreSQL; every SQL statement goes through it.
 * Types only: implementations live in server/db, and data/ loaders depend on this port, not on the server.
 */
export type Row = Record<string, any>

export interface Queryable {
  /** One statement with $1.. parameters; rows come back with bigint, numeric and date parsed (see type-parsers). */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** Several statements, no parameters (migrations, DDL). */
  exec(sql: string): Promise<void>
}

export type DatabaseKind = 'pglite' | 'postgres'

export interface Database extends Queryable {
  readonly kind: DatabaseKind
  /** Server PostGIS encodes vector tiles with ST_AsMVT; PGlite's PostGIS has no protobuf. */
  readonly supportsMvt: boolean
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /**
   * Calls onPayload with the payload of every NOTIFY on channel (sent with pg_notify inside a transaction, so it
   * arrives only when that transaction commits), from any process on the same database. Resolves with a
   * function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
  /** True when the database answers a trivial query now. */
  ping(): Promise<boolean>
  close(): Promise<void>
}

