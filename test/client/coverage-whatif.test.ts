import { describe, expect, it } from 'vitest'
import type { CoverageQuery } from '../../client/api/coverage-endpoints.js'
import { ApiError } from '../../client/api/http.js'
import { formatSignedNumber } from '../../client/features/coverage/coverage-format.js'
import {
  addWhatIfFacility,
  buildWhatIfRequest,
  countWhatIfEdits,
  describeWhatIfFailure,
  dropWhatIfEdit,
  moveWhatIfFacility,
  removeWhatIfFacility,
  summariseWhatIf,
  whatIfChangeKind,
  whatIfEditOf,
  whatIfEditsNotCounted,
  whatIfEditsSignature,
  whatIfMarkers,
  whatIfMoves,
  whatIfOutlineStates,
  WHATIF_LIMITS,
  type WhatIfEdit,
  type WhatIfFacility,
} from '../../client/features/coverage/what-if.js'
import { moveStrokes } from '../../client/layers/coverage-whatif.js'
import { whatIfRequestSchema, type WhatIfChange, type WhatIfResponse } from '../../core/contracts/coverage.js'

const query: CoverageQuery = { type: 'kindergarten', minutes: null, profile: 'elderly', planned: 'exclude' }
const sunshine: WhatIfFacility = { id: 7, name: '阳光幼儿园', lon: 117.25, lat: 31.85 }
const lucky: WhatIfFacility = { id: 9, name: '吉祥幼儿园', lon: 117.26, lat: 31.86 }

function editsOf(...steps: ((e: readonly WhatIfEdit[]) => readonly WhatIfEdit[])[]): readonly WhatIfEdit[] {
  return steps.reduce<readonly WhatIfEdit[]>((edits, step) => step(edits), [])
}

