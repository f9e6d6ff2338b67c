/** A place a user answers for, or a record lies in: a street implies its district. */
export interface ScopeIds {
  districtId: number | null
  streetId: number | null
}

export interface ScopeNames {
  districts: readonly { id: number; name: string }[]
  streets: readonly { id: number; name: string; districtId: number }[]
}

export interface ScopeNameOptions {
  /** Between the district and the street name. */
  separator?: string
}

/**
 * The display name of a scope: 'District / Street' for a street, the district name for a district, null for
 * none (city-wide). An id missing from the lists (a dataset reloaded since) shows as '#id' rather than vanishing.
 */
export function scopeNameOf(scope: ScopeIds, names: ScopeNames, opts: ScopeNameOptions = {}): string | null {
  const { separator = ' / ' } = opts
  if (scope.streetId != null) {
    const street = names.streets.find((s) => s.id === scope.streetId)
    const districtId = scope.districtId ?? street?.districtId ?? null
    const district = districtId == null ? null : districtNameOf(districtId, names)
    const streetName = street?.name ?? `#${scope.streetId}`
    return district ? `${district}${separator}${streetName}` : streetName
  }
  if (scope.districtId != null) return districtNameOf(scope.districtId, names)
  return null
}

function districtNameOf(id: number, names: ScopeNames): string {
  return names.districts.find((d) => d.id === id)?.name ?? `#${id}`
}
