import type { CoverageGroup, CoverageRow, CoverageSummary, CoverageTotals } from '../contracts/coverage.js'
import { COVERAGE_BANDS_MIN } from '../domain/walking.js'

/** A community's place in the administrative hierarchy and its residents. */
export interface CoverageCommunity {
  id: number
  name: string
  districtId: number
  streetId: number
  residents: number
}

export interface NamedUnit {
  id: number
  name: string
}

/** Totals of a set of rows (share is resident-weighted, 0–1). */
export function coverageTotals(rows: readonly Pick<CoverageRow, 'residents' | 'covered'>[]): CoverageTotals {
  let residents = 0
  let coveredResidents = 0
  let coveredCommunities = 0
  for (const r of rows) {
    residents += r.residents
    if (r.covered) {
      coveredResidents += r.residents
      coveredCommunities++
    }
  }
  return { communities: rows.length, coveredCommunities, residents, coveredResidents, share: residents > 0 ? coveredResidents / residents : 0 }
}

/**
 * Coverage rows from walking distances: minutes at the walking speed, covered when within the threshold.
 * `distM` Infinity means unreachable (never covered).
 */
export function toCoverageRows(
  communities: readonly CoverageCommunity[],
  nearest: readonly { facilityId: number | null; distM: number }[],
  facilityNames: ReadonlyMap<number, string>,
  walkSpeedMps: number,
  thresholdMinutes: number,
): CoverageRow[] {
  return communities.map((c, i) => {
    const n = nearest[i]
    const reachable = Number.isFinite(n.distM) && n.facilityId !== null
    const minutes = reachable ? n.distM / walkSpeedMps / 60 : null
    return {
      communityId: c.id,
      name: c.name,
      districtId: c.districtId,
      streetId: c.streetId,
      residents: c.residents,
      nearestFacilityId: reachable ? n.facilityId : null,
      nearestFacilityName: reachable && n.facilityId !== null ? (facilityNames.get(n.facilityId) ?? null) : null,
      // Unrounded, so anyone can recompute `covered` from `meters` and the speed and get the same answer.
      meters: reachable ? n.distM : null,
      minutes,
      covered: minutes !== null && minutes <= thresholdMinutes,
    }
  })
}

function groupBy(rows: readonly CoverageRow[], key: (r: CoverageRow) => number, names: readonly NamedUnit[]): CoverageGroup[] {
  const buckets = new Map<number, CoverageRow[]>()
  for (const r of rows) {
    const k = key(r)
    const list = buckets.get(k)
    if (list) list.push(r)
    else buckets.set(k, [r])
  }
  return names.filter((u) => buckets.has(u.id)).map((u) => ({ id: u.id, name: u.name, ...coverageTotals(buckets.get(u.id)!) }))
}

function clusterGroups(rows: readonly CoverageRow[], clusters: readonly (NamedUnit & { memberIds: readonly number[] })[]): CoverageGroup[] {
  const clusterOf = new Map<number, number>()
  for (const c of clusters) for (const id of c.memberIds) clusterOf.set(id, c.id)
  return groupBy(
    rows.filter((r) => clusterOf.has(r.communityId)),
    (r) => clusterOf.get(r.communityId)!,
    clusters,
  )
}

/** Resident-weighted coverage for the city, each life-circle band, each district and street; the unserved ranked by residents. */
export function summariseCoverage(
  rows: readonly CoverageRow[],
  opts: {
    thresholdMinutes: number
    facilities: number
    districts: readonly NamedUnit[]
    streets: readonly (NamedUnit & { districtId: number })[]
    /** 片区 and their member community ids (a community is in at most one). */
    clusters?: readonly (NamedUnit & { memberIds: readonly number[] })[]
  },
): CoverageSummary {
  const totals = coverageTotals(rows)
  const bands = COVERAGE_BANDS_MIN.map((minutes) => {
    const t = coverageTotals(rows.map((r) => ({ residents: r.residents, covered: r.minutes !== null && r.minutes <= minutes })))
    return { minutes, coveredResidents: t.coveredResidents, share: t.share }
  })
  const streetDistrict = new Map(opts.streets.map((s) => [s.id, s.districtId]))
  return {
    ...totals,
    thresholdMinutes: opts.thresholdMinutes,
    facilities: opts.facilities,
    bands,
    byDistrict: groupBy(rows, (r) => r.districtId, opts.districts),
    byStreet: groupBy(rows, (r) => r.streetId, opts.streets).map((g) => ({ ...g, districtId: streetDistrict.get(g.id) ?? 0 })),
    byCluster: clusterGroups(rows, opts.clusters ?? []),
    unserved: rows
      .filter((r) => !r.covered)
      .sort((a, b) => b.residents - a.residents || a.communityId - b.communityId)
      .map((r) => ({ communityId: r.communityId, residents: r.residents })),
  }
}
