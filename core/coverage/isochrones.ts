import { contours } from 'd3-contour'
import type { Feature, FeatureCollection, MultiPolygon, Position } from '../domain/geo.js'
import { createLocalProjection, projectX, projectY, toLonLat, type LocalProjection } from '../network/geodesy.js'
import type { WalkNetwork } from '../network/types.js'
import { createGridFrame, rasteriseBarriers, spreadOverGrid, type GridFrame } from './travel-time-grid.js'

export interface IsochroneBarriers {
  /** Water and other areas nobody walks through: polygons as lon/lat rings (first ring outer, rest holes). */
  polygons: Position[][][]
  /** Lines nobody walks across except at a network node: unwalkable roads (expressways), as lon/lat polylines. */
  lines: Position[][]
}

export interface IsochroneOptions {
  /** Metres per second. */
  walkSpeedMps: number
  /** Band limits in minutes, e.g. [5, 10, 15]; any order, duplicates ignored. */
  bandsMinutes: number[]
  /** How far people walk off the street network (metres, default 80). */
  offNetworkM?: number
  /** Grid cell in metres; default max(10, √(gridAreaM2 / maxCells)), and never so small the grid exceeds maxCells. */
  cellSizeM?: number
  /** Default 600,000. */
  maxCells?: number
  barriers?: IsochroneBarriers
  /**
   * Sources that sit part-way along an edge (a facility snapped mid-street): along their own edge the
   * walk goes straight from them, not out to a node and back. costM is their connector walk (metres).
   */
  edgeSources?: readonly { edge: number; offsetM: number; costM: number }[]
}

/** Feature per band, ascending minutes; geometry = area reachable within `minutes` (cumulative, so 5 ⊆ 10 ⊆ 15). */
export type IsochroneCollection = FeatureCollection<MultiPolygon, { minutes: number }>

export interface StraightLineBandOptions {
  /** Metres per second. */
  walkSpeedMps: number
  /** Walked metres per straight-line metre (≥ 1 in practice, e.g. 1.3). */
  detourFactor: number
  bandsMinutes: number[]
  cellSizeM?: number
  maxCells?: number
  barriers?: IsochroneBarriers
}

const DEFAULT_OFF_NETWORK_M = 80
const DEFAULT_MAX_CELLS = 400_000
/**
 * Unreached cells: far below every threshold, so a boundary beside one sits on the reached cell's centre and
 * no band reaches into water. Finite, so d3's smoothing stays plain arithmetic rather than its infinity case.
 */
const UNREACHED = -1e9
/**
 * Times are computed this many longest (knight) steps past the largest band, so the outer contour
 * interpolates between two real times instead of snapping to the last reached cell centre.
 */
const MARGIN_STEPS = 2
const KNIGHT_STEP = Math.sqrt(5)

/**
 * Walking isochrones (minutes) from network distances (metres from the source set per node, Infinity =
 * unreached): times along the edges, a short off-network walk (metres) over a grid that water and
 * expressways block, then contours. Identical input gives identical output.
 */
export function computeIsochroneBands(net: WalkNetwork, nodeDistM: Float64Array, opts: IsochroneOptions): IsochroneCollection {
  const bands = normaliseBands(opts.bandsMinutes)
  const speed = checkPositive(opts.walkSpeedMps, 'walkSpeedMps')
  const offNetworkM = opts.offNetworkM ?? DEFAULT_OFF_NETWORK_M
  if (!(offNetworkM >= 0)) throw new RangeError(`offNetworkM must be ≥ 0, got ${offNetworkM}`)
  if (nodeDistM.length !== net.nodeCount) throw new RangeError(`nodeDistM has ${nodeDistM.length} entries for ${net.nodeCount} nodes`)

  const maxBandM = bands[bands.length - 1] * 60 * speed
  const box = reachedBox(net, nodeDistM, maxBandM, opts.edgeSources)
  if (!box) return emptyBands(bands)

  const frame = createGridFrame(box, offNetworkM, opts.cellSizeM, checkMaxCells(opts.maxCells))
  const secondsPerM = 1 / speed
  const maxTimeS = bands[bands.length - 1] * 60 + MARGIN_STEPS * KNIGHT_STEP * frame.cellSizeM * secondsPerM
  const barrier = rasteriseBarriers(frame, net.projection, opts.barriers)
  const cells = frame.cols * frame.rows
  const timeS = new Float64Array(cells).fill(Infinity)
  const offM = new Float64Array(cells).fill(Infinity)
  seedEdges(net, nodeDistM, frame, barrier, timeS, offM, speed, maxTimeS, opts.edgeSources ?? [])
  // Off-network reach is a corridor: metres from the nearest reached street, around barriers. Counting
  // off-network metres along each cell's fastest path instead (one label per cell) made the corridor about
  // 60 m wide, not 80: the fastest path to a cell near a street is a long diagonal from far up the street,
  // which spends the budget, and the cell then blocks the slower but shorter walks that would go farther.
  spreadOverGrid(frame, offM, barrier, { costPerM: 1, maxCost: offNetworkM })
  const blocked = new Uint8Array(cells)
  for (let c = 0; c < cells; c++) blocked[c] = barrier[c] || !(offM[c] <= offNetworkM) ? 1 : 0
  spreadOverGrid(frame, timeS, blocked, { costPerM: secondsPerM, maxCost: maxTimeS })
  return contourBands(frame, net.projection, widenBarrierCrossings(frame, timeS, barrier, frame.cellSizeM * secondsPerM), bands)
}

