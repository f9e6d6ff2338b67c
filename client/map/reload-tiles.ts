import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl'

/**
 * A tile URL template with `rev=<n>` in its query (replacing an earlier one), so a reload after an edit
 * misses the browser's cache of the old tiles. String surgery, not URL: the template's braces must survive.
 */
export function withTileRevision(template: string, revision: number): string {
  const q = template.indexOf('?')
  const path = q === -1 ? template : template.slice(0, q)
  const params = q === -1 ? [] : template.slice(q + 1).split('&').filter((p) => p !== '' && !p.startsWith('rev='))
  params.push(`rev=${revision}`)
  return `${path}?${params.join('&')}`
}

/** Re-requests the tiles of vector sources (after an edit changed what they draw); sources not loaded yet are skipped. */
export function reloadVectorTiles(map: MapLibreMap, sourceIds: readonly string[], revision: number): void {
  for (const id of sourceIds) {
    const source = map.getSource(id) as VectorTileSource | undefined
    if (!source || source.type !== 'vector' || !Array.isArray(source.tiles) || source.tiles.length === 0) continue
    source.setTiles(source.tiles.map((t) => withTileRevision(t, revision)))
  }
}
