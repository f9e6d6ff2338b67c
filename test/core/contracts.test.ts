import { describe, expect, it } from 'vitest'
import { parseWith } from '../../core/contracts/common.js'
import { communityListQuerySchema, communityPatchSchema, progressReportSchema } from '../../core/contracts/communities.js'

describe('community list query contract', () => {
  it('accepts comma lists and repeated parameters alike', () => {
    const a = parseWith(communityListQuerySchema, { district: '1,2', stage: 'design,construction' })
    const b = parseWith(communityListQuerySchema, { district: ['1', '2'], stage: ['design', 'construction'] })
    expect(a).toEqual(b)
    expect(a.ok && a.data.district).toEqual([1, 2])
    expect(a.ok && a.data.format).toBe('json')
  })

  it('explains a malformed bounding box', () => {
    const r = parseWith(communityListQuerySchema, { bbox: '117,31,116,32' })
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toMatch(/bbox/)
  })

  it('rejects unknown stages and out-of-range years', () => {
    expect(parseWith(communityListQuerySchema, { stage: 'done' }).ok).toBe(false)
    expect(parseWith(communityListQuerySchema, { year: '1800' }).ok).toBe(false)
  })
})

describe('community patch contract', () => {
  it('rejects an empty patch and unknown fields', () => {
    expect(parseWith(communityPatchSchema, {}).ok).toBe(false)
    expect(parseWith(communityPatchSchema, { version: 3 }).ok).toBe(false)
    expect(parseWith(communityPatchSchema, { geom: 'x' }).ok).toBe(false)
  })

  it('keeps consent counts ordered when both are given', () => {
    expect(parseWith(communityPatchSchema, { ownersConsulted: 10, ownersAgreeing: 11, version: 1 }).ok).toBe(false)
    expect(parseWith(communityPatchSchema, { ownersConsulted: 10, ownersAgreeing: 8, version: 1 }).ok).toBe(true)
  })
})

describe('progress report contract', () => {
  it('refuses impossible dates and percentages', () => {
    expect(parseWith(progressReportSchema, { stage: 'design', progressPct: 50, reportDate: '2026-02-30' }).ok).toBe(false)
    expect(parseWith(progressReportSchema, { stage: 'design', progressPct: 101, reportDate: '2026-02-03' }).ok).toBe(false)
    const ok = parseWith(progressReportSchema, { stage: 'design', progressPct: 50, reportDate: '2026-02-03' })
    expect(ok.ok && ok.data.note).toBe('')
  })
})
