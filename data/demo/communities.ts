import { BASIC_DEFICIENCIES, DEFICIENCIES, type Deficiency, type ManagementMode, type OwnershipType } from '../../core/domain/community.js'
import type { Community } from '../../core/domain/entities.js'
import type { Block } from './blocks.js'
import { ringCentroid, signedArea, type XY } from './geometry.js'
import { communityNameCandidates, neighbourhoodNameCandidates, UniqueNames } from './names.js'
import { buildableArea, shapeCommunityRing, splitIntoParcels } from './parcels.js'
import type { Rng } from './random.js'

/**
 * Communities (小区): where they are and what they are like. Old compounds crowd the old centre and thin
 * out towards the edge; age drives the rest (plot ratio, flat size, ownership, deficiencies).
 */
export type CommunityDraft = Pick<
  Community,
  | 'id'
  | 'code'
  | 'name'
  | 'neighbourhood'
  | 'buildYear'
  | 'buildings'
  | 'households'
  | 'floorAreaM2'
  | 'population'
  | 'ownershipType'
  | 'managementMode'
  | 'hasOwnersCommittee'
  | 'illegalStructuresCleared'
  | 'deficiencies'
  | 'areaM2'
> & {
  streetIndex: number
  blockId: number
  ring: XY[]
  centroid: XY
  /** Name of a road along the community's block, for names like 幸福街小区. */
  nearRoad: string | null
}

export interface PlacementContext {
  blocks: readonly Block[]
  nodes: readonly XY[]
  /** Street index of a block (through its superblock). */
  streetOfBlock(block: Block): number
  /** A road name along the block, if any. */
  roadNearBlock(rng: Rng, block: Block): string | null
  oldCentre: XY
  /** Distance (m) at which the city counts as "edge" for density and age. */
  radiusM: number
}

/** Deficiency likelihood multipliers: a southern city rarely lacks heating; everyone lacks parking. */
const DEFICIENCY_WEIGHT: Record<Deficiency, number> = {
  water: 0.8, drainage: 1, power: 0.7, gas: 0.55, heating: 0.12, fire_safety: 0.9, security: 0.95, roads: 0.9,
  street_lights: 0.8, parking: 1.15, greening: 0.8, garbage_sorting: 1, telecom: 0.9,
}

interface Candidate { block: Block; ring: XY[]; score: number }

/** Parcels in every urban block, each with an outline and a likelihood of being an old community. */
function collectCandidates(rng: Rng, ctx: PlacementContext): Candidate[] {
  const out: Candidate[] = []
  for (const block of ctx.blocks) {
    if (block.use !== 'urban') continue
    const ring = block.ring.map((n) => ctx.nodes[n])
    const area = buildableArea(rng, ring, block.edgeClass)
    if (area.length < 3) continue
    const blockEffect = rng.normal(0, 0.25)
    // Most compounds are 2–7 ha; a few large work-unit compounds reach 12 ha.
    const maxParcelHa = rng.chance(0.85) ? rng.uniform(2.5, 7) : rng.uniform(8, 12)
    for (const parcel of splitIntoParcels(rng, area, maxParcelHa * 10_000)) {
      const shaped = shapeCommunityRing(rng, parcel)
      if (!shaped) continue
      const c = ringCentroid(shaped)
      const dn = Math.hypot(c[0] - ctx.oldCentre[0], c[1] - ctx.oldCentre[1]) / ctx.radiusM
      out.push({ block, ring: shaped, score: 1 - 0.55 * dn + blockEffect + rng.normal(0, 0.1) })
    }
  }
  return out
}

function pickOwnership(rng: Rng, year: number): OwnershipType {
  const types: OwnershipType[] = ['reform_housing', 'work_unit', 'public_housing', 'commercial']
  if (year >= 1998) return rng.weighted(types, [0.15, 0.1, 0.05, 0.7])
  return rng.weighted(types, [0.48, 0.25, 0.19, year >= 1990 ? 0.08 : 0])
}

function pickManagement(rng: Rng, ownership: OwnershipType): ManagementMode {
  const modes: ManagementMode[] = ['property_company', 'self_managed', 'none']
  const weights: Record<OwnershipType, number[]> = {
    commercial: [0.85, 0.1, 0.05],
    reform_housing: [0.4, 0.3, 0.3],
    work_unit: [0.25, 0.4, 0.35],
    public_housing: [0.2, 0.3, 0.5],
  }
  return rng.weighted(modes, weights[ownership])
}

/** Survey findings: each flag is likelier the older the community; at least two basic ones when old. */
export function surveyDeficiencies(rng: Rng, year: number): Deficiency[] {
  const base = Math.max(0.05, Math.min(0.9, (2010 - year) / 36))
  const found = DEFICIENCIES.filter((d) => rng.chance(Math.min(0.95, base * DEFICIENCY_WEIGHT[d])))
  if (year < 2000) {
    for (const d of rng.shuffle(BASIC_DEFICIENCIES)) {
      if (found.filter((f) => BASIC_DEFICIENCIES.includes(f)).length >= 2) break
      if (!found.includes(d)) found.push(d)
    }
  }
  return DEFICIENCIES.filter((d) => found.includes(d))
}

