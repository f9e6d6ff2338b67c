/** Which Gantt the address asks for: `?community=ID` (its stages), `?cluster=ID` or `?district=ID` (their communities). */
export interface GanttParams {
  community: number | null
  cluster: number | null
  district: number | null
}

export type GanttLevel = 'community' | 'cluster' | 'district' | 'city'

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d{1,10}$/.test(value)) return null
  const n = Number(value)
  return n >= 1 && n <= 2_147_483_647 ? n : null
}

/** Reads the query string; anything that is not a positive id is ignored. */
export function parseGanttParams(search: string): GanttParams {
  const q = new URLSearchParams(search)
  return { community: positiveInt(q.get('community')), cluster: positiveInt(q.get('cluster')), district: positiveInt(q.get('district')) }
}

/** The most specific level asked for; the community level keeps its district or 片区 as the way back. */
export function ganttLevel(p: GanttParams): GanttLevel {
  if (p.community !== null) return 'community'
  if (p.cluster !== null) return 'cluster'
  if (p.district !== null) return 'district'
  return 'city'
}

/** The query string of a Gantt address ('' for the city level), in a fixed order. */
export function ganttSearch(p: Partial<GanttParams>): string {
  const q = new URLSearchParams()
  if (p.district) q.set('district', String(p.district))
  if (p.cluster) q.set('cluster', String(p.cluster))
  if (p.community) q.set('community', String(p.community))
  const s = q.toString()
  return s ? `?${s}` : ''
}
