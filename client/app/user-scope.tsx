import { createContext, useContext, useMemo, type ReactNode } from 'react'
import type { Principal } from '../../core/auth/roles.js'
import { api } from '../api/endpoints.js'
import { useRequest } from '../api/use-request.js'
import type { OwnScopeNames } from '../features/communities/detail/scope-notice.js'
import { useSession } from './session-context.js'

const UserScopeContext = createContext<OwnScopeNames>({ districtName: null, streetName: null })

/** What to look up for a user's area: the district list for district staff, their district's streets for street staff. */
function scopeKey(user: Principal): string | null {
  if (user.role === 'district_staff' && user.districtId !== null) return `scope:district:${user.districtId}`
  if (user.role === 'street_staff' && user.streetId !== null) return `scope:street:${user.districtId ?? 'all'}:${user.streetId}`
  return null
}

/** Loads the names of the signed-in user's district or street once, for the user menu and scope notices. */
export function UserScopeProvider({ children }: { children: ReactNode }) {
  const { user } = useSession()
  const req = useRequest(scopeKey(user), async (): Promise<OwnScopeNames> => {
    if (user.role === 'street_staff') {
      const streets = await api.streets(user.districtId)
      const s = streets.find((r) => r.id === user.streetId)
      return { districtName: s?.districtName ?? null, streetName: s?.name ?? null }
    }
    const districts = await api.districts()
    return { districtName: districts.find((d) => d.id === user.districtId)?.name ?? null, streetName: null }
  })
  const data = req.data
  const value = useMemo<OwnScopeNames>(() => data ?? { districtName: null, streetName: null }, [data])
  return <UserScopeContext.Provider value={value}>{children}</UserScopeContext.Provider>
}

/** The names of the user's own district / street (null for city-wide roles or while loading). */
export function useUserScope(): OwnScopeNames {
  return useContext(UserScopeContext)
}
