import { describe, expect, it } from 'vitest'
import { coverageExportUrl, coverageQueryParams, isochroneQueryParams, type CoverageQuery } from '../../client/api/coverage-endpoints.js'
import {
  clampSiteCount,
  cumulativeSiteShares,
  formatPointChange,
  formatShareChange,
  formatWalkMinutes,
  toDistrictShareRows,
} from '../../client/features/coverage/coverage-format.js'
import { paddingFromObstacles } from '../../client/features/coverage/map-padding.js'
import { bandsInDrawingOrder, isNonEmptyBand } from '../../client/layers/coverage-isochrones.js'
import { pickFacilityAt } from '../../client/layers/coverage-facilities.js'
import type { CoverageGroup, IsochroneResponse } from '../../core/contracts/coverage.js'
import { coverageQuerySchema, coverageExportQuerySchema } from '../../core/contracts/coverage.js'

const query: CoverageQuery = { type: 'kindergarten', minutes: null, profile: 'elderly', planned: 'exclude' }

describe('coverage requests', () => {
  it('leave the minutes to the server when the standard is wanted, and send them when chosen', () => {
    expect(coverageQueryParams(query)).toEqual({ type: 'kindergarten', minutes: undefined, profile: 'elderly', planned: 'exclude' })
    expect(coverageQueryParams({ ...query, minutes: 15 }).minutes).toBe(15)
  })

  it('build export links the server accepts, with the current settings', () => {
    const url = coverageExportUrl({ ...query, minutes: 5 }, 'xlsx')
    expect(url).toBe('/api/coverage/export?type=kindergarten&minutes=5&profile=elderly&planned=exclude&format=xlsx')
    const params = Object.fromEntries(new URL(url, 'http://x').searchParams)
    expect(coverageExportQuerySchema.parse(params)).toMatchObject({ type: 'kindergarten', minutes: 5, profile: 'elderly', planned: 'exclude', format: 'xlsx' })
    const csv = Object.fromEntries(new URL(coverageExportUrl(query, 'csv'), 'http://x').searchParams)
    expect(csv.minutes).toBeUndefined()
    expect(coverageQuerySchema.parse(csv).minutes).toBeUndefined()
  })

  it('ask for one facility’s catchment by id, without the minutes (bands do not depend on them)', () => {
    expect(isochroneQueryParams({ ...query, minutes: 5 }, 42)).toEqual({ type: 'kindergarten', profile: 'elderly', planned: 'exclude', facility: 42 })
    expect(isochroneQueryParams(query).facility).toBeUndefined()
  })
})

describe('formatting coverage numbers', () => {
  it('writes walking minutes with a decimal, so a walk just over the threshold does not read as on it', () => {
    expect(formatWalkMinutes(4.26, 'zh')).toBe('4.3')
    expect(formatWalkMinutes(10.26, 'en')).toBe('10.3')
    expect(formatWalkMinutes(123.4, 'en')).toBe('123')
    expect(formatWalkMinutes(null, 'zh')).toBe('—')
  })

  it('writes a change of share as before → after and in percentage points', () => {
    expect(formatShareChange(0.724, 0.819, 'zh')).toBe('72.4% → 81.9%')
    expect(formatPointChange(0.724, 0.819, 'zh')).toBe('+9.5')
    expect(formatPointChange(0.5, 0.5, 'en')).toBe('0.0')
  })

  it('accumulates the share site by site in rank order', () => {
    const before = { communities: 10, coveredCommunities: 6, residents: 10_000, coveredResidents: 7_000, share: 0.7 }
    const steps = cumulativeSiteShares(before, [
      { rank: 2, marginalResidents: 500 },
      { rank: 1, marginalResidents: 1_200 },
    ])
    expect(steps).toEqual([
      { rank: 1, before: 0.7, after: 0.82 },
      { rank: 2, before: 0.82, after: 0.87 },
    ])
  })

  it('keeps the number of sites within 1–20', () => {
    expect(clampSiteCount('3')).toBe(3)
    expect(clampSiteCount('0')).toBe(1)
    expect(clampSiteCount('99')).toBe(20)
    expect(clampSiteCount('')).toBe(3)
    expect(clampSiteCount('abc')).toBe(3)
    expect(clampSiteCount('4.6')).toBe(5)
  })

  it('orders districts best served first and flags those below the city', () => {
    const g = (id: number, name: string, share: number, residents = 100): CoverageGroup => ({
      id,
      name,
      share,
      residents,
      coveredResidents: Math.round(share * residents),
      communities: 2,
      coveredCommunities: 1,
    })
    const rows = toDistrictShareRows({ share: 0.6, byDistrict: [g(1, '庐阳区', 0.5), g(2, '包河区', 0.9), g(3, '空区', 0, 0), g(4, '蜀山区', 0.6)] })
    expect(rows.map((r) => [r.name, r.belowCity])).toEqual([
      ['包河区', false],
      ['蜀山区', false],
      ['庐阳区', true],
    ])
  })
})

describe('isochrone bands on the map', () => {
  const square = (size: number) => [[[0, 0], [size, 0], [size, size], [0, size], [0, 0]]] as [number, number][][]
  const response = {
    type: 'FeatureCollection',
    method: 'network',
    walkSpeedMps: 1,
    facilityType: 'clinic',
    facilityId: null,
    features: [5, 10, 15].map((m) => ({
      type: 'Feature',
      properties: { minutes: m },
      geometry: { type: 'MultiPolygon', coordinates: m === 5 ? [] : [square(m)] },
    })),
  } as IsochroneResponse

  it('are drawn widest first so 15 lies under 10 under 5, empty bands left out', () => {
    expect(isNonEmptyBand(response.features[0])).toBe(false)
    expect(bandsInDrawingOrder(response).map((f) => f.properties.minutes)).toEqual([15, 10])
    expect(bandsInDrawingOrder(undefined)).toEqual([])
  })
})

describe('clicking a facility', () => {
  const at = (id: number, x: number, y: number) => ({ id, geometry: { coordinates: [x, y] as [number, number] } })
  const identity = ([x, y]: [number, number]) => ({ x, y })

  it('picks the nearest facility within the tolerance, or none', () => {
    const list = [at(1, 100, 100), at(2, 106, 100), at(3, 300, 300)]
    expect(pickFacilityAt(list, { x: 105, y: 100 }, identity)?.id).toBe(2)
    expect(pickFacilityAt(list, { x: 150, y: 150 }, identity)).toBeNull()
  })
})

describe('framing around the floating panels', () => {
  const map = { left: 0, top: 76, right: 1440, bottom: 900 }

  it('pushes each covered edge in by the panel plus a margin', () => {
    const pad = paddingFromObstacles(map, [
      { side: 'left', box: { left: 12, top: 88, right: 352, bottom: 888 } },
      { side: 'right', box: { left: 1110, top: 88, right: 1428, bottom: 400 } },
      { side: 'bottom', box: { left: 364, top: 588, right: 1428, bottom: 888 } },
    ])
    expect(pad).toEqual({ top: 16, left: 368, right: 346, bottom: 328 })
  })

  it('ignores hidden panels and gives room back when the panels leave too little map', () => {
    const pad = paddingFromObstacles({ left: 0, top: 0, right: 600, bottom: 400 }, [
      { side: 'left', box: { left: 0, top: 0, right: 0, bottom: 0 } },
      { side: 'bottom', box: { left: 0, top: 50, right: 600, bottom: 400 } },
    ])
    expect(pad.left).toBe(16)
    expect(pad.top + pad.bottom + 160).toBeLessThanOrEqual(400)
  })
})
