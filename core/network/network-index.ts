import type { Position } from '../domain/geo.js'
import { haversineM, projectX, projectY, unprojectLat, unprojectLon } from './geodesy.js'
import type { NetworkLocation, WalkNetwork } from './types.js'

/**
 * A uniform grid over the network's edges and nodes (local metres) for nearest-point queries. Built once
 * per network; cells hold edge and node ids in CSR arrays.
 */
export interface NetworkIndex {
  readonly net: WalkNetwork
  readonly cellM: number
  readonly originX: number
  readonly originY: number
  readonly cols: number
  readonly rows: number
  readonly edgeCellOffsets: Uint32Array
  readonly edgeCellItems: Uint32Array
  readonly nodeCellOffsets: Uint32Array
  readonly nodeCellItems: Uint32Array
  /** Components at least this large count as "the network" when a place is snapped by fallback. */
  readonly majorComponentMinNodes: number
}

/** Builds the grid; the cell size follows the mean edge density (clamped to 25–400 m). */
export function buildNetworkIndex(net: WalkNetwork): NetworkIndex {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let i = 0; i < net.nodeCount; i++) {
    minX = Math.min(minX, net.nodeX[i])
    maxX = Math.max(maxX, net.nodeX[i])
    minY = Math.min(minY, net.nodeY[i])
    maxY = Math.max(maxY, net.nodeY[i])
  }
  if (!Number.isFinite(minX)) [minX, minY, maxX, maxY] = [0, 0, 0, 0]
  const area = Math.max(1, (maxX - minX) * (maxY - minY))
  let cellM = Math.min(400, Math.max(25, Math.sqrt(area / Math.max(1, net.edgeCount)) * 2))
  // Keep the grid within a few million cells whatever the extent.
  while (((maxX - minX) / cellM + 1) * ((maxY - minY) / cellM + 1) > 4_000_000) cellM *= 2
  const cols = Math.floor((maxX - minX) / cellM) + 1
  const rows = Math.floor((maxY - minY) / cellM) + 1
  const cellOf = (v: number, origin: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor((v - origin) / cellM)))

  // Edges: every cell their bounding box covers (segments are short, so this is nearly exact).
  const edgeCounts = new Uint32Array(cols * rows + 1)
  const visitEdgeCells = (e: number, fn: (cell: number) => void) => {
    const a = net.edgeFrom[e]
    const b = net.edgeTo[e]
    const c0 = cellOf(Math.min(net.nodeX[a], net.nodeX[b]), minX, cols)
    const c1 = cellOf(Math.max(net.nodeX[a], net.nodeX[b]), minX, cols)
    const r0 = cellOf(Math.min(net.nodeY[a], net.nodeY[b]), minY, rows)
    const r1 = cellOf(Math.max(net.nodeY[a], net.nodeY[b]), minY, rows)
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) fn(r * cols + c)
  }
  for (let e = 0; e < net.edgeCount; e++) visitEdgeCells(e, (cell) => edgeCounts[cell + 1]++)
  for (let i = 0; i < cols * rows; i++) edgeCounts[i + 1] += edgeCounts[i]
  const edgeCellItems = new Uint32Array(edgeCounts[cols * rows])
  const edgeFill = edgeCounts.slice(0, cols * rows)
  for (let e = 0; e < net.edgeCount; e++) visitEdgeCells(e, (cell) => (edgeCellItems[edgeFill[cell]++] = e))

  const nodeCounts = new Uint32Array(cols * rows + 1)
  const nodeCell = (n: number) => cellOf(net.nodeY[n], minY, rows) * cols + cellOf(net.nodeX[n], minX, cols)
  for (let n = 0; n < net.nodeCount; n++) nodeCounts[nodeCell(n) + 1]++
  for (let i = 0; i < cols * rows; i++) nodeCounts[i + 1] += nodeCounts[i]
  const nodeCellItems = new Uint32Array(net.nodeCount)
  const nodeFill = nodeCounts.slice(0, cols * rows)
  for (let n = 0; n < net.nodeCount; n++) nodeCellItems[nodeFill[nodeCell(n)]++] = n

  const largest = net.componentSizes.length ? net.componentSizes[0] : 0
  return {
    net,
    cellM,
    originX: minX,
    originY: minY,
    cols,
    rows,
    edgeCellOffsets: edgeCounts,
    edgeCellItems,
    nodeCellOffsets: nodeCounts,
    nodeCellItems,
    majorComponentMinNodes: Math.max(1, Math.min(largest, Math.max(20, Math.ceil(net.nodeCount * 0.01)))),
  }
}

/** True when a node lies in a component large enough to be "the network" (not an isolated stub). */
export function isMajorNode(index: NetworkIndex, node: number): boolean {
  return index.net.componentSizes[index.net.nodeComponent[node]] >= index.majorComponentMinNodes
}

/** Closest point of segment ab to p, as the parameter t in [0, 1] and the distance (local metres). */
export function closestOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): { t: number; distM: number } {
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2))
  return { t, distM: Math.hypot(ax + t * dx - px, ay + t * dy - py) }
}

/**
 * Visits grid cells in square rings of growing radius around (x, y) until the ring lies farther than the
 * best distance found; `visit` returns the best distance so far. Stops at maxDistM.
 */
