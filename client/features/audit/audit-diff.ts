import { canonicalJson } from '../../../core/audit/audit-entry.js'

/** One line of a before/after comparison. `field` is a dot path into nested objects ('' for a bare value). */
export interface AuditDiffRow {
  field: string
  before: unknown
  after: unknown
  changed: boolean
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Leaves of a value keyed by dot path, nested objects walked, arrays and scalars kept whole. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isPlainObject(value) && (Object.keys(value).length > 0 || prefix === '')) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
    return
  }
  out.set(prefix, value)
}

/**
 * Compares the before and after images of an audit row field by field. Fields appear in the order the
 * before image lists them, then fields only the after image has; a field missing on one side reads as
 * undefined there. Values are compared by canonical JSON, so key order inside them does not matter.
 */
export function diffAuditValues(before: unknown, after: unknown): AuditDiffRow[] {
  const b = new Map<string, unknown>()
  const a = new Map<string, unknown>()
  if (before != null) flatten(before, '', b)
  if (after != null) flatten(after, '', a)
  const fields = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))]
  return fields.map((field) => {
    const bv = b.get(field)
    const av = a.get(field)
    return { field, before: bv, after: av, changed: !b.has(field) || !a.has(field) || canonicalJson(bv) !== canonicalJson(av) }
  })
}

/** A value as the diff table shows it: '—' for nothing, strings as they are, everything else as JSON. */
export function formatAuditValue(value: unknown): string {
  if (value === undefined || value === null) return '—'
  if (typeof value === 'string') return value === '' ? '""' : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}
