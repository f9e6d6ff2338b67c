import { FACILITY_TYPES, type FacilityStatus, type FacilityType } from '../../core/domain/community.js'
import { bboxOf, pointInRing, type XY } from './geometry.js'
import { CITY_NAME, chineseNumber, LAKE_NAME, pickRoot, RIVER_NAME, UniqueNames } from './names.js'
import type { Rng } from './random.js'

/**
 * Service facilities: mostly existing, some planned. They sit inside communities or parks, spaced out
 * per type, and follow population. Kindergartens and elderly stations avoid a few "gap" areas, so the
 * walking-coverage analysis has real holes to find; planned ones lean into those gaps.
 */
export interface FacilityDraft {
  id: number
  name: string
  type: FacilityType
  status: FacilityStatus
  streetIndex: number
  point: XY
}

export interface FacilityAnchor {
  name: string
  neighbourhood: string
  streetIndex: number
  streetName: string
  population: number
  ring: XY[]
  centroid: XY
}

export interface ParkArea { ring: XY[]; streetIndex: number; kind: 'riverside' | 'lake' }

export interface FacilityContext {
  anchors: readonly FacilityAnchor[]
  parks: readonly ParkArea[]
  /** True when a point is in (or within a few metres of) water. */
  isWet(p: XY): boolean
  oldCentre: XY
}

interface TypePlan { count: number; spacingM: number; plannedShare: number; avoidsGaps: boolean; parkShare: number }

const PLAN: Record<FacilityType, TypePlan> = {
  kindergarten: { count: 150, spacingM: 350, plannedShare: 0.1, avoidsGaps: true, parkShare: 0 },
  nursery: { count: 40, spacingM: 500, plannedShare: 0.2, avoidsGaps: false, parkShare: 0 },
  elderly_care: { count: 130, spacingM: 350, plannedShare: 0.12, avoidsGaps: true, parkShare: 0 },
  clinic: { count: 70, spacingM: 500, plannedShare: 0.1, avoidsGaps: false, parkShare: 0 },
  meal_assistance: { count: 50, spacingM: 450, plannedShare: 0.2, avoidsGaps: false, parkShare: 0 },
  supermarket: { count: 100, spacingM: 350, plannedShare: 0.05, avoidsGaps: false, parkShare: 0 },
  express_station: { count: 130, spacingM: 300, plannedShare: 0.05, avoidsGaps: false, parkShare: 0 },
  service_center: { count: 80, spacingM: 450, plannedShare: 0.07, avoidsGaps: false, parkShare: 0 },
  fitness: { count: 70, spacingM: 400, plannedShare: 0.1, avoidsGaps: false, parkShare: 0.3 },
  parking_charging: { count: 50, spacingM: 400, plannedShare: 0.25, avoidsGaps: false, parkShare: 0 },
}

const short = (s: string, suffix: RegExp) => s.replace(suffix, '')

/** Name candidates for a facility near an anchor community, most specific first, several roots deep. */
function nameCandidates(rng: Rng, type: FacilityType, a: FacilityAnchor, serial: number): string[] {
  const roots = Array.from({ length: 5 }, () => pickRoot(rng))
  const nb = short(a.neighbourhood, /社区$/)
  const each = (f: (root: string) => string) => roots.map(f)
  switch (type) {
    case 'kindergarten':
      return [...(serial <= 12 && rng.chance(0.5) ? [`${CITY_NAME}第${chineseNumber(serial)}幼儿园`] : []), `${nb}幼儿园`, ...each((r) => `${r}幼儿园`)]
    case 'nursery':
      return [`小${rng.pick(['橙子', '树苗', '太阳', '星星', '海豚', '蜗牛'])}托育中心（${nb}）`, `${nb}托育服务点`, ...each((r) => `${r}托育园`)]
    case 'elderly_care':
      return rng.chance(0.5)
        ? [`${a.neighbourhood}养老服务站`, ...each((r) => `${r}颐养服务站`)]
        : [`${a.neighbourhood}日间照料中心`, ...each((r) => `${r}日间照料中心`)]
    case 'clinic':
      return [`${a.neighbourhood}卫生服务站`, `${short(a.streetName, /街道$/)}社区卫生服务中心`, ...each((r) => `${r}社区卫生服务站`)]
    case 'meal_assistance':
      return [`${a.neighbourhood}长者食堂`, `${a.neighbourhood}助餐点`, ...each((r) => `${r}长者食堂`)]
    case 'supermarket':
      return [...each((r) => rng.pick([`${r}便民市场`, `${r}综合超市`, `邻里生鲜超市（${r}店）`])), `${nb}农贸市场`]
    case 'express_station':
      return [`${a.name}快递驿站`, `邻里快递服务站（${nb}店）`]
    case 'service_center':
      return [`${a.neighbourhood}党群服务站`, `${a.neighbourhood}服务中心`]
    case 'fitness':
      return [`${a.name}健身广场`, ...each((r) => `${r}全民健身点`)]
    case 'parking_charging':
      return rng.chance(0.5) ? [`${a.name}停车场`, ...each((r) => `${r}公共停车场`)] : [`${nb}电动车充电站`, ...each((r) => `${r}充电站`)]
  }
}

const FACILITY_QUALIFIERS = ['（二）', '（三）', '（四）', '（五）', '（六）']

