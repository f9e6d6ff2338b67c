import { describe, expect, it } from 'vitest'
import { computeNearestFacilities } from '../../core/coverage/nearest-facility.js'
import type { Position } from '../../core/domain/geo.js'
import { buildWalkNetwork } from '../../core/network/build-network.js'
import { findCommunityEntrances } from '../../core/network/entrances.js'
import { buildNetworkIndex, findNearestNode, locateOnNetwork } from '../../core/network/network-index.js'
import { distanceToLocation, indexSourcesByEdge, pathTo, SearchWorkspace, searchFromSeeds, seedsFromLocations } from '../../core/network/shortest-paths.js'
import type { RoadInput } from '../../core/network/types.js'
import { refDijkstra, refGraph, refHaversine, rng } from '../helpers/reference-network.js'

/** Splits every segment into short pieces, as OSM ways carry many shape points between junctions. */
function densify(coords: Position[]): Position[] {
  const out: Position[] = [coords[0]]
  for (let i = 1; i < coords.length; i++) {
    for (let k = 1; k <= 4; k++) {
      const t = k / 4
      out.push([+(coords[i - 1][0] + (coords[i][0] - coords[i - 1][0]) * t).toFixed(7), +(coords[i - 1][1] + (coords[i][1] - coords[i - 1][1]) * t).toFixed(7)])
    }
  }
  return out
}

/** A jittered lattice of streets split into random polylines, with some vertices shared and some roads unwalkable. */
function generatedRoads(seed: number, n = 12): RoadInput[] {
  const rand = rng(seed)
  const lon0 = 117.2
  const lat0 = 31.8
  const vertex: Position[][] = []
  for (let i = 0; i <= n; i++) {
    vertex.push([])
    for (let j = 0; j <= n; j++) vertex[i].push([+(lon0 + i * 0.001 + (rand() - 0.5) * 0.0003).toFixed(7), +(lat0 + j * 0.0009 + (rand() - 0.5) * 0.0003).toFixed(7)])
  }
  const roads: RoadInput[] = []
  let id = 1
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j < n; j++) {
      if (rand() < 0.15) continue // missing street pieces make detours
      roads.push({ id: id++, walkable: rand() > 0.08, coordinates: [vertex[i][j], vertex[i][j + 1]] })
      if (rand() < 0.5) roads.push({ id: id++, walkable: true, coordinates: [vertex[j][i], vertex[j + 1][i]] })
    }
  }
  // Some longer multi-vertex lines, the way OSM ways run along several blocks.
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rand() * n)
    roads.push({ id: id++, walkable: true, coordinates: [vertex[i][0], vertex[i + 1][0], vertex[i + 1][1], vertex[i + 1][2]] })
  }
  return roads
}

