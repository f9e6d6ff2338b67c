import { navigate } from '../../app/router.js'
import { ganttSearch, type GanttParams } from './gantt-params.js'

/** Where the Gantt lives, and going to one of its levels (district, 片区 or community) by address. */

export const GANTT_PATH = '/gantt'
export const go = (p: Partial<GanttParams>) => navigate(GANTT_PATH + ganttSearch(p))