describe('the what-if edit list', () => {
  it('becomes a request the server accepts: added points, moves and removals, minutes left to the standard', () => {
    const edits = editsOf(
      (e) => addWhatIfFacility(e, { lon: 117.2, lat: 31.8, place: { name: '银湖巷小区', near: false } }, 'add:1'),
      (e) => removeWhatIfFacility(e, sunshine),
      (e) => moveWhatIfFacility(e, lucky, { lon: 117.27, lat: 31.87, place: null }),
      (e) => addWhatIfFacility(e, { lon: 117.3, lat: 31.9, place: null }, 'add:2'),
    )
    const body = buildWhatIfRequest(query, edits)
    expect(body).toEqual({
      type: 'kindergarten',
      profile: 'elderly',
      planned: 'exclude',
      add: [
        { lon: 117.2, lat: 31.8 },
        { lon: 117.3, lat: 31.9 },
      ],
      move: [{ facilityId: 9, lon: 117.27, lat: 31.87 }],
      remove: [7],
    })
    expect(whatIfRequestSchema.safeParse(body).success).toBe(true)
    expect(buildWhatIfRequest({ ...query, minutes: 15 }, edits)?.minutes).toBe(15)
  })

  it('asks for nothing when there are no edits (the server would refuse an empty what-if)', () => {
    expect(buildWhatIfRequest(query, [])).toBeNull()
  })

  it('keeps one edit per facility: moving a removed facility replaces the removal, and back', () => {
    const moved = editsOf(
      (e) => removeWhatIfFacility(e, sunshine),
      (e) => moveWhatIfFacility(e, sunshine, { lon: 117.3, lat: 31.9, place: null }),
    )
    expect(moved.map((e) => e.kind)).toEqual(['move'])
    expect(buildWhatIfRequest(query, moved)).toMatchObject({ move: [{ facilityId: 7 }], remove: [] })
    const removed = removeWhatIfFacility(moved, sunshine)
    expect(removed.map((e) => e.kind)).toEqual(['remove'])
    expect(whatIfEditOf(removed, 7)?.kind).toBe('remove')
    expect(whatIfEditOf(removed, 9)).toBeUndefined()
    // Removing twice does not list the facility twice.
    expect(removeWhatIfFacility(removed, sunshine)).toHaveLength(1)
  })

  it('drops one edit at a time and leaves the inputs untouched', () => {
    const edits = editsOf(
      (e) => addWhatIfFacility(e, { lon: 117.2, lat: 31.8, place: null }, 'add:1'),
      (e) => removeWhatIfFacility(e, sunshine),
    )
    const before = JSON.stringify(edits)
    const dropped = dropWhatIfEdit(edits, 'add:1')
    expect(dropped.map((e) => e.kind)).toEqual(['remove'])
    expect(JSON.stringify(edits)).toBe(before)
    expect(countWhatIfEdits(edits)).toEqual({ add: 1, remove: 1, move: 0 })
  })

  it('stops adding at the contract’s limit of 50 new facilities', () => {
    let edits: readonly WhatIfEdit[] = []
    for (let i = 0; i < WHATIF_LIMITS.add + 3; i++) edits = addWhatIfFacility(edits, { lon: 117 + i / 1000, lat: 31.8, place: null }, `add:${i}`)
    expect(countWhatIfEdits(edits).add).toBe(50)
    expect(whatIfRequestSchema.safeParse(buildWhatIfRequest(query, edits)).success).toBe(true)
  })

  it('changes its signature when an edit changes, so a shown result is known to be out of date', () => {
    const a = editsOf((e) => moveWhatIfFacility(e, sunshine, { lon: 117.3, lat: 31.9, place: null }))
    const b = moveWhatIfFacility(a, sunshine, { lon: 117.31, lat: 31.9, place: null })
    expect(whatIfEditsSignature(a)).not.toBe(whatIfEditsSignature(b))
    expect(whatIfEditsSignature(a)).toBe(whatIfEditsSignature([...a]))
  })

  it('flags edits of facilities the analysis no longer counts (planned ones once they are excluded)', () => {
    const edits = editsOf(
      (e) => addWhatIfFacility(e, { lon: 117.2, lat: 31.8, place: null }, 'add:1'),
      (e) => removeWhatIfFacility(e, sunshine),
      (e) => moveWhatIfFacility(e, lucky, { lon: 117.3, lat: 31.9, place: null }),
    )
    expect(whatIfEditsNotCounted(edits, new Set([9])).map((e) => e.key)).toEqual(['facility:7'])
    expect(whatIfEditsNotCounted(edits, new Set([7, 9]))).toEqual([])
  })

  it('is drawn as markers at both ends of a move, at the removed facility and at each added point', () => {
    const edits = editsOf(
      (e) => addWhatIfFacility(e, { lon: 117.2, lat: 31.8, place: null }, 'add:1'),
      (e) => removeWhatIfFacility(e, sunshine),
      (e) => moveWhatIfFacility(e, lucky, { lon: 117.3, lat: 31.9, place: null }),
    )
    expect(whatIfMarkers(edits).map((m) => [m.kind, m.position])).toEqual([
      ['add', [117.2, 31.8]],
      ['remove', [117.25, 31.85]],
      ['move-from', [117.26, 31.86]],
      ['move-to', [117.3, 31.9]],
    ])
    expect(whatIfMoves(edits)).toEqual([{ key: 'facility:9', from: [117.26, 31.86], to: [117.3, 31.9] }])
  })
})

describe('a move on the map', () => {
  it('has a chevron 60% along the line, its arms symmetric behind the tip', () => {
    const [line, head] = moveStrokes({ key: 'm', from: [117.25, 31.85], to: [117.27, 31.85] })
    expect(line.path).toEqual([
      [117.25, 31.85],
      [117.27, 31.85],
    ])
    const [left, tip, right] = head.path
    expect(tip[0]).toBeCloseTo(117.262, 9)
    expect(tip[1]).toBeCloseTo(31.85, 9)
    // Eastward move: both arms lie west of the tip, one north and one south, equally far.
    expect(left[0]).toBeLessThan(tip[0])
    expect(right[0]).toBeLessThan(tip[0])
    expect(left[0]).toBeCloseTo(right[0], 9)
    expect(left[1] - tip[1]).toBeCloseTo(tip[1] - right[1], 9)
  })

  it('keeps the chevron small on a long move and draws a bare line for a move of less than a metre', () => {
    // 9.5 km east: a fifth of it would be 1.9 km, the arms stay at the 160 m cap.
    const [, head] = moveStrokes({ key: 'm', from: [117.2, 31.85], to: [117.3, 31.85] }, 160)
    const [arm, tip] = head.path
    const armM = Math.hypot((arm[0] - tip[0]) * 111_320 * Math.cos((31.85 * Math.PI) / 180), (arm[1] - tip[1]) * 110_540)
    expect(armM).toBeCloseTo(160, 6)
    expect(moveStrokes({ key: 'm', from: [117.2, 31.85], to: [117.2, 31.85] })).toHaveLength(1)
  })
})

