import { useEffect, useMemo, useRef, useState } from 'react'
import { ScatterplotLayer } from '@deck.gl/layers'
import type { MapGeoJSONFeature, MapMouseEvent, Map as MapLibreMap } from 'maplibre-gl'
import type { CoverageRow, SitedFacility } from '../../../core/contracts/coverage.js'
import { useMeta } from '../../app/meta-context.js'
import { api } from '../../api/endpoints.js'
import { clearCoverageState, applyCoveragePaint, setCoverageStates, setFocusState } from '../../layers/coverage-community-paint.js'
import { createCoverageFacilitiesLayer, pickFacilityAt } from '../../layers/coverage-facilities.js'
import { bandsBounds, bandsInDrawingOrder, createCatchmentLayer, createIsochroneLayer, type IsochroneFeature } from '../../layers/coverage-isochrones.js'
import { createSiteLayers } from '../../layers/coverage-sites.js'
import { addWhatIfOutlineLayers, createWhatIfLayers, moveStrokes, setWhatIfOutlineStates } from '../../layers/coverage-whatif.js'
import { FACILITY_COLORS } from '../../layers/facility-colors.js'
import { hexToRgba } from '../../layers/stage-color-expression.js'
import { useMapInstance } from '../../map/map-context.js'
import { useDeckOverlay } from '../../map/use-deck-overlay.js'
import { pickCommunity } from '../communities/use-community-hover.js'
import { useCoverage } from './coverage-context.js'
import { CoverageTooltip, type CoverageHover } from './coverage-tooltip.js'
import { readMapPadding } from './map-padding.js'
import { COMMUNITY_INTERACTIVE_LAYERS } from '../../layers/community-layers.js'
import { useWhatIf } from './what-if-context.js'
import { whatIfMarkers, whatIfMoves, whatIfOutlineStates } from './what-if.js'
import { bindMapPointer, communityHoverState } from '../../map/community-hover-state.js'

const NO_FEATURES: IsochroneFeature[] = []
const NO_SITES: SitedFacility[] = []
const NO_ROWS: CoverageRow[] = []
export const COVERAGE_FOCUS_MARKER_LAYER_ID = 'coverage-focus-marker'

/** The community a point falls in, else the nearest one drawn within `radiusPx` (a point placed on a street). */
function communityAt(map: MapLibreMap, point: { x: number; y: number }, radiusPx = 40): { name: string; near: boolean } | null {
  const nameOf = (f: MapGeoJSONFeature | undefined) => (typeof f?.properties?.name === 'string' && f.properties.name ? f.properties.name : null)
  const inside = nameOf(pickCommunity(map, point))
  if (inside) return { name: inside, near: false }
  const layers = COMMUNITY_INTERACTIVE_LAYERS.filter((id) => map.getLayer(id))
  if (layers.length === 0) return null
  const box: [[number, number], [number, number]] = [
    [point.x - radiusPx, point.y - radiusPx],
    [point.x + radiusPx, point.y + radiusPx],
  ]
  let best: string | null = null
  let bestD2 = Infinity
  for (const f of map.queryRenderedFeatures(box, { layers })) {
    const name = nameOf(f)
    if (!name) continue
    const g = f.geometry
    const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : g.type === 'Point' ? [[g.coordinates]] : []
    for (const ring of rings) {
      for (const c of ring) {
        const p = map.project(c as [number, number])
        const d2 = (p.x - point.x) ** 2 + (p.y - point.y) ** 2
        if (d2 < bestD2) {
          bestD2 = d2
          best = name
        }
      }
    }
  }
  return best ? { name: best, near: true } : null
}

/** The isochrone bands as drawn (for the page's data-isochrone-bands and the legend). */
export function useDrawnBands(): IsochroneFeature[] {
  const { isochrones } = useCoverage()
  return useMemo(() => bandsInDrawingOrder(isochrones.data), [isochrones.data])
}

/**
 * Everything the coverage mode does on the map: community colours through feature-state, the isochrone
 * bands, facilities of the type (click one for its own catchment), suggested sites, hover and framing.
 */
