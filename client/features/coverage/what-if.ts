import type { CoverageTotals, WhatIfChange, WhatIfRequest, WhatIfResponse } from '../../../core/contracts/coverage.js'
import type { Position } from '../../../core/domain/geo.js'
import type { CoverageQuery } from '../../api/coverage-endpoints.js'
import { ApiError } from '../../api/http.js'

/**
 * The what-if (假设分析) edit list and what is read out of the server's answer. Pure: the panel, the map
 * and the tests all go through these functions; nothing here is saved anywhere.
 */

/** An existing facility as the edit list remembers it (its place before the edit, for drawing). */
export interface WhatIfFacility {
  id: number
  name: string
  lon: number
  lat: number
}

/** A point picked on the map, with the community it fell in or lies next to (for the list), when there is one. */
export interface WhatIfPoint {
  lon: number
  lat: number
  place: { name: string; near: boolean } | null
}

export type WhatIfEdit =
  | ({ kind: 'add'; key: string } & WhatIfPoint)
  | { kind: 'remove'; key: string; facility: WhatIfFacility }
  | ({ kind: 'move'; key: string; facility: WhatIfFacility } & WhatIfPoint)

/** The contract's limits: at most 50 added facilities, 50 moves, 200 removals in one request. */
export const WHATIF_LIMITS = { add: 50, move: 50, remove: 200 } as const

const facilityKey = (id: number) => `facility:${id}`

/** Adds a hypothetical facility; the list is returned unchanged once the contract's limit is reached. */
export function addWhatIfFacility(edits: readonly WhatIfEdit[], point: WhatIfPoint, key: string): readonly WhatIfEdit[] {
  if (countWhatIfEdits(edits).add >= WHATIF_LIMITS.add) return edits
  return [...edits, { kind: 'add', key, lon: point.lon, lat: point.lat, place: point.place }]
}

/** Removes an existing facility in the what-if; it replaces a move of the same facility (one edit per facility). */
export function removeWhatIfFacility(edits: readonly WhatIfEdit[], facility: WhatIfFacility): readonly WhatIfEdit[] {
  const key = facilityKey(facility.id)
  const others = edits.filter((e) => e.key !== key)
  if (countWhatIfEdits(others).remove >= WHATIF_LIMITS.remove) return edits
  return [...others, { kind: 'remove', key, facility: { ...facility } }]
}

/** Moves an existing facility to a new place; it replaces an earlier move or removal of the same facility. */
export function moveWhatIfFacility(edits: readonly WhatIfEdit[], facility: WhatIfFacility, to: WhatIfPoint): readonly WhatIfEdit[] {
  const key = facilityKey(facility.id)
  const others = edits.filter((e) => e.key !== key)
  if (countWhatIfEdits(others).move >= WHATIF_LIMITS.move) return edits
  return [...others, { kind: 'move', key, facility: { ...facility }, lon: to.lon, lat: to.lat, place: to.place }]
}

export function dropWhatIfEdit(edits: readonly WhatIfEdit[], key: string): readonly WhatIfEdit[] {
  return edits.filter((e) => e.key !== key)
}

/** The edit of one facility (removed or moved), if it has one. */
export function whatIfEditOf(edits: readonly WhatIfEdit[], facilityId: number): WhatIfEdit | undefined {
  return edits.find((e) => e.key === facilityKey(facilityId))
}

export function countWhatIfEdits(edits: readonly WhatIfEdit[]): { add: number; remove: number; move: number } {
  const n = { add: 0, remove: 0, move: 0 }
  for (const e of edits) n[e.kind] += 1
  return n
}

/** A stable string for an edit list, to tell whether a shown result still belongs to the edits. */
export function whatIfEditsSignature(edits: readonly WhatIfEdit[]): string {
  return edits
    .map((e) => (e.kind === 'remove' ? `r${e.facility.id}` : e.kind === 'move' ? `m${e.facility.id}@${e.lon},${e.lat}` : `a${e.lon},${e.lat}`))
    .join(';')
}

/** The body of POST /api/coverage/what-if for the settings in force; null when there is nothing to compare. */
export function buildWhatIfRequest(query: CoverageQuery, edits: readonly WhatIfEdit[]): WhatIfRequest | null {
  if (edits.length === 0) return null
  const add: { lon: number; lat: number }[] = []
  const move: { facilityId: number; lon: number; lat: number }[] = []
  const remove: number[] = []
  for (const e of edits) {
    if (e.kind === 'add') add.push({ lon: e.lon, lat: e.lat })
    else if (e.kind === 'move') move.push({ facilityId: e.facility.id, lon: e.lon, lat: e.lat })
    else remove.push(e.facility.id)
  }
  return {
    type: query.type,
    ...(query.minutes === null ? {} : { minutes: query.minutes }),
    profile: query.profile,
    planned: query.planned,
    add,
    move,
    remove,
  }
}

/** Edits of facilities that the analysis no longer counts (planned ones after "include planned" is switched off). */
export function whatIfEditsNotCounted(edits: readonly WhatIfEdit[], countedIds: ReadonlySet<number>): WhatIfEdit[] {
  return edits.filter((e) => e.kind !== 'add' && !countedIds.has(e.facility.id))
}

/** The facility ids a 400 answer names as not counted in the analysis (`error.details.missing`). */
export function missingFacilityIds(err: unknown): number[] {
  if (!(err instanceof ApiError) || err.status !== 400) return []
  const missing = (err.details as { missing?: unknown } | undefined)?.missing
  return Array.isArray(missing) ? missing.filter((id): id is number => Number.isInteger(id)) : []
}

export type WhatIfFailure = { kind: 'not-counted'; facilityIds: number[]; names: string[] } | { kind: 'invalid'; message: string } | { kind: 'network' } | { kind: 'failed' }

