import { CLUSTER_STATUSES, type ClusterRow, type ClusterStatus } from '../../../core/contracts/clusters.js'

export type ClusterStatusFilter = 'all' | ClusterStatus
export type ClusterSortKey = 'name' | 'residents' | 'status' | 'flags'

const STATUS_ORDER = new Map(CLUSTER_STATUSES.map((s, i) => [s, i]))

/** The 片区 shown in the list: of one status (or all), in the chosen order; the input is not changed. */
export function selectClusterRows(
  rows: readonly ClusterRow[],
  filter: ClusterStatusFilter,
  sort: ClusterSortKey,
  collator: Intl.Collator,
): ClusterRow[] {
  const kept = filter === 'all' ? [...rows] : rows.filter((r) => r.status === filter)
  const byName = (a: ClusterRow, b: ClusterRow) => collator.compare(a.name, b.name) || a.id - b.id
  switch (sort) {
    case 'residents':
      return kept.sort((a, b) => b.residents - a.residents || byName(a, b))
    case 'status':
      return kept.sort((a, b) => (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0) || byName(a, b))
    case 'flags':
      return kept.sort((a, b) => b.flags.length - a.flags.length || byName(a, b))
    default:
      return kept.sort(byName)
  }
}

/** How many 片区 have each status, and all of them. */
export function statusCounts(rows: readonly ClusterRow[]): Record<ClusterStatusFilter, number> {
  const out: Record<ClusterStatusFilter, number> = { all: rows.length, draft: 0, proposed: 0, approved: 0 }
  for (const r of rows) out[r.status] += 1
  return out
}

/** Which 片区 (if any) holds each community. */
export function membershipOf(rows: readonly Pick<ClusterRow, 'id' | 'memberIds'>[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const r of rows) for (const m of r.memberIds) out.set(m, r.id)
  return out
}

/**
 * A name not used yet among `existing`: `base` itself when free, else `base` followed by the first free
 * number ("东关片区", "东关片区2" …; `sep` goes between, e.g. a space in English).
 */
export function uniqueName(base: string, existing: Iterable<string>, sep = ''): string {
  const taken = new Set(existing)
  const clean = base.trim() || 'P'
  if (!taken.has(clean)) return clean
  for (let n = 2; n < 100_000; n++) {
    const candidate = `${clean}${sep}${n}`
    if (!taken.has(candidate)) return candidate
  }
  return clean
}

/**
 * Names for proposals about to become 片区: the street most of the members live in plus a number per
 * street ("东关街道片区1", "东关街道片区2"), skipping names the year already uses.
 */
export function proposalNames(
  proposals: readonly { key: string; memberIds: readonly number[] }[],
  streetOf: (communityId: number) => string | null,
  existing: Iterable<string>,
  format: (street: string, n: number) => string,
): Map<string, string> {
  const taken = new Set(existing)
  const perStreet = new Map<string, number>()
  const out = new Map<string, string>()
  for (const p of proposals) {
    const counts = new Map<string, number>()
    for (const id of p.memberIds) {
      const s = streetOf(id)
      if (s) counts.set(s, (counts.get(s) ?? 0) + 1)
    }
    const street = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? ''
    let n = perStreet.get(street) ?? 0
    let name: string
    do {
      n += 1
      name = format(street, n)
    } while (taken.has(name))
    perStreet.set(street, n)
    taken.add(name)
    out.set(p.key, name)
  }
  return out
}
