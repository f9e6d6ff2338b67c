import { describe, expect, it } from 'vitest'
import { auditHashInput, canonicalJson } from '../../core/audit/audit-entry.js'

describe('canonical JSON for the audit hash', () => {
  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: '改造' } })).toBe(canonicalJson({ a: { c: '改造', d: [1, { y: 2, z: 1 }] }, b: 1 }))
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}')
  })

  it('drops undefined members and writes null for missing values', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}')
    expect(canonicalJson([undefined, 1])).toBe('[null,1]')
  })

  it('covers every field but the id, so a change to any of them changes the input', () => {
    const base = {
      at: '2026-11-21T01:02:03.456Z', actorId: 2, actorName: '李规划', actorRole: 'planner', action: 'community.update',
      entityType: 'community', entityId: '5', districtId: 1, streetId: 3, before: { households: 10 }, after: { households: 11 },
      clientAddress: '10.0.0.1', prevHash: 'a'.repeat(64),
    }
    const text = auditHashInput(base)
    for (const [k, v] of Object.entries({ at: '2026-11-21T01:02:03.457Z', actorId: 3, actorName: 'x', actorRole: 'admin', action: 'x', entityType: 'x', entityId: '6', districtId: 2, streetId: 4, before: { households: 9 }, after: { households: 12 }, clientAddress: '10.0.0.2', prevHash: 'b'.repeat(64) })) {
      expect(auditHashInput({ ...base, [k]: v }), k).not.toBe(text)
    }
  })
})
