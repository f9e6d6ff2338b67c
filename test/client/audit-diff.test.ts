import { describe, expect, it } from 'vitest'
import { diffAuditValues, formatAuditValue } from '../../client/features/audit/audit-diff.js'

describe('the before/after diff of an audit row', () => {
  it('marks the changed fields and keeps the unchanged ones for context', () => {
    const rows = diffAuditValues({ name: '幸福里', households: 320, planYear: 2025 }, { name: '幸福里', households: 336, planYear: 2025 })
    expect(rows).toEqual([
      { field: 'name', before: '幸福里', after: '幸福里', changed: false },
      { field: 'households', before: 320, after: 336, changed: true },
      { field: 'planYear', before: 2025, after: 2025, changed: false },
    ])
  })

  it('lists fields only one side has, the before image first', () => {
    const rows = diffAuditValues({ a: 1, gone: 'x' }, { added: true, a: 1 })
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ['a', false],
      ['gone', true],
      ['added', true],
    ])
    expect(rows[1].after).toBeUndefined()
    expect(rows[2].before).toBeUndefined()
  })

  it('shows every field of a created record as changed', () => {
    const rows = diffAuditValues(null, { username: 'li.wei', role: 'planner' })
    expect(rows).toEqual([
      { field: 'username', before: undefined, after: 'li.wei', changed: true },
      { field: 'role', before: undefined, after: 'planner', changed: true },
    ])
  })

  it('walks nested objects by dot path and compares arrays whole, ignoring key order', () => {
    const rows = diffAuditValues(
      { funding: { central: 100, district: 50 }, deficiencies: ['water', 'gas'], geometry: { type: 'Polygon', coordinates: [[1]] } },
      { funding: { district: 50, central: 120 }, deficiencies: ['water', 'gas'], geometry: { coordinates: [[1]], type: 'Polygon' } },
    )
    const changed = Object.fromEntries(rows.map((r) => [r.field, r.changed]))
    expect(changed).toEqual({
      'funding.central': true,
      'funding.district': false,
      deficiencies: false,
      'geometry.type': false,
      'geometry.coordinates': false,
    })
  })

  it('compares bare values as one unnamed field, and finds nothing in two empty images', () => {
    expect(diffAuditValues('open', 'closed')).toEqual([{ field: '', before: 'open', after: 'closed', changed: true }])
    expect(diffAuditValues(null, null)).toEqual([])
    expect(diffAuditValues({}, {})).toEqual([])
  })

  it('treats null and a missing field as different (a cleared date is a change)', () => {
    expect(diffAuditValues({ actualEnd: '2026-05-01' }, { actualEnd: null })[0].changed).toBe(true)
    expect(diffAuditValues({ actualEnd: null }, {})[0].changed).toBe(true)
  })
})

describe('audit values as text', () => {
  it('writes nothing as a dash, strings as they are and the rest as JSON', () => {
    expect(formatAuditValue(null)).toBe('—')
    expect(formatAuditValue(undefined)).toBe('—')
    expect(formatAuditValue('幸福里')).toBe('幸福里')
    expect(formatAuditValue('')).toBe('""')
    expect(formatAuditValue(0)).toBe('0')
    expect(formatAuditValue(false)).toBe('false')
    expect(formatAuditValue(['water', 'gas'])).toBe('["water","gas"]')
  })
})
