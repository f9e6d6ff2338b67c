import type { CommunityPatch } from '../../../../core/contracts/communities.js'
import type { Community } from '../../../../core/domain/entities.js'

/** How a field is typed into the form and checked before it is sent. */
export type EditFieldKind = 'text' | 'int' | 'number'

/** The attributes the inline editor offers, in form order; budget fields need `community.edit_budget`. */
export const EDIT_FIELDS = [
  { key: 'name', kind: 'text', group: 'basics' },
  { key: 'households', kind: 'int', group: 'basics' },
  { key: 'population', kind: 'int', group: 'basics' },
  { key: 'buildings', kind: 'int', group: 'basics' },
  { key: 'floorAreaM2', kind: 'number', group: 'basics' },
  { key: 'ownersTotal', kind: 'int', group: 'owners' },
  { key: 'ownersConsulted', kind: 'int', group: 'owners' },
  { key: 'ownersAgreeing', kind: 'int', group: 'owners' },
  { key: 'investmentPlannedWan', kind: 'number', group: 'budget' },
  { key: 'investmentSpentWan', kind: 'number', group: 'budget' },
] as const satisfies readonly { key: keyof Community; kind: EditFieldKind; group: string }[]

export type EditField = (typeof EDIT_FIELDS)[number]['key']
export type EditGroup = (typeof EDIT_FIELDS)[number]['group']
export type EditValues = Pick<Community, EditField>
/** The form's text inputs, one per field. */
export type EditDraft = Record<EditField, string>

/** The fields a user may edit: budget fields only with the budget permission. */
export function editableFields(canEditBudget: boolean): EditField[] {
  return EDIT_FIELDS.filter((f) => canEditBudget || f.group !== 'budget').map((f) => f.key)
}

export function kindOf(field: EditField): EditFieldKind {
  return EDIT_FIELDS.find((f) => f.key === field)!.kind
}

export function pickEditValues(c: EditValues): EditValues {
  const out = {} as Record<EditField, string | number>
  for (const f of EDIT_FIELDS) out[f.key] = c[f.key]
  return out as EditValues
}

/** The form's starting text for a community. */
export function draftFrom(c: EditValues): EditDraft {
  const out = {} as EditDraft
  for (const f of EDIT_FIELDS) out[f.key] = String(c[f.key])
  return out
}

const OWNER_FIELDS = ['ownersTotal', 'ownersConsulted', 'ownersAgreeing'] as const

export type DraftProblem =
  | { field: EditField; reason: 'required' | 'not_number' | 'not_integer' | 'negative' }
  | { field: 'ownersConsulted'; reason: 'consulted_exceeds_total' }
  | { field: 'ownersAgreeing'; reason: 'agreeing_exceeds_consulted' }

export type DraftParse = { ok: true; values: Partial<EditValues> } | { ok: false; problems: DraftProblem[] }

/**
 * Reads the form's text back into values (only `fields`), checking what the server would refuse:
 * empty names, non-numbers, negatives, fractions where counts are whole, and the consent ordering
 * (agreeing ≤ consulted ≤ total) taken over the values the record will have after the change.
 */
export function parseDraft(draft: EditDraft, fields: readonly EditField[], base: EditValues): DraftParse {
  const problems: DraftProblem[] = []
  const values: Partial<Record<EditField, string | number>> = {}
  for (const field of fields) {
    const raw = draft[field].trim()
    const kind = kindOf(field)
    if (kind === 'text') {
      if (!raw) problems.push({ field, reason: 'required' })
      else values[field] = raw
      continue
    }
    if (!raw) {
      problems.push({ field, reason: 'required' })
      continue
    }
    const n = Number(raw.replace(/[,，\s]/g, ''))
    if (!Number.isFinite(n)) problems.push({ field, reason: 'not_number' })
    else if (n < 0) problems.push({ field, reason: 'negative' })
    else if (kind === 'int' && !Number.isInteger(n)) problems.push({ field, reason: 'not_integer' })
    else values[field] = n
  }
  const after = { ...base, ...values } as EditValues
  // Only judged when an owner count changes: an edit of the name must not trip over old data.
  const ownersTouched = OWNER_FIELDS.some((f) => values[f] !== undefined && values[f] !== base[f])
  if (ownersTouched && after.ownersConsulted > after.ownersTotal && problems.every((p) => p.field !== 'ownersConsulted')) {
    problems.push({ field: 'ownersConsulted', reason: 'consulted_exceeds_total' })
  }
  if (ownersTouched && after.ownersAgreeing > after.ownersConsulted && problems.every((p) => p.field !== 'ownersAgreeing')) {
    problems.push({ field: 'ownersAgreeing', reason: 'agreeing_exceeds_consulted' })
  }
  return problems.length ? { ok: false, problems } : { ok: true, values: values as Partial<EditValues> }
}

/** The fields whose value differs from `base`, with the new values (what a PATCH should carry). */
export function changedFields(base: EditValues, values: Partial<EditValues>): Partial<EditValues> {
  const out: Partial<Record<EditField, string | number>> = {}
  for (const f of EDIT_FIELDS) {
    const v = values[f.key]
    if (v !== undefined && v !== base[f.key]) out[f.key] = v
  }
  return out as Partial<EditValues>
}

/** The PATCH body: the changed fields and the version the editor started from. */
export function buildPatch(changes: Partial<EditValues>, version: number): CommunityPatch {
  return { ...changes, version }
}

/** One line of the conflict table. */
export interface ConflictRow {
  field: EditField
  /** The value when the editor opened. */
  original: string | number
  /** The value now on the server (someone else's change, or the original if they did not touch it). */
  theirs: string | number
  /** The user's value, or undefined for a field the user did not change. */
  mine: string | number | undefined
  /** The other person changed this field too (so re-applying overwrites their value). */
  theyChanged: boolean
}

/**
 * Compares the user's changes with the record as it is now: a row for every field the user changed,
 * then one for every other editable field the other person changed, so both sides are visible.
 */
export function conflictRows(original: EditValues, current: EditValues, mine: Partial<EditValues>): ConflictRow[] {
  const rows: ConflictRow[] = []
  const others: ConflictRow[] = []
  for (const f of EDIT_FIELDS) {
    const theyChanged = current[f.key] !== original[f.key]
    const m = mine[f.key]
    if (m !== undefined) rows.push({ field: f.key, original: original[f.key], theirs: current[f.key], mine: m, theyChanged })
    else if (theyChanged) others.push({ field: f.key, original: original[f.key], theirs: current[f.key], mine: undefined, theyChanged })
  }
  return [...rows, ...others]
}

/** The patch that re-applies the user's changes on top of the current record (fields already equal dropped). */
export function reapplyPatch(current: EditValues & { version: number }, mine: Partial<EditValues>): CommunityPatch | null {
  const changes = changedFields(current, mine)
  return Object.keys(changes).length ? buildPatch(changes, current.version) : null
}
