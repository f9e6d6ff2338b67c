/** The roles of the programme's users. Labels live in the client's i18n (`role.<id>`). */
export const ROLES = ['admin', 'planner', 'leader', 'analyst', 'district_staff', 'street_staff'] as const
export type Role = (typeof ROLES)[number]

/** Roles whose rights are limited to one district or one street. */
export const SCOPED_ROLES = ['district_staff', 'street_staff'] as const satisfies readonly Role[]

/** The signed-in user as every authorization decision sees it. */
export interface Principal {
  id: number
  username: string
  displayName: string
  role: Role
  /** The district a district_staff user answers for; for street_staff, the district of their street. */
  districtId: number | null
  /** The street a street_staff user answers for. */
  streetId: number | null
}

export type RoleScopeError = 'district_required' | 'street_required' | 'scope_not_allowed'

/**
 * Checks that a role carries exactly the scope it needs: district staff a district, street staff a street,
 * everyone else none. Returns null when consistent.
 */
export function checkRoleScope(role: Role, districtId: number | null | undefined, streetId: number | null | undefined): RoleScopeError | null {
  if (role === 'district_staff') {
    if (districtId == null) return 'district_required'
    if (streetId != null) return 'scope_not_allowed'
    return null
  }
  if (role === 'street_staff') return streetId == null ? 'street_required' : null
  return districtId != null || streetId != null ? 'scope_not_allowed' : null
}