function ringSearch(index: NetworkIndex, x: number, y: number, maxDistM: number, visitCell: (cell: number) => number): void {
  const cx = Math.floor((x - index.originX) / index.cellM)
  const cy = Math.floor((y - index.originY) / index.cellM)
  // Distance from the point to the grid's extent, so far-away points start at the nearest ring with cells.
  const outside = Math.max(0, index.originX - x, x - (index.originX + index.cols * index.cellM), index.originY - y, y - (index.originY + index.rows * index.cellM))
  const maxRing = Math.max(index.cols, index.rows) + Math.abs(cx) + Math.abs(cy) + 1
  let best = Infinity
  for (let r = Math.max(0, Math.floor(outside / index.cellM) - 1); r <= maxRing; r++) {
    if ((r - 1) * index.cellM > Math.min(best, maxDistM)) break
    for (let gy = cy - r; gy <= cy + r; gy++) {
      if (gy < 0 || gy >= index.rows) continue
      const ringRow = gy === cy - r || gy === cy + r
      for (let gx = cx - r; gx <= cx + r; gx += ringRow ? 1 : 2 * r || 1) {
        if (gx < 0 || gx >= index.cols) continue
        best = Math.min(best, visitCell(gy * index.cols + gx))
      }
    }
  }
}

export interface NearestNode {
  node: number
  distM: number
}

/** The network node nearest to a lon/lat point (any component), or null for an empty network. */
export function findNearestNode(index: NetworkIndex, lon: number, lat: number): NearestNode | null {
  const { net } = index
  if (net.nodeCount === 0) return null
  const x = projectX(net.projection, lon)
  const y = projectY(net.projection, lat)
  let best = -1
  let bestD = Infinity
  ringSearch(index, x, y, Infinity, (cell) => {
    for (let k = index.nodeCellOffsets[cell]; k < index.nodeCellOffsets[cell + 1]; k++) {
      const n = index.nodeCellItems[k]
      const d = Math.hypot(net.nodeX[n] - x, net.nodeY[n] - y)
      if (d < bestD || (d === bestD && n < best)) {
        bestD = d
        best = n
      }
    }
    return bestD
  })
  return best < 0 ? null : { node: best, distM: haversineM(lon, lat, net.nodeLon[best], net.nodeLat[best]) }
}

export interface LocateOptions {
  /** Farther than this the point is not on the network (metres; default unlimited). */
  maxDistanceM?: number
  /** Only edges in major components (default true): a facility should not snap to an isolated stub. */
  majorOnly?: boolean
}

/** The nearest point on the network's edges to a lon/lat point, as a NetworkLocation; null when none qualifies. */
export function locateOnNetwork(index: NetworkIndex, lon: number, lat: number, opts: LocateOptions = {}): NetworkLocation | null {
  const { net } = index
  if (net.edgeCount === 0) return null
  const majorOnly = opts.majorOnly ?? true
  const maxDistanceM = opts.maxDistanceM ?? Infinity
  const x = projectX(net.projection, lon)
  const y = projectY(net.projection, lat)
  let best = -1
  let bestT = 0
  let bestD = Infinity
  ringSearch(index, x, y, maxDistanceM, (cell) => {
    for (let k = index.edgeCellOffsets[cell]; k < index.edgeCellOffsets[cell + 1]; k++) {
      const e = index.edgeCellItems[k]
      const a = net.edgeFrom[e]
      if (majorOnly && !isMajorNode(index, a)) continue
      const b = net.edgeTo[e]
      const c = closestOnSegment(x, y, net.nodeX[a], net.nodeY[a], net.nodeX[b], net.nodeY[b])
      if (c.distM < bestD || (c.distM === bestD && e < best)) {
        bestD = c.distM
        best = e
        bestT = c.t
      }
    }
    return bestD
  })
  if (best < 0 || bestD > maxDistanceM) return null
  return locationOnEdge(index.net, best, bestT, x, y)
}

/** A NetworkLocation at parameter t along edge e, with the connector measured from local point (x, y). */
export function locationOnEdge(net: WalkNetwork, e: number, t: number, x: number, y: number): NetworkLocation {
  const a = net.edgeFrom[e]
  const b = net.edgeTo[e]
  const sx = net.nodeX[a] + t * (net.nodeX[b] - net.nodeX[a])
  const sy = net.nodeY[a] + t * (net.nodeY[b] - net.nodeY[a])
  const lon = unprojectLon(net.projection, sx)
  const lat = unprojectLat(net.projection, sy)
  return {
    edge: e,
    offsetM: t * net.edgeLengthM[e],
    connectorM: Math.hypot(sx - x, sy - y),
    lon,
    lat,
  }
}

/** The edges within `radiusM` of a local segment's bounding box, each once (ascending ids). */
export function edgesNearSegment(index: NetworkIndex, ax: number, ay: number, bx: number, by: number, radiusM: number): number[] {
  const c0 = Math.max(0, Math.floor((Math.min(ax, bx) - radiusM - index.originX) / index.cellM))
  const c1 = Math.min(index.cols - 1, Math.floor((Math.max(ax, bx) + radiusM - index.originX) / index.cellM))
  const r0 = Math.max(0, Math.floor((Math.min(ay, by) - radiusM - index.originY) / index.cellM))
  const r1 = Math.min(index.rows - 1, Math.floor((Math.max(ay, by) + radiusM - index.originY) / index.cellM))
  const found = new Set<number>()
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * index.cols + c
      for (let k = index.edgeCellOffsets[cell]; k < index.edgeCellOffsets[cell + 1]; k++) found.add(index.edgeCellItems[k])
    }
  }
  return [...found].sort((p, q) => p - q)
}

/** Lon/lat of a node, as a position. */
export const nodePosition = (net: WalkNetwork, n: number): Position => [net.nodeLon[n], net.nodeLat[n]]
