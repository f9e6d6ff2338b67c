import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BASIC_DEFICIENCIES, DEFICIENCIES, FACILITY_TYPES, LIBRARY_TIERS, MANAGEMENT_MODES, OWNERSHIP_TYPES } from '../../core/domain/community.js'
import { STAGES, stageIndex } from '../../core/domain/stages.js'
import { scheduleAt, sortReports } from '../../core/schedule/replay.js'
import { DEFAULT_SCHEDULE_RULES } from '../../core/schedule/status.js'
import { DEMO_AS_OF, DEMO_PLAN_YEAR, generateDemoCity } from '../../data/demo/generate.js'

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex')
const ds = generateDemoCity()
const inPlan = ds.communities.filter((c) => c.planYear === DEMO_PLAN_YEAR)
const share = (n: number) => n / ds.communities.length

describe('demo city dataset', () => {
  it('is identical for the same seed and different for another seed', () => {
    expect(hash(generateDemoCity())).toBe(hash(ds))
    expect(hash(generateDemoCity({ seed: 7 }))).not.toBe(hash(ds))
  }, 60_000) // two more whole cities: seconds each on a busy 2-core machine

  it('is labelled as a fictional demo with a fixed plan year and as-of date', () => {
    expect(ds.isDemo).toBe(true)
    expect(ds.label.zh).toContain('虚构')
    expect(ds.label.en).toMatch(/fictional/i)
    expect(ds.planYear).toBe(2026)
    expect(ds.asOf).toBe('2026-11-16')
    expect(ds.center).toEqual([117.25, 31.85])
  })

  it('has the expected numbers of districts, streets, communities and facilities', () => {
    expect(ds.districts).toHaveLength(5)
    expect(ds.streets.length).toBeGreaterThanOrEqual(22)
    expect(ds.streets.length).toBeLessThanOrEqual(28)
    expect(ds.communities.length).toBeGreaterThanOrEqual(800)
    expect(ds.communities.length).toBeLessThanOrEqual(1200)
    expect(ds.facilities.length).toBeGreaterThanOrEqual(300)
  })

  it('stays within the counts for other seeds too', () => {
    for (const seed of [1, 99]) {
      const other = generateDemoCity({ seed })
      expect(other.communities.length).toBeGreaterThanOrEqual(800)
      expect(other.communities.length).toBeLessThanOrEqual(1200)
      expect(other.roads.filter((r) => r.bridge).length).toBeGreaterThanOrEqual(3)
    }
  })

  it('numbers every table from 1 without gaps, and every reference points at an existing row', () => {
    for (const rows of [ds.districts, ds.streets, ds.communities, ds.facilities, ds.roads, ds.water]) {
      expect(rows.map((r) => r.id)).toEqual(rows.map((_, k) => k + 1))
    }
    const districtIds = new Set(ds.districts.map((d) => d.id))
    const streetIds = new Set(ds.streets.map((s) => s.id))
    const communityIds = new Set(ds.communities.map((c) => c.id))
    expect(ds.streets.every((s) => districtIds.has(s.districtId))).toBe(true)
    expect(ds.communities.every((c) => districtIds.has(c.districtId) && streetIds.has(c.streetId))).toBe(true)
    expect(ds.facilities.every((f) => f.districtId !== null && districtIds.has(f.districtId))).toBe(true)
    expect(ds.stageRecords.every((r) => communityIds.has(r.communityId))).toBe(true)
    expect(ds.progressReports.every((r) => communityIds.has(r.communityId))).toBe(true)
  })

  it('uses well-formed 12-digit codes and unique names', () => {
    for (const d of [...ds.districts, ...ds.streets]) expect(d.code).toMatch(/^\d{12}$/)
    for (const s of ds.streets) expect(s.code!.slice(0, 6)).toBe(ds.districts[s.districtId - 1].code!.slice(0, 6))
    expect(ds.districts.every((d) => d.name.endsWith('区'))).toBe(true)
    expect(ds.streets.every((s) => s.name.endsWith('街道'))).toBe(true)
    expect(new Set(ds.communities.map((c) => c.name)).size).toBe(ds.communities.length)
    expect(new Set(ds.communities.map((c) => c.code)).size).toBe(ds.communities.length)
    expect(ds.communities[0].code).toBe('C0001')
    expect(ds.communities.every((c) => c.neighbourhood.endsWith('社区'))).toBe(true)
  })

  it('builds most communities in 1980–1999, none outside 1975–2012, with a tail after 2000', () => {
    const years = ds.communities.map((c) => c.buildYear)
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1975)
    expect(Math.max(...years)).toBeLessThanOrEqual(2012)
    expect(share(years.filter((y) => y >= 1980 && y <= 1999).length)).toBeGreaterThan(0.6)
    expect(share(years.filter((y) => y >= 2000).length)).toBeGreaterThan(0.05)
  })

  it('keeps the physical attributes coherent with each other', () => {
    for (const c of ds.communities) {
      expect(c.buildings).toBeGreaterThanOrEqual(2)
      expect(c.buildings).toBeLessThanOrEqual(40)
      const flat = c.floorAreaM2 / c.households
      expect(flat).toBeGreaterThan(64)
      expect(flat).toBeLessThan(91)
      const perHousehold = c.population / c.households
      expect(perHousehold).toBeGreaterThan(2.35)
      expect(perHousehold).toBeLessThan(2.95)
      expect(OWNERSHIP_TYPES).toContain(c.ownershipType)
      expect(MANAGEMENT_MODES).toContain(c.managementMode)
      expect(LIBRARY_TIERS).toContain(c.libraryTier)
      expect(c.deficiencies.every((d) => (DEFICIENCIES as readonly string[]).includes(d))).toBe(true)
      expect(c.ownersConsulted).toBeLessThanOrEqual(c.ownersTotal)
      expect(c.ownersAgreeing).toBeLessThanOrEqual(c.ownersConsulted)
      expect(Math.abs(c.ownersTotal - c.households)).toBeLessThanOrEqual(Math.ceil(c.households * 0.08))
    }
  })

  it('makes reform housing the most common ownership before 2000 and commercial housing the most common after', () => {
    const count = (list: typeof ds.communities, t: string) => list.filter((c) => c.ownershipType === t).length
    const old = ds.communities.filter((c) => c.buildYear < 1998)
    const recent = ds.communities.filter((c) => c.buildYear >= 2000)
    expect(count(old, 'reform_housing')).toBeGreaterThan(Math.max(count(old, 'work_unit'), count(old, 'public_housing'), count(old, 'commercial')))
    expect(count(recent, 'commercial')).toBeGreaterThan(recent.length / 2)
  })

  it('finds more deficiencies in older communities, and at least two basic ones in those awaiting renovation', () => {
    const mean = (list: typeof ds.communities) => list.reduce((s, c) => s + c.deficiencies.length, 0) / list.length
    const waiting = ds.communities.filter((c) => c.libraryTier !== 'implementing')
    expect(mean(waiting.filter((c) => c.buildYear < 1985))).toBeGreaterThan(mean(waiting.filter((c) => c.buildYear >= 1995)) + 1)
    for (const c of ds.communities.filter((x) => x.libraryTier === 'planning' || x.planYear === DEMO_PLAN_YEAR)) {
      expect(c.deficiencies.filter((d) => BASIC_DEFICIENCIES.includes(d)).length).toBeGreaterThanOrEqual(2)
    }
  })

  it('splits the programme into earlier years, this year’s plan, and the planning and reserve tiers', () => {
    const done = ds.communities.filter((c) => c.planYear !== null && c.planYear < DEMO_PLAN_YEAR)
    expect(share(done.length)).toBeGreaterThan(0.1)
    expect(share(done.length)).toBeLessThan(0.15)
    expect(done.every((c) => c.stage === 'handover' && c.progressPct === 100 && c.libraryTier === 'implementing' && c.planYear! >= 2023)).toBe(true)
    expect(share(inPlan.length)).toBeGreaterThan(0.25)
    expect(share(inPlan.length)).toBeLessThan(0.3)
    expect(inPlan.every((c) => c.libraryTier === 'implementing' && c.buildYear < 2000)).toBe(true)
    const planStages = new Set(inPlan.map((c) => c.stage))
    for (const s of ['design', 'preparation', 'construction', 'self_acceptance', 'city_acceptance', 'handover']) expect(planStages).toContain(s)
    const rest = ds.communities.filter((c) => c.libraryTier !== 'implementing')
    expect(rest.every((c) => ['survey', 'district_plan', 'city_approval'].includes(c.stage))).toBe(true)
    expect(rest.every((c) => c.planYear === null || c.planYear > DEMO_PLAN_YEAR)).toBe(true)
    expect(rest.some((c) => c.libraryTier === 'planning') && rest.some((c) => c.libraryTier === 'reserve')).toBe(true)
  })

  it('leaves some communities waiting in the library below the 2/3 consulted or 3/4 agreeing thresholds', () => {
    const below = ds.communities.filter((c) => c.ownersConsulted < (2 / 3) * c.ownersTotal || c.ownersAgreeing < 0.75 * c.ownersConsulted)
    expect(below.length).toBeGreaterThan(50)
    expect(below.every((c) => c.libraryTier !== 'implementing')).toBe(true)
  })

  it('prices investment at 300–600 yuan per m², spends in step with progress, and funds it exactly by source', () => {
    for (const c of ds.communities) {
      const yuanPerM2 = (c.investmentPlannedWan * 10_000) / c.floorAreaM2
      expect(yuanPerM2).toBeGreaterThan(299)
      expect(yuanPerM2).toBeLessThan(601)
      expect(Object.keys(c.funding).sort()).toEqual(['central', 'district', 'owners', 'provincial', 'social', 'utilities'])
      const total = Object.values(c.funding).reduce((s, v) => s + v, 0)
      expect(Math.abs(total - c.investmentPlannedWan)).toBeLessThan(0.011)
      expect(c.investmentSpentWan).toBeLessThanOrEqual(c.investmentPlannedWan)
      if (c.libraryTier !== 'implementing') expect(c.investmentSpentWan).toBe(0)
    }
    const construction = inPlan.filter((c) => c.stage === 'construction')
    const acceptance = inPlan.filter((c) => c.stage === 'city_acceptance')
    const ratio = (list: typeof inPlan) => list.reduce((s, c) => s + c.investmentSpentWan / c.investmentPlannedWan, 0) / list.length
    expect(ratio(acceptance)).toBeGreaterThan(ratio(construction))
  })

  it('has all 10 facility types, mostly existing and some planned', () => {
    for (const t of FACILITY_TYPES) expect(ds.facilities.filter((f) => f.type === t).length).toBeGreaterThanOrEqual(10)
    const planned = ds.facilities.filter((f) => f.status === 'planned').length
    expect(planned).toBeGreaterThan(20)
    expect(planned).toBeLessThan(ds.facilities.length / 4)
    expect(new Set(ds.facilities.map((f) => f.name)).size).toBe(ds.facilities.length)
  })

  it('leaves kindergarten and elderly-station gaps that the planned facilities partly close', () => {
    const centroid = (c: (typeof ds.communities)[number]) => {
      const ring = c.geom.coordinates[0][0].slice(1)
      return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length]
    }
    const metres = (a: number[], b: number[]) => Math.hypot((a[0] - b[0]) * 94_650, (a[1] - b[1]) * 110_880)
    const centroids = ds.communities.map(centroid)
    for (const type of ['kindergarten', 'elderly_care']) {
      const existing = ds.facilities.filter((f) => f.type === type && f.status === 'existing').map((f) => f.geom.coordinates)
      const all = ds.facilities.filter((f) => f.type === type).map((f) => f.geom.coordinates)
      const unserved = (points: number[][]) => centroids.filter((c) => points.every((p) => metres(c, p) > 500)).length / centroids.length
      expect(unserved(existing)).toBeGreaterThan(0.15)
      expect(unserved(existing)).toBeLessThan(0.6)
      expect(unserved(all)).toBeLessThan(unserved(existing) - 0.03)
    }
  })
})

