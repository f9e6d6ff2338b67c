import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildAdjacency } from '../../core/clusters/adjacency.js'
import { checkClusterMembers, componentsOf, isContiguous, type ClusterGraph } from '../../core/clusters/check.js'
import { growRegionsPlain, proposeClusters, type ProposalInput, type ProposalOptions, type ProposalResult } from '../../core/clusters/propose.js'
import type { Position } from '../../core/domain/geo.js'
import { clusterProblem, generateBlockCity, pointAt, squareAt, type ClusterProblem } from '../helpers/cluster-fixtures.js'
import { realdataDir } from '../helpers/realdata.js'
import { rng } from '../helpers/reference-network.js'

const RULES = { minResidents: 5000, maxResidents: 12000, targetResidents: 8500 }
const OPTS: ProposalOptions = { ...RULES, sameStreet: false, allowBarrierCrossing: false, restarts: 8, seed: 1 }

// ---- an independent reading of the rules, from the adjacency arrays alone ----

/** May a and b be in one proposal: a link, both available, not across a barrier unless allowed, one street when asked. */
function allowedLink(p: ClusterProblem, o: ProposalOptions, a: number, e: number): boolean {
  const b = p.adjacency.neighbours[e]
  if (!p.input.available[a] || !p.input.available[b]) return false
  if (!o.allowBarrierCrossing && p.adjacency.crossesBarrier[e]) return false
  return !o.sameStreet || p.graph.streetIds[a] === p.graph.streetIds[b]
}

/** Groups of `members` by breadth-first search over the allowed links. */
function referenceGroups(p: ClusterProblem, o: ProposalOptions, members: number[]): number[][] {
  const inSet = new Set(members)
  const seen = new Set<number>()
  const groups: number[][] = []
  for (const s of members) {
    if (seen.has(s)) continue
    const group = [s]
    seen.add(s)
    for (let k = 0; k < group.length; k++) {
      const u = group[k]
      for (let e = p.adjacency.offsets[u]; e < p.adjacency.offsets[u + 1]; e++) {
        const v = p.adjacency.neighbours[e]
        if (inSet.has(v) && !seen.has(v) && allowedLink(p, o, u, e)) {
          seen.add(v)
          group.push(v)
        }
      }
    }
    groups.push(group)
  }
  return groups
}

const residentsOf = (p: ClusterProblem, members: number[]) => members.reduce((s, i) => s + p.graph.residents[i], 0)
const codes = (flags: { code: string }[]) => flags.map((f) => f.code)
const withinBounds = (c: { residents: number }) => c.residents >= RULES.minResidents && c.residents <= RULES.maxResidents
const shareWithin = (r: ProposalResult) => r.clusters.filter(withinBounds).length / r.clusters.length

