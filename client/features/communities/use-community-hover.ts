import { useEffect, useState } from 'react'
import type { MapGeoJSONFeature, MapMouseEvent, Map as MapLibreMap } from 'maplibre-gl'
import { isStage, type Stage } from '../../../core/domain/stages.js'
import { COMMUNITY_INTERACTIVE_LAYERS } from '../../layers/community-layers.js'
import { bindMapPointer, communityHoverState } from '../../map/community-hover-state.js'

export interface HoveredCommunity {
  id: number | null
  name: string
  stage: Stage | null
  progressPct: number | null
  x: number
  y: number
}

/** Communities under the pointer, with a few pixels of slack so the small centroid dots are easy to hit. */
export function pickCommunity(map: MapLibreMap, point: { x: number; y: number }): MapGeoJSONFeature | undefined {
  const layers = COMMUNITY_INTERACTIVE_LAYERS.filter((id) => map.getLayer(id))
  if (!layers.length) return undefined
  // The feature under the pointer wins; the small box only helps to hit points and thin slivers, and must
  // never pick a neighbour over the polygon the pointer is actually on.
  const exact = map.queryRenderedFeatures([point.x, point.y], { layers })[0]
  if (exact) return exact
  const pad = 3
  return map.queryRenderedFeatures(
    [
      [point.x - pad, point.y - pad],
      [point.x + pad, point.y + pad],
    ],
    { layers },
  )[0]
}

/** Tracks the hovered community (tooltip data) and marks it with feature-state `hover` for the outline. */
export function useCommunityHover(map: MapLibreMap): HoveredCommunity | null {
  const [hovered, setHovered] = useState<HoveredCommunity | null>(null)

  useEffect(() => {
    const hoverState = communityHoverState(map)
    const setHoverState = hoverState.set
    const onMove = (e: MapMouseEvent) => {
      const f = pickCommunity(map, e.point)
      map.getCanvas().style.cursor = f ? 'pointer' : ''
      if (!f) {
        setHoverState(undefined)
        setHovered(null)
        return
      }
      setHoverState(f.id)
      const p = f.properties ?? {}
      const progress = Number(p.progress_pct)
      setHovered({
        id: f.id === undefined ? null : Number(f.id),
        name: String(p.name ?? ''),
        stage: isStage(p.stage) ? p.stage : null,
        progressPct: Number.isFinite(progress) ? progress : null,
        x: e.point.x,
        y: e.point.y,
      })
    }
    const onLeave = () => {
      setHoverState(undefined)
      setHovered(null)
      map.getCanvas().style.cursor = ''
    }
    return bindMapPointer(map, { mousemove: onMove, mouseout: onLeave })
  }, [map])

  return hovered
}
