import { describe, expect, it } from 'vitest'
import { ACTIONS, PERMISSIONS, actionsOf, authorize, isInScope, scopeFilter } from '../../core/auth/authorize.js'
import { actionsForCommunityPatch } from '../../core/auth/community-fields.js'
import { ROLES, checkRoleScope, type Principal, type Role } from '../../core/auth/roles.js'

const user = (role: Role, districtId: number | null = null, streetId: number | null = null): Principal => ({
  id: 1,
  username: role,
  displayName: role,
  role,
  districtId,
  streetId,
})
const streetStaff = user('street_staff', 3, 31)
const districtStaff = user('district_staff', 3)

describe('authorize', () => {
  it('refuses everything to nobody, as unauthenticated', () => {
    for (const a of ACTIONS) expect(authorize(null, a)).toMatchObject({ allowed: false, reason: 'unauthenticated' })
  })

  it('lets the leader and the analyst read everything and write nothing', () => {
    for (const role of ['leader', 'analyst'] as const) {
      for (const a of ['data.read', 'tiles.read', 'data.export', 'analysis.run'] as const) expect(authorize(user(role), a).allowed).toBe(true)
      for (const a of ['progress.report', 'schedule.edit', 'community.edit', 'community.edit_budget', 'community.edit_geometry', 'cluster.edit', 'facility.edit', 'data.import', 'user.manage'] as const) {
        expect(authorize(user(role), a)).toMatchObject({ allowed: false, reason: 'role' })
      }
    }
  })

  it('lets street staff report only for communities in their street', () => {
    expect(authorize(streetStaff, 'progress.report', { districtId: 3, streetId: 31 }).allowed).toBe(true)
    expect(authorize(streetStaff, 'progress.report', { districtId: 3, streetId: 32 })).toMatchObject({
      allowed: false,
      reason: 'scope',
      scope: { districtId: 3, streetId: 31 },
    })
    expect(authorize(streetStaff, 'schedule.edit', { districtId: 4, streetId: 41 }).allowed).toBe(false)
  })

  it('lets district staff report anywhere in their district, and nowhere else', () => {
    expect(authorize(districtStaff, 'progress.report', { districtId: 3, streetId: 32 }).allowed).toBe(true)
    expect(authorize(districtStaff, 'progress.report', { districtId: 4, streetId: 41 }).allowed).toBe(false)
  })

  it('never lets staff touch geometry, budget or 片区, even in their own street', () => {
    for (const p of [streetStaff, districtStaff]) {
      for (const a of ['community.edit', 'community.edit_budget', 'community.edit_geometry', 'cluster.edit'] as const) {
        expect(authorize(p, a, { districtId: 3, streetId: 31 })).toMatchObject({ allowed: false, reason: 'role' })
      }
    }
  })

  it('gives user management and chain verification to administrators only', () => {
    for (const role of ROLES) {
      const p = role === 'district_staff' ? districtStaff : role === 'street_staff' ? streetStaff : user(role)
      expect(authorize(p, 'user.manage').allowed).toBe(role === 'admin')
      expect(authorize(p, 'audit.verify').allowed).toBe(role === 'admin')
    }
  })

  it('grants every signed-in role read access, so no role is locked out of the map', () => {
    for (const role of ROLES) expect(PERMISSIONS['data.read'][role]).toBe('all')
    for (const role of ROLES) expect(actionsOf(role)).toContain('tiles.read')
  })

  it('restricts a scoped read to the street or district, and nobody else', () => {
    expect(scopeFilter(streetStaff, 'audit.read')).toEqual({ districtId: null, streetId: 31 })
    expect(scopeFilter(districtStaff, 'audit.read')).toEqual({ districtId: 3, streetId: null })
    expect(scopeFilter(user('leader'), 'audit.read')).toBeNull()
    expect(isInScope(user('planner'), { districtId: 9, streetId: 99 })).toBe(true)
  })

  it('a scoped user whose scope is missing is in scope nowhere', () => {
    const broken = user('street_staff', null, null)
    expect(isInScope(broken, { districtId: 3, streetId: 31 })).toBe(false)
  })
})

describe('role scopes', () => {
  it('requires a district for district staff, a street for street staff, and none for the others', () => {
    expect(checkRoleScope('district_staff', null, null)).toBe('district_required')
    expect(checkRoleScope('district_staff', 3, 31)).toBe('scope_not_allowed')
    expect(checkRoleScope('district_staff', 3, null)).toBeNull()
    expect(checkRoleScope('street_staff', 3, null)).toBe('street_required')
    expect(checkRoleScope('street_staff', null, 31)).toBeNull()
    expect(checkRoleScope('planner', 3, null)).toBe('scope_not_allowed')
    expect(checkRoleScope('leader', null, null)).toBeNull()
  })
})

describe('community update permissions', () => {
  it('asks for the budget right for money fields and the geometry right for the outline', () => {
    expect(actionsForCommunityPatch(['households', 'version'])).toEqual(['community.edit'])
    expect(actionsForCommunityPatch(['investmentPlannedWan', 'funding', 'name']).sort()).toEqual(['community.edit', 'community.edit_budget'])
    expect(actionsForCommunityPatch(['geometry'])).toEqual(['community.edit_geometry'])
    expect(actionsForCommunityPatch(['version'])).toEqual([])
  })
})
