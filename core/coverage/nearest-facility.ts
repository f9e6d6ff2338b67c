import { haversineM } from '../network/geodesy.js'
import { distanceToLocation, indexSourcesByEdge, searchFromSeeds, seedsFromLocations, type SearchWorkspace } from '../network/shortest-paths.js'
import type { NetworkLocation } from '../network/types.js'

/** A facility placed on the network. */
export interface FacilityOnNetwork {
  id: number
  location: NetworkLocation
}

/** A community and where it joins the network. */
export interface CommunityOnNetwork {
  id: number
  entrances: readonly NetworkLocation[]
}

/** The nearest facility of one type for one community; distance Infinity and facility null when none is reachable. */
export interface NearestFacility {
  communityId: number
  facilityId: number | null
  distM: number
}

export interface NearestFacilitiesResult {
  rows: NearestFacility[]
  /** Metres from the nearest facility to every node (for isochrones); a copy the caller owns. */
  nodeDistM: Float64Array
}

/**
 * Nearest facility (metres along the walking network) for every community, with one multi-source search
 * for all facilities of the type, not one search per community or per facility. A community's distance is
 * the best over its entrances, connector walks included.
 */
export function computeNearestFacilities(
  ws: SearchWorkspace,
  facilities: readonly FacilityOnNetwork[],
  communities: readonly CommunityOnNetwork[],
): NearestFacilitiesResult {
  const labels = facilities.map((_, i) => i)
  const locations = facilities.map((f) => f.location)
  searchFromSeeds(ws, seedsFromLocations(ws.net, locations, labels))
  const sameEdge = indexSourcesByEdge(locations, labels)
  const rows = communities.map((c) => {
    let best = Infinity
    let bestLabel = -1
    for (const entrance of c.entrances) {
      const r = distanceToLocation(ws, entrance, sameEdge)
      if (r.distM < best || (r.distM === best && r.label >= 0 && r.label < bestLabel)) {
        best = r.distM
        bestLabel = r.label
      }
    }
    return { communityId: c.id, facilityId: bestLabel >= 0 ? facilities[bestLabel].id : null, distM: best }
  })
  return { rows, nodeDistM: ws.distM.slice() }
}

export interface PointPlace {
  id: number
  lon: number
  lat: number
}

/**
 * The no-network fallback: straight-line metres × detour factor from each community's representative
 * point to the nearest facility.
 */
export function computeStraightLineNearest(facilities: readonly PointPlace[], communities: readonly PointPlace[], detourFactor: number): NearestFacility[] {
  return communities.map((c) => {
    let best = Infinity
    let bestId: number | null = null
    for (const f of facilities) {
      const d = haversineM(c.lon, c.lat, f.lon, f.lat) * detourFactor
      if (d < best || (d === best && bestId !== null && f.id < bestId)) {
        best = d
        bestId = f.id
      }
    }
    return { communityId: c.id, facilityId: bestId, distM: best }
  })
}
