import { featureFilter } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, it } from 'vitest'
import { NO_FILTERS, type CommunityFilters } from '../../client/features/communities/filters.js'
import { buildCommunityMatch, communityLayerFilters } from '../../client/layers/community-filter.js'
import { COMMUNITY_LAYER_IDS } from '../../client/layers/community-layers.js'

// A vector-tile feature as MapLibre's filter evaluator sees it (type 3 = polygon, 1 = point).
const polygon = (properties: Record<string, unknown>) => ({ type: 3 as const, properties, id: 1 })
const point = (properties: Record<string, unknown>) => ({ type: 1 as const, properties, id: 1 })
const shows = (filters: CommunityFilters, layerId: string, feature: ReturnType<typeof polygon | typeof point>) => {
  const spec = communityLayerFilters(filters)[layerId]
  if (!spec.visible) return false
  return featureFilter(spec.filter, `layers[${layerId}].filter`).filter({ zoom: 12 }, feature as never)
}

const inDistrict2 = polygon({ name: '幸福小区', stage: 'construction', district_id: 2, street_id: 21, progress_pct: 40 })
const inDistrict3 = polygon({ name: '和平小区', stage: 'design', district_id: 3, street_id: 31, progress_pct: 10 })

describe('the filter bar on the map', () => {
  it('shows every community in its stage colour when nothing is filtered, and hides the faded copy', () => {
    expect(buildCommunityMatch(NO_FILTERS)).toBeNull()
    expect(shows(NO_FILTERS, COMMUNITY_LAYER_IDS.fill, inDistrict2)).toBe(true)
    expect(shows(NO_FILTERS, COMMUNITY_LAYER_IDS.fill, inDistrict3)).toBe(true)
    expect(shows(NO_FILTERS, COMMUNITY_LAYER_IDS.contextFill, inDistrict3)).toBe(false)
  })

  it('moves communities of other districts to the faded context layer', () => {
    const f: CommunityFilters = { districtId: 2, streetId: null, stage: null }
    expect(shows(f, COMMUNITY_LAYER_IDS.fill, inDistrict2)).toBe(true)
    expect(shows(f, COMMUNITY_LAYER_IDS.fill, inDistrict3)).toBe(false)
    expect(shows(f, COMMUNITY_LAYER_IDS.contextFill, inDistrict3)).toBe(true)
    expect(shows(f, COMMUNITY_LAYER_IDS.contextFill, inDistrict2)).toBe(false)
  })

  it('combines street and stage with AND', () => {
    const f: CommunityFilters = { districtId: 2, streetId: 21, stage: 'design' }
    expect(shows(f, COMMUNITY_LAYER_IDS.fill, inDistrict2)).toBe(false) // right street, wrong stage
    expect(shows({ ...f, stage: 'construction' }, COMMUNITY_LAYER_IDS.fill, inDistrict2)).toBe(true)
  })

  it('matches ids whether the tile encoder wrote them as integers or as strings', () => {
    const f: CommunityFilters = { districtId: 2, streetId: null, stage: null }
    expect(shows(f, COMMUNITY_LAYER_IDS.fill, polygon({ stage: 'survey', district_id: '2' }))).toBe(true)
    expect(shows(f, COMMUNITY_LAYER_IDS.fill, polygon({ stage: 'survey', district_id: 2.0 }))).toBe(true)
  })

  it('applies to the low-zoom centroid points as well as the polygons', () => {
    const f: CommunityFilters = { districtId: null, streetId: null, stage: 'design' }
    expect(shows(f, COMMUNITY_LAYER_IDS.points, point({ stage: 'design', district_id: 3 }))).toBe(true)
    expect(shows(f, COMMUNITY_LAYER_IDS.points, point({ stage: 'handover', district_id: 3 }))).toBe(false)
    // Points never leak into the polygon layers and vice versa.
    expect(shows(f, COMMUNITY_LAYER_IDS.fill, point({ stage: 'design', district_id: 3 }))).toBe(false)
    expect(shows(f, COMMUNITY_LAYER_IDS.points, inDistrict3)).toBe(false)
  })
})
