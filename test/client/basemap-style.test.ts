import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, it } from 'vitest'
import { buildMapStyle } from '../../client/map/basemap-style.js'

const ORIGIN = 'http://localhost:3000'

describe('the map style', () => {
  it('is a valid MapLibre style that needs nothing but our own server', () => {
    const style = buildMapStyle({ basemap: null }, ORIGIN)
    expect(validateStyleMin(style)).toEqual([])
    expect(style.glyphs).toBeUndefined() // labels are drawn locally, no glyph server
    expect(style.sprite).toBeUndefined()
    const urls = Object.values(style.sources).flatMap((s: any) => [s.url, ...(s.tiles ?? [])]).filter(Boolean)
    expect(urls.length).toBeGreaterThan(0)
    for (const u of urls) expect(u.startsWith(`${ORIGIN}/tiles/`)).toBe(true)
  })

  it('draws the communities above roads and below the labels', () => {
    const ids = buildMapStyle({ basemap: null }, ORIGIN).layers.map((l) => l.id)
    const fill = ids.indexOf('communities-fill')
    expect(fill).toBeGreaterThan(ids.findIndex((id) => id.startsWith('roads')))
    const firstLabel = ids.findIndex((id, i) => i > fill && /label/.test(id))
    expect(firstLabel).toBeGreaterThan(fill)
  })

  it('puts a configured raster basemap under our layers and lets it show through the land', () => {
    const style = buildMapStyle({ basemap: { url: 'https://t0.example.com/{z}/{x}/{y}.png?tk=KEY', attribution: '天地图' } }, ORIGIN)
    expect(validateStyleMin(style)).toEqual([])
    const ids = style.layers.map((l) => l.id)
    expect(ids.indexOf('basemap-raster')).toBe(1)
    expect((style.sources.basemap as any).tiles).toEqual(['https://t0.example.com/{z}/{x}/{y}.png?tk=KEY'])
    expect((style.sources.basemap as any).attribution).toBe('天地图')
    const land = style.layers.find((l) => l.id === 'districts-fill') as any
    expect(land.paint['fill-opacity']).toBeLessThan(1)
  })
})
