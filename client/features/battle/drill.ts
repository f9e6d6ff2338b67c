import type { IsoDate } from '../../../core/domain/entities.js'
import type { ScheduleScopeQuery } from '../../api/schedule-endpoints.js'

/** One step below the city in the battle map's drill-down: 全市 › 区 › 街道 › 片区 › 小区. */
export type DrillNode =
  | { kind: 'district'; id: number; name: string }
  | { kind: 'street'; id: number; name: string; districtId: number }
  | { kind: 'cluster'; id: number; name: string; memberIds: readonly number[] }
  | { kind: 'community'; id: number; name: string }

/** The path from the city down to the unit shown; empty = the whole city. */
export type DrillPath = readonly DrillNode[]

const DEPTH: Record<DrillNode['kind'], number> = { district: 1, street: 2, cluster: 3, community: 4 }

/** The path with `node` as its last step: steps at its level or below are replaced. */
export function drillInto(path: DrillPath, node: DrillNode): DrillPath {
  return [...path.filter((n) => DEPTH[n.kind] < DEPTH[node.kind]), node]
}

/** The path cut after step `depth` (0 = the city). */
export function drillUpTo(path: DrillPath, depth: number): DrillPath {
  return path.slice(0, Math.max(0, depth))
}

/** The unit whose numbers are shown: the deepest step that is not a single community (a community shows its parent's). */
export function scopeNode(path: DrillPath): Exclude<DrillNode, { kind: 'community' }> | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i]
    if (n.kind !== 'community') return n
  }
  return null
}

/** The API scope of a path (the deepest unit above a community). */
export function scopeQuery(path: DrillPath): ScheduleScopeQuery {
  const n = scopeNode(path)
  if (!n) return {}
  if (n.kind === 'district') return { districtId: n.id }
  if (n.kind === 'street') return { streetId: n.id }
  return { clusterId: n.id }
}

/** A string that changes exactly when the path does (effect dependencies). */
export function pathKey(path: DrillPath): string {
  return path.map((n) => `${n.kind}:${n.id}`).join('/')
}

/** The selected community, when the path ends at one. */
export function selectedCommunityId(path: DrillPath): number | null {
  const last = path[path.length - 1]
  return last?.kind === 'community' ? last.id : null
}

interface Located {
  id: number
  districtId: number
  streetId: number
}

/** The programme communities a unit covers (for framing and dimming); null for the whole city. */
export function communitiesOf(node: DrillNode | null, communities: Iterable<Located>): number[] | null {
  if (!node) return null
  if (node.kind === 'community') return [node.id]
  if (node.kind === 'cluster') return [...node.memberIds]
  const out: number[] = []
  for (const c of communities) {
    if (node.kind === 'district' ? c.districtId === node.id : c.streetId === node.id) out.push(c.id)
  }
  return out
}

/**
 * The time slider's stops: the report weeks of the plan year (Mondays) and today when today is not a
 * Monday itself; the last stop is always today.
 */
export function sliderStops(weeks: readonly IsoDate[], today: IsoDate): IsoDate[] {
  const stops = weeks.filter((w) => w < today)
  stops.push(today)
  return stops
}

/** The stop a date falls on (the last one at or before it), the last stop for null (= today). */
export function stopIndexOf(stops: readonly IsoDate[], date: IsoDate | null): number {
  if (date === null) return stops.length - 1
  let k = 0
  for (let i = 0; i < stops.length; i++) if (stops[i] <= date) k = i
  return k
}

/** The next stop during playback, or null at the end (today). From today playback starts over. */
export function nextPlaybackDate(stops: readonly IsoDate[], current: IsoDate | null): IsoDate | null | 'end' {
  if (stops.length === 0) return 'end'
  if (current === null) return stops.length > 1 ? stops[0] : 'end'
  const i = stopIndexOf(stops, current)
  if (i + 1 >= stops.length - 1) return null
  return stops[i + 1]
}
