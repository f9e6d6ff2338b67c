import { area, booleanPointInPolygon, centerOfMass, pointOnFeature, polygon as turfPolygon } from '@turf/turf'
import type { AdminCollection } from '../api/endpoints.js'
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from '../../core/domain/geo.js'

export type AdminKind = 'district' | 'street'
export type AdminLabelFeature = Feature<Point, { id: number; name: string; kind: AdminKind }>

function largestPart(geom: Polygon | MultiPolygon): Position[][] {
  if (geom.type === 'Polygon') return geom.coordinates
  let best = geom.coordinates[0]
  let bestArea = -1
  for (const rings of geom.coordinates) {
    const a = area(turfPolygon(rings))
    if (a > bestArea) {
      bestArea = a
      best = rings
    }
  }
  return best
}

/**
 * One label point per administrative area: the centre of mass of its largest part, or a point on its
 * surface when that centre falls outside (a crescent-shaped district). Labels drawn from tiled polygons
 * would repeat once per tile; these come from whole geometries, so each name appears once.
 */
export function computeAdminLabelPoints(fc: AdminCollection, kind: AdminKind): FeatureCollection<Point, AdminLabelFeature['properties']> {
  const features: AdminLabelFeature[] = []
  for (const f of fc.features) {
    if (!f.geometry || !f.properties?.name) continue
    const rings = largestPart(f.geometry)
    if (!rings?.length || rings[0].length < 4) continue
    const part = turfPolygon(rings)
    let point = centerOfMass(part).geometry.coordinates as Position
    if (!booleanPointInPolygon(point, part)) point = pointOnFeature(part).geometry.coordinates as Position
    const id = Number(f.properties.id ?? f.id)
    features.push({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [point[0], point[1]] }, properties: { id, name: f.properties.name, kind } })
  }
  return { type: 'FeatureCollection', features }
}
