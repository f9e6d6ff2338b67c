import { useEffect, useMemo, useRef, useState } from 'react'
import type { MapMouseEvent } from 'maplibre-gl'
import { useMeta } from '../../app/meta-context.js'
import { addBattleLayers, applyBattlePaint, clearBattleState, setBattleFlag, setBattleStates, setFlashOpacity } from '../../layers/battle-paint.js'
import { useMapInstance } from '../../map/map-context.js'
import { boundsOf } from '../clusters/community-index.js'
import { pickCommunity } from '../communities/use-community-hover.js'
import { readMapPadding } from '../coverage/map-padding.js'
import { FLASH_MS, useBattle } from './battle-context.js'
import { BattleTooltip, type BattleHover } from './battle-tooltip.js'
import { communitiesOf, pathKey, selectedCommunityId } from './drill.js'
import { bindMapPointer, communityHoverState } from '../../map/community-hover-state.js'

const num = (v: unknown): number | null => {
  const n = Number(v)
  return v !== null && v !== undefined && v !== '' && Number.isFinite(n) ? n : null
}

/**
 * Everything the battle map does on the map: status or stage colours through feature-state (a new date, a
 * live update or the colour toggle never reloads a tile), the late outline, the pulse of fresh reports,
 * hover, click to select, and framing the unit of the drill-down.
 */
export function BattleMapLayers() {
  const map = useMapInstance()
  const meta = useMeta()
  const { coloring, data, path, index, indexReady, markPainted, flash, selectCommunity, setMap } = useBattle()

  useEffect(() => {
    setMap(map)
    return () => setMap(null)
  }, [map, setMap])

  // Paint and extra layers while the page lives; the colour toggle swaps paint only.
  useEffect(() => addBattleLayers(map), [map])
  useEffect(() => applyBattlePaint(map, coloring), [map, coloring])

  // The schedule into feature-state, then tell the page which date the map shows.
  const schedule = data.data?.schedule
  const written = useRef<Set<number>>(new Set())
  useEffect(() => {
    if (!schedule) return
    written.current = setBattleStates(map, schedule.rows, written.current)
    markPainted(schedule.asOf)
  }, [map, schedule, markPainted])
  useEffect(
    () => () => {
      try {
        for (const id of written.current) clearBattleState(map, id)
      } catch {
        // The map is already gone.
      }
      written.current = new Set()
    },
    [map],
  )

  // Dim the programme outside the drilled unit, outline the selected community.
  const key = pathKey(path)
  const scopeIds = useMemo(() => {
    const unit = [...path].reverse().find((n) => n.kind !== 'community') ?? null
    return communitiesOf(unit, index.list)
  }, [path, index])
  const dimmed = useRef<Set<number>>(new Set())
  useEffect(() => {
    const inScope = scopeIds ? new Set(scopeIds) : null
    const ids = new Set<number>()
    if (inScope && schedule) for (const r of schedule.rows) if (!inScope.has(r.communityId)) ids.add(r.communityId)
    dimmed.current = setBattleFlag(map, 'dim', ids, dimmed.current)
  }, [map, scopeIds, schedule])
  const selectedId = selectedCommunityId(path)
  const selected = useRef<Set<number>>(new Set())
  useEffect(() => {
    selected.current = setBattleFlag(map, 'sel', new Set(selectedId === null ? [] : [selectedId]), selected.current)
  }, [map, selectedId])

  // Frame the unit when the path changes (never on a data update: that must not move the camera or load tiles).
  // A jump, not a flight: a flight requests tiles on its way that are cancelled when it lands.
  const framedKey = useRef<string | null>(null)
  useEffect(() => {
    if (framedKey.current === key) return
    const padding = readMapPadding(map.getContainer())
    if (path.length === 0) {
      framedKey.current = key
      map.fitBounds(meta.bbox, { padding, duration: 0 })
      return
    }
    if (!indexReady) return
    framedKey.current = key
    const ids = communitiesOf(path[path.length - 1], index.list) ?? []
    const bounds = boundsOf(ids, index.byId)
    if (bounds) map.fitBounds(bounds, { padding, maxZoom: path[path.length - 1].kind === 'community' ? 16 : 15, duration: 0 })
  }, [map, meta.bbox, key, path, index, indexReady])

  // The pulse of communities that just reported: feature-state `flash`, opacity animated by paint.
  const flashed = useRef<Set<number>>(new Set())
  useEffect(() => {
    flashed.current = setBattleFlag(map, 'flash', flash?.ids ?? new Set(), flashed.current)
    if (!flash) return
    const start = performance.now()
    const timer = setInterval(() => {
      const t = performance.now() - start
      if (t > FLASH_MS) return
      setFlashOpacity(map, 0.35 + 0.65 * Math.abs(Math.cos((t / 500) * Math.PI)))
    }, 60)
    return () => {
      clearInterval(timer)
      try {
        setFlashOpacity(map, 1)
      } catch {
        // The map is already gone.
      }
    }
  }, [map, flash])
  useEffect(
    () => () => {
      try {
        for (const ref of [dimmed, selected, flashed]) for (const id of ref.current) clearBattleState(map, id)
      } catch {
        // The map is already gone.
      }
    },
    [map],
  )

  // Hover (tooltip, outline) and click (select the community).
  const [hover, setHover] = useState<BattleHover | null>(null)
  const selectRef = useRef(selectCommunity)
  selectRef.current = selectCommunity
  useEffect(() => {
    const hoverState = communityHoverState(map)
    const setHoverState = hoverState.set
    const onMove = (e: MapMouseEvent) => {
      const f = pickCommunity(map, e.point)
      const id = num(f?.id)
      if (!f || id === null) {
        setHoverState(undefined)
        map.getCanvas().style.cursor = ''
        setHover(null)
        return
      }
      setHoverState(id)
      map.getCanvas().style.cursor = 'pointer'
      const p = f.properties ?? {}
      setHover({
        id,
        name: String(p.name ?? ''),
        districtId: num(p.district_id),
        streetId: num(p.street_id),
        x: e.point.x,
        y: e.point.y,
      })
    }
    const onLeave = () => {
      setHoverState(undefined)
      setHover(null)
      map.getCanvas().style.cursor = ''
    }
    const onClick = (e: MapMouseEvent) => {
      const id = num(pickCommunity(map, e.point)?.id)
      if (id !== null) selectRef.current(id)
    }
    const onMoveStart = () => {
      setHoverState(undefined)
      setHover(null)
    }
    const unbind = bindMapPointer(map, { mousemove: onMove, mouseout: onLeave, click: onClick, movestart: onMoveStart })
    return () => {
      unbind()
      hoverState.dispose()
    }
  }, [map])

  return <BattleTooltip hover={hover} />
}
