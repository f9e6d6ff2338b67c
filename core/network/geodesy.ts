import type { Position } from '../domain/geo.js'

/** Mean Earth radius in metres (IUGG), the one turf and most web GIS use for haversine distances. */
export const EARTH_RADIUS_M = 6_371_008.8
const RAD = Math.PI / 180

/** Great-circle distance in metres between two lon/lat points (haversine). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLon = (lon2 - lon1) * RAD
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)))
}

/** Length in metres of a lon/lat polyline, summed haversine. */
export function lineLengthM(coords: readonly Position[]): number {
  let m = 0
  for (let i = 1; i < coords.length; i++) m += haversineM(coords[i - 1][0], coords[i - 1][1], coords[i][0], coords[i][1])
  return m
}

/**
 * A local equirectangular projection to metres around an origin: x east, y north. Within a city (tens of
 * km) its distortion is far below a metre per kilometre, which is what snapping, spatial indexes and
 * travel-time grids need; lengths reported to users are still measured with haversine.
 */
export interface LocalProjection {
  readonly lon0: number
  readonly lat0: number
  /** Metres per degree of longitude and latitude at the origin. */
  readonly mPerDegLon: number
  readonly mPerDegLat: number
}

export function createLocalProjection(lon0: number, lat0: number): LocalProjection {
  const mPerDegLat = EARTH_RADIUS_M * RAD
  return { lon0, lat0, mPerDegLat, mPerDegLon: mPerDegLat * Math.cos(lat0 * RAD) }
}

export const projectX = (p: LocalProjection, lon: number): number => (lon - p.lon0) * p.mPerDegLon
export const projectY = (p: LocalProjection, lat: number): number => (lat - p.lat0) * p.mPerDegLat
export const unprojectLon = (p: LocalProjection, x: number): number => p.lon0 + x / p.mPerDegLon
export const unprojectLat = (p: LocalProjection, y: number): number => p.lat0 + y / p.mPerDegLat

/** Projects a lon/lat position to local metres. */
export function toLocal(p: LocalProjection, pos: Position): [number, number] {
  return [projectX(p, pos[0]), projectY(p, pos[1])]
}

/** Back to lon/lat, rounded to 1e-7° (about 1 cm): enough for display, stable in JSON. */
export function toLonLat(p: LocalProjection, x: number, y: number): Position {
  return [Math.round(unprojectLon(p, x) * 1e7) / 1e7, Math.round(unprojectLat(p, y) * 1e7) / 1e7]
}
