import type { ScheduleStatus } from '../../core/schedule/status.js'

/**
 * Schedule status colours, shared by the battle map, the dashboard, the large screen and the prints: grey
 * for not started, green on track, amber at risk, red late, blue done. Red and green differ in lightness
 * too, so the map still reads for red-green colour-blind viewers.
 */
export const STATUS_COLORS: Record<ScheduleStatus, string> = {
  not_started: '#a3adb8',
  on_track: '#3aa76d',
  at_risk: '#f0a30a',
  late: '#d9342b',
  done: '#1f63b5',
}

/** Brighter variants for the dark large-screen layout. */
export const STATUS_COLORS_DARK: Record<ScheduleStatus, string> = {
  not_started: '#7d8a99',
  on_track: '#35d08a',
  at_risk: '#ffc233',
  late: '#ff4d4f',
  done: '#4c9dff',
}