/** What went wrong with a comparison, in the terms the panel explains it. */
export function describeWhatIfFailure(err: unknown, edits: readonly WhatIfEdit[]): WhatIfFailure {
  const missing = missingFacilityIds(err)
  if (missing.length > 0) {
    const names = missing.map((id) => {
      const e = edits.find((x) => x.kind !== 'add' && x.facility.id === id)
      return e && e.kind !== 'add' ? e.facility.name : `#${id}`
    })
    return { kind: 'not-counted', facilityIds: missing, names }
  }
  if (err instanceof ApiError && err.code === 'network') return { kind: 'network' }
  if (err instanceof ApiError && err.status === 400) return { kind: 'invalid', message: err.message }
  return { kind: 'failed' }
}

export type WhatIfChangeKind = 'gained' | 'lost' | 'closer' | 'farther'

/** How one community's access changes: newly served, no longer served, or only a shorter or longer walk. */
export function whatIfChangeKind(c: Pick<WhatIfChange, 'coveredBefore' | 'coveredAfter' | 'beforeMinutes' | 'afterMinutes'>): WhatIfChangeKind {
  if (!c.coveredBefore && c.coveredAfter) return 'gained'
  if (c.coveredBefore && !c.coveredAfter) return 'lost'
  const before = c.beforeMinutes ?? Number.POSITIVE_INFINITY
  const after = c.afterMinutes ?? Number.POSITIVE_INFINITY
  return after < before ? 'closer' : 'farther'
}

export interface WhatIfDistrictChange {
  id: number
  name: string
  before: number
  after: number
  /** after − before, in share (0–1) units. */
  delta: number
}

export interface WhatIfSummary {
  before: CoverageTotals
  after: CoverageTotals
  /** Residents served after − before (negative when the edits lose more than they gain). */
  residentsDelta: number
  shareDelta: number
  gainedCommunities: number
  gainedResidents: number
  lostCommunities: number
  lostResidents: number
  /** Communities whose walk changed without crossing the threshold. */
  minutesOnly: number
  /** Districts whose share moved, the biggest change first. */
  districts: WhatIfDistrictChange[]
  /** The first `top` changed communities in the server's order (coverage changes first, then most residents). */
  topChanges: (WhatIfChange & { kind: WhatIfChangeKind })[]
  changedTotal: number
}

/** Reads the numbers the panel shows out of a what-if answer. */
export function summariseWhatIf(res: Pick<WhatIfResponse, 'before' | 'after' | 'byDistrict' | 'changed'>, opts: { top?: number; minShareDelta?: number } = {}): WhatIfSummary {
  const top = opts.top ?? 10
  const minShareDelta = opts.minShareDelta ?? 1e-9
  let gainedCommunities = 0
  let gainedResidents = 0
  let lostCommunities = 0
  let lostResidents = 0
  let minutesOnly = 0
  for (const c of res.changed) {
    const kind = whatIfChangeKind(c)
    if (kind === 'gained') {
      gainedCommunities += 1
      gainedResidents += c.residents
    } else if (kind === 'lost') {
      lostCommunities += 1
      lostResidents += c.residents
    } else minutesOnly += 1
  }
  const districts = res.byDistrict
    .map((d) => ({ id: d.id, name: d.name, before: d.before, after: d.after, delta: d.after - d.before }))
    .filter((d) => Math.abs(d.delta) > minShareDelta)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.name.localeCompare(b.name))
  return {
    before: res.before,
    after: res.after,
    residentsDelta: res.after.coveredResidents - res.before.coveredResidents,
    shareDelta: res.after.share - res.before.share,
    gainedCommunities,
    gainedResidents,
    lostCommunities,
    lostResidents,
    minutesOnly,
    districts,
    topChanges: res.changed.slice(0, top).map((c) => ({ ...c, kind: whatIfChangeKind(c) })),
    changedTotal: res.changed.length,
  }
}

/** Communities whose coverage flips, for their outline on the map: 1 newly served, −1 no longer served. */
export function whatIfOutlineStates(changed: readonly WhatIfChange[]): Map<number, 1 | -1> {
  const states = new Map<number, 1 | -1>()
  for (const c of changed) {
    if (c.coveredBefore !== c.coveredAfter) states.set(c.communityId, c.coveredAfter ? 1 : -1)
  }
  return states
}

export type WhatIfMarkerKind = 'add' | 'remove' | 'move-from' | 'move-to'

export interface WhatIfMarker {
  key: string
  kind: WhatIfMarkerKind
  position: Position
}

/** The edits as map markers: added places, removed facilities, and both ends of each move. */
export function whatIfMarkers(edits: readonly WhatIfEdit[]): WhatIfMarker[] {
  const markers: WhatIfMarker[] = []
  for (const e of edits) {
    if (e.kind === 'add') markers.push({ key: e.key, kind: 'add', position: [e.lon, e.lat] })
    else if (e.kind === 'remove') markers.push({ key: e.key, kind: 'remove', position: [e.facility.lon, e.facility.lat] })
    else {
      markers.push({ key: `${e.key}:from`, kind: 'move-from', position: [e.facility.lon, e.facility.lat] })
      markers.push({ key: `${e.key}:to`, kind: 'move-to', position: [e.lon, e.lat] })
    }
  }
  return markers
}

/** Each move as a line from the facility's place to its new one. */
export function whatIfMoves(edits: readonly WhatIfEdit[]): { key: string; from: Position; to: Position }[] {
  return edits.flatMap((e) => (e.kind === 'move' ? [{ key: e.key, from: [e.facility.lon, e.facility.lat] as Position, to: [e.lon, e.lat] as Position }] : []))
}
