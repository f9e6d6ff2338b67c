import type { Position } from '../domain/geo.js'
import { buildChains } from './chains.js'
import { buildSymmetricCsr } from './csr.js'
import { createLocalProjection, haversineM, projectX, projectY, unprojectLat, unprojectLon } from './geodesy.js'
import type { NetworkBuildOptions, RoadInput, WalkNetwork } from './types.js'

export const DEFAULT_BUILD_OPTIONS: NetworkBuildOptions = { noding: 'shared-vertices', snapToleranceM: 1 }

/** Coordinates equal to 1e-7° (about 1 cm) are the same vertex: what OSM and our database store. */
const vertexKey = (p: Position) => `${Math.round(p[0] * 1e7)},${Math.round(p[1] * 1e7)}`

interface Draft {
  lon: number[]
  lat: number[]
  segA: number[]
  segB: number[]
  segRoad: number[]
}

/**
 * Builds the walking network from road lines: walkable roads only, one edge per straight segment, nodes
 * where lines share a vertex ('shared-vertices') or also where they cross ('intersections', with vertices
 * within the snap tolerance merged). Lengths are haversine metres. Duplicate segments keep the shortest.
 */
export function buildWalkNetwork(roads: readonly RoadInput[], options: Partial<NetworkBuildOptions> = {}): WalkNetwork {
  const opts: NetworkBuildOptions = { ...DEFAULT_BUILD_OPTIONS, ...options }
  if (!(opts.snapToleranceM >= 0) || !Number.isFinite(opts.snapToleranceM)) throw new RangeError(`snapToleranceM must be a finite number ≥ 0, got ${opts.snapToleranceM}`)
  const walkable = roads.filter((r) => r.walkable && r.coordinates.length >= 2 && r.coordinates.every(isFinitePosition))
  const projection = projectionFor(walkable)
  const draft = opts.noding === 'intersections' ? nodeAtIntersections(walkable, projection, opts.snapToleranceM) : nodeAtSharedVertices(walkable)
  return assemble(draft, projection, opts)
}

const isFinitePosition = (p: Position) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1])

function projectionFor(roads: readonly RoadInput[]) {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const r of roads) {
    for (const [x, y] of r.coordinates) {
      if (x < w) w = x
      if (x > e) e = x
      if (y < s) s = y
      if (y > n) n = y
    }
  }
  return Number.isFinite(w) ? createLocalProjection((w + e) / 2, (s + n) / 2) : createLocalProjection(0, 0)
}

function nodeAtSharedVertices(roads: readonly RoadInput[]): Draft {
  const d: Draft = { lon: [], lat: [], segA: [], segB: [], segRoad: [] }
  const ids = new Map<string, number>()
  const nodeOf = (p: Position) => {
    const key = vertexKey(p)
    let id = ids.get(key)
    if (id === undefined) {
      id = d.lon.length
      ids.set(key, id)
      d.lon.push(p[0])
      d.lat.push(p[1])
    }
    return id
  }
  for (const r of roads) {
    let prev = nodeOf(r.coordinates[0])
    for (let i = 1; i < r.coordinates.length; i++) {
      const cur = nodeOf(r.coordinates[i])
      if (cur !== prev) {
        d.segA.push(prev)
        d.segB.push(cur)
        d.segRoad.push(r.id)
      }
      prev = cur
    }
  }
  return d
}

/** Merges vertices closer than the tolerance (first come, first kept) with a hash grid of tolerance-sized cells. */
class VertexSnapper {
  private readonly cells = new Map<string, number[]>()
  readonly x: number[] = []
  readonly y: number[] = []
  constructor(private readonly tol: number) {}
  private cellKey(cx: number, cy: number) {
    return `${cx},${cy}`
  }
  nodeAt(x: number, y: number): number {
    const size = Math.max(this.tol, 1e-6)
    const cx = Math.floor(x / size)
    const cy = Math.floor(y / size)
    let best = -1
    let bestD = Infinity
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const id of this.cells.get(this.cellKey(cx + dx, cy + dy)) ?? []) {
          const dist = Math.hypot(this.x[id] - x, this.y[id] - y)
          if (dist <= this.tol && (dist < bestD || (dist === bestD && id < best))) {
            best = id
            bestD = dist
          }
        }
      }
    }
    if (best >= 0) return best
    const id = this.x.length
    this.x.push(x)
    this.y.push(y)
    const key = this.cellKey(cx, cy)
    const list = this.cells.get(key)
    if (list) list.push(id)
    else this.cells.set(key, [id])
    return id
  }
}