/** Every rule a proposal result must keep, checked independently of the implementation. */
function expectValidProposals(p: ClusterProblem, o: ProposalOptions, r: ProposalResult): void {
  const n = p.adjacency.count
  const placed = new Map<number, number>()
  r.clusters.forEach((c, k) => {
    expect(c.members.length).toBeGreaterThan(0)
    expect(c.members).toEqual([...c.members].sort((a, b) => a - b))
    for (const v of c.members) {
      expect(placed.has(v), `community ${v} in two proposals`).toBe(false)
      placed.set(v, k)
    }
  })
  for (const u of r.unassigned) {
    expect(placed.has(u.index), `community ${u.index} both proposed and unassigned`).toBe(false)
    placed.set(u.index, -1)
  }
  for (let v = 0; v < n; v++) expect(placed.has(v), `community ${v}`).toBe(p.input.available[v] === 1)

  const oversized = (v: number) => p.graph.residents[v] > o.maxResidents
  /** The proposals (index, or -1 for unassigned) next to a member list over the allowed links. */
  const neighbourGroups = (members: number[]) => {
    const out = new Set<number>()
    for (const u of members) {
      for (let e = p.adjacency.offsets[u]; e < p.adjacency.offsets[u + 1]; e++) {
        const v = p.adjacency.neighbours[e]
        if (allowedLink(p, o, u, e) && !members.includes(v)) out.add(placed.get(v)!)
      }
    }
    return [...out]
  }
  for (const c of r.clusters) {
    expect(c.residents).toBe(residentsOf(p, c.members))
    expect(referenceGroups(p, o, c.members), `proposal ${c.members} is not contiguous`).toHaveLength(1)
    const flags = codes(c.flags)
    if (flags.includes('isolated_oversized')) {
      expect(c.members).toHaveLength(1)
      expect(c.residents).toBeGreaterThan(o.maxResidents)
    } else if (flags.includes('isolated_undersized')) {
      expect(c.residents).toBeLessThan(o.minResidents)
      // A whole connected group: nothing it could grow with, except oversized compounds.
      for (const k of neighbourGroups(c.members)) expect(r.clusters[k].members.every(oversized)).toBe(true)
    } else {
      expect(c.members.some(oversized)).toBe(false)
      expect(c.residents).toBeLessThanOrEqual(o.maxResidents)
      if (c.residents < o.minResidents) {
        expect(flags).toContain('below_min')
        // Left below the minimum only when no neighbouring proposal has room for it.
        for (const k of neighbourGroups(c.members)) expect(k >= 0 && r.clusters[k].residents + c.residents > o.maxResidents).toBe(true)
      }
      expect(c.flags).toEqual(checkClusterMembers(p.graph, c.members, { ...RULES, sameStreet: o.sameStreet }))
    }
    expect(c.compactness).toBeGreaterThanOrEqual(1 - 1e-9)
  }
  for (const u of r.unassigned) {
    expect(u.reason).toBe('no_room')
    expect(p.graph.residents[u.index]).toBeLessThan(o.minResidents)
    const around = neighbourGroups([u.index])
    expect(around.length).toBeGreaterThan(0)
    for (const k of around) expect(k >= 0 && r.clusters[k].residents + p.graph.residents[u.index] > o.maxResidents).toBe(true)
  }
}

