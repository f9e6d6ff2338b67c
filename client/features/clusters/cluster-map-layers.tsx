import { useEffect, useMemo, useRef, useState } from 'react'
import type { MapMouseEvent } from 'maplibre-gl'
import type { Position } from '../../../core/domain/geo.js'
import { useMeta } from '../../app/meta-context.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { clusterColorDark } from '../../layers/cluster-colors.js'
import {
  addClusterLayers,
  applyClusterPaint,
  clearClusterStates,
  clusterCommunityStates,
  labelFeature,
  setClusterLabels,
  setClusterOutlines,
  writeClusterStates,
  type ClusterCommunityState,
  type LabelFeature,
  type OutlineFeature,
} from '../../layers/cluster-layers.js'
import { useMapInstance } from '../../map/map-context.js'
import { pickCommunity } from '../communities/use-community-hover.js'
import { readMapPadding } from '../coverage/map-padding.js'
import { useClusters } from './cluster-context.js'
import { outlinedFlagCommunities } from './cluster-flags.js'
import { boundsOf, meanPoint } from './community-index.js'
import { ClusterTooltip, type ClusterHover } from './cluster-tooltip.js'
import { appendLassoPoint, combineSelection, isLassoGesture, lassoRing, selectInLasso, toggleInSelection, type LassoMode, type ScreenPoint } from './lasso.js'
import { useProposals } from './proposal-context.js'
import { toProposalBars } from './proposal-chart-data.js'
import { bindMapPointer, communityHoverState } from '../../map/community-hover-state.js'

/** The freehand lasso being drawn, in screen pixels over the map. */
function LassoPath({ path, mode }: { path: readonly ScreenPoint[]; mode: LassoMode }) {
  if (path.length < 2) return null
  const d = path.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ')
  return (
    <svg className={`cluster-lasso-path is-${mode}`} data-testid="cluster-lasso-path" aria-hidden="true">
      <path d={`${d} Z`} />
    </svg>
  )
}

/**
 * Everything the 片区 mode does on the map: communities coloured by their 片区 (feature-state), outlines
 * and names of the 片区, the selection and rule flags outlined, proposals previewed; hover, click to
 * select or to add and remove members, and the lasso.
 */
