import type { MultiPolygon, Position } from '../../core/domain/geo.js'
import { createLocalProjection, haversineM, projectX, projectY, unprojectLat, unprojectLon } from '../../core/network/geodesy.js'
import { buildChains } from '../../core/network/chains.js'
import type { WalkNetwork } from '../../core/network/types.js'

/** Test scenes are drawn in local metres around a point in Hefei and converted to lon/lat. */
export const ORIGIN: Position = [117.25, 31.85]
const scene = createLocalProjection(ORIGIN[0], ORIGIN[1])

/** Lon/lat of a point x metres east and y metres north of ORIGIN. */
export const at = (x: number, y: number): Position => [unprojectLon(scene, x), unprojectLat(scene, y)]
/** Local metres of a lon/lat point, in the scene's frame. */
export const metresOf = (p: Position): [number, number] => [projectX(scene, p[0]), projectY(scene, p[1])]

/** A polyline from (x0, y) to (x1, y) with a vertex every `stepM` metres. */
export function eastWestLine(x0: number, x1: number, y: number, stepM = 100): Position[] {
  const out: Position[] = []
  for (let x = x0; x <= x1 + 1e-9; x += stepM) out.push(at(x, y))
  return out
}

/** A rectangle in local metres as a lon/lat polygon (one outer ring, closed). */
export function rectangle(x0: number, y0: number, x1: number, y1: number): Position[][] {
  return [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]]
}

/**
 * A WalkNetwork from lon/lat polylines: vertices with identical coordinates are one node, every consecutive
 * pair is an edge, as the real builder does in 'shared-vertices' mode. Projection centred on ORIGIN.
 */
export function networkFromLines(lines: readonly Position[][]): WalkNetwork {
  const projection = createLocalProjection(ORIGIN[0], ORIGIN[1])
  const ids = new Map<string, number>()
  const lon: number[] = [], lat: number[] = []
  const from: number[] = [], to: number[] = [], len: number[] = [], road: number[] = []
  const nodeOf = (p: Position): number => {
    const key = `${p[0]},${p[1]}`
    let id = ids.get(key)
    if (id === undefined) {
      id = lon.length
      ids.set(key, id)
      lon.push(p[0])
      lat.push(p[1])
    }
    return id
  }
  lines.forEach((line, r) => {
    for (let k = 1; k < line.length; k++) {
      const a = nodeOf(line[k - 1]), b = nodeOf(line[k])
      if (a === b) continue
      from.push(a)
      to.push(b)
      len.push(haversineM(lon[a], lat[a], lon[b], lat[b]))
      road.push(r)
    }
  })
  const nodeCount = lon.length
  const degree = new Uint32Array(nodeCount + 1)
  for (let e = 0; e < from.length; e++) {
    degree[from[e] + 1]++
    degree[to[e] + 1]++
  }
  const adjOffsets = new Uint32Array(nodeCount + 1)
  for (let n = 0; n < nodeCount; n++) adjOffsets[n + 1] = adjOffsets[n] + degree[n + 1]
  const fill = adjOffsets.slice(0, nodeCount)
  const adjTarget = new Uint32Array(from.length * 2), adjEdge = new Uint32Array(from.length * 2), adjLengthM = new Float64Array(from.length * 2)
  for (let e = 0; e < from.length; e++) {
    for (const [a, b] of [[from[e], to[e]], [to[e], from[e]]]) {
      const k = fill[a]++
      adjTarget[k] = b
      adjEdge[k] = e
      adjLengthM[k] = len[e]
    }
  }
  return {
    nodeCount,
    edgeCount: from.length,
    projection,
    nodeLon: Float64Array.from(lon),
    nodeLat: Float64Array.from(lat),
    nodeX: Float64Array.from(lon, (x) => projectX(projection, x)),
    nodeY: Float64Array.from(lat, (y) => projectY(projection, y)),
    edgeFrom: Uint32Array.from(from),
    edgeTo: Uint32Array.from(to),
    edgeLengthM: Float64Array.from(len),
    edgeRoadId: Int32Array.from(road),
    adjOffsets,
    adjTarget,
    adjEdge,
    adjLengthM,
    nodeComponent: new Int32Array(nodeCount),
    componentSizes: Int32Array.of(nodeCount),
    totalLengthM: len.reduce((s, l) => s + l, 0),
    options: { noding: 'shared-vertices', snapToleranceM: 1 },
    chains: buildChains(nodeCount, adjOffsets, adjTarget, adjLengthM),
  }
}

/** The node at exactly this lon/lat (test scenes put sources on vertices). */
export function nodeAt(net: WalkNetwork, p: Position): number {
  for (let n = 0; n < net.nodeCount; n++) if (net.nodeLon[n] === p[0] && net.nodeLat[n] === p[1]) return n
  throw new Error(`no node at ${p.join(',')}`)
}

/** Metres from the source nodes to every node; a plain O(n²) Dijkstra is plenty for test scenes. */
export function distancesFrom(net: WalkNetwork, sources: readonly number[]): Float64Array {
  const dist = new Float64Array(net.nodeCount).fill(Infinity)
  const done = new Uint8Array(net.nodeCount)
  for (const s of sources) dist[s] = 0
  for (;;) {
    let u = -1
    for (let n = 0; n < net.nodeCount; n++) if (!done[n] && dist[n] < Infinity && (u < 0 || dist[n] < dist[u])) u = n
    if (u < 0) return dist
    done[u] = 1
    for (let k = net.adjOffsets[u]; k < net.adjOffsets[u + 1]; k++) {
      const v = net.adjTarget[k]
      dist[v] = Math.min(dist[v], dist[u] + net.adjLengthM[k])
    }
  }
}

/** Even-odd point-in-polygon over every ring of every polygon, so holes count as outside. */
export function insideMultiPolygon(geometry: MultiPolygon, p: Position): boolean {
  let inside = false
  for (const polygon of geometry.coordinates) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i], [xj, yj] = ring[j]
        if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
      }
    }
  }
  return inside
}

/** Area in square metres (outer rings minus holes), measured in the scene's local frame. */
export function areaM2(geometry: MultiPolygon): number {
  let area = 0
  for (const polygon of geometry.coordinates) {
    polygon.forEach((ring, r) => {
      let twice = 0
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = metresOf(ring[i]), [xj, yj] = metresOf(ring[j])
        twice += xj * yi - xi * yj
      }
      area += (r === 0 ? 1 : -1) * Math.abs(twice / 2)
    })
  }
  return area
}

/** Signed area (degrees², positive = counter-clockwise) of a lon/lat ring. */
export function signedRingArea(ring: readonly Position[]): number {
  let twice = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) twice += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1]
  return twice / 2
}
