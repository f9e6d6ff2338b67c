/**
 * Whether an OpenStreetMap way can be walked, from its tags. Importers of OSM data call this; the network
 * builder only sees the resulting `walkable` flag.
 */
export interface OsmWayTags {
  highway?: string | null
  name?: string | null
  foot?: string | null
  tunnel?: string | null
  access?: string | null
}

const MOTORWAYS = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link'])
const MOTOR_ROADS = new Set(['primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary', 'tertiary_link', ...MOTORWAYS])
const NOT_WAYS = new Set(['construction', 'proposed', 'abandoned', 'raceway', 'bus_guideway', 'escape'])

/**
 * Motorways and expressways are closed to pedestrians; so are road tunnels (the river tunnels of
 * Shanghai, Wuhan or Nanjing), recognised by tunnel=yes or, where extracts lost that tag, a name ending in
 * 隧道. An explicit foot=yes/designated wins over both; foot=no or access=no/private closes any way.
 */
export function isOsmWayWalkable(tags: OsmWayTags): boolean {
  const highway = tags.highway ?? ''
  if (!highway || NOT_WAYS.has(highway)) return false
  const foot = tags.foot ?? ''
  if (foot === 'yes' || foot === 'designated' || foot === 'permissive') return true
  if (foot === 'no' || foot === 'use_sidepath') return false
  if (tags.access === 'no' || tags.access === 'private') return false
  if (MOTORWAYS.has(highway)) return false
  const tunnel = tags.tunnel === 'yes' || tags.tunnel === 'building_passage' ? tags.tunnel : /隧道\s*(?:[（(][^）)]*[）)])?$/.test(tags.name ?? '') ? 'yes' : null
  if (tunnel === 'yes' && MOTOR_ROADS.has(highway)) return false
  return true
}