describe('walking network engine', () => {
  it('node-to-node distances equal an independent Dijkstra on generated networks', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const roads = generatedRoads(seed)
      const net = buildWalkNetwork(roads)
      const ref = refGraph(roads)
      expect(net.nodeCount).toBe(ref.pos.filter((_, i) => ref.adj[i].size > 0).length)
      const ws = new SearchWorkspace(net)
      const rand = rng(seed * 31)
      for (let q = 0; q < 5; q++) {
        const src = Math.floor(rand() * net.nodeCount)
        searchFromSeeds(ws, { nodes: [src], costsM: [0], labels: [0] })
        const refSrc = ref.node([net.nodeLon[src], net.nodeLat[src]])!
        const expected = refDijkstra(ref.adj, new Map([[refSrc, 0]]))
        for (let n = 0; n < net.nodeCount; n++) {
          const d = expected[ref.node([net.nodeLon[n], net.nodeLat[n]])!]
          if (d === Infinity) expect(ws.distM[n]).toBe(Infinity)
          else expect(ws.distM[n]).toBeCloseTo(d, 6)
        }
      }
    }
  })

  it('a multi-source search gives every node the distance to its nearest source and that source', () => {
    const roads = generatedRoads(7)
    const net = buildWalkNetwork(roads)
    const ref = refGraph(roads)
    const sources = [0, Math.floor(net.nodeCount / 3), Math.floor((2 * net.nodeCount) / 3)]
    const ws = new SearchWorkspace(net)
    searchFromSeeds(ws, { nodes: sources, costsM: [0, 25, 50], labels: [0, 1, 2] })
    const perSource = sources.map((s, i) => refDijkstra(ref.adj, new Map([[ref.node([net.nodeLon[s], net.nodeLat[s]])!, i * 25]])))
    for (let n = 0; n < net.nodeCount; n++) {
      const r = ref.node([net.nodeLon[n], net.nodeLat[n]])!
      const best = Math.min(...perSource.map((d) => d[r]))
      if (best === Infinity) continue
      expect(ws.distM[n]).toBeCloseTo(best, 6)
      expect(perSource[ws.label[n]][r]).toBeCloseTo(best, 6)
    }
  })

  it('roads closed to pedestrians are not part of the network', () => {
    const net = buildWalkNetwork([
      { id: 1, walkable: true, coordinates: [[117, 31], [117.001, 31]] },
      { id: 2, walkable: false, coordinates: [[117.001, 31], [117.002, 31]] },
    ])
    expect(net.edgeCount).toBe(1)
    expect([...net.edgeRoadId]).toEqual([1])
  })

  it('lines that cross without a shared vertex stay apart (a bridge), unless noded at intersections', () => {
    const roads: RoadInput[] = [
      { id: 1, walkable: true, coordinates: [[117.0, 31.0], [117.002, 31.0]] },
      { id: 2, walkable: true, coordinates: [[117.001, 30.999], [117.001, 31.001]] },
    ]
    const osm = buildWalkNetwork(roads)
    expect(osm.componentSizes.length).toBe(2)
    const survey = buildWalkNetwork(roads, { noding: 'intersections', snapToleranceM: 1 })
    expect(survey.componentSizes.length).toBe(1)
    expect(survey.nodeCount).toBe(5)
    expect(survey.edgeCount).toBe(4)
    // The crossing splits both lines; their total length is unchanged.
    expect(survey.totalLengthM).toBeCloseTo(osm.totalLengthM, 3)
  })

  it('survey noding joins a T-junction that stops within the snap tolerance and merges near vertices', () => {
    const roads: RoadInput[] = [
      { id: 1, walkable: true, coordinates: [[117.0, 31.0], [117.002, 31.0]] },
      // Ends about 0.5 m short of road 1.
      { id: 2, walkable: true, coordinates: [[117.001, 31.001], [117.001, 31.0000045]] },
      // Starts about 0.4 m from road 1's end.
      { id: 3, walkable: true, coordinates: [[117.0020042, 31.0], [117.003, 31.0]] },
    ]
    expect(buildWalkNetwork(roads).componentSizes.length).toBe(3)
    const net = buildWalkNetwork(roads, { noding: 'intersections', snapToleranceM: 1 })
    expect(net.componentSizes.length).toBe(1)
  })

  it('components are numbered from the largest', () => {
    const net = buildWalkNetwork([
      { id: 1, walkable: true, coordinates: [[117.0, 31.0], [117.001, 31.0]] },
      { id: 2, walkable: true, coordinates: [[117.01, 31.0], [117.011, 31.0], [117.012, 31.0], [117.013, 31.0]] },
    ])
    expect([...net.componentSizes]).toEqual([4, 2])
    expect(net.nodeComponent[0]).toBe(1)
  })

  it('places on edges reach each other along the edge and through its ends', () => {
    // One straight street of three segments; a facility and a home on the middle segment.
    const net = buildWalkNetwork([{ id: 1, walkable: true, coordinates: [[117.0, 31.0], [117.001, 31.0], [117.002, 31.0], [117.003, 31.0]] }])
    const index = buildNetworkIndex(net)
    const fac = locateOnNetwork(index, 117.0012, 31.0001)!
    const home = locateOnNetwork(index, 117.0018, 30.9999)!
    expect(fac.edge).toBe(home.edge)
    const ws = new SearchWorkspace(net)
    searchFromSeeds(ws, seedsFromLocations(net, [fac], [0]))
    const d = distanceToLocation(ws, home, indexSourcesByEdge([fac], [0]))
    const along = refHaversine([117.0012, 31.0], [117.0018, 31.0])
    const connectors = refHaversine([117.0012, 31.0001], [117.0012, 31.0]) + refHaversine([117.0018, 30.9999], [117.0018, 31.0])
    expect(d.distM).toBeCloseTo(along + connectors, 0)
    // Without the same-edge rule the walk would go out to a node and back: longer.
    expect(distanceToLocation(ws, home).distM).toBeGreaterThan(d.distM + 30)
  })

  it('nearest facility per community matches one independent search per facility', () => {
    const roads = generatedRoads(11, 14)
    const net = buildWalkNetwork(roads)
    const index = buildNetworkIndex(net)
    const ref = refGraph(roads)
    const rand = rng(99)
    const pt = (): Position => [117.2 + rand() * 0.014, 31.8 + rand() * 0.0126]
    const facilities = Array.from({ length: 6 }, (_, i) => ({ id: 100 + i, location: locateOnNetwork(index, ...pt())! }))
    const communities = Array.from({ length: 40 }, (_, i) => ({ id: i + 1, entrances: [locateOnNetwork(index, ...pt())!, locateOnNetwork(index, ...pt())!] }))
    const result = computeNearestFacilities(new SearchWorkspace(net), facilities, communities)

    // Reference: split each located place into its own node on a copy of the reference graph, then search per facility.
    const refDist = (from: (typeof facilities)[number]['location'], to: (typeof facilities)[number]['location']) => {
      const adj = ref.adj.map((m) => new Map(m))
      const a = ref.node([net.nodeLon[net.edgeFrom[from.edge]], net.nodeLat[net.edgeFrom[from.edge]]])!
      const b = ref.node([net.nodeLon[net.edgeTo[from.edge]], net.nodeLat[net.edgeTo[from.edge]]])!
      const c = ref.node([net.nodeLon[net.edgeFrom[to.edge]], net.nodeLat[net.edgeFrom[to.edge]]])!
      const d = ref.node([net.nodeLon[net.edgeTo[to.edge]], net.nodeLat[net.edgeTo[to.edge]]])!
      const s = adj.length
      const t = adj.length + 1
      adj.push(new Map(), new Map())
      const link = (x: number, y: number, w: number) => {
        adj[x].set(y, Math.min(adj[x].get(y) ?? Infinity, w))
        adj[y].set(x, Math.min(adj[y].get(x) ?? Infinity, w))
      }
      const lenFrom = net.edgeLengthM[from.edge]
      const lenTo = net.edgeLengthM[to.edge]
      link(s, a, from.offsetM)
      link(s, b, lenFrom - from.offsetM)
      link(t, c, to.offsetM)
      link(t, d, lenTo - to.offsetM)
      if (from.edge === to.edge) link(s, t, Math.abs(from.offsetM - to.offsetM))
      return refDijkstra(adj, new Map([[s, from.connectorM]]))[t] + to.connectorM
    }
    let compared = 0
    for (const [i, c] of communities.entries()) {
      const best = Math.min(...facilities.flatMap((f) => c.entrances.map((e) => refDist(f.location, e))))
      const row = result.rows[i]
      if (best === Infinity) {
        expect(row.facilityId).toBeNull()
        continue
      }
      compared++
      expect(row.distM).toBeCloseTo(best, 4)
      const viaChosen = Math.min(...c.entrances.map((e) => refDist(facilities.find((f) => f.id === row.facilityId)!.location, e)))
      expect(viaChosen).toBeCloseTo(best, 4)
    }
    expect(compared).toBeGreaterThan(30)
  })

  it('adding a facility never lengthens anyone\'s walk, and a longer limit never serves fewer', () => {
    for (const seed of [31, 32, 33, 34]) {
      const net = buildWalkNetwork(generatedRoads(seed, 12))
      const index = buildNetworkIndex(net)
      const rand = rng(seed)
      const pt = (): Position => [117.2 + rand() * 0.012, 31.8 + rand() * 0.0108]
      const communities = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, entrances: [locateOnNetwork(index, ...pt())!] }))
      const facilities = Array.from({ length: 3 }, (_, i) => ({ id: i + 1, location: locateOnNetwork(index, ...pt())! }))
      const ws = new SearchWorkspace(net)
      const before = computeNearestFacilities(ws, facilities, communities).rows
      const after = computeNearestFacilities(ws, [...facilities, { id: 99, location: locateOnNetwork(index, ...pt())! }], communities).rows
      after.forEach((r, i) => expect(r.distM).toBeLessThanOrEqual(before[i].distM))
      const served = (limitM: number) => new Set(before.filter((r) => r.distM <= limitM).map((r) => r.communityId))
      for (const [a, b] of [[300, 600], [600, 900]]) for (const id of served(a)) expect(served(b).has(id)).toBe(true)
    }
  })

  it('the path of a search has the length of the distance it reports', () => {
    const roads = generatedRoads(3)
    const net = buildWalkNetwork(roads)
    const ws = new SearchWorkspace(net)
    searchFromSeeds(ws, { nodes: [0], costsM: [0], labels: [0] }, { withPaths: true })
    const target = ws.distM.findLastIndex((d) => Number.isFinite(d))
    const path = pathTo(ws, target)
    let len = 0
    for (let i = 1; i < path.length; i++) len += refHaversine([net.nodeLon[path[i - 1]], net.nodeLat[path[i - 1]]], [net.nodeLon[path[i]], net.nodeLat[path[i]]])
    expect(path[0]).toBe(0)
    expect(len).toBeCloseTo(ws.distM[target], 4)
  })

  it('the junction search gives exactly the distances and labels of a search over every vertex', () => {
    for (const seed of [21, 22, 23]) {
      const net = buildWalkNetwork(generatedRoads(seed, 10).map((r) => ({ ...r, coordinates: densify(r.coordinates) })))
      expect(net.chains.chainCount).toBeLessThan(net.edgeCount)
      const rand = rng(seed)
      const k = 4
      const seeds = { nodes: Array.from({ length: k }, () => Math.floor(rand() * net.nodeCount)), costsM: Array.from({ length: k }, () => rand() * 50), labels: [0, 1, 2, 3] }
      for (const maxDistM of [Infinity, 250]) {
        const a = searchFromSeeds(new SearchWorkspace(net), seeds, { maxDistM })
        const b = searchFromSeeds(new SearchWorkspace(net), seeds, { maxDistM, withPaths: true })
        for (let n = 0; n < net.nodeCount; n++) {
          if (b.distM[n] === Infinity) expect(a.distM[n]).toBe(Infinity)
          else expect(a.distM[n]).toBeCloseTo(b.distM[n], 9)
        }
        expect(new Set(a.reachedNodes())).toEqual(new Set(b.reachedNodes()))
      }
    }
  })

  it('bounded searches stop at their limit and leave the workspace clean for the next search', () => {
    const net = buildWalkNetwork(generatedRoads(5))
    const ws = new SearchWorkspace(net)
    searchFromSeeds(ws, { nodes: [0], costsM: [0], labels: [0] }, { maxDistM: 300 })
    const reached = [...ws.distM].filter(Number.isFinite)
    expect(reached.length).toBeGreaterThan(1)
    expect(Math.max(...reached)).toBeLessThanOrEqual(300)
    const full = Float64Array.from(searchFromSeeds(ws, { nodes: [0], costsM: [0], labels: [0] }).distM)
    const again = searchFromSeeds(new SearchWorkspace(net), { nodes: [0], costsM: [0], labels: [0] }).distM
    expect([...full]).toEqual([...again])
  })

  it('the nearest node is the closest vertex to the point', () => {
    const net = buildWalkNetwork(generatedRoads(9))
    const index = buildNetworkIndex(net)
    const rand = rng(4)
    for (let q = 0; q < 50; q++) {
      const p: Position = [117.19 + rand() * 0.02, 31.79 + rand() * 0.02]
      const got = findNearestNode(index, p[0], p[1])!
      let best = Infinity
      for (let n = 0; n < net.nodeCount; n++) best = Math.min(best, refHaversine(p, [net.nodeLon[n], net.nodeLat[n]]))
      expect(got.distM).toBeCloseTo(best, 3)
    }
  })
})