export function CoverageMapLayers() {
  const map = useMapInstance()
  const meta = useMeta()
  const {
    settings,
    coverage,
    showBands,
    selectedFacility,
    toggleFacility,
    catchment,
    focus,
    focusCommunity,
    thresholdMinutes,
    siting,
    adoptStates,
    highlightedRank,
    countedFacilities: facilityData,
  } = useCoverage()
  const whatIf = useWhatIf()
  const whatIfShown = whatIf.tab === 'whatif'

  // Frame the city in the part of the map the panels leave free.
  useEffect(() => {
    map.fitBounds(meta.bbox, { padding: readMapPadding(map.getContainer()), duration: 0 })
  }, [map, meta.bbox])

  // Community colours: coverage paint while this mode is on, the stage colours back when it ends.
  useEffect(() => applyCoveragePaint(map, settings.coloring), [map, settings.coloring])

  const rows = coverage.data?.rows ?? NO_ROWS
  const written = useRef<Set<number>>(new Set())
  useEffect(() => {
    if (!coverage.data) return
    written.current = setCoverageStates(map, coverage.data.rows, written.current)
  }, [map, coverage.data])
  useEffect(
    () => () => {
      try {
        for (const id of written.current) clearCoverageState(map, id)
      } catch {
        // The map is already gone.
      }
      written.current = new Set()
    },
    [map],
  )
  const rowsById = useMemo(() => new Map(rows.map((r) => [r.communityId, r])), [rows])

  // Hover and click: a facility under the pointer wins over the community beneath it.
  const [hover, setHover] = useState<CoverageHover | null>(null)
  const facilityRef = useRef(facilityData)
  facilityRef.current = facilityData
  // In the what-if's place or move mode a click puts a point down instead (read through a ref: the handlers stay).
  const placing = whatIf.mapMode.kind !== 'idle'
  const placeRef = useRef({ placing, placeAt: whatIf.placeAt })
  placeRef.current = { placing, placeAt: whatIf.placeAt }
  useEffect(() => {
    const hoverState = communityHoverState(map)
    const setHoverState = hoverState.set
    const project = (c: [number, number]) => map.project(c)
    const onMove = (e: MapMouseEvent) => {
      const facility = placeRef.current.placing ? null : pickFacilityAt(facilityRef.current, e.point, project)
      if (facility) {
        setHoverState(undefined)
        map.getCanvas().style.cursor = 'pointer'
        setHover({ kind: 'facility', facility: facility.properties, x: e.point.x, y: e.point.y })
        return
      }
      const f = pickCommunity(map, e.point)
      const id = Number(f?.id)
      if (!f || !Number.isFinite(id)) {
        setHoverState(undefined)
        map.getCanvas().style.cursor = placeRef.current.placing ? 'crosshair' : ''
        setHover(null)
        return
      }
      setHoverState(id)
      map.getCanvas().style.cursor = placeRef.current.placing ? 'crosshair' : 'pointer'
      setHover({ kind: 'community', id, name: String(f.properties?.name ?? ''), x: e.point.x, y: e.point.y })
    }
    const onLeave = () => {
      setHoverState(undefined)
      setHover(null)
      map.getCanvas().style.cursor = ''
    }
    const onClick = (e: MapMouseEvent) => {
      if (placeRef.current.placing) {
        placeRef.current.placeAt({ lon: e.lngLat.lng, lat: e.lngLat.lat, place: communityAt(map, e.point) })
        return
      }
      const facility = pickFacilityAt(facilityRef.current, e.point, project)
      if (facility) {
        toggleFacility(facility.properties)
        return
      }
      const f = pickCommunity(map, e.point)
      const id = Number(f?.id)
      if (f && Number.isFinite(id)) focusCommunity(id, { fly: false })
    }
    // The camera moving under a still pointer (a fly-to from the table) leaves nothing hovered.
    const onMoveStart = () => {
      setHoverState(undefined)
      setHover(null)
    }
    const unbind = bindMapPointer(map, { mousemove: onMove, mouseout: onLeave, click: onClick, movestart: onMoveStart })
    return () => {
      unbind()
      hoverState.dispose()
    }
  }, [map, toggleFacility, focusCommunity])

  // The crosshair shows at once when place or move mode starts, not only after the pointer moves.
  useEffect(() => {
    map.getCanvas().style.cursor = placing ? 'crosshair' : ''
  }, [map, placing])

  // Esc clears the facility's catchment.
  useEffect(() => {
    if (!selectedFacility) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return
      const el = e.target as HTMLElement | null
      if (el?.closest('input, select, textarea, [role="dialog"]')) return
      toggleFacility(null)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [selectedFacility, toggleFacility])

  // Framing: a community asked for from the table (outline + frame), a suggested site (centre on it).
  const [focusMarker, setFocusMarker] = useState<{ position: [number, number] }[]>([])
  useEffect(() => {
    if (!focus) return
    if (focus.kind === 'point') {
      setFocusMarker([])
      const padding = readMapPadding(map.getContainer())
      map.flyTo({ center: [focus.lon, focus.lat], zoom: Math.max(map.getZoom(), 14.5), padding, duration: 600 })
      return
    }
    let current = true
    setFocusState(map, focus.id, true)
    setFocusMarker([])
    if (focus.fly) {
      api.communityDetail(focus.id).then(
        (detail) => {
          if (!current) return
          setFocusMarker([{ position: detail.centroid }])
          map.fitBounds(detail.bbox, { padding: readMapPadding(map.getContainer()), maxZoom: 15, duration: 600 })
        },
        (err: unknown) => console.error('[api] community for framing:', err),
      )
    }
    return () => {
      current = false
      try {
        setFocusState(map, focus.id, false)
      } catch {
        // The map is already gone.
      }
    }
  }, [map, focus])

  // deck.gl layers; every data array keeps its identity until its response changes.
  const bands = useDrawnBands()
  const catchmentBands = useMemo(
    () => (selectedFacility && catchment.data?.facilityId === selectedFacility.id ? bandsInDrawingOrder(catchment.data) : NO_FEATURES),
    [selectedFacility, catchment.data],
  )
  // A facility's catchment is framed once when it arrives (the user asked to see it).
  const framedCatchment = useRef<number | null>(null)
  useEffect(() => {
    const id = selectedFacility?.id ?? null
    if (id === null) {
      framedCatchment.current = null
      return
    }
    if (framedCatchment.current === id || catchmentBands.length === 0) return
    framedCatchment.current = id
    const bounds = bandsBounds(catchmentBands)
    if (bounds) map.fitBounds(bounds, { padding: readMapPadding(map.getContainer()), maxZoom: 15.5, duration: 600 })
  }, [map, selectedFacility, catchmentBands])

  const sites = siting.status === 'done' ? siting.result.sites : NO_SITES
  const adoptedRanks = useMemo(
    () => new Set([...adoptStates].filter(([, s]) => s.status === 'done').map(([rank]) => rank)),
    [adoptStates],
  )
  // What-if edits (drawn while the what-if tab is open) and the communities whose coverage its result flips.
  const whatIfMarkerData = useMemo(() => whatIfMarkers(whatIf.edits), [whatIf.edits])
  const whatIfMoveData = useMemo(() => whatIfMoves(whatIf.edits).flatMap((m) => moveStrokes(m)), [whatIf.edits])
  const whatIfResult = whatIf.run.status === 'done' ? whatIf.run.result : null
  const outlineStates = useMemo(() => (whatIfResult && whatIfShown ? whatIfOutlineStates(whatIfResult.changed) : null), [whatIfResult, whatIfShown])
  useEffect(() => addWhatIfOutlineLayers(map), [map])
  const outlined = useRef<Set<number>>(new Set())
  useEffect(() => {
    outlined.current = setWhatIfOutlineStates(map, outlineStates ?? new Map(), outlined.current)
  }, [map, outlineStates])
  useEffect(
    () => () => {
      try {
        outlined.current = setWhatIfOutlineStates(map, new Map(), outlined.current)
      } catch {
        // The map is already gone.
      }
    },
    [map],
  )

  const typeColor = FACILITY_COLORS[settings.type] ?? '#555555'
  const layers = useMemo(
    () => [
      createIsochroneLayer({ data: bands, visible: showBands, thresholdMinutes, dimmed: catchmentBands.length > 0 }),
      createCatchmentLayer({ data: catchmentBands, thresholdMinutes, color: hexToRgba(typeColor) }),
      createCoverageFacilitiesLayer({ data: facilityData, color: typeColor, selectedId: selectedFacility?.id ?? null }),
      new ScatterplotLayer<{ position: [number, number] }>({
        id: COVERAGE_FOCUS_MARKER_LAYER_ID,
        data: focusMarker,
        visible: focusMarker.length > 0,
        pickable: false,
        stroked: true,
        filled: false,
        radiusUnits: 'pixels',
        getRadius: 12,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        getPosition: (d) => d.position,
        getLineColor: [11, 31, 51, 255],
      }),
      ...createSiteLayers({ data: sites, adoptedRanks, highlightedRank }),
      ...createWhatIfLayers({ markers: whatIfMarkerData, moves: whatIfMoveData, visible: whatIfShown }),
    ],
    [
      bands,
      showBands,
      thresholdMinutes,
      catchmentBands,
      typeColor,
      facilityData,
      selectedFacility,
      focusMarker,
      sites,
      adoptedRanks,
      highlightedRank,
      whatIfMarkerData,
      whatIfMoveData,
      whatIfShown,
    ],
  )
  useDeckOverlay(map, layers)

  const hoveredRow = hover?.kind === 'community' ? rowsById.get(hover.id) : undefined
  return <CoverageTooltip hover={hover} row={hoveredRow} type={settings.type} selectedFacilityId={selectedFacility?.id ?? null} />
}
