import { useCallback, useEffect, useRef, useState } from 'react'
import type { ScheduleResponse, ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import type { IsoDate } from '../../../core/domain/entities.js'
import { ApiError } from '../../api/http.js'
import { scheduleApi, type ScheduleScopeQuery } from '../../api/schedule-endpoints.js'

/** How long the slider must rest before its date is fetched (a drag passes many weeks). */
export const SLIDER_DEBOUNCE_MS = 180

/** The city's schedule (the map) and the summary of the scope (the numbers), for one date, fetched together. */
export interface BattleData {
  schedule: ScheduleResponse
  summary: ScheduleSummaryResponse
  /** The date and scope asked for (see requestKey). */
  key: string
}

export interface BattleDataState {
  status: 'loading' | 'ready' | 'error'
  /** The last data that arrived (kept while a newer request runs or after it failed). */
  data: BattleData | null
  error: ApiError | null
  /** A request is under way. */
  fetching: boolean
  /** Refetch the shown date and scope (a server event said something changed). */
  reload: () => void
  retry: () => void
}

/** Identifies what a request asks for: the date (empty = today) and the scope. */
export function requestKey(asOf: IsoDate | null, q: ScheduleScopeQuery): string {
  return `${asOf ?? ''}|${q.districtId ?? ''}/${q.streetId ?? ''}/${q.clusterId ?? ''}`
}

/**
 * Loads the schedule of the whole city and the summary of a scope for `asOf` (null = the schedule's today).
 * A new date waits for the slider to rest. A request for a date or scope no longer wanted is aborted, so a
 * late answer for an old week never overwrites the week now shown; a reload while a request for the same
 * thing runs waits for it and then fetches once more (nothing is cancelled for it).
 */
export function useBattleData(asOf: IsoDate | null, scope: ScheduleScopeQuery): BattleDataState {
  const [state, setState] = useState<Omit<BattleDataState, 'reload' | 'retry'>>({ status: 'loading', data: null, error: null, fetching: true })
  const key = requestKey(asOf, scope)
  const wanted = useRef({ asOf, scope, key })
  wanted.current = { asOf, scope, key }
  const inflight = useRef<{ key: string; controller: AbortController } | null>(null)
  const reloadPending = useRef(false)
  const disposed = useRef(false)

  const start = useCallback(function start(): void {
    const { asOf: date, scope: q, key: k } = wanted.current
    const controller = new AbortController()
    inflight.current = { key: k, controller }
    reloadPending.current = false
    setState((s) => ({ ...s, fetching: true }))
    const params = { asOf: date ?? undefined }
    const settle = () => {
      inflight.current = null
      if (reloadPending.current || wanted.current.key !== k) start()
    }
    Promise.all([scheduleApi.schedule(params, controller.signal), scheduleApi.summary({ ...params, ...q }, controller.signal)]).then(
      ([schedule, summary]) => {
        if (controller.signal.aborted || disposed.current) return
        setState({ status: 'ready', data: { schedule, summary, key: k }, error: null, fetching: false })
        settle()
      },
      (err: unknown) => {
        if (controller.signal.aborted || disposed.current) return
        const error = err instanceof ApiError ? err : new ApiError('client', err instanceof Error ? err.message : String(err), null, '')
        console.error(`[api] battle map: ${error.code} ${error.message}`)
        setState((s) => ({ status: s.data ? 'ready' : 'error', data: s.data, error, fetching: false }))
        reloadPending.current = false
        inflight.current = null
      },
    )
  }, [])

  const lastAsOf = useRef<IsoDate | null | undefined>(undefined)
  useEffect(() => {
    const current = inflight.current
    if (current?.key === key) return
    // A request for another date or scope is stale: cancel it.
    if (current) {
      current.controller.abort()
      inflight.current = null
    }
    // Only a change of date is debounced: the first load and a scope change go at once.
    const delay = lastAsOf.current !== undefined && lastAsOf.current !== asOf ? SLIDER_DEBOUNCE_MS : 0
    lastAsOf.current = asOf
    setState((s) => ({ ...s, fetching: true }))
    const timer = setTimeout(() => {
      if (inflight.current?.key !== wanted.current.key) start()
    }, delay)
    return () => clearTimeout(timer)
  }, [key, asOf, start])

  useEffect(() => {
    disposed.current = false
    return () => {
      // Leaving the page: answers still on their way are ignored, not cancelled.
      disposed.current = true
    }
  }, [])

  const reload = useCallback(() => {
    if (inflight.current) reloadPending.current = true
    else start()
  }, [start])
  return { ...state, reload, retry: reload }
}
