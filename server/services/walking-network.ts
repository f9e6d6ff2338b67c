import type { IsochroneBarriers } from '../../core/coverage/isochrones.js'
import type { CoverageCommunity, NamedUnit } from '../../core/coverage/summarise.js'
import type { FacilityType } from '../../core/domain/community.js'
import type { MultiPolygon, Polygon, Position } from '../../core/domain/geo.js'
import { buildWalkNetwork } from '../../core/network/build-network.js'
import { findCommunityEntrances, type EntranceSource } from '../../core/network/entrances.js'
import { buildNetworkIndex, type NetworkIndex } from '../../core/network/network-index.js'
import { SearchWorkspace } from '../../core/network/shortest-paths.js'
import type { NetworkLocation, RoadInput, WalkNetwork } from '../../core/network/types.js'
import type { AnalysisConfig } from '../config.js'
import type { Database } from '../db/types.js'

/**
 * The walking network and the places on it, loaded from the database and held in memory per API process.
 * Everything is keyed by layer_versions, which every process bumps in the transaction that changes a
 * layer, so a change made through any process is seen by the next request to every process.
 */

export interface NetworkState {
  key: string
  net: WalkNetwork
  index: NetworkIndex
  /** One workspace per network: searches are synchronous, so requests never interleave inside one. */
  ws: SearchWorkspace
  barriers: IsochroneBarriers
  buildMs: number
}

export interface CommunityPlace extends CoverageCommunity {
  /** A point inside the community (ST_PointOnSurface), for the straight-line method and labels. */
  lon: number
  lat: number
  entrances: NetworkLocation[]
  entranceSource: EntranceSource | null
}

export interface FacilityPoint {
  id: number
  name: string
  status: string
  lon: number
  lat: number
}

export interface AnalysisSnapshot {
  versions: Record<string, number>
  /** Changes whenever the network or the communities (or their gates) change. */
  placesKey: string
  network: NetworkState | null
  places: CommunityPlace[]
  districts: NamedUnit[]
  streets: (NamedUnit & { districtId: number })[]
}

const MAX_CACHE_ENTRIES = 48

/** Loads and caches; one computation per key even when requests arrive together. */
export class WalkingAnalysisStore {
  private readonly cache = new Map<string, Promise<unknown>>()

  constructor(
    readonly db: Database,
    readonly settings: AnalysisConfig,
  ) {}

  /** Cached by key; a failed computation is forgotten so the next request tries again. */
  memo<T>(key: string, compute: () => Promise<T> | T): Promise<T> {
    const hit = this.cache.get(key)
    if (hit) {
      // Refresh recency.
      this.cache.delete(key)
      this.cache.set(key, hit)
      return hit as Promise<T>
    }
    const p = Promise.resolve().then(compute)
    this.cache.set(key, p)
    p.catch(() => this.cache.delete(key))
    while (this.cache.size > MAX_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string)
    return p
  }

  async versions(): Promise<Record<string, number>> {
    const rows = await this.db.query<{ layer: string; version: number }>('SELECT layer, version FROM layer_versions')
    return Object.fromEntries(rows.map((r) => [r.layer, Number(r.version)]))
  }

  async snapshot(): Promise<AnalysisSnapshot> {
    const versions = await this.versions()
    const networkKey = `network:${versions.roads}:${versions.water}:${this.settings.noding}:${this.settings.snapToleranceM}`
    const network = await this.memo(networkKey, () => this.loadNetwork(networkKey))
    const placesKey = `places:${networkKey}:${versions.communities}:${versions.community_gates}:${this.settings.entranceToleranceM}`
    const places = await this.memo(placesKey, () => this.loadPlaces(network))
    const units = await this.memo(`units:${versions.districts}:${versions.streets}`, () => this.loadUnits())
    return { versions, placesKey, network, places, ...units }
  }