function pointInside(rng: Rng, ring: readonly XY[], ok: (p: XY) => boolean): XY | null {
  const [x0, y0, x1, y1] = bboxOf(ring)
  for (let k = 0; k < 60; k++) {
    const p: XY = [rng.uniform(x0, x1), rng.uniform(y0, y1)]
    if (pointInRing(p, ring) && ok(p)) return p
  }
  return null
}

/** Three areas away from the centre that lack kindergartens and elderly stations today. */
function chooseGapZones(rng: Rng, ctx: FacilityContext): { centre: XY; radiusM: number }[] {
  const zones: { centre: XY; radiusM: number }[] = []
  for (const a of rng.shuffle(ctx.anchors)) {
    if (zones.length === 3) break
    const fromCentre = Math.hypot(a.centroid[0] - ctx.oldCentre[0], a.centroid[1] - ctx.oldCentre[1])
    if (fromCentre < 1500) continue
    if (zones.some((z) => Math.hypot(z.centre[0] - a.centroid[0], z.centre[1] - a.centroid[1]) < 3500)) continue
    zones.push({ centre: a.centroid, radiusM: rng.uniform(1200, 1700) })
  }
  return zones
}

export function placeFacilities(rng: Rng, ctx: FacilityContext, streetNames: readonly string[]): FacilityDraft[] {
  const zones = chooseGapZones(rng, ctx)
  const inGap = (p: XY) => zones.some((z) => Math.hypot(p[0] - z.centre[0], p[1] - z.centre[1]) < z.radiusM)
  const names = new UniqueNames()
  const out: FacilityDraft[] = []
  const place = (type: FacilityType, status: FacilityStatus, spacingM: number, weightOf: (a: FacilityAnchor) => number, serial: number, inPark: boolean) => {
    const sameType = () => out.filter((f) => f.type === type).map((f) => f.point)
    const farEnough = (p: XY, d: number) => sameType().every((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) >= d)
    for (let relax = 1; relax > 0.2; relax *= 0.8) {
      for (let attempt = 0; attempt < 40; attempt++) {
        if (inPark && ctx.parks.length > 0) {
          const park = rng.pick(ctx.parks)
          const p = pointInside(rng, park.ring, (q) => !ctx.isWet(q) && farEnough(q, spacingM * relax))
          if (!p) continue
          const title = park.kind === 'lake' ? `${LAKE_NAME}公园健身广场` : `${RIVER_NAME}滨河公园健身点`
          const numbered = Array.from({ length: 40 }, (_, k) => `${title}（${chineseNumber(k + 1)}号）`)
          out.push({ id: 0, name: names.take(park.kind === 'lake' ? [title, ...numbered] : numbered), type, status, streetIndex: park.streetIndex, point: p })
          return
        }
        const a = rng.weighted(ctx.anchors, ctx.anchors.map(weightOf))
        const p = pointInside(rng, a.ring, (q) => farEnough(q, spacingM * relax))
        if (!p) continue
        out.push({ id: 0, name: names.take(nameCandidates(rng, type, a, serial), FACILITY_QUALIFIERS), type, status, streetIndex: a.streetIndex, point: p })
        return
      }
    }
  }

  // Each street office has a 党群服务中心 near the middle of its communities.
  const streetCentres = out.length
  streetNames.forEach((streetName, s) => {
    const members = ctx.anchors.filter((a) => a.streetIndex === s)
    if (members.length === 0) return
    const mid: XY = [members.reduce((t, m) => t + m.centroid[0], 0) / members.length, members.reduce((t, m) => t + m.centroid[1], 0) / members.length]
    const nearest = members.reduce((b, m) => (Math.hypot(m.centroid[0] - mid[0], m.centroid[1] - mid[1]) < Math.hypot(b.centroid[0] - mid[0], b.centroid[1] - mid[1]) ? m : b))
    const p = pointInside(rng, nearest.ring, () => true) ?? nearest.centroid
    out.push({ id: 0, name: names.take([`${streetName}党群服务中心`]), type: 'service_center', status: 'existing', streetIndex: s, point: p })
  })
  const streetCentreCount = out.length - streetCentres

  for (const type of FACILITY_TYPES) {
    const plan = PLAN[type]
    const planned = Math.round(plan.count * plan.plannedShare)
    const existing = plan.count - planned - (type === 'service_center' ? streetCentreCount : 0)
    for (let k = 0; k < existing; k++) {
      const avoid = (a: FacilityAnchor) => (plan.avoidsGaps && inGap(a.centroid) ? 0.02 : 1)
      place(type, 'existing', plan.spacingM, (a) => a.population * avoid(a), k + 1, rng.chance(plan.parkShare))
    }
    for (let k = 0; k < planned; k++) {
      const lean = (a: FacilityAnchor) => (plan.avoidsGaps && inGap(a.centroid) ? 8 : 1)
      place(type, 'planned', plan.spacingM, (a) => a.population * lean(a), existing + k + 1, false)
    }
  }
  const order = (f: FacilityDraft) => FACILITY_TYPES.indexOf(f.type) * 2 + (f.status === 'planned' ? 1 : 0)
  return out
    .map((f, k) => ({ f, k }))
    .sort((p, q) => order(p.f) - order(q.f) || p.k - q.k)
    .map(({ f }, k) => ({ ...f, id: k + 1 }))
}
