/** One row of the append-only audit trail, as the API returns it. `at` is an ISO timestamp in UTC. */
export interface AuditEntry {
  id: number
  at: string
  actorId: number | null
  actorName: string
  actorRole: string | null
  /** What was done, e.g. 'community.update', 'progress.report', 'user.disable', 'auth.login'. */
  action: string
  /** The kind of record changed: 'community', 'stage_record', 'progress_report', 'user', 'session'. */
  entityType: string
  entityId: string | null
  /** Where the record lies, so scoped users can read the trail of their own district or street. */
  districtId: number | null
  streetId: number | null
  before: unknown
  after: unknown
  clientAddress: string | null
  prevHash: string
  hash: string
}

/** The fields the hash chain covers: everything but the row id and the hash itself. */
export type AuditHashedFields = Omit<AuditEntry, 'id' | 'hash'>

/** The hash of the (empty) chain before the first row. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64)

/**
 * Canonical JSON: object keys sorted, no whitespace, undefined dropped, so that the same value always
 * gives the same text, whatever order the keys arrived in (e.g. after a round trip through jsonb).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null'
    return value === undefined ? 'null' : JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`
}

/** The exact text that is hashed (SHA-256, hex) for one row: the previous hash followed by the row's fields. */
export function auditHashInput(e: AuditHashedFields): string {
  return canonicalJson([
    e.prevHash,
    e.at,
    e.actorId,
    e.actorName,
    e.actorRole,
    e.action,
    e.entityType,
    e.entityId,
    e.districtId,
    e.streetId,
    e.before ?? null,
    e.after ?? null,
    e.clientAddress,
  ])
}
