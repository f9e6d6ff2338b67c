import type { CityDataset, CommunityInput, DistrictInput, StreetInput, WaterInput } from '../../core/domain/entities.js'
import type { MultiPolygon, Position } from '../../core/domain/geo.js'
import { DISTRICT_ROLES, partitionCity, type AdminPartition } from './admin.js'
import { edgeKey, planRoadsAndBlocks, type Block, type RoadPlan } from './blocks.js'
import { buildCommunities } from './communities.js'
import { placeFacilities, type ParkArea } from './facilities.js'
import { createFrame, insetRing, pointInRing, ringCentroid, signedArea, toLonLat, traceUnionBoundary, type Frame, type XY } from './geometry.js'
import { buildLattice, rectangleRing, type Lattice } from './lattice.js'
import { CITY_NAME, DISTRICT_NAMES, LAKE_NAME, reporterName, RIVER_NAME, streetNames } from './names.js'
import { buildableArea } from './parcels.js'
import { planProgramme, type ProgrammedCommunity } from './programme.js'
import { dayOf } from './schedule.js'
import { createRng, type Rng } from './random.js'
import { buildRoadNetwork } from './roads.js'
import { buildLakeRing, buildRiver, riverRing, verticalDistanceToWater, type River } from './water.js'

/**
 * The demo city 清河市: a fictional city of about 12 km × 10 km near (117.25° E, 31.85° N), with five
 * districts, about 25 streets, a road network, a river, about a thousand old communities in every stage
 * of the programme, and service facilities. Pure and deterministic for a seed.
 */
export const DEMO_SEED = 20261121
export const DEMO_GENERATOR_VERSION = 2
export const DEMO_PLAN_YEAR = 2026
export const DEMO_AS_OF = '2026-11-16'
const CENTER: [number, number] = [117.25, 31.85]
const SUPERBLOCKS: [number, number] = [12, 10]
/** Distance (m) from the old centre at which the city counts as its edge (density and age fall off). */
const CITY_RADIUS_M = 7000

const closeRing = (frame: Frame, r: readonly XY[]): Position[] => [...r, r[0]].map((p) => toLonLat(frame, p))

/** Rings of node ids to a GeoJSON MultiPolygon: counter-clockwise shells, each with the holes inside it. */
function ringsToMultiPolygon(frame: Frame, nodes: readonly XY[], rings: readonly number[][]): MultiPolygon {
  const asXY = rings.map((r) => r.map((n) => nodes[n]))
  const shells = asXY.filter((r) => signedArea(r) > 0)
  const holes = asXY.filter((r) => signedArea(r) < 0)
  return {
    type: 'MultiPolygon',
    coordinates: shells.map((shell) => [closeRing(frame, shell), ...holes.filter((h) => pointInRing(h[0], shell)).map((h) => closeRing(frame, h))]),
  }
}

const polygonOf = (frame: Frame, ring: readonly XY[]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[closeRing(frame, ring)]] })

/** Districts and streets as unions of superblocks, traced along shared lattice nodes, with statistical codes. */
function buildAdminAreas(frame: Frame, lat: Lattice, admin: AdminPartition, names: readonly string[]) {
  const superblockRing = ([I, J]: [number, number]) => rectangleRing(lat, lat.arterialU[I], lat.arterialU[I + 1], lat.arterialV[J], lat.arterialV[J + 1])
  // Fictional but well-formed codes: province 34, an unused prefecture 99, districts 02–06.
  const districtCode6 = (k: number) => `3499${String(k + 2).padStart(2, '0')}`
  const districts: DistrictInput[] = admin.districts.map((d, k) => ({
    id: k + 1,
    code: `${districtCode6(k)}000000`,
    name: DISTRICT_NAMES[d.role],
    geom: ringsToMultiPolygon(frame, lat.nodes, traceUnionBoundary(d.streets.flatMap((s) => admin.streets[s].cells.map(superblockRing)))),
  }))
  const streets: StreetInput[] = admin.streets.map((s, k) => ({
    id: k + 1,
    code: `${districtCode6(s.district)}${String(admin.districts[s.district].streets.indexOf(k) + 1).padStart(3, '0')}000`,
    name: names[k],
    districtId: s.district + 1,
    geom: ringsToMultiPolygon(frame, lat.nodes, traceUnionBoundary(s.cells.map(superblockRing))),
  }))
  return { districts, streets }
}

