/** Minimal GeoJSON geometry types used across core, server and client (coordinates are WGS-84 lon/lat). */
export type Position = [number, number]
export interface Point { type: 'Point'; coordinates: Position }
export interface LineString { type: 'LineString'; coordinates: Position[] }
export interface MultiLineString { type: 'MultiLineString'; coordinates: Position[][] }
export interface Polygon { type: 'Polygon'; coordinates: Position[][] }
export interface MultiPolygon { type: 'MultiPolygon'; coordinates: Position[][][] }
export type Geometry = Point | LineString | MultiLineString | Polygon | MultiPolygon

export interface Feature<G extends Geometry = Geometry, P = Record<string, unknown>> {
  type: 'Feature'
  id?: number | string
  geometry: G
  properties: P
}
export interface FeatureCollection<G extends Geometry = Geometry, P = Record<string, unknown>> {
  type: 'FeatureCollection'
  features: Feature<G, P>[]
}

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number]

/** Branded metric units so lengths and areas cannot be mixed with degrees. */
export type Meters = number & { readonly __unit: 'm' }
export type SquareMeters = number & { readonly __unit: 'm2' }
