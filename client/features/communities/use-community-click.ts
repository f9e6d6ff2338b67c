import { useEffect } from 'react'
import type { MapMouseEvent, Map as MapLibreMap } from 'maplibre-gl'
import type { MultiPolygon, Polygon } from '../../../core/domain/geo.js'
import { pickCommunity } from './use-community-hover.js'
import { useSelection } from './selection-context.js'

/** Click a community to open its details; click empty map to close them. */
export function useCommunityClick(map: MapLibreMap): void {
  const { select, clear } = useSelection()
  useEffect(() => {
    const onClick = (e: MapMouseEvent) => {
      const f = pickCommunity(map, e.point)
      const id = f?.id ?? f?.properties?.id
      if (f && id !== undefined && Number.isFinite(Number(id))) {
        const g = f.geometry
        const picked = g.type === 'Polygon' || g.type === 'MultiPolygon' ? (g as unknown as Polygon | MultiPolygon) : null
        select(Number(id), picked)
      } else {
        clear()
      }
    }
    map.on('click', onClick)
    return () => {
      map.off('click', onClick)
    }
  }, [map, select, clear])
}
