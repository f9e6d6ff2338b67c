/** What the large screen's centre panel shows: the whole city or one district (by id). */
export type FocusKey = 'city' | number

/** The order the screen cycles through: the city first, then the districts by id (stable while rankings move). */
export function focusCycle(districts: readonly { id: number }[]): FocusKey[] {
  return ['city', ...[...new Set(districts.map((d) => d.id))].sort((a, b) => a - b)]
}

/** The focus `step` places along the cycle (wrapping both ways); an unknown focus restarts at the city. */
export function stepFocus(cycle: readonly FocusKey[], current: FocusKey, step: number): FocusKey {
  if (cycle.length === 0) return 'city'
  const i = cycle.indexOf(current)
  if (i < 0) return cycle[0]
  const n = cycle.length
  return cycle[(((i + step) % n) + n) % n]
}

/** The value of `data-focus` and of cache keys: 'city' or the district id. */
export function focusId(focus: FocusKey): string {
  return focus === 'city' ? 'city' : String(focus)
}
