import type { Principal, Role } from './roles.js'

/**
 * Everything a user can be allowed or refused. Routes, tiles and exports ask `authorize` for one of these;
 * no other code decides who may do what.
 */
export const ACTIONS = [
  'data.read', // map data, lists, details, summaries
  'tiles.read', // vector tiles
  'data.export', // downloads of lists and reports
  'analysis.run', // coverage, siting and other computations that write nothing
  'progress.report', // weekly progress reports
  'schedule.edit', // planned and actual stage dates
  'programme.edit', // plan-year milestones, targets and the at-risk threshold
  'community.edit', // descriptive attributes, consent counts, plan year
  'community.edit_budget', // investment and funding
  'community.edit_geometry', // outlines
  'cluster.edit', // 片区 and tender packages
  'facility.edit', // planned facilities, what-if edits
  'data.import', // importing datasets
  'audit.read', // the audit trail (and its export)
  'audit.verify', // checking the audit hash chain
  'user.read', // the user list
  'user.manage', // creating, changing, disabling users and resetting passwords
] as const
export type Action = (typeof ACTIONS)[number]

/** 'all': anywhere; 'scope': only inside the user's district or street. A role missing from a row may not. */
export type Grant = 'all' | 'scope'

const EVERYONE: Record<Role, Grant> = {
  admin: 'all',
  planner: 'all',
  leader: 'all',
  analyst: 'all',
  district_staff: 'all',
  street_staff: 'all',
}
const PLANNING: Partial<Record<Role, Grant>> = { admin: 'all', planner: 'all' }
const REPORTING: Partial<Record<Role, Grant>> = { admin: 'all', planner: 'all', district_staff: 'scope', street_staff: 'scope' }

/** The permission table (role × action), kept as data so it can be printed, reviewed and tested. */
export const PERMISSIONS: Record<Action, Partial<Record<Role, Grant>>> = {
  'data.read': EVERYONE,
  'tiles.read': EVERYONE,
  'data.export': EVERYONE,
  'analysis.run': { admin: 'all', planner: 'all', leader: 'all', analyst: 'all' },
  'progress.report': REPORTING,
  'schedule.edit': REPORTING,
  'programme.edit': PLANNING,
  'community.edit': PLANNING,
  'community.edit_budget': PLANNING,
  'community.edit_geometry': PLANNING,
  'cluster.edit': PLANNING,
  'facility.edit': PLANNING,
  'data.import': { admin: 'all' },
  'audit.read': { admin: 'all', leader: 'all', planner: 'all', district_staff: 'scope', street_staff: 'scope' },
  'audit.verify': { admin: 'all' },
  'user.read': { admin: 'all' },
  'user.manage': { admin: 'all' },
}

/** Where the thing acted on lies. Omitted for city-wide things (a user list, the audit trail as a whole). */
export interface TargetScope {
  districtId: number | null
  streetId: number | null
}

export type DenyReason = 'unauthenticated' | 'role' | 'scope'
export type Decision =
  | { allowed: true; grant: Grant }
  | { allowed: false; reason: DenyReason; action: Action; role: Role | null; scope?: { districtId: number | null; streetId: number | null } }

/** True when the target lies inside the principal's district or street. */
export function isInScope(p: Principal, target: TargetScope): boolean {
  if (p.role === 'street_staff') return p.streetId !== null && target.streetId === p.streetId
  if (p.role === 'district_staff') return p.districtId !== null && target.districtId === p.districtId
  return true
}

/**
 * The one authorization decision: may this principal perform this action (on a target at this place)?
 * A scoped grant without a target allows only what is then filtered to the scope (e.g. reading the audit
 * trail); the caller must apply `scopeFilter` in that case.
 */
export function authorize(principal: Principal | null, action: Action, target?: TargetScope): Decision {
  if (!principal) return { allowed: false, reason: 'unauthenticated', action, role: null }
  const grant = PERMISSIONS[action][principal.role]
  if (!grant) return { allowed: false, reason: 'role', action, role: principal.role }
  if (grant === 'scope' && target && !isInScope(principal, target)) {
    return { allowed: false, reason: 'scope', action, role: principal.role, scope: { districtId: principal.districtId, streetId: principal.streetId } }
  }
  return { allowed: true, grant }
}

/** For a granted read over many rows: the restriction to apply (null = none). */
export function scopeFilter(principal: Principal, action: Action): TargetScope | null {
  if (PERMISSIONS[action][principal.role] !== 'scope') return null
  return principal.role === 'street_staff'
    ? { districtId: null, streetId: principal.streetId }
    : { districtId: principal.districtId, streetId: null }
}

/** Every action a role may perform (for the UI to show or hide controls; the server still decides). */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((a) => PERMISSIONS[a][role] !== undefined)
}
