import { describe, expect, it } from 'vitest'
import {
  communitiesOf,
  drillInto,
  drillUpTo,
  nextPlaybackDate,
  scopeQuery,
  selectedCommunityId,
  sliderStops,
  stopIndexOf,
  type DrillPath,
} from '../../client/features/battle/drill.js'
import { requestKey } from '../../client/features/battle/use-battle-data.js'
import { cityNameOf, safeFileName } from '../../client/features/battle/print/print-text.js'

const district = { kind: 'district', id: 5, name: '西园区' } as const
const street = { kind: 'street', id: 21, name: '梅山街道', districtId: 5 } as const
const cluster = { kind: 'cluster', id: 3, name: '梅山片区', memberIds: [101, 102] } as const
const community = (id: number) => ({ kind: 'community', id, name: `小区${id}` }) as const

describe('the battle map drill-down', () => {
  it('goes 全市 › 区 › 街道 › 片区 › 小区 and back up by the breadcrumb', () => {
    let path: DrillPath = []
    path = drillInto(path, district)
    path = drillInto(path, street)
    path = drillInto(path, cluster)
    path = drillInto(path, community(101))
    expect(path.map((n) => n.kind)).toEqual(['district', 'street', 'cluster', 'community'])
    expect(selectedCommunityId(path)).toBe(101)
    expect(drillUpTo(path, 1)).toEqual([district])
    expect(drillUpTo(path, 0)).toEqual([])
  })

  it('replaces a step of the same level instead of stacking it', () => {
    const path = drillInto(drillInto([district, street], community(7)), community(8))
    expect(path.map((n) => n.id)).toEqual([5, 21, 8])
    expect(drillInto(path, { kind: 'street', id: 22, name: '枫林街道', districtId: 5 }).map((n) => n.id)).toEqual([5, 22])
  })

  it('asks the API for the deepest unit above a community', () => {
    expect(scopeQuery([])).toEqual({})
    expect(scopeQuery([district])).toEqual({ districtId: 5 })
    expect(scopeQuery([district, street, community(7)])).toEqual({ streetId: 21 })
    expect(scopeQuery([district, cluster])).toEqual({ clusterId: 3 })
  })

  it('frames a unit by its programme communities', () => {
    const list = [
      { id: 1, districtId: 5, streetId: 21 },
      { id: 2, districtId: 5, streetId: 22 },
      { id: 3, districtId: 6, streetId: 30 },
    ]
    expect(communitiesOf(null, list)).toBeNull()
    expect(communitiesOf(district, list)).toEqual([1, 2])
    expect(communitiesOf(street, list)).toEqual([1])
    expect(communitiesOf(cluster, list)).toEqual([101, 102])
    expect(communitiesOf(community(3), list)).toEqual([3])
  })
})

describe('the time slider', () => {
  const weeks = ['2026-01-05', '2026-01-12', '2026-01-19']

  it('ends at today, adding it when today is not a Monday', () => {
    expect(sliderStops(weeks, '2026-01-19')).toEqual(weeks)
    expect(sliderStops(weeks, '2026-01-21')).toEqual([...weeks, '2026-01-21'])
  })

  it('places a date on the last stop at or before it; null is today', () => {
    const stops = sliderStops(weeks, '2026-01-21')
    expect(stopIndexOf(stops, null)).toBe(3)
    expect(stopIndexOf(stops, '2026-01-12')).toBe(1)
    expect(stopIndexOf(stops, '2026-01-14')).toBe(1)
  })

  it('plays week by week from the start and stops at today', () => {
    const stops = sliderStops(weeks, '2026-01-21')
    expect(nextPlaybackDate(stops, null)).toBe('2026-01-05')
    expect(nextPlaybackDate(stops, '2026-01-05')).toBe('2026-01-12')
    expect(nextPlaybackDate(stops, '2026-01-19')).toBeNull()
    expect(nextPlaybackDate(['2026-01-05'], null)).toBe('end')
  })

  it('keys a request by date and scope, so a request for another week is known to be stale', () => {
    expect(requestKey(null, {})).not.toBe(requestKey('2026-01-05', {}))
    expect(requestKey('2026-01-05', { districtId: 5 })).not.toBe(requestKey('2026-01-05', { streetId: 5 }))
    expect(requestKey('2026-01-05', { districtId: 5 })).toBe(requestKey('2026-01-05', { districtId: 5 }))
  })
})

describe('print texts', () => {
  it('takes the city name from the dataset label', () => {
    expect(cityNameOf('演示数据：虚构城市「清河市」', 'zh')).toBe('清河市')
    expect(cityNameOf('Demo data: the fictional city of Qinghe', 'en')).toBe('Qinghe')
    expect(cityNameOf('合肥市', 'zh')).toBe('合肥市')
  })

  it('makes file names without path characters', () => {
    expect(safeFileName('挂图作战-西园区/梅山街道-2026-06-01')).toBe('挂图作战-西园区-梅山街道-2026-06-01')
    expect(safeFileName('..')).toBe('battle-map')
  })
})
