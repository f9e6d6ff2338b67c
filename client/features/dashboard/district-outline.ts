import type { MultiPolygon, Polygon, Position } from 'geojson'

export interface DistrictShape {
  id: number
  name: string
  geometry: Polygon | MultiPolygon
}

export interface DistrictPath {
  id: number
  name: string
  /** SVG path data in the box's pixels. */
  d: string
  /** Label point: the centre of the largest ring's bounding box (px). */
  labelX: number
  labelY: number
}

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()
}

/**
 * District outlines as SVG paths fitted into a width×height box with `padPx` margin: a local equirectangular
 * projection (longitudes shrunk by cos(latitude)), north up, aspect kept. Enough for a city-scale sketch map.
 */
export function projectDistricts(shapes: readonly DistrictShape[], width: number, height: number, padPx = 8): DistrictPath[] {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const s of shapes)
    for (const ring of ringsOf(s.geometry))
      for (const [x, y] of ring) {
        if (x < minX) minX = x
        if (x > maxX) maxX = x
        if (y < minY) minY = y
        if (y > maxY) maxY = y
      }
  if (!Number.isFinite(minX)) return []
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180)
  const spanX = Math.max((maxX - minX) * kx, 1e-9)
  const spanY = Math.max(maxY - minY, 1e-9)
  const scale = Math.min((width - 2 * padPx) / spanX, (height - 2 * padPx) / spanY)
  const offX = (width - spanX * scale) / 2
  const offY = (height - spanY * scale) / 2
  const px = (x: number) => offX + (x - minX) * kx * scale
  const py = (y: number) => offY + (maxY - y) * scale
  const r1 = (v: number) => Math.round(v * 10) / 10
  return shapes.map((s) => {
    const rings = ringsOf(s.geometry)
    const d = rings.map((ring) => ring.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${r1(px(x))},${r1(py(y))}`).join('') + 'Z').join('')
    let best = { area: -1, x: 0, y: 0 }
    for (const ring of rings) {
      const xs = ring.map((p) => px(p[0]))
      const ys = ring.map((p) => py(p[1]))
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
      const area = (x1 - x0) * (y1 - y0)
      if (area > best.area) best = { area, x: (x0 + x1) / 2, y: (y0 + y1) / 2 }
    }
    return { id: s.id, name: s.name, d, labelX: r1(best.x), labelY: r1(best.y) }
  })
}
