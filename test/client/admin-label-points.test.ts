import { booleanPointInPolygon } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import type { AdminCollection } from '../../client/api/endpoints.js'
import { computeAdminLabelPoints } from '../../client/map/admin-label-points.js'

describe('district and street label points', () => {
  it('puts one label inside each area, even a crescent whose centre of mass lies outside it', () => {
    // A "C" shape open to the east: its centre of mass falls in the empty bite.
    const crescent = [
      [
        [117.2, 31.8], [117.3, 31.8], [117.3, 31.82], [117.22, 31.82], [117.22, 31.88],
        [117.3, 31.88], [117.3, 31.9], [117.2, 31.9], [117.2, 31.8],
      ],
    ] as [number, number][][]
    const square = [[[117.3, 31.8], [117.4, 31.8], [117.4, 31.9], [117.3, 31.9], [117.3, 31.8]]] as [number, number][][]
    const fc: AdminCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 1, geometry: { type: 'Polygon', coordinates: crescent }, properties: { id: 1, name: '东区', code: null } },
        { type: 'Feature', id: 2, geometry: { type: 'MultiPolygon', coordinates: [square, [[[117.5, 31.5], [117.501, 31.5], [117.501, 31.501], [117.5, 31.5]]]] }, properties: { id: 2, name: '西区', code: null } },
      ],
    }
    const labels = computeAdminLabelPoints(fc, 'district')
    expect(labels.features.map((f) => f.properties.name)).toEqual(['东区', '西区'])
    expect(booleanPointInPolygon(labels.features[0].geometry.coordinates, { type: 'Polygon', coordinates: crescent })).toBe(true)
    // The multipolygon is labelled on its large part, not on the sliver.
    expect(booleanPointInPolygon(labels.features[1].geometry.coordinates, { type: 'Polygon', coordinates: square })).toBe(true)
    expect(labels.features.every((f) => f.properties.kind === 'district')).toBe(true)
  })
})