const change = (id: number, residents: number, before: number | null, after: number | null, threshold = 10): WhatIfChange => ({
  communityId: id,
  name: `小区${id}`,
  residents,
  beforeMinutes: before,
  afterMinutes: after,
  coveredBefore: before !== null && before <= threshold,
  coveredAfter: after !== null && after <= threshold,
})

const response: Pick<WhatIfResponse, 'before' | 'after' | 'byDistrict' | 'changed'> = {
  before: { communities: 10, coveredCommunities: 6, residents: 10_000, coveredResidents: 6_000, share: 0.6 },
  after: { communities: 10, coveredCommunities: 7, residents: 10_000, coveredResidents: 6_500, share: 0.65 },
  byDistrict: [
    { id: 1, name: '东湖区', before: 0.5, after: 0.58 },
    { id: 2, name: '西园区', before: 0.7, after: 0.7 },
    { id: 3, name: '清南区', before: 0.62, after: 0.6 },
  ],
  changed: [
    change(1, 900, 14, 6),
    change(2, 300, null, 8),
    change(3, 700, 9, 12),
    change(4, 2000, 4, 3),
    change(5, 50, 18, 16),
  ],
}

describe('a what-if answer', () => {
  it('counts the communities and residents newly served and no longer served', () => {
    const s = summariseWhatIf(response)
    expect(s).toMatchObject({ gainedCommunities: 2, gainedResidents: 1200, lostCommunities: 1, lostResidents: 700, minutesOnly: 2, residentsDelta: 500, changedTotal: 5 })
    expect(s.shareDelta).toBeCloseTo(0.05, 12)
  })

  it('lists only the districts whose share moved, the biggest change first', () => {
    expect(summariseWhatIf(response).districts.map((d) => [d.name, Number(d.delta.toFixed(2))])).toEqual([
      ['东湖区', 0.08],
      ['清南区', -0.02],
    ])
  })

  it('keeps the server’s order for the top changes and says how each community’s walk changes', () => {
    const s = summariseWhatIf(response, { top: 4 })
    expect(s.topChanges.map((c) => [c.communityId, c.kind])).toEqual([
      [1, 'gained'],
      [2, 'gained'],
      [3, 'lost'],
      [4, 'closer'],
    ])
    expect(whatIfChangeKind(change(6, 1, 3, null))).toBe('lost')
    expect(whatIfChangeKind({ coveredBefore: false, coveredAfter: false, beforeMinutes: 15, afterMinutes: 17 })).toBe('farther')
  })

  it('outlines only the communities whose coverage flips: green for gained, red for lost', () => {
    expect([...whatIfOutlineStates(response.changed)]).toEqual([
      [1, 1],
      [2, 1],
      [3, -1],
    ])
  })
})

describe('a failed what-if', () => {
  const edits = editsOf((e) => removeWhatIfFacility(e, sunshine))

  it('names the facilities the server no longer counts, by the names in the edit list', () => {
    const err = new ApiError('invalid_request', 'Facilities 7, 12 are not kindergarten facilities counted in this analysis', 400, '/api/coverage/what-if', { missing: [7, 12] })
    expect(describeWhatIfFailure(err, edits)).toEqual({ kind: 'not-counted', facilityIds: [7, 12], names: ['阳光幼儿园', '#12'] })
  })

  it('tells a lost connection from another refusal and from a server failure', () => {
    expect(describeWhatIfFailure(new ApiError('network', 'Failed to fetch', null, '/api/coverage/what-if'), edits)).toEqual({ kind: 'network' })
    expect(describeWhatIfFailure(new ApiError('invalid_request', 'bad', 400, '/x'), edits)).toEqual({ kind: 'invalid', message: 'bad' })
    expect(describeWhatIfFailure(new ApiError('internal', 'boom', 500, '/x'), edits)).toEqual({ kind: 'failed' })
    expect(describeWhatIfFailure(new Error('?'), edits)).toEqual({ kind: 'failed' })
  })
})

describe('signed counts', () => {
  it('carry a plus or a true minus sign', () => {
    expect(formatSignedNumber(23158, 'zh')).toBe('+23,158')
    expect(formatSignedNumber(-2000, 'en')).toBe('−2,000')
    expect(formatSignedNumber(0, 'en')).toBe('0')
  })
})
