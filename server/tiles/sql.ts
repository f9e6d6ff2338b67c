/** SQL text helpers and Web-Mercator tile arithmetic shared by both tile encoders. */

/** Tile extent in tile units (the MVT default) and the buffer drawn around each tile, in the same units. */
export const TILE_EXTENT = 4096
export const TILE_BUFFER = 64

/** Half the width of the EPSG:3857 world, in metres. */
export const MERCATOR_HALF_WIDTH_M = 20037508.342789244

/** Zoom levels the tile routes accept (z outside gives 400). */
export const MIN_ZOOM = 0
export const MAX_ZOOM = 22

/** A double-quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** A single-quoted SQL string literal (standard_conforming_strings is on in every supported PostgreSQL). */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('SQL literal cannot contain NUL')
  return `'${value.replace(/'/g, "''")}'`
}

/** Width of one tile at zoom z, in EPSG:3857 metres. */
export function tileWidthM(z: number): number {
  return (2 * MERCATOR_HALF_WIDTH_M) / 2 ** z
}

const lonOf = (x: number, n: number) => (x / n) * 360 - 180
const latOf = (y: number, n: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI

/**
 * [west, south, east, north] in degrees of tile (z, x, y) grown by `margin` tiles on each side, clamped to the
 * world. Computed here rather than with ST_Transform(ST_TileEnvelope(..., margin), 4326), which wraps a box that
 * crosses ±180° into one spanning the whole world and would turn the index probe into a scan.
 */
export function tileBoundsLonLat(z: number, x: number, y: number, margin = 0): [number, number, number, number] {
  const n = 2 ** z
  const x0 = x - margin
  const x1 = x + 1 + margin
  const y0 = y - margin
  const y1 = y + 1 + margin
  return [
    x0 <= 0 ? -180 : lonOf(x0, n),
    y1 >= n ? -90 : latOf(y1, n),
    x1 >= n ? 180 : lonOf(x1, n),
    y0 <= 0 ? 90 : latOf(y0, n),
  ]
}
