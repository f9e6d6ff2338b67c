import type { zhSchedule } from './zh-schedule.js'

/** English messages of the schedule pages. */
export const enSchedule: Record<keyof typeof zhSchedule, string> = {
  'nav.gantt': 'Schedule',
  'nav.progress': 'Progress reports',

  'schedule.status.not_started': 'Not started',
  'schedule.status.on_track': 'On track',
  'schedule.status.at_risk': 'At risk',
  'schedule.status.late': 'Late',
  'schedule.status.done': 'Done',
  'schedule.daysLate': '{n} days late',
  'schedule.asOf': 'As of {date}',
  'schedule.live': 'Live',
  'schedule.liveTitle': 'Updates within seconds when anyone reports progress',
}
