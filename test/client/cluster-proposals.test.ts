import { describe, expect, it } from 'vitest'
import type { ClusterRow, ProposalResponse } from '../../core/contracts/clusters.js'
import { proposalRequestSchema } from '../../core/contracts/clusters.js'
import { membershipOf, proposalNames, selectClusterRows, statusCounts, uniqueName } from '../../client/features/clusters/cluster-rows.js'
import { residentsAxisMax, summariseRun, toProposalBars } from '../../client/features/clusters/proposal-chart-data.js'
import { DEFAULT_PROPOSAL_FORM, buildProposalRequest } from '../../client/features/clusters/proposal-form.js'
import { stageMixSegments } from '../../client/charts/cluster-stage-mix.js'

const params = { minResidents: 5000, maxResidents: 12000, targetResidents: 8500 }

function response(residents: number[], unassigned = 0): ProposalResponse {
  return {
    params: {
      year: 2026,
      ...params,
      gapM: 30,
      allowBarrierCrossing: false,
      sameStreet: false,
      eligibleOnly: false,
      restarts: 20,
      seed: 1,
      districtId: null,
      streetId: null,
      communityCount: 100,
    },
    proposals: residents.map((r, i) => ({ key: `p${i + 1}`, memberIds: [i * 10 + 1, i * 10 + 2], residents: r, flags: r > 12000 ? [{ code: 'above_max' }] : [], compactness: 1.2, streetIds: [1] })),
    unassigned: Array.from({ length: unassigned }, (_, i) => ({ communityId: 900 + i, reason: 'isolated_undersized' as const })),
    summary: { proposals: residents.length, withinBounds: 0, flagged: 0, residents: 0, objective: 0 },
    elapsedMs: 420,
  }
}

describe('the proposal form', () => {
  it('builds a request the server contract accepts', () => {
    const r = buildProposalRequest(DEFAULT_PROPOSAL_FORM, 2026, [])
    expect(r.ok).toBe(true)
    if (r.ok) expect(proposalRequestSchema.safeParse(r.request).success).toBe(true)
  })

  it('refuses bounds out of order and explains which', () => {
    expect(buildProposalRequest({ ...DEFAULT_PROPOSAL_FORM, targetResidents: '15000' }, 2026, [])).toEqual({ ok: false, problem: 'order' })
    expect(buildProposalRequest({ ...DEFAULT_PROPOSAL_FORM, minResidents: 'abc' }, 2026, [])).toEqual({ ok: false, problem: 'residents' })
    expect(buildProposalRequest({ ...DEFAULT_PROPOSAL_FORM, gapM: '500' }, 2026, [])).toEqual({ ok: false, problem: 'gap' })
    expect(buildProposalRequest({ ...DEFAULT_PROPOSAL_FORM, restarts: '0' }, 2026, [])).toEqual({ ok: false, problem: 'restarts' })
  })

  it('reads numbers typed with thousands separators', () => {
    const r = buildProposalRequest({ ...DEFAULT_PROPOSAL_FORM, maxResidents: '12,000' }, 2026, [])
    expect(r.ok && r.request.maxResidents).toBe(12000)
  })

  it('narrows the scope to a district, a street or the selection', () => {
    expect(buildProposalRequest({ ...DEFAULT_PROPOSAL_FORM, scope: 'district' }, 2026, [])).toEqual({ ok: false, problem: 'district' })
    const d = buildProposalRequest({ ...DEFAULT_PROPOSAL_FORM, scope: 'district', districtId: 3 }, 2026, [])
    expect(d.ok && d.request.districtId).toBe(3)
    expect(buildProposalRequest({ ...DEFAULT_PROPOSAL_FORM, scope: 'selection' }, 2026, [])).toEqual({ ok: false, problem: 'selection' })
    const s = buildProposalRequest({ ...DEFAULT_PROPOSAL_FORM, scope: 'selection' }, 2026, [9, 4])
    expect(s.ok && s.request.communityIds).toEqual([4, 9])
    const city = buildProposalRequest({ ...DEFAULT_PROPOSAL_FORM, districtId: 3 }, 2026, [1])
    expect(city.ok && city.request.districtId).toBeUndefined()
  })
})

