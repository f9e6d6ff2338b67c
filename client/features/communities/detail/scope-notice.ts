import type { Principal } from '../../../../core/auth/roles.js'
import { isInScope } from '../../../../core/auth/authorize.js'

/** Where a community lies, with names for display. */
export interface CommunityPlace {
  districtId: number
  districtName: string
  streetId: number
  streetName: string
}

/** The names of the user's own district or street, once looked up (null while unknown). */
export interface OwnScopeNames {
  districtName: string | null
  streetName: string | null
}

/** The two places an out-of-scope notice names: the community's and the user's own. */
export type ScopeNoticeParams = {
  community: string
  own: string
}

/**
 * The community's place and the user's own, named at the level of the user's scope: streets for street
 * staff, districts otherwise. `fallback` names the user's area while its name is still loading.
 */
export function scopePlaces(user: Principal, c: CommunityPlace, own: OwnScopeNames, fallback: string): ScopeNoticeParams {
  if (user.role === 'street_staff') {
    // Name the district too when the community lies in another district: two streets may share a name.
    const community = c.districtId === user.districtId ? c.streetName : `${c.districtName} ${c.streetName}`
    return { community, own: own.streetName ?? fallback }
  }
  return { community: c.districtName, own: own.districtName ?? fallback }
}

/**
 * For district or street staff looking at a community outside their area: the two places the notice
 * names. Null when the user is not scoped or the community is inside their area.
 */
export function scopeNoticeParams(user: Principal, c: CommunityPlace, own: OwnScopeNames, fallback: string): ScopeNoticeParams | null {
  if (user.role !== 'street_staff' && user.role !== 'district_staff') return null
  if (isInScope(user, { districtId: c.districtId, streetId: c.streetId })) return null
  return scopePlaces(user, c, own, fallback)
}