/**
 * The no-network fallback: straight-line metres × detourFactor from the points at walkSpeedMps (metres per
 * second), over the same grid, barriers and contours as the network bands.
 */
export function computeStraightLineBands(points: Position[], opts: StraightLineBandOptions): IsochroneCollection {
  const bands = normaliseBands(opts.bandsMinutes)
  const speed = checkPositive(opts.walkSpeedMps, 'walkSpeedMps')
  const detour = checkPositive(opts.detourFactor, 'detourFactor')
  if (points.length === 0) return emptyBands(bands)

  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity
  for (const [lon, lat] of points) {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new RangeError(`point [${lon}, ${lat}] is not a finite position`)
    west = Math.min(west, lon)
    east = Math.max(east, lon)
    south = Math.min(south, lat)
    north = Math.max(north, lat)
  }
  const projection = createLocalProjection((west + east) / 2, (south + north) / 2)
  const xs = points.map((p) => projectX(projection, p[0]))
  const ys = points.map((p) => projectY(projection, p[1]))
  const box = { minX: projectX(projection, west), minY: projectY(projection, south), maxX: projectX(projection, east), maxY: projectY(projection, north) }
  const radiusM = (bands[bands.length - 1] * 60 * speed) / detour
  const frame = createGridFrame(box, radiusM, opts.cellSizeM, checkMaxCells(opts.maxCells))
  const secondsPerM = detour / speed
  const maxTimeS = bands[bands.length - 1] * 60 + MARGIN_STEPS * KNIGHT_STEP * frame.cellSizeM * secondsPerM
  const barrier = rasteriseBarriers(frame, projection, opts.barriers)
  const timeS = new Float64Array(frame.cols * frame.rows).fill(Infinity)
  for (let k = 0; k < points.length; k++) seedPoint(frame, barrier, timeS, null, xs[k], ys[k], 0, secondsPerM)
  spreadOverGrid(frame, timeS, barrier, { costPerM: secondsPerM, maxCost: maxTimeS })
  return contourBands(frame, projection, timeS, bands)
}

/**
 * Local-metre bounds of everything reachable within `maxBandM`: the nodes, and the points partway along
 * edges where the distance runs out (a long edge can carry a band well past its last reached node).
 */
function reachedBox(net: WalkNetwork, nodeDistM: Float64Array, maxBandM: number, edgeSources: IsochroneOptions['edgeSources'] = []): { minX: number; minY: number; maxX: number; maxY: number } | null {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }
  const add = (x: number, y: number): void => {
    box.minX = Math.min(box.minX, x)
    box.maxX = Math.max(box.maxX, x)
    box.minY = Math.min(box.minY, y)
    box.maxY = Math.max(box.maxY, y)
  }
  for (let n = 0; n < net.nodeCount; n++) if (nodeDistM[n] <= maxBandM) add(net.nodeX[n], net.nodeY[n])
  const addLimit = (a: number, b: number, lengthM: number): void => {
    if (!(nodeDistM[a] <= maxBandM) || nodeDistM[b] <= maxBandM || !(lengthM > 0)) return
    const f = Math.min(1, (maxBandM - nodeDistM[a]) / lengthM)
    add(net.nodeX[a] + f * (net.nodeX[b] - net.nodeX[a]), net.nodeY[a] + f * (net.nodeY[b] - net.nodeY[a]))
  }
  for (let e = 0; e < net.edgeCount; e++) {
    addLimit(net.edgeFrom[e], net.edgeTo[e], net.edgeLengthM[e])
    addLimit(net.edgeTo[e], net.edgeFrom[e], net.edgeLengthM[e])
  }
  // A source mid-way along a long edge reaches along it even when neither end is within the bands.
  for (const src of edgeSources) {
    if (!(src.costM <= maxBandM)) continue
    const a = net.edgeFrom[src.edge]
    const b = net.edgeTo[src.edge]
    const len = net.edgeLengthM[src.edge]
    for (const s of [Math.max(0, src.offsetM - (maxBandM - src.costM)), Math.min(len, src.offsetM + (maxBandM - src.costM))]) {
      const f = len > 0 ? s / len : 0
      add(net.nodeX[a] + f * (net.nodeX[b] - net.nodeX[a]), net.nodeY[a] + f * (net.nodeY[b] - net.nodeY[a]))
    }
  }
  return box.minX === Infinity ? null : box
}