  /** Facilities of a type (existing, and planned unless excluded), by id. */
  async facilities(type: FacilityType, includePlanned: boolean, versions: Record<string, number>): Promise<FacilityPoint[]> {
    return this.memo(`facilities:${versions.facilities}:${type}:${includePlanned}`, () =>
      this.db.query<FacilityPoint>(
        `SELECT id, name, status, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM facilities
         WHERE type = $1 ${includePlanned ? '' : "AND status = 'existing'"} ORDER BY id`,
        [type],
      ),
    )
  }

  /** Candidate sites of the candidates layer usable for a type. */
  async candidateSites(type: FacilityType, versions: Record<string, number>): Promise<FacilityPoint[]> {
    return this.memo(`candidates:${versions.candidate_sites}:${type}`, () =>
      this.db.query<FacilityPoint>(
        `SELECT id, name, 'candidate' AS status, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM candidate_sites
         WHERE types IS NULL OR $1 = ANY(types) ORDER BY id`,
        [type],
      ),
    )
  }

  private async loadNetwork(key: string): Promise<NetworkState | null> {
    const started = performance.now()
    const rows = await this.db.query<{ id: number; walkable: boolean; g: string }>('SELECT id, walkable, ST_AsGeoJSON(geom, 7) AS g FROM roads ORDER BY id')
    const roads: RoadInput[] = rows.map((r) => ({ id: r.id, walkable: r.walkable, coordinates: (JSON.parse(r.g) as { coordinates: Position[] }).coordinates }))
    const net = buildWalkNetwork(roads, { noding: this.settings.noding, snapToleranceM: this.settings.snapToleranceM })
    if (net.edgeCount === 0) return null
    const water = await this.db.query<{ g: string }>('SELECT ST_AsGeoJSON(geom, 7) AS g FROM water ORDER BY id')
    const barriers: IsochroneBarriers = {
      polygons: water.flatMap((w) => polygonsOf(JSON.parse(w.g) as Polygon | MultiPolygon)),
      lines: roads.filter((r) => !r.walkable).map((r) => r.coordinates),
    }
    const index = buildNetworkIndex(net)
    return { key, net, index, ws: new SearchWorkspace(net), barriers, buildMs: performance.now() - started }
  }

  private async loadPlaces(network: NetworkState | null): Promise<CommunityPlace[]> {
    const rows = await this.db.query<{ id: number; name: string; districtId: number; streetId: number; residents: number; lon: number; lat: number; g: string }>(
      `SELECT c.id, c.name, c.district_id AS "districtId", c.street_id AS "streetId", c.population AS residents,
              ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat, ST_AsGeoJSON(c.geom, 7) AS g
       FROM communities c CROSS JOIN LATERAL (SELECT ST_PointOnSurface(c.geom) AS pt) p ORDER BY c.id`,
    )
    const gates = await this.db.query<{ communityId: number; lon: number; lat: number }>(
      'SELECT community_id AS "communityId", ST_X(geom) AS lon, ST_Y(geom) AS lat FROM community_gates ORDER BY id',
    )
    const gatesOf = new Map<number, Position[]>()
    for (const g of gates) {
      const list = gatesOf.get(g.communityId) ?? []
      list.push([g.lon, g.lat])
      gatesOf.set(g.communityId, list)
    }
    return rows.map(({ g, ...c }) => {
      if (!network) return { ...c, entrances: [], entranceSource: null }
      const rings = polygonsOf(JSON.parse(g) as Polygon | MultiPolygon).map((poly) => poly[0])
      const found = findCommunityEntrances(network.index, rings, gatesOf.get(c.id) ?? [], { toleranceM: this.settings.entranceToleranceM })
      return { ...c, entrances: found.entrances, entranceSource: found.source }
    })
  }

  private async loadUnits() {
    const districts = await this.db.query<NamedUnit>('SELECT id, name FROM districts ORDER BY id')
    const streets = await this.db.query<NamedUnit & { districtId: number }>('SELECT id, name, district_id AS "districtId" FROM streets ORDER BY id')
    return { districts, streets }
  }
}

function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates
}