describe('the residents chart and run summary', () => {
  it('one bar per proposal, most residents first, with its place against the bounds', () => {
    const bars = toProposalBars(response([9000, 4000, 13000]).proposals, params)
    expect(bars.map((b) => [b.rank, b.residents, b.band])).toEqual([
      [1, 13000, 'above'],
      [2, 9000, 'within'],
      [3, 4000, 'below'],
    ])
    expect(bars[0].flagged).toBe(true)
  })

  it('runs compared side by side share an axis above every bar and the maximum', () => {
    const a = response([9000, 8000])
    const b = response([21000])
    const top = residentsAxisMax([
      { proposals: a.proposals, rules: a.params },
      { proposals: b.proposals, rules: b.params },
    ])
    expect(top).toBeGreaterThanOrEqual(21000 * 1.05)
    expect(top % 5000).toBe(0)
    expect(residentsAxisMax([{ proposals: [], rules: params }])).toBeGreaterThanOrEqual(12000)
  })

  it('summarises a run: within bounds, out of bounds, distance from the target', () => {
    const s = summariseRun(response([8500, 4000, 13000, 10200], 3))
    expect(s).toMatchObject({ proposals: 4, withinBounds: 2, below: 1, above: 1, flagged: 1, unassigned: 3, elapsedMs: 420 })
    expect(s.meanDeviation).toBeCloseTo((0 + 4500 / 8500 + 4500 / 8500 + 1700 / 8500) / 4)
    expect(summariseRun(response([])).meanDeviation).toBeNull()
  })
})

describe('names and the list', () => {
  it('names accepted proposals after their main street, numbered per street, skipping names in use', () => {
    const street = new Map([
      [1, '东关街道'],
      [2, '东关街道'],
      [3, '西园街道'],
    ])
    const names = proposalNames(
      [
        { key: 'p1', memberIds: [1, 2, 3] },
        { key: 'p2', memberIds: [3] },
        { key: 'p3', memberIds: [2] },
      ],
      (id) => street.get(id) ?? null,
      ['东关街道片区1'],
      (s, n) => `${s}片区${n}`,
    )
    expect([...names.values()]).toEqual(['东关街道片区2', '西园街道片区1', '东关街道片区3'])
  })

  it('a suggested name gets a number only when taken', () => {
    expect(uniqueName('东关片区', [])).toBe('东关片区')
    expect(uniqueName('东关片区', ['东关片区', '东关片区2'])).toBe('东关片区3')
    expect(uniqueName('East area', ['East area'], ' ')).toBe('East area 2')
  })

  const row = (id: number, name: string, status: ClusterRow['status'], residents: number, flags = 0) =>
    ({ id, name, status, residents, memberIds: [id * 10], flags: Array.from({ length: flags }, () => ({ code: 'below_min' })) }) as unknown as ClusterRow

  it('filters by status and sorts by name, residents, status or issues', () => {
    const rows = [row(1, '片区10', 'approved', 9000), row(2, '片区2', 'draft', 4000, 2), row(3, '片区1', 'proposed', 12500, 1)]
    const collator = new Intl.Collator('zh-CN', { numeric: true })
    expect(selectClusterRows(rows, 'all', 'name', collator).map((r) => r.id)).toEqual([3, 2, 1])
    expect(selectClusterRows(rows, 'all', 'residents', collator).map((r) => r.id)).toEqual([3, 1, 2])
    expect(selectClusterRows(rows, 'all', 'status', collator).map((r) => r.status)).toEqual(['draft', 'proposed', 'approved'])
    expect(selectClusterRows(rows, 'all', 'flags', collator).map((r) => r.id)).toEqual([2, 3, 1])
    expect(selectClusterRows(rows, 'draft', 'name', collator).map((r) => r.id)).toEqual([2])
    expect(statusCounts(rows)).toEqual({ all: 3, draft: 1, proposed: 1, approved: 1 })
    expect(membershipOf(rows).get(20)).toBe(2)
  })

  it('the stage mix keeps workflow order and drops stages with no community', () => {
    expect(stageMixSegments({ construction: 3, survey: 1 }).map((s) => [s.stage, s.share])).toEqual([
      ['survey', 0.25],
      ['construction', 0.75],
    ])
    expect(stageMixSegments({})).toEqual([])
  })
})