/** Survey-style data: snap vertices, then split every pair of segments where they cross or touch. */
function nodeAtIntersections(roads: readonly RoadInput[], projection: ReturnType<typeof createLocalProjection>, tol: number): Draft {
  const snap = new VertexSnapper(tol)
  const segA: number[] = []
  const segB: number[] = []
  const segRoad: number[] = []
  for (const r of roads) {
    let prev = snap.nodeAt(projectX(projection, r.coordinates[0][0]), projectY(projection, r.coordinates[0][1]))
    for (let i = 1; i < r.coordinates.length; i++) {
      const cur = snap.nodeAt(projectX(projection, r.coordinates[i][0]), projectY(projection, r.coordinates[i][1]))
      if (cur !== prev) {
        segA.push(prev)
        segB.push(cur)
        segRoad.push(r.id)
      }
      prev = cur
    }
  }
  // Where each segment must be cut: (parameter along it, node there).
  const cuts: { t: number; node: number }[][] = segA.map(() => [])
  const cell = Math.max(50, tol * 4)
  const grid = new Map<string, number[]>()
  for (let s = 0; s < segA.length; s++) {
    const [x0, y0, x1, y1] = [snap.x[segA[s]], snap.y[segA[s]], snap.x[segB[s]], snap.y[segB[s]]]
    for (let cx = Math.floor((Math.min(x0, x1) - tol) / cell); cx <= Math.floor((Math.max(x0, x1) + tol) / cell); cx++) {
      for (let cy = Math.floor((Math.min(y0, y1) - tol) / cell); cy <= Math.floor((Math.max(y0, y1) + tol) / cell); cy++) {
        const key = `${cx},${cy}`
        const list = grid.get(key)
        if (list) list.push(s)
        else grid.set(key, [s])
      }
    }
  }
  const seen = new Set<number>()
  const n = segA.length
  for (const list of grid.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = Math.min(list[i], list[j])
        const b = Math.max(list[i], list[j])
        const pair = a * n + b
        if (seen.has(pair)) continue
        seen.add(pair)
        splitPair(a, b)
      }
    }
  }
  function splitPair(a: number, b: number) {
    const [p0, p1, q0, q1] = [segA[a], segB[a], segA[b], segB[b]].map((id) => [snap.x[id], snap.y[id]] as const)
    // A proper crossing.
    const rx = p1[0] - p0[0]
    const ry = p1[1] - p0[1]
    const sx = q1[0] - q0[0]
    const sy = q1[1] - q0[1]
    const denom = rx * sy - ry * sx
    if (Math.abs(denom) > 1e-12) {
      const t = ((q0[0] - p0[0]) * sy - (q0[1] - p0[1]) * sx) / denom
      const u = ((q0[0] - p0[0]) * ry - (q0[1] - p0[1]) * rx) / denom
      if (t > 0 && t < 1 && u > 0 && u < 1) {
        // The crossing may snap onto an existing end; the split loop below drops zero-length pieces.
        const node = snap.nodeAt(p0[0] + t * rx, p0[1] + t * ry)
        cuts[a].push({ t, node })
        cuts[b].push({ t: u, node })
        return
      }
    }
    // A T-junction: an end of one segment within the tolerance of the other's interior.
    touch(a, q0, segA[b])
    touch(a, q1, segB[b])
    touch(b, p0, segA[a])
    touch(b, p1, segB[a])
  }
  function touch(s: number, p: readonly [number, number], node: number) {
    if (node === segA[s] || node === segB[s]) return
    const ax = snap.x[segA[s]]
    const ay = snap.y[segA[s]]
    const dx = snap.x[segB[s]] - ax
    const dy = snap.y[segB[s]] - ay
    const len2 = dx * dx + dy * dy
    if (len2 === 0) return
    const t = ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2
    if (t <= 0 || t >= 1) return
    if (Math.hypot(ax + t * dx - p[0], ay + t * dy - p[1]) <= tol) cuts[s].push({ t, node })
  }
  const d: Draft = { lon: snap.x.map((x) => unprojectLon(projection, x)), lat: snap.y.map((y) => unprojectLat(projection, y)), segA: [], segB: [], segRoad: [] }
  for (let s = 0; s < n; s++) {
    const stops = cuts[s].sort((p, q) => p.t - q.t || p.node - q.node)
    let prev = segA[s]
    for (const c of [...stops, { t: 1, node: segB[s] }]) {
      if (c.node !== prev) {
        d.segA.push(prev)
        d.segB.push(c.node)
        d.segRoad.push(segRoad[s])
      }
      prev = c.node
    }
  }
  return d
}

