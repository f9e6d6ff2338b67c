import type { UpdateUserBody, UserAccount } from '../../../core/contracts/auth.js'
import type { Role } from '../../../core/auth/roles.js'
import type { ScopeNames } from './scope-name.js'

/** What the create / edit form holds. Ids are null until picked. */
export interface UserFormValues {
  username: string
  displayName: string
  role: Role
  districtId: number | null
  streetId: number | null
  password: string
}

export type UserFormField = 'username' | 'displayName' | 'districtId' | 'streetId'
export type UserFormErrors = Partial<Record<UserFormField, 'usernameRequired' | 'usernameInvalid' | 'displayNameRequired' | 'districtRequired' | 'streetRequired'>>

const USERNAME = /^[A-Za-z0-9_.-]{2,40}$/

/**
 * The scope a role keeps from the pickers: district staff their district, street staff their street (and its
 * district, as the server stores it), everyone else none. Pickers left over from another role are dropped.
 */
export function scopeForRole(role: Role, districtId: number | null, streetId: number | null, streets: ScopeNames['streets']): { districtId: number | null; streetId: number | null } {
  if (role === 'district_staff') return { districtId, streetId: null }
  if (role === 'street_staff') {
    if (streetId == null) return { districtId, streetId: null }
    return { districtId: streets.find((s) => s.id === streetId)?.districtId ?? districtId, streetId }
  }
  return { districtId: null, streetId: null }
}

/** The fields the form must fix before sending (the server checks again, and checks the password). */
export function validateUserForm(v: UserFormValues, mode: 'create' | 'edit'): UserFormErrors {
  const errors: UserFormErrors = {}
  if (mode === 'create') {
    if (!v.username.trim()) errors.username = 'usernameRequired'
    else if (!USERNAME.test(v.username.trim())) errors.username = 'usernameInvalid'
  }
  if (!v.displayName.trim()) errors.displayName = 'displayNameRequired'
  if (v.role === 'district_staff' && v.districtId == null) errors.districtId = 'districtRequired'
  if (v.role === 'street_staff' && v.streetId == null) errors.streetId = 'streetRequired'
  return errors
}

/** The form's starting values for an existing user. */
export function formValuesOf(user: UserAccount): UserFormValues {
  return { username: user.username, displayName: user.displayName, role: user.role, districtId: user.districtId, streetId: user.streetId, password: '' }
}

/**
 * The PATCH body for what the admin changed (without the version, added when sending), or null when nothing
 * changed. A changed role or scope sends the whole scope so the server never sees half of one.
 */
export function updateBodyOf(user: UserAccount, v: UserFormValues, streets: ScopeNames['streets']): Omit<UpdateUserBody, 'version'> | null {
  const body: Omit<UpdateUserBody, 'version'> = {}
  const displayName = v.displayName.trim()
  if (displayName !== user.displayName) body.displayName = displayName
  if (v.role !== user.role) body.role = v.role
  const scope = scopeForRole(v.role, v.districtId, v.streetId, streets)
  if (v.role !== user.role || scope.districtId !== user.districtId || scope.streetId !== user.streetId) {
    body.districtId = scope.districtId
    body.streetId = scope.streetId
  }
  return Object.keys(body).length ? body : null
}
