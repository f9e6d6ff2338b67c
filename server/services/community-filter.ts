import type { CommunityFilter } from '../../core/contracts/communities.js'

/** Builds the WHERE clause shared by lists, GeoJSON and summaries, with bound parameters only. */
export function buildCommunityWhere(f: CommunityFilter, alias = 'c', firstParam = 1): { sql: string; params: unknown[] } {
  const clauses: string[] = []
  const params: unknown[] = []
  const p = (v: unknown) => {
    params.push(v)
    return `$${firstParam + params.length - 1}`
  }
  if (f.district?.length) clauses.push(`${alias}.district_id = ANY(${p(f.district)}::int[])`)
  if (f.street?.length) clauses.push(`${alias}.street_id = ANY(${p(f.street)}::int[])`)
  if (f.stage?.length) clauses.push(`${alias}.stage = ANY(${p(f.stage)}::text[])`)
  if (f.year !== undefined) clauses.push(`${alias}.plan_year = ${p(f.year)}`)
  if (f.bbox) {
    const [w, s, e, n] = f.bbox
    clauses.push(`${alias}.geom && ST_MakeEnvelope(${p(w)}, ${p(s)}, ${p(e)}, ${p(n)}, 4326)`)
  }
  if (f.q) {
    // LIKE wildcards typed by the user are matched literally.
    const pattern = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    const ph = p(pattern)
    clauses.push(`(${alias}.name ILIKE ${ph} OR ${alias}.code ILIKE ${ph})`)
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
}