function assemble(d: Draft, projection: ReturnType<typeof createLocalProjection>, options: NetworkBuildOptions): WalkNetwork {
  const nodeCount = d.lon.length
  // Deduplicate undirected segments (keeping the first), sorted so the edge order is deterministic.
  const order = d.segA.map((_, i) => i)
  const key = (i: number) => Math.min(d.segA[i], d.segB[i]) * nodeCount + Math.max(d.segA[i], d.segB[i])
  const keys = new Float64Array(order.length)
  for (let i = 0; i < order.length; i++) keys[i] = key(i)
  order.sort((p, q) => keys[p] - keys[q] || p - q)
  const kept: number[] = []
  for (let i = 0; i < order.length; i++) if (i === 0 || keys[order[i]] !== keys[order[i - 1]]) kept.push(order[i])
  kept.sort((p, q) => p - q)

  const edgeCount = kept.length
  const edgeFrom = new Uint32Array(edgeCount)
  const edgeTo = new Uint32Array(edgeCount)
  const edgeLengthM = new Float64Array(edgeCount)
  const edgeRoadId = new Int32Array(edgeCount)
  let totalLengthM = 0
  for (let e = 0; e < edgeCount; e++) {
    const s = kept[e]
    edgeFrom[e] = d.segA[s]
    edgeTo[e] = d.segB[s]
    edgeRoadId[e] = d.segRoad[s]
    edgeLengthM[e] = haversineM(d.lon[d.segA[s]], d.lat[d.segA[s]], d.lon[d.segB[s]], d.lat[d.segB[s]])
    totalLengthM += edgeLengthM[e]
  }

  const nodeLon = Float64Array.from(d.lon)
  const nodeLat = Float64Array.from(d.lat)
  const nodeX = new Float64Array(nodeCount)
  const nodeY = new Float64Array(nodeCount)
  for (let i = 0; i < nodeCount; i++) {
    nodeX[i] = projectX(projection, nodeLon[i])
    nodeY[i] = projectY(projection, nodeLat[i])
  }

  const { offsets: adjOffsets, target: adjTarget, link: adjEdge, lengthM: adjLengthM } = buildSymmetricCsr(nodeCount, edgeFrom, edgeTo, edgeLengthM)

  const { nodeComponent, componentSizes } = labelComponents(nodeCount, adjOffsets, adjTarget)
  return {
    nodeCount,
    edgeCount,
    projection,
    nodeLon,
    nodeLat,
    nodeX,
    nodeY,
    edgeFrom,
    edgeTo,
    edgeLengthM,
    edgeRoadId,
    adjOffsets,
    adjTarget,
    adjEdge,
    adjLengthM,
    nodeComponent,
    componentSizes,
    totalLengthM,
    options,
    chains: buildChains(nodeCount, adjOffsets, adjTarget, adjLengthM),
  }
}

/** Connected components, renumbered so 0 is the largest (ties: the one holding the lowest node id). */
function labelComponents(nodeCount: number, offsets: Uint32Array, targets: Uint32Array) {
  const raw = new Int32Array(nodeCount).fill(-1)
  const sizes: number[] = []
  const stack = new Uint32Array(nodeCount)
  for (let start = 0; start < nodeCount; start++) {
    if (raw[start] >= 0) continue
    const c = sizes.length
    let top = 0
    let size = 0
    stack[top++] = start
    raw[start] = c
    while (top > 0) {
      const n = stack[--top]
      size++
      for (let k = offsets[n]; k < offsets[n + 1]; k++) {
        const m = targets[k]
        if (raw[m] < 0) {
          raw[m] = c
          stack[top++] = m
        }
      }
    }
    sizes.push(size)
  }
  const rank = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b)
  const renumber = new Int32Array(sizes.length)
  rank.forEach((old, i) => (renumber[old] = i))
  const nodeComponent = new Int32Array(nodeCount)
  for (let i = 0; i < nodeCount; i++) nodeComponent[i] = renumber[raw[i]]
  return { nodeComponent, componentSizes: Int32Array.from(rank.map((old) => sizes[old])) }
}
