import { describe, expect, it } from 'vitest'
import { ganttLevel, ganttSearch, parseGanttParams } from '../../client/features/schedule/gantt-params.js'

describe('the Gantt address', () => {
  it('opens one community when the address names it, keeping its district as the way back', () => {
    const p = parseGanttParams('?district=1&community=24')
    expect(p).toEqual({ community: 24, cluster: null, district: 1 })
    expect(ganttLevel(p)).toBe('community')
  })

  it('prefers a 片区 over its district, and shows the city chooser without either', () => {
    expect(ganttLevel(parseGanttParams('?district=2&cluster=5'))).toBe('cluster')
    expect(ganttLevel(parseGanttParams('?district=2'))).toBe('district')
    expect(ganttLevel(parseGanttParams(''))).toBe('city')
  })

  it('ignores ids that are not positive whole numbers', () => {
    expect(parseGanttParams('?district=abc&cluster=-3&community=0')).toEqual({ community: null, cluster: null, district: null })
    expect(parseGanttParams('?district=1.5&community=99999999999')).toEqual({ community: null, cluster: null, district: null })
  })

  it('writes addresses in a fixed order and drops empty parts', () => {
    expect(ganttSearch({ community: 24, district: 1 })).toBe('?district=1&community=24')
    expect(ganttSearch({ district: null, cluster: undefined })).toBe('')
  })
})
