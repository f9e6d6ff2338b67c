import { describe, expect, it } from 'vitest'
import { scopeNameOf, type ScopeNames } from '../../client/features/admin/scope-name.js'
import { scopeForRole, updateBodyOf, validateUserForm, type UserFormValues } from '../../client/features/admin/user-form-values.js'
import type { UserAccount } from '../../core/contracts/auth.js'

const names: ScopeNames = {
  districts: [
    { id: 1, name: '蜀山区' },
    { id: 2, name: '包河区' },
  ],
  streets: [
    { id: 11, name: '三里庵街道', districtId: 1 },
    { id: 21, name: '芜湖路街道', districtId: 2 },
  ],
}

describe('the name of a user scope or a record place', () => {
  it('names a district, and a street with its district', () => {
    expect(scopeNameOf({ districtId: 1, streetId: null }, names)).toBe('蜀山区')
    expect(scopeNameOf({ districtId: 2, streetId: 21 }, names)).toBe('包河区 / 芜湖路街道')
  })

  it('finds the district of a street when only the street is known', () => {
    expect(scopeNameOf({ districtId: null, streetId: 11 }, names, { separator: ' · ' })).toBe('蜀山区 · 三里庵街道')
  })

  it('is null for a city-wide scope', () => {
    expect(scopeNameOf({ districtId: null, streetId: null }, names)).toBeNull()
  })

  it('shows ids it cannot name instead of hiding the scope', () => {
    expect(scopeNameOf({ districtId: 9, streetId: null }, names)).toBe('#9')
    expect(scopeNameOf({ districtId: null, streetId: 99 }, names)).toBe('#99')
    expect(scopeNameOf({ districtId: 1, streetId: 99 }, names)).toBe('蜀山区 / #99')
    expect(scopeNameOf({ districtId: 1, streetId: 11 }, { districts: [], streets: [] })).toBe('#1 / #11')
  })
})

const account: UserAccount = {
  id: 7,
  username: 'zhang.min',
  displayName: '张敏',
  role: 'district_staff',
  districtId: 1,
  streetId: null,
  disabled: false,
  mustChangePassword: false,
  passwordChangedAt: '2026-01-01T00:00:00Z',
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
}
const values = (v: Partial<UserFormValues>): UserFormValues => ({
  username: 'zhang.min',
  displayName: '张敏',
  role: 'district_staff',
  districtId: 1,
  streetId: null,
  password: '',
  ...v,
})

describe('the user form', () => {
  it('keeps only the scope a role carries', () => {
    expect(scopeForRole('planner', 1, 11, names.streets)).toEqual({ districtId: null, streetId: null })
    expect(scopeForRole('district_staff', 1, 11, names.streets)).toEqual({ districtId: 1, streetId: null })
    expect(scopeForRole('street_staff', 1, 21, names.streets)).toEqual({ districtId: 2, streetId: 21 })
  })

  it('asks for the district or street a scoped role needs, and a well-formed username', () => {
    expect(validateUserForm(values({ role: 'district_staff', districtId: null }), 'create')).toEqual({ districtId: 'districtRequired' })
    expect(validateUserForm(values({ role: 'street_staff', districtId: 1, streetId: null }), 'create')).toEqual({ streetId: 'streetRequired' })
    expect(validateUserForm(values({ username: 'a b', displayName: ' ' }), 'create')).toEqual({ username: 'usernameInvalid', displayName: 'displayNameRequired' })
    expect(validateUserForm(values({ username: '' }), 'edit')).toEqual({})
  })

  it('sends only what changed, and the whole scope when the role or scope changes', () => {
    expect(updateBodyOf(account, values({}), names.streets)).toBeNull()
    expect(updateBodyOf(account, values({ displayName: ' 张敏敏 ' }), names.streets)).toEqual({ displayName: '张敏敏' })
    expect(updateBodyOf(account, values({ role: 'planner' }), names.streets)).toEqual({ role: 'planner', districtId: null, streetId: null })
    expect(updateBodyOf(account, values({ districtId: 2 }), names.streets)).toEqual({ districtId: 2, streetId: null })
    expect(updateBodyOf(account, values({ role: 'street_staff', districtId: 1, streetId: 11 }), names.streets)).toEqual({
      role: 'street_staff',
      districtId: 1,
      streetId: 11,
    })
  })
})
