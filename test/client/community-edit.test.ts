import { describe, expect, it } from 'vitest'
import {
  buildPatch,
  changedFields,
  conflictRows,
  draftFrom,
  editableFields,
  parseDraft,
  reapplyPatch,
  type EditValues,
} from '../../client/features/communities/detail/community-edit.js'

const base: EditValues = {
  name: '和平里小区',
  households: 420,
  population: 1100,
  buildings: 12,
  floorAreaM2: 38250.5,
  ownersTotal: 400,
  ownersConsulted: 300,
  ownersAgreeing: 240,
  investmentPlannedWan: 1800,
  investmentSpentWan: 300,
}

describe('the community editor', () => {
  it('offers the budget fields only to users with the budget permission', () => {
    expect(editableFields(false)).not.toContain('investmentPlannedWan')
    expect(editableFields(false)).toContain('ownersAgreeing')
    expect(editableFields(true)).toContain('investmentSpentWan')
  })

  it('sends only the fields the user changed, with the version they saw', () => {
    const draft = { ...draftFrom(base), households: ' 425 ', name: '和平里小区' }
    const parsed = parseDraft(draft, editableFields(true), base)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const changes = changedFields(base, parsed.values)
    expect(changes).toEqual({ households: 425 })
    expect(buildPatch(changes, 7)).toEqual({ households: 425, version: 7 })
  })

  it('reads thousands separators and refuses fractions of a household', () => {
    const ok = parseDraft({ ...draftFrom(base), floorAreaM2: '40,100.25' }, ['floorAreaM2'], base)
    expect(ok).toEqual({ ok: true, values: { floorAreaM2: 40100.25 } })
    const bad = parseDraft({ ...draftFrom(base), households: '12.5', buildings: '-1', name: ' ' }, ['name', 'households', 'buildings'], base)
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.problems).toEqual([
      { field: 'name', reason: 'required' },
      { field: 'households', reason: 'not_integer' },
      { field: 'buildings', reason: 'negative' },
    ])
  })

  it('refuses more agreeing owners than consulted ones, but not when only the name changes', () => {
    const bad = parseDraft({ ...draftFrom(base), ownersAgreeing: '310' }, editableFields(false), base)
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.problems).toEqual([{ field: 'ownersAgreeing', reason: 'agreeing_exceeds_consulted' }])
    const oldBadData = { ...base, ownersAgreeing: 999 }
    expect(parseDraft({ ...draftFrom(oldBadData), name: '新名' }, editableFields(false), oldBadData).ok).toBe(true)
  })

  it('lists the user’s fields against the current values, then the other person’s other changes', () => {
    const current = { ...base, households: 430, population: 1200 }
    const rows = conflictRows(base, current, { households: 425, buildings: 13 })
    expect(rows).toEqual([
      { field: 'households', original: 420, theirs: 430, mine: 425, theyChanged: true },
      { field: 'buildings', original: 12, theirs: 12, mine: 13, theyChanged: false },
      { field: 'population', original: 1100, theirs: 1200, mine: undefined, theyChanged: true },
    ])
  })

  it('re-applies the user’s changes on the current version, dropping values already there', () => {
    const current = { ...base, households: 425, population: 1200, version: 9 }
    expect(reapplyPatch(current, { households: 425, buildings: 13 })).toEqual({ buildings: 13, version: 9 })
    expect(reapplyPatch(current, { households: 425 })).toBeNull()
  })
})