/** Samples every edge with a reached end at most half a cell apart and seeds the grid from each sample. */
function seedEdges(
  net: WalkNetwork,
  nodeDistM: Float64Array,
  frame: GridFrame,
  barrier: Uint8Array,
  timeS: Float64Array,
  offM: Float64Array,
  speed: number,
  maxTimeS: number,
  edgeSources: readonly { edge: number; offsetM: number; costM: number }[],
): void {
  const spacingM = frame.cellSizeM / 2
  const maxDistM = maxTimeS * speed
  const onEdge = new Map<number, { offsetM: number; costM: number }[]>()
  for (const src of edgeSources) onEdge.set(src.edge, [...(onEdge.get(src.edge) ?? []), src])
  for (let e = 0; e < net.edgeCount; e++) {
    const from = net.edgeFrom[e], to = net.edgeTo[e]
    // NaN and negative distances count as unreached rather than poisoning the minimum.
    const df = nodeDistM[from] >= 0 ? nodeDistM[from] : Infinity
    const dt = nodeDistM[to] >= 0 ? nodeDistM[to] : Infinity
    const own = onEdge.get(e)
    if (!(Math.min(df, dt) <= maxDistM) && !own) continue
    const lengthM = net.edgeLengthM[e]
    const ax = net.nodeX[from], ay = net.nodeY[from]
    const bx = net.nodeX[to], by = net.nodeY[to]
    const steps = Math.max(1, Math.ceil(Math.sqrt((bx - ax) ** 2 + (by - ay) ** 2) / spacingM))
    for (let k = 0; k <= steps; k++) {
      const f = k / steps
      const s = f * lengthM
      let d = Math.min(df + s, dt + lengthM - s)
      if (own) for (const src of own) d = Math.min(d, src.costM + Math.abs(s - src.offsetM))
      if (d <= maxDistM) seedPoint(frame, barrier, timeS, offM, ax + f * (bx - ax), ay + f * (by - ay), d / speed, 1 / speed)
    }
  }
}

/**
 * Seeds the four cells whose centres surround a point with the time (seconds) of walking from the point to
 * each centre, so the cell values mean "time at the centre" as the contours assume. Seeding only the cell
 * containing the point would shift every band by up to a cell's diagonal. A neighbour is seeded only when
 * it and the cells between are free, so a street beside an expressway cannot seed the far side; a point on
 * a barrier cell seeds that cell alone. `offM` (optional) gets the metres from the point to each centre.
 */
function seedPoint(
  frame: GridFrame,
  barrier: Uint8Array,
  timeS: Float64Array,
  offM: Float64Array | null,
  x: number,
  y: number,
  t: number,
  secondsPerM: number,
): void {
  // Called for millions of samples: no closures, no Math.hypot (both measurably slow here).
  const { cols, rows, cellSizeM } = frame
  const u = (x - frame.originX) / cellSizeM, v = (y - frame.originY) / cellSizeM
  const ci = Math.floor(u), cj = Math.floor(v)
  if (ci < 0 || cj < 0 || ci >= cols || cj >= rows) return
  const c = cj * cols + ci
  // Offset of the point from its cell's centre, in cells, and the side its nearest neighbours are on.
  const fu = u - ci - 0.5, fv = v - cj - 0.5
  const si = fu < 0 ? -1 : 1, sj = fv < 0 ? -1 : 1
  seedCell(timeS, offM, c, t, Math.sqrt(fu * fu + fv * fv) * cellSizeM, secondsPerM)
  if (barrier[c]) return
  const ni = ci + si, nj = cj + sj
  const cI = cj * cols + ni, cJ = nj * cols + ci
  const freeI = ni >= 0 && ni < cols && barrier[cI] === 0
  const freeJ = nj >= 0 && nj < rows && barrier[cJ] === 0
  const gu = fu - si, gv = fv - sj
  if (freeI) seedCell(timeS, offM, cI, t, Math.sqrt(gu * gu + fv * fv) * cellSizeM, secondsPerM)
  if (freeJ) seedCell(timeS, offM, cJ, t, Math.sqrt(fu * fu + gv * gv) * cellSizeM, secondsPerM)
  const cIJ = nj * cols + ni
  if (freeI && freeJ && barrier[cIJ] === 0) seedCell(timeS, offM, cIJ, t, Math.sqrt(gu * gu + gv * gv) * cellSizeM, secondsPerM)
}