/** Mean position of the centre district's superblock corners: the old town that everything ages out from. */
function locateOldCentre(lat: Lattice, admin: AdminPartition): XY {
  const centre = admin.districts[DISTRICT_ROLES.indexOf('center')]
  const corners = centre.streets.flatMap((s) => admin.streets[s].cells).map(([I, J]) => lat.nodes[lat.id(lat.arterialU[I], lat.arterialV[J])])
  return [corners.reduce((t, p) => t + p[0], 0) / corners.length, corners.reduce((t, p) => t + p[1], 0) / corners.length]
}

/** A name of a road along the block, minor roads first (for names like 幸福街小区 and 幸福社区). */
function roadNameNearBlock(plan: RoadPlan, groupNames: ReadonlyMap<string, string>) {
  return (rng: Rng, b: Block): string | null => {
    const named = b.ring
      .map((n, k) => ({ cls: b.edgeClass[k], group: plan.edgeGroup.get(edgeKey(n, b.ring[(k + 1) % b.ring.length])) }))
      .filter((e) => e.group && e.cls !== 'footpath' && groupNames.has(e.group))
    const minor = named.filter((e) => e.cls !== 'arterial')
    const from = minor.length > 0 ? minor : named
    return from.length > 0 ? groupNames.get(rng.pick(from).group!)! : null
  }
}

/** The river and the lake as water rows, the park areas beside them, and a test for "too close to water". */
function buildWaterAndParks(rng: Rng, frame: Frame, lat: Lattice, river: River, blocks: readonly Block[], streetOfBlock: (b: Block) => number) {
  const ringOf = (b: Block) => b.ring.map((n) => lat.nodes[n])
  const lakeBlock = blocks.find((b) => b.use === 'lake_park')
  const lakePark = lakeBlock ? buildableArea(rng.fork('lake'), ringOf(lakeBlock), lakeBlock.edgeClass) : []
  const lakeRing = lakePark.length >= 3 ? buildLakeRing(rng.fork('lake-shape'), insetRing(lakePark, lakePark.map(() => 25)), 0.8) : null
  const water: WaterInput[] = [{ id: 1, name: RIVER_NAME, kind: 'river', geom: polygonOf(frame, riverRing(river)) }]
  if (lakeRing) water.push({ id: 2, name: LAKE_NAME, kind: 'lake', geom: polygonOf(frame, lakeRing) })

  const parks: ParkArea[] = blocks
    .filter((b) => b.use !== 'urban')
    .map((b) => ({ ring: buildableArea(rng.fork(`park-${b.id}`), ringOf(b), b.edgeClass), streetIndex: streetOfBlock(b), kind: b.use === 'lake_park' ? ('lake' as const) : ('riverside' as const) }))
    .filter((p) => p.ring.length >= 3)
  // The lake grown by about a tenth: facilities keep a few metres off its shore.
  const c = lakeRing ? ringCentroid(lakeRing) : null
  const shore = lakeRing && c ? lakeRing.map((p): XY => [c[0] + (p[0] - c[0]) * 1.12, c[1] + (p[1] - c[1]) * 1.12]) : null
  const isWet = (p: XY) => verticalDistanceToWater(river, p) < 30 || (shore !== null && pointInRing(p, shore))
  return { water, parks, isWet }
}

function toCommunityInput(frame: Frame, admin: AdminPartition, c: ProgrammedCommunity): CommunityInput {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    districtId: admin.streets[c.streetIndex].district + 1,
    streetId: c.streetIndex + 1,
    neighbourhood: c.neighbourhood,
    buildYear: c.buildYear,
    buildings: c.buildings,
    households: c.households,
    floorAreaM2: c.floorAreaM2,
    population: c.population,
    ownershipType: c.ownershipType,
    managementMode: c.managementMode,
    hasOwnersCommittee: c.hasOwnersCommittee,
    illegalStructuresCleared: c.illegalStructuresCleared,
    ownersTotal: c.ownersTotal,
    ownersConsulted: c.ownersConsulted,
    ownersAgreeing: c.ownersAgreeing,
    deficiencies: c.deficiencies,
    planYear: c.planYear,
    libraryTier: c.libraryTier,
    stage: c.stage,
    progressPct: c.progressPct,
    investmentPlannedWan: c.investmentPlannedWan,
    investmentSpentWan: c.investmentSpentWan,
    funding: c.funding,
    geom: polygonOf(frame, c.ring),
  }
}

