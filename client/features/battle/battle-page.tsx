/** Placeholder while the page is being built (replaced in this change). */
export function BattlePage() {
  return null
}
