import type { Action } from './authorize.js'

/** Which permission each editable community field needs; anything not listed is a plain attribute. */
const FIELD_ACTIONS: Record<string, Action> = {
  investmentPlannedWan: 'community.edit_budget',
  investmentSpentWan: 'community.edit_budget',
  funding: 'community.edit_budget',
  geometry: 'community.edit_geometry',
}

/** The distinct actions a community update needs, given the fields it changes (`version` needs none). */
export function actionsForCommunityPatch(fields: readonly string[]): Action[] {
  const out = new Set<Action>()
  for (const f of fields) if (f !== 'version') out.add(FIELD_ACTIONS[f] ?? 'community.edit')
  return [...out]
}
