import type { CommunityCollection } from '../../api/endpoints.js'
import type { MultiPolygon, Polygon, Position } from '../../../core/domain/geo.js'
import type { Stage } from '../../../core/domain/stages.js'
import { communityLabelPoint } from './lasso.js'

/** What the 片区 mode needs of one community (any community of the city may join a 片区). */
export interface CommunityFacts {
  id: number
  name: string
  residents: number
  households: number
  buildYear: number
  planYear: number | null
  districtId: number
  districtName: string
  streetId: number
  streetName: string
  stage: Stage
  /** A point inside the outline (lasso test, labels). */
  point: Position
  /** [west, south, east, north]. */
  bbox: [number, number, number, number]
}

export interface CommunityIndex {
  byId: ReadonlyMap<number, CommunityFacts>
  list: readonly CommunityFacts[]
}

export const EMPTY_COMMUNITY_INDEX: CommunityIndex = { byId: new Map(), list: [] }

function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  for (const poly of polys) {
    for (const [x, y] of poly[0] ?? []) {
      if (x < w) w = x
      if (x > e) e = x
      if (y < s) s = y
      if (y > n) n = y
    }
  }
  return [w, s, e, n]
}

/** Indexes the city's communities (GeoJSON from /api/communities) by id, with a point inside each. */
export function buildCommunityIndex(fc: CommunityCollection | undefined): CommunityIndex {
  if (!fc) return EMPTY_COMMUNITY_INDEX
  const list: CommunityFacts[] = []
  for (const f of fc.features) {
    const p = f.properties
    const id = Number(p?.id ?? f.id)
    if (!f.geometry || !Number.isFinite(id)) continue
    list.push({
      id,
      name: p.name,
      residents: p.population,
      households: p.households,
      buildYear: p.buildYear,
      planYear: p.planYear,
      districtId: p.districtId,
      districtName: p.districtName,
      streetId: p.streetId,
      streetName: p.streetName,
      stage: p.stage,
      point: communityLabelPoint(f.geometry),
      bbox: bboxOf(f.geometry),
    })
  }
  return { byId: new Map(list.map((c) => [c.id, c])), list }
}

const M_PER_DEG_LAT = 110_540
const M_PER_DEG_LON_EQUATOR = 111_320

/**
 * Communities whose bounding boxes come within `gapM` metres of each other, as a neighbour list. An
 * approximation of the server's adjacency, good enough to give neighbouring 片区 different colours.
 */
export function approximateNeighbours(list: readonly Pick<CommunityFacts, 'id' | 'bbox'>[], gapM = 60): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>()
  for (const c of list) out.set(c.id, new Set())
  if (list.length === 0) return out
  const midLat = (list[0].bbox[1] + list[0].bbox[3]) / 2
  const dx = gapM / (M_PER_DEG_LON_EQUATOR * Math.cos((midLat * Math.PI) / 180))
  const dy = gapM / M_PER_DEG_LAT
  const sorted = [...list].sort((a, b) => a.bbox[0] - b.bbox[0])
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]
      if (b.bbox[0] > a.bbox[2] + dx) break
      if (b.bbox[1] > a.bbox[3] + dy || a.bbox[1] > b.bbox[3] + dy) continue
      out.get(a.id)!.add(b.id)
      out.get(b.id)!.add(a.id)
    }
  }
  return out
}

/** The mean of the member points (a label position for a proposal), or null without members. */
export function meanPoint(ids: readonly number[], byId: ReadonlyMap<number, Pick<CommunityFacts, 'point'>>): Position | null {
  let x = 0
  let y = 0
  let n = 0
  for (const id of ids) {
    const c = byId.get(id)
    if (!c) continue
    x += c.point[0]
    y += c.point[1]
    n += 1
  }
  return n ? [x / n, y / n] : null
}

/** [west, south, east, north] around the given communities, or null when none is known. */
export function boundsOf(ids: Iterable<number>, byId: ReadonlyMap<number, Pick<CommunityFacts, 'bbox'>>): [number, number, number, number] | null {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const id of ids) {
    const c = byId.get(id)
    if (!c) continue
    w = Math.min(w, c.bbox[0])
    s = Math.min(s, c.bbox[1])
    e = Math.max(e, c.bbox[2])
    n = Math.max(n, c.bbox[3])
  }
  return Number.isFinite(w) ? [w, s, e, n] : null
}
