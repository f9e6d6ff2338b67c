import fs from 'node:fs'
import path from 'node:path'
import type { Position } from '../../core/domain/geo.js'
import { isOsmWayWalkable } from '../../core/network/osm-walkability.js'
import type { RoadInput } from '../../core/network/types.js'

/**
 * The real OpenStreetMap extracts shared with the project (`../shared/realdata`, never copied into the
 * repository). REALDATA_DIR overrides where they are. A missing extract fails the test that needs it.
 */
export function realdataDir(): string {
  const candidates = [process.env.REALDATA_DIR, path.resolve('../shared/realdata'), '/work/shared/realdata'].filter((d): d is string => !!d)
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'README.md')))
  if (!found) throw new Error(`The real-data extracts are not available (looked in ${candidates.join(', ')}); set REALDATA_DIR`)
  return found
}

interface GeoJsonFeature {
  properties: Record<string, any>
  geometry: { type: string; coordinates: any }
}

function readCollection(extract: string, file: string): GeoJsonFeature[] {
  return JSON.parse(fs.readFileSync(path.join(realdataDir(), extract, file), 'utf8')).features
}

export interface RealExtract {
  roads: RoadInput[]
  facilities: { id: number; name: string | null; category: string; lon: number; lat: number }[]
  communities: { id: number; name: string | null; rings: Position[][]; areaM2: number }[]
}

/** Loads an extract the way an OSM importer would: multi-lines split, walkability from the tags. */
export function loadRealExtract(extract: 'shanghai_lujiazui' | 'helsinki_center_osm'): RealExtract {
  const roads: RoadInput[] = []
  for (const f of readCollection(extract, 'roads.geojson')) {
    const lines: Position[][] = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates
    const walkable = f.properties.walkable !== false && isOsmWayWalkable(f.properties)
    for (const coordinates of lines) roads.push({ id: Number(f.properties.osm_id), walkable, coordinates })
  }
  const facilities = readCollection(extract, 'facilities.geojson').map((f) => ({
    id: Number(f.properties.osm_id),
    name: f.properties.name ?? null,
    category: String(f.properties.category),
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }))
  const communities = readCollection(extract, 'communities.geojson').map((f) => ({
    id: Number(f.properties.osm_id),
    name: f.properties.name ?? null,
    rings: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((poly: Position[][]) => poly[0]),
    areaM2: Number(f.properties.area_m2_computed),
  }))
  return { roads, facilities, communities }
}
