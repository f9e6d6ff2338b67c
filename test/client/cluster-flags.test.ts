import { describe, expect, it } from 'vitest'
import { CLUSTER_FLAG_CODES } from '../../core/contracts/clusters.js'
import { ApiError } from '../../client/api/http.js'
import {
  flagCodes,
  flagDetailKey,
  flagDetailParams,
  flagLabelKey,
  orderedFlags,
  outlinedFlagCommunities,
  residentsBand,
  residentsBarGeometry,
} from '../../client/features/clusters/cluster-flags.js'
import { describeTransitionConflict, describeWriteError } from '../../client/features/clusters/write-errors.js'
import { createTranslator } from '../../client/i18n/i18n-context.js'

const rules = { minResidents: 5000, maxResidents: 12000, gapM: 30 }

describe('flag labels', () => {
  const zh = createTranslator('zh')
  const en = createTranslator('en')

  it('every flag code has a plain name and an explanation in both languages', () => {
    for (const code of CLUSTER_FLAG_CODES) {
      for (const t of [zh, en]) {
        expect(t(flagLabelKey(code))).not.toBe(flagLabelKey(code))
        expect(t(flagDetailKey(code))).not.toBe(flagDetailKey(code))
      }
    }
    expect(zh(flagLabelKey('not_contiguous'))).toBe('不连片')
    expect(zh(flagLabelKey('below_min'))).toBe('人口低于下限')
    expect(zh(flagLabelKey('above_max'))).toBe('人口超过上限')
    expect(zh(flagLabelKey('crosses_barrier'))).toBe('跨主干道或河流')
    expect(zh(flagLabelKey('mixed_streets'))).toBe('跨街道')
  })

  it('explains a flag with its own numbers, else the 片区 residents and the rules', () => {
    const t = createTranslator('zh')
    const low = { code: 'below_min' as const, values: { residents: 4200 } }
    expect(t(flagDetailKey('below_min'), flagDetailParams(low, { rules }, 'zh'))).toBe('居民 4,200 人，少于下限 5,000 人，可再并入相邻小区。')
    const high = { code: 'above_max' as const }
    expect(t(flagDetailKey('above_max'), flagDetailParams(high, { rules, residents: 13500 }, 'zh'))).toContain('13,500')
  })

  it('lists codes in a fixed order, each once, for data-flags', () => {
    expect(flagCodes([{ code: 'mixed_streets' }, { code: 'not_contiguous' }, { code: 'above_max' }, { code: 'not_contiguous' }])).toBe(
      'not_contiguous,above_max,mixed_streets',
    )
    expect(flagCodes([])).toBe('')
    expect(orderedFlags([{ code: 'crosses_barrier' }, { code: 'below_min' }]).map((f) => f.code)).toEqual(['below_min', 'crosses_barrier'])
  })

  it('outlines in red the communities a contiguity flag names, not those of a residents flag', () => {
    const ids = outlinedFlagCommunities([
      { code: 'not_contiguous', communityIds: [4, 5] },
      { code: 'above_max', communityIds: [9] },
    ])
    expect([...ids].sort()).toEqual([4, 5])
  })
})

describe('residents against the bounds', () => {
  it('is below, within or above, the bounds themselves within', () => {
    expect(residentsBand(4999, rules)).toBe('below')
    expect(residentsBand(5000, rules)).toBe('within')
    expect(residentsBand(12000, rules)).toBe('within')
    expect(residentsBand(12001, rules)).toBe('above')
  })

  it('draws the bar to 1.25 × the maximum, with ticks at both bounds', () => {
    const g = residentsBarGeometry(7500, rules)
    expect(g.maxPct).toBeCloseTo(80)
    expect(g.minPct).toBeCloseTo((5000 / 15000) * 100)
    expect(g.fillPct).toBeCloseTo(50)
    expect(residentsBarGeometry(99_000, rules).fillPct).toBe(100)
  })
})

describe('telling the user why a write failed', () => {
  it('names who changed the 片区 first on a version conflict', () => {
    const err = new ApiError('version_conflict', 'changed', 409, '/api/clusters/4', {
      current: { name: '东关片区' },
      lastChange: { actorName: '王规划', actorRole: 'planner', at: '2026-05-01T02:03:00Z', action: 'cluster.update' },
    })
    const m = describeWriteError(err, '东关')
    expect(m.key).toBe('clusters.error.conflictBy')
    expect(m.params).toEqual({ name: '东关片区' })
    expect(m.who).toEqual({ name: '王规划', role: 'planner', at: '2026-05-01T02:03:00Z' })
  })

  it('says an approved 片区 is locked, a missing one is gone', () => {
    expect(describeWriteError(new ApiError('cluster_locked', 'locked', 409, ''), 'A').key).toBe('clusters.error.locked')
    expect(describeWriteError(new ApiError('not_found', 'x', 404, ''), 'A').key).toBe('clusters.error.gone')
    expect(describeWriteError(new Error('boom'), 'A').key).toBe('clusters.error.failed')
  })

  it('explains why an undo cannot run', () => {
    expect(describeTransitionConflict({ kind: 'taken', communityId: 3, clusterId: 9, clusterName: 'C' })).toMatchObject({ key: 'clusters.undo.taken', params: { name: 'C' } })
    expect(describeTransitionConflict({ kind: 'gone', snapshotId: 1, name: 'A' }).key).toBe('clusters.undo.gone')
  })
})