/** A seed `walkM` metres from the cell's centre: time and off-network metres, keeping the smaller. */
function seedCell(timeS: Float64Array, offM: Float64Array | null, c: number, t: number, walkM: number, secondsPerM: number): void {
  const tc = t + walkM * secondsPerM
  if (tc < timeS[c]) timeS[c] = tc
  if (offM !== null && walkM < offM[c]) offM[c] = walkM
}

/**
 * A bridge, or a street crossing an expressway, is a one-cell strip of timed barrier cells: contoured as it
 * is, its edges sit on the cell centres and rounding collapses it into a zero-width neck where the ring
 * touches itself (invalid for PostGIS). Barrier cells beside it get one more step's time (seconds), for
 * drawing only, so the strip is two cells wide. Only barrier cells are widened into, so no band is drawn
 * past a barrier's own cells.
 */
function widenBarrierCrossings(frame: GridFrame, timeS: Float64Array, barrier: Uint8Array, stepS: number): Float64Array {
  const { cols, rows } = frame
  let drawS: Float64Array | null = null
  for (let c = 0; c < timeS.length; c++) {
    if (!barrier[c] || !(timeS[c] < Infinity)) continue
    const ci = c % cols, cj = (c - ci) / cols
    for (const [ni, nj] of [[ci + 1, cj], [ci - 1, cj], [ci, cj + 1], [ci, cj - 1]]) {
      if (ni < 0 || nj < 0 || ni >= cols || nj >= rows) continue
      const nc = nj * cols + ni
      if (!barrier[nc] || timeS[nc] < Infinity) continue
      drawS ??= Float64Array.from(timeS)
      drawS[nc] = Math.min(drawS[nc], timeS[c] + stepS)
    }
  }
  return drawS ?? timeS
}

/** One cumulative MultiPolygon per band from the time grid (seconds), in lon/lat. */
function contourBands(frame: GridFrame, projection: LocalProjection, timeS: Float64Array, bands: readonly number[]): IsochroneCollection {
  const values = new Float64Array(timeS.length)
  for (let c = 0; c < timeS.length; c++) values[c] = timeS[c] < Infinity ? -timeS[c] : UNREACHED
  // d3 reads values by index only, so a typed array serves where its types ask for number[].
  const grid = values as unknown as number[]
  const generator = contours().size([frame.cols, frame.rows]).smooth(true)
  const features = bands.map((minutes): Feature<MultiPolygon, { minutes: number }> => {
    const contour = generator.contour(grid, -minutes * 60)
    const coordinates: Position[][][] = []
    for (const polygon of contour.coordinates) {
      const outer = toLonLatRing(frame, projection, polygon[0])
      if (!outer) continue
      const holes = polygon.slice(1).map((r) => toLonLatRing(frame, projection, r)).filter((r): r is Position[] => r !== null)
      coordinates.push([outer, ...holes])
    }
    return { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates }, properties: { minutes } }
  })
  return { type: 'FeatureCollection', features }
}

/**
 * Grid units (cell centre i at i + 0.5) to a closed lon/lat ring, or null when rounding collapses it.
 * Reversed because d3's exterior rings run clockwise with y north, and RFC 7946 wants them counter-clockwise.
 */
function toLonLatRing(frame: GridFrame, projection: LocalProjection, ring: number[][]): Position[] | null {
  const out: Position[] = []
  for (let k = ring.length - 1; k >= 0; k--) {
    const p = toLonLat(projection, frame.originX + ring[k][0] * frame.cellSizeM, frame.originY + ring[k][1] * frame.cellSizeM)
    const last = out[out.length - 1]
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
  }
  if (out.length > 1 && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])) out.push([out[0][0], out[0][1]])
  return out.length >= 4 ? out : null
}

function emptyBands(bands: readonly number[]): IsochroneCollection {
  return {
    type: 'FeatureCollection',
    features: bands.map((minutes) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [] }, properties: { minutes } })),
  }
}

function normaliseBands(bandsMinutes: readonly number[]): number[] {
  if (bandsMinutes.length === 0) throw new RangeError('bandsMinutes must not be empty')
  for (const b of bandsMinutes) checkPositive(b, 'bandsMinutes')
  return [...new Set(bandsMinutes)].sort((a, b) => a - b)
}

function checkPositive(v: number, name: string): number {
  if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`${name} must be a positive number, got ${v}`)
  return v
}

function checkMaxCells(maxCells: number | undefined): number {
  return checkPositive(maxCells ?? DEFAULT_MAX_CELLS, 'maxCells')
}