export function ClusterMapLayers() {
  const map = useMapInstance()
  const meta = useMeta()
  const { t, lang } = useI18n()
  const c = useClusters()
  const p = useProposals()
  const { clusters, colors, membership, selected, selection, hints, outlines, index, tool, canEdit, rules } = c
  const live = useRef({ c, p })
  live.current = { c, p }

  // Frame the city in the part of the map the panels leave free; the page is ready once that view is drawn
  // (moving the map while its tiles still load would cancel them).
  const { setMapSettled } = c
  useEffect(() => {
    setMapSettled(false)
    map.fitBounds(meta.bbox, { padding: readMapPadding(map.getContainer()), duration: 0 })
    const onIdle = () => setMapSettled(true)
    map.once('idle', onIdle)
    return () => {
      map.off('idle', onIdle)
    }
  }, [map, meta.bbox, setMapSettled])

  // Sources and layers of the mode, removed when it ends.
  useEffect(() => addClusterLayers(map), [map])

  // Community paint: 片区 colours while this mode is on, the dashboard's back when it ends.
  const previewing = p.preview.size > 0
  const focused = selected !== null && !previewing
  useEffect(() => applyClusterPaint(map, { previewing, focused }), [map, previewing, focused])

  // Feature-state of every community (only the changes are written).
  const flagged = useMemo(() => outlinedFlagCommunities(hints?.flags ?? []), [hints])
  const unassignedIds = useMemo(() => new Set(p.unassigned.keys()), [p.unassigned])
  const focusedMembers = useMemo(
    () => new Set(p.preview.size > 0 ? (p.current?.response.proposals.find((x) => x.key === p.focusedKey)?.memberIds ?? []) : []),
    [p.preview, p.current, p.focusedKey],
  )
  const states = useMemo(
    () =>
      clusterCommunityStates({
        membership,
        colors,
        selectedClusterId: p.preview.size > 0 ? null : (selected?.id ?? null),
        selection,
        flagged,
        preview: p.preview,
        previewFocus: focusedMembers,
        unassigned: unassignedIds,
      }),
    [membership, colors, selected, selection, flagged, p.preview, focusedMembers, unassignedIds],
  )
  const written = useRef<Map<number, ClusterCommunityState>>(new Map())
  useEffect(() => {
    written.current = writeClusterStates(map, states, written.current)
  }, [map, states])
  useEffect(
    () => () => {
      try {
        clearClusterStates(map, written.current.keys())
      } catch {
        // The map is already gone.
      }
      written.current = new Map()
    },
    [map],
  )

  // Outlines of the saved 片区 (faded while proposals are previewed).
  useEffect(() => {
    const features: OutlineFeature[] = (outlines?.features ?? []).map((f) => ({
      type: 'Feature',
      id: f.id,
      geometry: f.geometry,
      properties: { id: f.properties.id, color: clusterColorDark(colors.get(f.properties.id) ?? f.properties.colorIndex), selected: f.properties.id === selected?.id, dim: previewing },
    }))
    setClusterOutlines(map, features)
  }, [map, outlines, colors, selected, previewing])

  // Names: the saved 片区 with their residents, or the proposals' ranks while previewing.
  useEffect(() => {
    const features: LabelFeature[] = []
    if (previewing && p.current) {
      const run = p.current
      const ranks = new Map(toProposalBars(run.response.proposals, run.response.params).map((b) => [b.key, b.rank]))
      for (const proposal of run.response.proposals) {
        if (run.accepted.has(proposal.key)) continue
        const at = meanPoint(proposal.memberIds, index.byId)
        if (!at) continue
        features.push(
          labelFeature(
            proposal.key,
            at,
            t('clusters.proposal.label', { rank: ranks.get(proposal.key) ?? '' }),
            t('clusters.residentsShort', { n: formatNumber(proposal.residents, lang) }),
            clusterColorDark(run.colors.get(proposal.key) ?? 0),
            proposal.key === p.focusedKey,
          ),
        )
      }
    } else {
      for (const row of clusters) {
        const at: Position | null = row.labelPoint ?? meanPoint(row.memberIds, index.byId)
        if (!at) continue
        features.push(
          labelFeature(String(row.id), at, row.name, t('clusters.residentsShort', { n: formatNumber(row.residents, lang) }), clusterColorDark(colors.get(row.id) ?? 0), row.id === selected?.id),
        )
      }
    }
    setClusterLabels(map, features)
  }, [map, previewing, p.current, p.focusedKey, clusters, colors, selected, index, t, lang])

  // Framing requests (a 片区 picked in the list).
  const { frame } = c
  useEffect(() => {
    if (!frame) return
    const bounds = boundsOf(frame.ids, index.byId)
    if (bounds) map.fitBounds(bounds, { padding: readMapPadding(map.getContainer()), maxZoom: 15, duration: 0 })
  }, [map, frame, index])

  // Each new run's proposals are framed above the dock. Camera moves jump (no animation): a flight requests
  // tiles on the way and cancels them, which reads as failed requests.
  const runId = p.current?.id ?? null
  useEffect(() => {
    const run = live.current.p.current
    if (runId === null || !run || !live.current.p.open) return
    const bounds = boundsOf(
      run.response.proposals.flatMap((x) => x.memberIds),
      live.current.c.index.byId,
    )
    if (bounds) map.fitBounds(bounds, { padding: readMapPadding(map.getContainer()), maxZoom: 15, duration: 0 })
  }, [map, runId])

  // ---- pointer: hover, click, lasso (read through a ref: the handlers stay attached) ----
  const [hover, setHover] = useState<ClusterHover | null>(null)
  const [lasso, setLasso] = useState<{ path: readonly ScreenPoint[]; mode: LassoMode } | null>(null)
  const drawing = useRef(false)
  const suppressClick = useRef(false)

  useEffect(() => {
    const hoverState = communityHoverState(map)
    const setHoverState = hoverState.set
    const idAt = (point: { x: number; y: number }): number | null => {
      const f = pickCommunity(map, point)
      const id = Number(f?.id)
      return f && Number.isFinite(id) ? id : null
    }
    const onMove = (e: MapMouseEvent) => {
      if (drawing.current) return
      const id = idAt(e.point)
      if (id === null) {
        setHoverState(undefined)
        setHover(null)
        map.getCanvas().style.cursor = live.current.c.tool === 'lasso' ? 'crosshair' : ''
        return
      }
      setHoverState(id)
      map.getCanvas().style.cursor = live.current.c.tool === 'lasso' ? 'crosshair' : 'pointer'
      setHover({ id, x: e.point.x, y: e.point.y })
    }
    const onLeave = () => {
      setHoverState(undefined)
      setHover(null)
    }
    const onClick = (e: MapMouseEvent) => {
      if (suppressClick.current) {
        suppressClick.current = false
        return
      }
      const { c: ctx, p: proposals } = live.current
      const id = idAt(e.point)
      if (id === null) return
      if (proposals.preview.size > 0) {
        const key = proposals.proposalOf.get(id)
        proposals.setFocusedKey(key ?? null)
        return
      }
      if (ctx.tool === 'lasso') {
        ctx.setSelection(toggleInSelection(ctx.selection, id))
        return
      }
      if (ctx.canEdit && ctx.selected && ctx.selected.status !== 'approved') {
        ctx.toggleMember(id)
        return
      }
      const owner = ctx.membership.get(id)
      if (owner !== undefined) {
        ctx.select(owner)
        return
      }
      if (ctx.canEdit) ctx.setSelection(toggleInSelection(ctx.selection, id))
    }
    const unbind = bindMapPointer(map, { mousemove: onMove, mouseout: onLeave, click: onClick })
    return () => {
      unbind()
      hoverState.dispose()
      try {
        map.getCanvas().style.cursor = ''
      } catch {
        // The map is already gone.
      }
    }
  }, [map])

  // The lasso: with the tool on, a drag draws a freehand outline instead of moving the map.
  useEffect(() => {
    if (tool !== 'lasso') return
    map.dragPan.disable()
    map.boxZoom.disable()
    map.doubleClickZoom.disable()
    map.getCanvas().style.cursor = 'crosshair'
    let path: readonly ScreenPoint[] = []
    let mode: LassoMode = 'add'
    let frameRequest = 0
    const push = () => {
      frameRequest = 0
      setLasso({ path, mode })
    }
    const point = (e: MouseEvent): ScreenPoint => {
      const rect = map.getCanvasContainer().getBoundingClientRect()
      return [e.clientX - rect.left, e.clientY - rect.top]
    }
    const onDown = (e: MapMouseEvent) => {
      if (e.originalEvent.button !== 0) return
      drawing.current = true
      mode = e.originalEvent.altKey ? 'remove' : 'add'
      path = [[e.point.x, e.point.y]]
      setHover(null)
      push()
    }
    const onMove = (e: MouseEvent) => {
      if (!drawing.current) return
      const next = appendLassoPoint(path, point(e))
      if (next === path) return
      path = next
      if (!frameRequest) frameRequest = requestAnimationFrame(push)
    }
    const onUp = () => {
      if (!drawing.current) return
      drawing.current = false
      if (frameRequest) cancelAnimationFrame(frameRequest)
      frameRequest = 0
      setLasso(null)
      if (!isLassoGesture(path)) return
      // A real lasso also fires a click where the pointer was released; that click is not a toggle.
      suppressClick.current = true
      window.setTimeout(() => (suppressClick.current = false), 0)
      const ring = lassoRing(path.map(([x, y]) => {
        const ll = map.unproject([x, y])
        return [ll.lng, ll.lat] as Position
      }))
      if (!ring) return
      const { c: ctx } = live.current
      const ids = selectInLasso(ring, ctx.index.list)
      ctx.setSelection(combineSelection(ctx.selection, ids, mode))
    }
    map.on('mousedown', onDown)
    window.addEventListener('mousemove', onMove)
    window.addEventListener('mouseup', onUp)
    return () => {
      map.off('mousedown', onDown)
      window.removeEventListener('mousemove', onMove)
      window.removeEventListener('mouseup', onUp)
      if (frameRequest) cancelAnimationFrame(frameRequest)
      drawing.current = false
      setLasso(null)
      try {
        map.dragPan.enable()
        map.boxZoom.enable()
        map.doubleClickZoom.enable()
        map.getCanvas().style.cursor = ''
      } catch {
        // The map is already gone.
      }
    }
  }, [map, tool])

  const hoveredFacts = hover ? index.byId.get(hover.id) : undefined
  const owner = hover ? membership.get(hover.id) : undefined
  const ownerRow = owner === undefined ? undefined : clusters.find((r) => r.id === owner)
  return (
    <>
      {lasso && <LassoPath path={lasso.path} mode={lasso.mode} />}
      {hover && !lasso && (
        <ClusterTooltip
          hover={hover}
          facts={hoveredFacts}
          owner={ownerRow ?? null}
          ownerColor={owner === undefined ? null : (colors.get(owner) ?? null)}
          selected={selected}
          canEdit={canEdit}
          tool={tool}
          inSelection={hover ? selection.has(hover.id) : false}
          proposalKey={previewing ? (p.proposalOf.get(hover.id) ?? null) : null}
          unassignedReason={previewing ? (p.unassigned.get(hover.id) ?? null) : null}
          rules={rules}
        />
      )}
    </>
  )
}
