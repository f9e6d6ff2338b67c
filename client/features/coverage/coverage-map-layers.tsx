import { useEffect, useMemo, useRef, useState } from 'react'
import { ScatterplotLayer } from '@deck.gl/layers'
import type { MapMouseEvent } from 'maplibre-gl'
import type { CoverageRow, SitedFacility } from '../../../core/contracts/coverage.js'
import { useMeta } from '../../app/meta-context.js'
import { api } from '../../api/endpoints.js'
import { clearCoverageState, applyCoveragePaint, setCoverageStates, setFocusState } from '../../layers/coverage-community-paint.js'
import { createCoverageFacilitiesLayer, pickFacilityAt } from '../../layers/coverage-facilities.js'
import { bandsBounds, bandsInDrawingOrder, createCatchmentLayer, createIsochroneLayer, type IsochroneFeature } from '../../layers/coverage-isochrones.js'
import { createSiteLayers } from '../../layers/coverage-sites.js'
import type { FacilityFeature } from '../../layers/facilities-layer.js'
import { FACILITY_COLORS } from '../../layers/facility-colors.js'
import { hexToRgba } from '../../layers/stage-color-expression.js'
import { useMapInstance } from '../../map/map-context.js'
import { useDeckOverlay } from '../../map/use-deck-overlay.js'
import { pickCommunity } from '../communities/use-community-hover.js'
import { useCoverage } from './coverage-context.js'
import { CoverageTooltip, type CoverageHover } from './coverage-tooltip.js'
import { readMapPadding } from './map-padding.js'
import { COMMUNITY_SOURCE, COMMUNITY_SOURCE_LAYER } from '../../layers/community-layers.js'

const NO_FEATURES: IsochroneFeature[] = []
const NO_FACILITIES: FacilityFeature[] = []
const NO_SITES: SitedFacility[] = []
const NO_ROWS: CoverageRow[] = []
export const COVERAGE_FOCUS_MARKER_LAYER_ID = 'coverage-focus-marker'

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
    facilities,
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
  } = useCoverage()

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

  const facilityData = useMemo(() => {
    const all = facilities.data?.features ?? NO_FACILITIES
    return all.filter((f) => f.properties.type === settings.type && (settings.planned === 'include' || f.properties.status !== 'planned'))
  }, [facilities.data, settings.type, settings.planned])

  // Hover and click: a facility under the pointer wins over the community beneath it.
  const [hover, setHover] = useState<CoverageHover | null>(null)
  const facilityRef = useRef(facilityData)
  facilityRef.current = facilityData
  useEffect(() => {
    let hoverId: number | string | undefined
    const target = (id: number | string) => ({ source: COMMUNITY_SOURCE, sourceLayer: COMMUNITY_SOURCE_LAYER, id })
    const setHoverState = (id: number | string | undefined) => {
      if (hoverId === id) return
      if (hoverId !== undefined) map.setFeatureState(target(hoverId), { hover: false })
      hoverId = id
      if (id !== undefined) map.setFeatureState(target(id), { hover: true })
    }
    const project = (c: [number, number]) => map.project(c)
    const onMove = (e: MapMouseEvent) => {
      const facility = pickFacilityAt(facilityRef.current, e.point, project)
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
        map.getCanvas().style.cursor = ''
        setHover(null)
        return
      }
      setHoverState(id)
      map.getCanvas().style.cursor = 'pointer'
      setHover({ kind: 'community', id, name: String(f.properties?.name ?? ''), x: e.point.x, y: e.point.y })
    }
    const onLeave = () => {
      setHoverState(undefined)
      setHover(null)
      map.getCanvas().style.cursor = ''
    }
    const onClick = (e: MapMouseEvent) => {
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
    map.on('mousemove', onMove)
    map.on('mouseout', onLeave)
    map.on('click', onClick)
    map.on('movestart', onMoveStart)
    return () => {
      map.off('mousemove', onMove)
      map.off('mouseout', onLeave)
      map.off('click', onClick)
      map.off('movestart', onMoveStart)
      try {
        setHoverState(undefined)
      } catch {
        // The map is already gone.
      }
    }
  }, [map, toggleFacility, focusCommunity])

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
    ],
    [bands, showBands, thresholdMinutes, catchmentBands, typeColor, facilityData, selectedFacility, focusMarker, sites, adoptedRanks, highlightedRank],
  )
  useDeckOverlay(map, layers)

  const hoveredRow = hover?.kind === 'community' ? rowsById.get(hover.id) : undefined
  return <CoverageTooltip hover={hover} row={hoveredRow} type={settings.type} selectedFacilityId={selectedFacility?.id ?? null} />
}