/** Physical attributes that follow from land area and age. */
function describeBuildings(rng: Rng, areaM2: number, year: number) {
  const plotRatio = year < 1985 ? rng.uniform(1.0, 1.4) : year < 2000 ? rng.uniform(1.2, 1.8) : rng.uniform(1.6, 2.2)
  const floorAreaM2 = Math.round((areaM2 * plotRatio) / 10) * 10
  const flatM2 = year < 1990 ? rng.uniform(65, 75) : year < 2000 ? rng.uniform(70, 85) : rng.uniform(80, 90)
  const households = Math.round(floorAreaM2 / flatM2)
  const storeys = year < 1990 ? rng.int(5, 6) : year < 2000 ? rng.int(6, 7) : rng.pick([6, 7, 11, 18])
  const buildings = Math.max(2, Math.min(40, Math.round(floorAreaM2 / (storeys * rng.uniform(450, 900)))))
  const population = Math.round(households * rng.uniform(2.4, 2.9))
  return { floorAreaM2, households, buildings, population }
}

/** Assigns each community of a street to the nearest of a few neighbourhood committees (社区). */
function assignNeighbourhoods(rng: Rng, drafts: CommunityDraft[], names: UniqueNames): void {
  const byStreet = new Map<number, CommunityDraft[]>()
  for (const d of drafts) byStreet.set(d.streetIndex, [...(byStreet.get(d.streetIndex) ?? []), d])
  for (const members of byStreet.values()) {
    const k = Math.max(2, Math.round(members.length / 7))
    const seeds: CommunityDraft[] = [rng.pick(members)]
    while (seeds.length < Math.min(k, members.length)) {
      let best = members[0]
      let bestD = -1
      for (const m of members) {
        const d = Math.min(...seeds.map((s) => Math.hypot(m.centroid[0] - s.centroid[0], m.centroid[1] - s.centroid[1])))
        if (d > bestD) [best, bestD] = [m, d]
      }
      seeds.push(best)
    }
    const seedNames = seeds.map((s) => names.take(neighbourhoodNameCandidates(rng, s.nearRoad)))
    for (const m of members) {
      let nearest = 0
      let nearestD = Infinity
      seeds.forEach((s, j) => {
        const d = Math.hypot(m.centroid[0] - s.centroid[0], m.centroid[1] - s.centroid[1])
        if (d < nearestD) [nearest, nearestD] = [j, d]
      })
      m.neighbourhood = seedNames[nearest]
    }
  }
}

/** Places about `count` communities and describes each; ids and codes run street by street, north to south. */
export function buildCommunities(rng: Rng, ctx: PlacementContext, count: number): CommunityDraft[] {
  const candidates = collectCandidates(rng.fork('parcels'), ctx)
  const chosen = candidates
    .map((c, k) => ({ c, k }))
    .sort((p, q) => q.c.score - p.c.score || p.k - q.k)
    .slice(0, count)
    .map((x) => x.c)
  const placed = chosen.map((c) => ({ c, street: ctx.streetOfBlock(c.block), centroid: ringCentroid(c.ring) }))
  placed.sort((p, q) => p.street - q.street || q.centroid[1] - p.centroid[1] || p.centroid[0] - q.centroid[0])

  const attrs = rng.fork('attributes')
  const blockYear = new Map<number, number>()
  const communityNames = new UniqueNames()
  const drafts: CommunityDraft[] = placed.map(({ c, street, centroid }, k) => {
    if (!blockYear.has(c.block.id)) blockYear.set(c.block.id, attrs.normal(0, 4))
    const dn = Math.hypot(centroid[0] - ctx.oldCentre[0], centroid[1] - ctx.oldCentre[1]) / ctx.radiusM
    const isNew = attrs.chance(0.05 + 0.1 * Math.min(1, dn))
    const year = isNew ? attrs.int(2000, 2012) : Math.round(1980 + 14 * Math.min(1.1, dn) + blockYear.get(c.block.id)! + attrs.normal(0, 5))
    const buildYear = Math.max(1975, Math.min(2012, year))
    const areaM2 = signedArea(c.ring)
    const ownershipType = pickOwnership(attrs, buildYear)
    const nearRoad = ctx.roadNearBlock(attrs, c.block)
    const ownersCommitteeP = 0.1 + (ownershipType === 'commercial' ? 0.35 : 0) + Math.max(0, buildYear - 1985) * 0.01
    return {
      id: k + 1,
      code: `C${String(k + 1).padStart(4, '0')}`,
      name: communityNames.take(communityNameCandidates(attrs, ownershipType, nearRoad)),
      streetIndex: street,
      blockId: c.block.id,
      ring: c.ring,
      areaM2,
      centroid,
      neighbourhood: '',
      buildYear,
      ...describeBuildings(attrs, areaM2, buildYear),
      ownershipType,
      managementMode: pickManagement(attrs, ownershipType),
      hasOwnersCommittee: attrs.chance(ownersCommitteeP),
      illegalStructuresCleared: attrs.chance(0.35),
      deficiencies: surveyDeficiencies(attrs, buildYear),
      nearRoad,
    }
  })
  assignNeighbourhoods(rng.fork('neighbourhoods'), drafts, new UniqueNames())
  return drafts
}