describe('community entrances', () => {
  // A 100 m square compound around (117.0005, 31.00045).
  const square: Position[] = [
    [117.0, 31.0],
    [117.00105, 31.0],
    [117.00105, 31.0009],
    [117.0, 31.0009],
    [117.0, 31.0],
  ]

  it('a road crossing the boundary is an entrance where it crosses', () => {
    const net = buildWalkNetwork([{ id: 1, walkable: true, coordinates: [[117.0005, 30.999], [117.0005, 31.0003]] }])
    const found = findCommunityEntrances(buildNetworkIndex(net), [square])
    expect(found.source).toBe('boundary')
    expect(found.entrances[0].connectorM).toBeCloseTo(0, 6)
    expect(found.entrances[0].lat).toBeCloseTo(31.0, 6)
  })

  it('a road running a few metres outside the wall counts; one far away is reached by the nearest point', () => {
    const near = buildWalkNetwork([{ id: 1, walkable: true, coordinates: [[116.999, 30.99992], [117.002, 30.99992]] }]) // ~9 m south
    const a = findCommunityEntrances(buildNetworkIndex(near), [square])
    expect(a.source).toBe('boundary')
    expect(a.entrances.length).toBeGreaterThan(1)
    for (const e of a.entrances) expect(e.connectorM).toBeLessThan(10)

    const far = buildWalkNetwork([{ id: 1, walkable: true, coordinates: [[116.999, 30.9995], [117.002, 30.9995]] }]) // ~55 m south
    const b = findCommunityEntrances(buildNetworkIndex(far), [square])
    expect(b.source).toBe('nearest')
    expect(b.entrances).toHaveLength(1)
    expect(b.entrances[0].connectorM).toBeCloseTo(refHaversine([117.0, 31.0], [117.0, 30.9995]), 0)
  })

  it('gates win over the boundary when a gates layer has them', () => {
    const net = buildWalkNetwork([{ id: 1, walkable: true, coordinates: [[116.999, 30.99992], [117.002, 30.99992]] }])
    const found = findCommunityEntrances(buildNetworkIndex(net), [square], [[117.001, 31.0]])
    expect(found.source).toBe('gates')
    expect(found.entrances).toHaveLength(1)
    expect(found.entrances[0].lon).toBeCloseTo(117.001, 6)
  })
})