export function generateDemoCity(opts: { seed?: number } = {}): CityDataset {
  const seed = opts.seed ?? DEMO_SEED
  const rng = createRng(seed)
  const frame = createFrame(CENTER[0], CENTER[1])

  const lat = buildLattice(rng.fork('lattice'), { widthM: 12_000, heightM: 10_000, superblocksX: SUPERBLOCKS[0], superblocksY: SUPERBLOCKS[1] })
  const admin = partitionCity(rng.fork('admin'), SUPERBLOCKS[0], SUPERBLOCKS[1], 25)
  const xs = lat.nodes.map((p) => p[0])
  const river = buildRiver(rng.fork('river'), Math.min(...xs), Math.max(...xs), RIVER_NAME)
  const { plan, blocks } = planRoadsAndBlocks(rng.fork('blocks'), lat, river)
  const { lines, groupNames } = buildRoadNetwork(rng.fork('roads'), lat, plan, river)
  const names = streetNames(rng.fork('street-names'), admin.streets.length)
  const { districts, streets } = buildAdminAreas(frame, lat, admin, names)

  const streetOfBlock = (b: Block) => admin.streetOf[b.superblock[0]][b.superblock[1]]
  const oldCentre = locateOldCentre(lat, admin)
  const drafts = buildCommunities(
    rng.fork('communities'),
    { blocks, nodes: lat.nodes, streetOfBlock, roadNearBlock: roadNameNearBlock(plan, groupNames), oldCentre, radiusM: CITY_RADIUS_M },
    rng.int(950, 1100),
  )
  const programme = planProgramme(rng.fork('programme'), drafts, {
    planYear: DEMO_PLAN_YEAR,
    asOf: DEMO_AS_OF,
    // Every Monday of the plan year up to asOf, so the battle map replays the whole year (46 weeks).
    reportWeeks: Math.floor((dayOf(DEMO_AS_OF) - dayOf(`${DEMO_PLAN_YEAR}-01-01`)) / 7) + 1,
    reporterOf: (r, c) => reporterName(r, districts[admin.streets[c.streetIndex].district].name, names[c.streetIndex]),
  })

  const { water, parks, isWet } = buildWaterAndParks(rng, frame, lat, river, blocks, streetOfBlock)
  const anchors = programme.communities.map((c) => ({
    name: c.name, neighbourhood: c.neighbourhood, streetIndex: c.streetIndex, streetName: names[c.streetIndex],
    population: c.population, ring: c.ring, centroid: c.centroid,
  }))
  const facilities = placeFacilities(rng.fork('facilities'), { anchors, parks, isWet, oldCentre }, names)

  return {
    label: { zh: `演示数据：虚构城市「${CITY_NAME}」`, en: 'Demo data: the fictional city of Qinghe' },
    isDemo: true,
    center: CENTER,
    planYear: DEMO_PLAN_YEAR,
    asOf: DEMO_AS_OF,
    districts,
    streets,
    communities: programme.communities.map((c) => toCommunityInput(frame, admin, c)),
    facilities: facilities.map((f) => ({
      id: f.id, name: f.name, type: f.type, status: f.status,
      districtId: admin.streets[f.streetIndex].district + 1,
      geom: { type: 'Point', coordinates: toLonLat(frame, f.point) },
    })),
    roads: lines.map((l, k) => ({
      id: k + 1, name: l.name, roadClass: l.roadClass, walkable: l.walkable, bridge: l.bridge,
      geom: { type: 'LineString', coordinates: l.nodes.map((n) => toLonLat(frame, lat.nodes[n])) },
    })),
    water,
    stageRecords: programme.stageRecords,
    progressReports: programme.progressReports,
  }
}