describe('demo programme schedule', () => {
  const records = (id: number) => ds.stageRecords.filter((r) => r.communityId === id)
  const asOf = DEMO_AS_OF

  it('has a record for all nine stages of every community in this or an earlier year’s plan, and none for the others', () => {
    const withPlan = ds.communities.filter((c) => c.planYear !== null && c.planYear <= DEMO_PLAN_YEAR)
    for (const c of withPlan) expect(records(c.id).map((r) => r.stage)).toEqual([...STAGES])
    expect(ds.stageRecords.length).toBe(withPlan.length * STAGES.length)
  })

  it('keeps planned and actual dates in order and never after the as-of date', () => {
    for (const r of ds.stageRecords) {
      expect(r.plannedStart! <= r.plannedEnd!).toBe(true)
      if (r.actualStart) expect(r.actualStart <= asOf).toBe(true)
      if (r.actualEnd) {
        expect(r.actualStart).not.toBeNull()
        expect(r.actualStart! <= r.actualEnd).toBe(true)
        expect(r.actualEnd <= asOf).toBe(true)
        expect(r.progressPct).toBe(100)
      }
    }
    for (const c of inPlan) {
      const rs = records(c.id)
      for (let k = 1; k < rs.length; k++) {
        expect(rs[k - 1].plannedEnd! < rs[k].plannedStart!).toBe(true)
        if (rs[k].actualStart) expect(rs[k - 1].actualEnd! < rs[k].actualStart!).toBe(true)
      }
      const current = rs[stageIndex(c.stage)]
      expect(current.progressPct).toBe(c.progressPct)
    }
  })

  it('follows the city calendar: first-batch tenders by 31 March and city acceptance by 30 November', () => {
    const firstBatch = inPlan.filter((c) => records(c.id)[STAGES.indexOf('construction')].plannedStart! <= '2026-04-05')
    expect(firstBatch.length).toBeGreaterThan(inPlan.length / 3)
    for (const c of firstBatch) {
      const rs = records(c.id)
      expect(rs[STAGES.indexOf('preparation')].plannedEnd! <= '2026-03-31').toBe(true)
      expect(rs[STAGES.indexOf('self_acceptance')].plannedEnd! <= '2026-10-31').toBe(true)
      expect(rs[STAGES.indexOf('city_acceptance')].plannedEnd! <= '2026-11-30').toBe(true)
    }
  })

  it('has about 10–15 % of this year’s communities running late, and a few finished early', () => {
    const late = inPlan.filter((c) => {
      const r = records(c.id)[stageIndex(c.stage)]
      return (r.actualEnd ?? asOf) > r.plannedEnd!
    })
    expect(late.length / inPlan.length).toBeGreaterThanOrEqual(0.1)
    expect(late.length / inPlan.length).toBeLessThanOrEqual(0.15)
    const early = inPlan.filter((c) => {
      const h = records(c.id)[STAGES.indexOf('handover')]
      return h.actualEnd !== null && h.actualEnd < h.plannedEnd!
    })
    expect(early.length).toBeGreaterThan(0)
  })

  it('has a few communities behind plan in a stage not yet due (at risk), by the battle map rule', () => {
    const subjects = inPlan.map((c) => ({
      communityId: c.id,
      planned: records(c.id).map((r) => ({ plannedStart: r.plannedStart, plannedEnd: r.plannedEnd })),
      reports: sortReports(ds.progressReports.map((r, k) => ({ id: k + 1, ...r })).filter((r) => r.communityId === c.id)),
    }))
    const states = scheduleAt(subjects, asOf, DEFAULT_SCHEDULE_RULES)
    const share = (s: string) => states.filter((x) => x.status === s).length / states.length
    expect(share('at_risk')).toBeGreaterThanOrEqual(0.03)
    expect(share('at_risk')).toBeLessThanOrEqual(0.12)
    expect(share('late')).toBeGreaterThanOrEqual(0.08)
    expect(share('done')).toBeGreaterThan(0)
  })

  it('reports weekly on Mondays from the first Monday of the plan year, never going backwards, ending at the current state', () => {
    const dates = [...new Set(ds.progressReports.map((r) => r.reportDate))].sort()
    expect(dates).toHaveLength(46) // 2026-01-05 … 2026-11-16
    expect(dates[0]).toBe('2026-01-05')
    expect(dates[dates.length - 1]).toBe(asOf)
    for (const d of dates) expect(new Date(d + 'T00:00:00Z').getUTCDay()).toBe(1)
    const byCommunity = new Map<number, typeof ds.progressReports>()
    for (const r of ds.progressReports) byCommunity.set(r.communityId, [...(byCommunity.get(r.communityId) ?? []), r])
    expect([...byCommunity.keys()].sort((a, b) => a - b)).toEqual(inPlan.map((c) => c.id))
    for (const c of inPlan) {
      const reports = byCommunity.get(c.id)!.slice().sort((a, b) => a.reportDate.localeCompare(b.reportDate))
      for (let k = 1; k < reports.length; k++) {
        const prev = stageIndex(reports[k - 1].stage) * 1000 + reports[k - 1].progressPct
        const cur = stageIndex(reports[k].stage) * 1000 + reports[k].progressPct
        expect(cur).toBeGreaterThanOrEqual(prev)
      }
      const last = reports[reports.length - 1]
      expect([last.stage, last.progressPct]).toEqual([c.stage, c.progressPct])
      expect(last.note).toMatch(/[\u4e00-\u9fff]/)
      expect(last.reportedBy).toMatch(/(街道|住建局) \S+/)
    }
  })
})
