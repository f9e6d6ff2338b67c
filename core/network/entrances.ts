import type { Position } from '../domain/geo.js'
import { projectX, projectY } from './geodesy.js'
import { closestOnSegment, edgesNearSegment, isMajorNode, locateOnNetwork, locationOnEdge, type NetworkIndex } from './network-index.js'
import type { NetworkLocation } from './types.js'

export interface EntranceOptions {
  /** A walkable road within this distance of the boundary is an entrance there (metres, default 15). */
  toleranceM?: number
  /** Entrances closer than this along the boundary count once (metres, default 25). */
  minSpacingM?: number
  /** At most this many entrances per community (default 24), spread evenly over those found. */
  maxEntrances?: number
}

export type EntranceSource = 'gates' | 'boundary' | 'nearest'

export interface CommunityEntrances {
  entrances: NetworkLocation[]
  source: EntranceSource
}

/**
 * Where a community joins the walking network: its gates when a gates layer has them; else every place
 * where a walkable road crosses or comes within `toleranceM` of its boundary; else the network point
 * nearest to the boundary. The connector (gate or boundary to the road) is walked and counts.
 */
export function findCommunityEntrances(
  index: NetworkIndex,
  rings: readonly Position[][],
  gates: readonly Position[] = [],
  opts: EntranceOptions = {},
): CommunityEntrances {
  const toleranceM = opts.toleranceM ?? 15
  const minSpacingM = opts.minSpacingM ?? 25
  const maxEntrances = opts.maxEntrances ?? 24
  if (gates.length > 0) {
    const entrances = gates.map((g) => locateOnNetwork(index, g[0], g[1])).filter((l): l is NetworkLocation => l !== null)
    if (entrances.length > 0) return { entrances, source: 'gates' }
  }

  const { net } = index
  const found: (NetworkLocation & { major: boolean })[] = []
  for (const ring of rings) {
    const pts = ring.map((p) => [projectX(net.projection, p[0]), projectY(net.projection, p[1])] as const)
    for (let i = 1; i < pts.length; i++) {
      const [ax, ay] = pts[i - 1]
      const [bx, by] = pts[i]
      for (const e of edgesNearSegment(index, ax, ay, bx, by, toleranceM)) {
        const u = net.edgeFrom[e]
        const v = net.edgeTo[e]
        const hit = closestBetweenSegments(net.nodeX[u], net.nodeY[u], net.nodeX[v], net.nodeY[v], ax, ay, bx, by)
        if (hit.distM > toleranceM) continue
        const loc = locationOnEdge(net, e, hit.t, hit.qx, hit.qy)
        found.push({ ...loc, major: isMajorNode(index, u) })
      }
    }
  }
  const spaced = thin(found, minSpacingM, net.projection.mPerDegLon, net.projection.mPerDegLat)
  let entrances: NetworkLocation[] = spaced.map(({ major: _major, ...loc }) => loc)
  if (entrances.length > maxEntrances) {
    const step = entrances.length / maxEntrances
    entrances = Array.from({ length: maxEntrances }, (_, i) => entrances[Math.floor(i * step)])
  }
  if (spaced.some((l) => l.major)) return { entrances, source: 'boundary' }

  // No road reaches the boundary (or only an isolated stub does): walk from the boundary to the network.
  let best: NetworkLocation | null = null
  for (const ring of rings) {
    for (const p of ring) {
      const loc = locateOnNetwork(index, p[0], p[1], { maxDistanceM: best ? best.connectorM : Infinity })
      if (loc && (!best || loc.connectorM < best.connectorM)) best = loc
    }
  }
  return best ? { entrances: [...entrances, best], source: 'nearest' } : { entrances, source: 'nearest' }
}

/** Keeps entrances at least `spacingM` apart (the one with the shorter connector wins), deterministic. */
function thin<T extends NetworkLocation>(locs: T[], spacingM: number, mx: number, my: number): T[] {
  const sorted = [...locs].sort((a, b) => a.connectorM - b.connectorM || a.edge - b.edge || a.offsetM - b.offsetM)
  const kept: T[] = []
  for (const l of sorted) {
    if (kept.every((k) => Math.hypot((k.lon - l.lon) * mx, (k.lat - l.lat) * my) >= spacingM)) kept.push(l)
  }
  return kept.sort((a, b) => a.edge - b.edge || a.offsetM - b.offsetM)
}

/**
 * The closest pair of points between segment p (an edge) and segment q (a boundary piece): the parameter t
 * on p, the point on q and the distance. Crossing segments give distance 0 at the crossing.
 */
function closestBetweenSegments(px: number, py: number, p2x: number, p2y: number, qx: number, qy: number, q2x: number, q2y: number) {
  const rx = p2x - px
  const ry = p2y - py
  const sx = q2x - qx
  const sy = q2y - qy
  const denom = rx * sy - ry * sx
  if (Math.abs(denom) > 1e-12) {
    const t = ((qx - px) * sy - (qy - py) * sx) / denom
    const u = ((qx - px) * ry - (qy - py) * rx) / denom
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1) return { t, qx: px + t * rx, qy: py + t * ry, distM: 0 }
  }
  // Otherwise the closest pair involves an end point of one of them.
  const options = [
    { ...closestOnSegment(qx, qy, px, py, p2x, p2y), qx, qy },
    { ...closestOnSegment(q2x, q2y, px, py, p2x, p2y), qx: q2x, qy: q2y },
  ]
  const onQ0 = closestOnSegment(px, py, qx, qy, q2x, q2y)
  options.push({ t: 0, distM: onQ0.distM, qx: qx + onQ0.t * sx, qy: qy + onQ0.t * sy })
  const onQ1 = closestOnSegment(p2x, p2y, qx, qy, q2x, q2y)
  options.push({ t: 1, distM: onQ1.distM, qx: qx + onQ1.t * sx, qy: qy + onQ1.t * sy })
  return options.reduce((a, b) => (b.distM < a.distM ? b : a))
}
