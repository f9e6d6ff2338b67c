import { describe, expect, it } from 'vitest'
import { computeIsochroneBands } from '../../core/coverage/isochrones.js'
import { computeNearestFacilities } from '../../core/coverage/nearest-facility.js'
import type { MultiPolygon, Position } from '../../core/domain/geo.js'
import { buildWalkNetwork } from '../../core/network/build-network.js'
import { findCommunityEntrances } from '../../core/network/entrances.js'
import { buildNetworkIndex, locateOnNetwork } from '../../core/network/network-index.js'
import { isOsmWayWalkable } from '../../core/network/osm-walkability.js'
import { SearchWorkspace, searchFromSeeds, seedsFromLocations } from '../../core/network/shortest-paths.js'
import { loadRealExtract } from '../helpers/realdata.js'
import { refDijkstra, refGraph, refHaversine } from '../helpers/reference-network.js'

// 上海 陆家嘴 / 潍坊新村 (OSM, mid-2019): Pudong east of the Huangpu, a strip of Puxi (the Bund) west of it.
const extract = loadRealExtract('shanghai_lujiazui')
const net = buildWalkNetwork(extract.roads)
const index = buildNetworkIndex(net)

function inRing(p: Position, ring: Position[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}
const inMultiPolygon = (p: Position, mp: MultiPolygon) => mp.coordinates.some((poly) => inRing(p, poly[0]) && !poly.slice(1).some((h) => inRing(p, h)))

describe('the Lujiazui extract (real OpenStreetMap data)', () => {
  it('builds one main walking network on each bank: the river tunnels are closed to pedestrians', () => {
    expect(extract.roads.length).toBeGreaterThan(1000)
    expect(isOsmWayWalkable({ highway: 'secondary', name: '人民路隧道' })).toBe(false)
    expect(isOsmWayWalkable({ highway: 'secondary', name: '东昌路' })).toBe(true)
    // The two largest components are the two banks; together they hold nearly all of the network.
    const [pudong, puxi] = net.componentSizes
    expect((pudong + puxi) / net.nodeCount).toBeGreaterThan(0.85)
    const lon = (c: number) => [...net.nodeLon].filter((_, i) => net.nodeComponent[i] === c)
    expect(Math.min(...lon(0))).toBeGreaterThan(121.49) // Pudong
    expect(Math.min(...lon(1))).toBeLessThan(121.485) // Puxi
  })

  it('every community finds its entrances and its walk to the kindergarten matches an independent search', () => {
    const kindergarten = extract.facilities.find((f) => f.category === 'kindergarten')!
    const communities = extract.communities.map((c) => ({ id: c.id, entrances: findCommunityEntrances(index, c.rings).entrances }))
    expect(communities.every((c) => c.entrances.length > 0)).toBe(true)
    const loc = locateOnNetwork(index, kindergarten.lon, kindergarten.lat)!
    const result = computeNearestFacilities(new SearchWorkspace(net), [{ id: kindergarten.id, location: loc }], communities)

    // Reference: node distances from both ends of the kindergarten's edge on an independently built graph.
    const ref = refGraph(extract.roads)
    const refNode = (n: number) => ref.node([net.nodeLon[n], net.nodeLat[n]])!
    const a = net.edgeFrom[loc.edge]
    const b = net.edgeTo[loc.edge]
    const seeds = new Map<number, number>([
      [refNode(a), loc.connectorM + loc.offsetM],
      [refNode(b), loc.connectorM + net.edgeLengthM[loc.edge] - loc.offsetM],
    ])
    const d = refDijkstra(ref.adj, seeds)
    let reachable = 0
    for (const [i, c] of communities.entries()) {
      const expected = Math.min(
        ...c.entrances.map((e) => {
          const ea = net.edgeFrom[e.edge]
          const eb = net.edgeTo[e.edge]
          const direct = e.edge === loc.edge ? loc.connectorM + Math.abs(loc.offsetM - e.offsetM) : Infinity
          return Math.min(d[refNode(ea)] + e.offsetM, d[refNode(eb)] + net.edgeLengthM[e.edge] - e.offsetM, direct) + e.connectorM
        }),
      )
      if (expected === Infinity) expect(result.rows[i].distM).toBe(Infinity)
      else {
        reachable++
        expect(result.rows[i].distM).toBeCloseTo(expected, 6)
      }
    }
    expect(reachable).toBeGreaterThanOrEqual(15)
    // 5 ⊆ 10 ⊆ 15 minutes at 1 m/s.
    const within = (min: number) => new Set(result.rows.filter((r) => r.distM <= min * 60).map((r) => r.communityId))
    for (const id of within(5)) expect(within(10).has(id)).toBe(true)
    for (const id of within(10)) expect(within(15).has(id)).toBe(true)
  })

  it('a riverside shop’s 15-minute isochrone stays on the Pudong bank although the Bund is closer than 900 m', () => {
    const shop = extract.facilities.find((f) => f.name === '7-Eleven' && f.lon > 121.49)!
    const loc = locateOnNetwork(index, shop.lon, shop.lat)!
    const ws = new SearchWorkspace(net)
    searchFromSeeds(ws, seedsFromLocations(net, [loc], [0]))
    const bands = computeIsochroneBands(net, ws.distM.slice(), { walkSpeedMps: 1, bandsMinutes: [5, 10, 15] })
    const puxiNear: Position[] = []
    for (let n = 0; n < net.nodeCount; n++) {
      const p: Position = [net.nodeLon[n], net.nodeLat[n]]
      if (net.nodeComponent[n] === 1 && refHaversine(p, [shop.lon, shop.lat]) < 900) puxiNear.push(p)
    }
    // A straight-line buffer would cover these Bund streets; the walking isochrone must not.
    expect(puxiNear.length).toBeGreaterThan(20)
    const fifteen = bands.features.find((f) => f.properties.minutes === 15)!.geometry
    expect(puxiNear.filter((p) => inMultiPolygon(p, fifteen))).toEqual([])
    // And it does reach the shop's own streets.
    const reachedNodes = [...ws.distM].map((dist, n) => ({ dist, n })).filter((x) => x.dist < 600)
    const inside = reachedNodes.filter((x) => inMultiPolygon([net.nodeLon[x.n], net.nodeLat[x.n]], fifteen))
    expect(inside.length / reachedNodes.length).toBeGreaterThan(0.95)
  })
})
