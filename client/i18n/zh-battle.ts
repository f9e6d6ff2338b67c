/** Chinese messages of the battle pages (merged into `zh`, the source of keys). */
export const zhBattle = {
  'nav.battle': '挂图作战',
}