function summary(label: string, r: ProposalResult, plain: ProposalResult, ms?: number): string {
  const byFlag = new Map<string, number>()
  for (const c of r.clusters) for (const f of c.flags) byFlag.set(f.code, (byFlag.get(f.code) ?? 0) + 1)
  const grown = (x: ProposalResult) => x.clusters.filter((c) => !c.flags.some((f) => f.code.startsWith('isolated_')))
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`
  return (
    `${label}: ${r.clusters.length} proposals, ${(100 * shareWithin(r)).toFixed(1)} % within bounds (plain growing ${(100 * shareWithin(plain)).toFixed(1)} % of ${plain.clusters.length}); ` +
    `not isolated: ${pct(grown(r).filter(withinBounds).length, grown(r).length)} of ${grown(r).length} within (plain ${pct(grown(plain).filter(withinBounds).length, grown(plain).length)} of ${grown(plain).length}); ` +
    `unassigned ${r.unassigned.length}, flagged ${JSON.stringify(Object.fromEntries(byFlag))}${ms === undefined ? '' : `, ${ms.toFixed(0)} ms`}`
  )
}

describe('proposals on generated block-and-compound cities', () => {
  const cities = [1, 2, 3].map((seed) => {
    const city = generateBlockCity({ communities: 900, seed })
    return { seed, city, problem: clusterProblem(city.communities, { gapM: 30, barriers: city.barriers }) }
  })

  it('every proposal is contiguous, within the bounds or flagged with the reason, and every community is accounted for once', () => {
    for (const { seed, problem } of cities) {
      const r = proposeClusters(problem.input, OPTS)
      expectValidProposals(problem, OPTS, r)
      expect(r.clusters.length, `seed ${seed}`).toBeGreaterThan(100)
      // The generated cities hold a few oversized compounds: they stay alone, flagged.
      expect(r.clusters.filter((c) => codes(c.flags).includes('isolated_oversized')).length).toBeGreaterThan(0)
    }
  })

  it('more proposals fall within the bounds than with plain region growing on the same input', () => {
    for (const { seed, problem } of cities) {
      const ours = proposeClusters(problem.input, OPTS)
      const plain = growRegionsPlain(problem.input, OPTS)
      console.log(summary(`generated city ${seed}`, ours, plain))
      expectValidPlain(problem, plain)
      expect(shareWithin(ours)).toBeGreaterThan(shareWithin(plain))
      // What is out of bounds is what cannot be helped: isolated compounds and groups.
      expect(ours.clusters.filter((c) => !withinBounds(c) && !c.flags.some((f) => f.code.startsWith('isolated_'))).length).toBeLessThanOrEqual(2)
      expect(ours.objective).toBeLessThan(plain.objective)
    }
  })

  it('keeps the rules with same-street, barrier crossing allowed, and only some communities available', () => {
    const { problem, city } = cities[0]
    const rand = rng(5)
    const available = Uint8Array.from(city.communities, () => (rand() < 0.8 ? 1 : 0))
    const partial: ClusterProblem = { ...problem, input: { ...problem.input, available } }
    for (const o of [
      { ...OPTS, sameStreet: true },
      { ...OPTS, allowBarrierCrossing: true },
      { ...OPTS, restarts: 3, seed: 9 },
    ]) {
      expectValidProposals(problem, o, proposeClusters(problem.input, o))
      expectValidProposals(partial, o, proposeClusters(partial.input, o))
    }
    const sameStreet = proposeClusters(problem.input, { ...OPTS, sameStreet: true })
    for (const c of sameStreet.clusters) expect(new Set(c.members.map((v) => problem.graph.streetIds[v])).size).toBe(1)
    // Allowed crossings join across roads and the river, and say so.
    const crossing = proposeClusters(problem.input, { ...OPTS, allowBarrierCrossing: true })
    expect(crossing.clusters.some((c) => codes(c.flags).includes('crosses_barrier'))).toBe(true)
  })

  it('the same seed gives the same proposals; other seeds may give others', () => {
    const { problem } = cities[1]
    const a = proposeClusters(problem.input, { ...OPTS, seed: 7 })
    expect(proposeClusters(problem.input, { ...OPTS, seed: 7 })).toEqual(a)
    const others = [8, 9, 10].map((seed) => proposeClusters(problem.input, { ...OPTS, seed }))
    expect(others.some((o) => JSON.stringify(o.clusters) !== JSON.stringify(a.clusters))).toBe(true)
  })

  it('more restarts never end with a worse objective', () => {
    const { problem } = cities[2]
    const one = proposeClusters(problem.input, { ...OPTS, restarts: 1 })
    const many = proposeClusters(problem.input, { ...OPTS, restarts: 12 })
    expect(many.objective).toBeLessThanOrEqual(one.objective + 1e-9)
  })
})

/** The baseline keeps the bookkeeping rules too (contiguity, each community once), though not the bounds. */
function expectValidPlain(p: ClusterProblem, r: ProposalResult): void {
  const seen = new Set<number>()
  for (const c of r.clusters) {
    expect(referenceGroups(p, OPTS, c.members)).toHaveLength(1)
    for (const v of c.members) {
      expect(seen.has(v)).toBe(false)
      seen.add(v)
    }
  }
  for (const u of r.unassigned) seen.add(u.index)
  expect(seen.size).toBe(p.adjacency.count)
}

describe('the rules for what cannot be helped', () => {
  /** A row of squares 100 m wide, touching unless `gapsM` sets a gap after one, residents as given. */
  function row(residents: number[], opts: { gapsM?: number[]; streets?: number[]; road?: number } = {}): ClusterProblem {
    let x = 0
    const communities = residents.map((r, i) => {
      if (i > 0) x += 100 + (opts.gapsM?.[i - 1] ?? 0)
      return { id: 100 + i, rings: [squareAt(x, 0, 100)], residents: r, streetId: opts.streets?.[i] ?? 1 }
    })
    const barriers = opts.road === undefined ? undefined : { lines: [[pointAt(opts.road, -100), pointAt(opts.road, 200)]], polygons: [] }
    return clusterProblem(communities, { gapM: 30, barriers })
  }

  it('a compound above the maximum becomes its own proposal flagged isolated_oversized, even with neighbours', () => {
    const p = row([4000, 15000, 4500, 4200])
    const r = proposeClusters(p.input, OPTS)
    expect(r.clusters.map((c) => [c.members, codes(c.flags)])).toEqual([
      [[0], ['isolated_undersized']],
      [[1], ['isolated_oversized']],
      [[2, 3], []],
    ])
    expect(r.clusters[1].flags[0]).toEqual({ code: 'isolated_oversized', communityIds: [101], values: { residents: 15000, max: 12000 } })
    expect(r.unassigned).toEqual([])
  })

  it('a connected group below the minimum becomes one proposal flagged isolated_undersized, a lone compound too', () => {
    const p = row([1500, 2000, 800], { gapsM: [0, 200] })
    const r = proposeClusters(p.input, OPTS)
    expect(r.clusters.map((c) => [c.members, c.residents, codes(c.flags)])).toEqual([
      [[0, 1], 3500, ['isolated_undersized']],
      [[2], 800, ['isolated_undersized']],
    ])
    expect(r.clusters[0].flags[0]).toEqual({ code: 'isolated_undersized', communityIds: [100, 101], values: { residents: 3500, min: 5000 } })
  })

  it('a compound left over with no room in any neighbouring proposal is unassigned with reason no_room', () => {
    const p = row([3000, 9500])
    const r = proposeClusters(p.input, OPTS)
    expect(r.clusters.map((c) => c.members)).toEqual([[1]])
    expect(r.unassigned).toEqual([{ index: 0, reason: 'no_room' }])
  })

  it('a group below the minimum joins its neighbour when the sum fits', () => {
    const p = row([2000, 6000, 2500, 3000])
    const r = proposeClusters(p.input, OPTS)
    expect(r.clusters.every(withinBounds)).toBe(true)
    expect(r.clusters.flatMap((c) => c.members).sort()).toEqual([0, 1, 2, 3])
  })

  it('unavailable communities are neither proposed nor unassigned, and do not link their neighbours', () => {
    const p = row([3000, 6000, 3000])
    const input: ProposalInput = { ...p.input, available: Uint8Array.from([1, 0, 1]) }
    const r = proposeClusters(input, OPTS)
    expect(r.clusters.map((c) => [c.members, codes(c.flags)])).toEqual([
      [[0], ['isolated_undersized']],
      [[2], ['isolated_undersized']],
    ])
  })

  it('links across a major road are used only when allowed, and then flagged', () => {
    const p = row([2500, 2000, 2500, 2000], { gapsM: [0, 25, 0], road: 212.5 })
    const strict = proposeClusters(p.input, OPTS)
    expect(strict.clusters.map((c) => [c.members, codes(c.flags)])).toEqual([
      [[0, 1], ['isolated_undersized']],
      [[2, 3], ['isolated_undersized']],
    ])
    const allowed = proposeClusters(p.input, { ...OPTS, allowBarrierCrossing: true })
    expect(allowed.clusters.map((c) => [c.members, codes(c.flags)])).toEqual([[[0, 1, 2, 3], ['crosses_barrier']]])
  })

  it('same-street proposals stay within one street', () => {
    const p = row([3000, 3000, 3000, 3000], { streets: [1, 1, 2, 2] })
    const r = proposeClusters(p.input, { ...OPTS, sameStreet: true })
    expect(r.clusters.map((c) => [c.members, c.flags])).toEqual([
      [[0, 1], []],
      [[2, 3], []],
    ])
    const mixed = proposeClusters(p.input, OPTS)
    expect(mixed.clusters.every(withinBounds)).toBe(true)
  })

  it('rejects bounds out of order', () => {
    const p = row([3000])
    expect(() => proposeClusters(p.input, { ...OPTS, minResidents: 9000 })).toThrow(RangeError)
    expect(() => proposeClusters(p.input, { ...OPTS, restarts: 0 })).toThrow(RangeError)
  })
})

describe('checking a hand-drawn member list', () => {
  // 0–1–2 touch in a row; 3 lies 25 m past 2 across a major road; 4 stands apart; streets 1, 1, 2, 2, 1.
  const polygons = [[squareAt(0, 0, 100)], [squareAt(100, 0, 100)], [squareAt(200, 0, 100)], [squareAt(325, 0, 100)], [squareAt(0, 500, 100)]]
  const adjacency = buildAdjacency(polygons, { gapM: 30, barriers: { lines: [[pointAt(312.5, -100), pointAt(312.5, 200)]], polygons: [] } })
  const graph: ClusterGraph = { adjacency, residents: [2000, 3000, 2500, 2600, 1800], streetIds: [1, 1, 2, 2, 1], communityIds: [11, 12, 13, 14, 15] }
  const rules = { minResidents: 5000, maxResidents: 12000 }

  it('a contiguous list within the bounds has no flags', () => {
    expect(checkClusterMembers(graph, [0, 1, 2], rules)).toEqual([])
  })

  it('members in separate groups are not contiguous: the groups other than the largest are named', () => {
    expect(checkClusterMembers(graph, [0, 1, 4, 2], rules)).toEqual([{ code: 'not_contiguous', communityIds: [15], values: { groups: 2 } }])
    expect(checkClusterMembers(graph, [0, 2], rules)[0]).toMatchObject({ code: 'not_contiguous', communityIds: [13] })
  })

  it('members joined only across a major road are flagged crosses_barrier, unless crossing is allowed', () => {
    expect(checkClusterMembers(graph, [1, 2, 3], rules)).toEqual([{ code: 'crosses_barrier', communityIds: [14], values: { groups: 2 } }])
    expect(checkClusterMembers(graph, [1, 2, 3], { ...rules, allowBarrierCrossing: true })).toEqual([])
  })

  it('too few or too many residents are flagged with the numbers', () => {
    // Exactly the minimum is within.
    expect(checkClusterMembers(graph, [0, 1], rules)).toEqual([])
    expect(checkClusterMembers(graph, [0], rules)).toEqual([{ code: 'below_min', values: { residents: 2000, min: 5000, max: 12000 } }])
    expect(checkClusterMembers(graph, [0, 1, 2], { minResidents: 1000, maxResidents: 7000 })).toEqual([{ code: 'above_max', values: { residents: 7500, min: 1000, max: 7000 } }])
  })

  it('mixed streets are flagged when one street is asked, naming the members outside the main street', () => {
    expect(checkClusterMembers(graph, [0, 1, 2], { ...rules, sameStreet: true })).toEqual([{ code: 'mixed_streets', communityIds: [13], values: { streets: 2 } }])
    expect(checkClusterMembers(graph, [0, 1], { ...rules, sameStreet: true, minResidents: 0 })).toEqual([])
  })

  it('a member listed twice counts once', () => {
    expect(checkClusterMembers(graph, [0, 1, 1, 0], { minResidents: 5000, maxResidents: 5000 })).toEqual([])
  })

  it('components come largest first, each ascending', () => {
    expect(componentsOf(adjacency, [4, 3, 1, 2, 0])).toEqual([[0, 1, 2], [3], [4]])
    expect(componentsOf(adjacency, [4, 3, 1, 2, 0], { allowBarrierCrossing: true })).toEqual([[0, 1, 2, 3], [4]])
    expect(isContiguous(adjacency, [])).toBe(true)
    expect(isContiguous(adjacency, [2, 3])).toBe(false)
    expect(isContiguous(adjacency, [2, 3], { allowBarrierCrossing: true })).toBe(true)
    expect(() => componentsOf(adjacency, [5])).toThrow(RangeError)
  })
})

describe('proposals for Hangzhou (real OpenStreetMap residential polygons)', () => {
  const file = path.join(realdataDir(), 'hangzhou_communities', 'communities.geojson')
  const features: { properties: { osm_id: string; area_m2_computed: number }; geometry: { type: string; coordinates: any } }[] = JSON.parse(fs.readFileSync(file, 'utf8')).features
  const communities = features.map((f) => ({
    id: Number(f.properties.osm_id),
    rings: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((poly: Position[][]) => poly[0]),
    // Floor-area ratio ≈ 1.8 at ≈ 33 m² a person.
    residents: Math.round(f.properties.area_m2_computed * 0.055),
  }))
  const t0 = performance.now()
  const problem = clusterProblem(communities, { gapM: 30 })
  const adjacencyMs = performance.now() - t0
  const opts: ProposalOptions = { ...OPTS, restarts: 20 }

  it('every proposal is contiguous and within the bounds or flagged; more are within the bounds than with plain growing', () => {
    expect(communities).toHaveLength(2112)
    const t = performance.now()
    const r = proposeClusters(problem.input, opts)
    const ms = performance.now() - t
    const plain = growRegionsPlain(problem.input, opts)
    console.log(`Hangzhou: ${communities.length} polygons, ${problem.adjacency.neighbours.length / 2} neighbour pairs at 30 m (adjacency ${adjacencyMs.toFixed(0)} ms)`)
    console.log(summary('Hangzhou, 20 restarts', r, plain, ms))
    expectValidProposals(problem, opts, r)
    expect(shareWithin(r)).toBeGreaterThan(shareWithin(plain))
    expect(proposeClusters(problem.input, opts)).toEqual(r)
  })
})
