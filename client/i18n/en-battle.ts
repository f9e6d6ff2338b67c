import type { zhBattle } from './zh-battle.js'

/** English messages of the battle pages. */
export const enBattle: Record<keyof typeof zhBattle, string> = {
  'nav.battle': 'Battle map',
}
