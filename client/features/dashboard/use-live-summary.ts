import { useCallback, useEffect, useRef, useState } from 'react'
import type { ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import { scheduleApi, type ScheduleScopeQuery } from '../../api/schedule-endpoints.js'
import { useRequest, type Request } from '../../api/use-request.js'
import { useServerEvents } from '../../api/use-server-events.js'

/** How long a burst of progress events is gathered before one refetch. */
export const LIVE_DEBOUNCE_MS = 300

/**
 * Calls `refresh` (debounced) when reports arrive or the plan year changes, and on every reconnect after the
 * first (events sent while disconnected are not replayed). `live` is true once the event stream is open.
 */
export function useLiveRefresh(refresh: () => void): { live: boolean } {
  const [live, setLive] = useState(false)
  const refreshRef = useRef(refresh)
  refreshRef.current = refresh
  const timer = useRef<number | undefined>(undefined)
  const connected = useRef(false)
  useEffect(() => () => window.clearTimeout(timer.current), [])
  useServerEvents(
    useCallback((event) => {
      if (event.type === 'ready') {
        setLive(true)
        if (!connected.current) {
          connected.current = true
          return
        }
      }
      window.clearTimeout(timer.current)
      timer.current = window.setTimeout(() => refreshRef.current(), LIVE_DEBOUNCE_MS)
    }, []),
  )
  return { live }
}

/** The schedule summary for a date and scope, refetched live as progress is reported. */
export function useLiveSummary(query: ScheduleScopeQuery): { summary: Request<ScheduleSummaryResponse>; live: boolean } {
  const [revision, setRevision] = useState(0)
  const { live } = useLiveRefresh(useCallback(() => setRevision((n) => n + 1), []))
  const key = `${query.asOf ?? ''}|${query.districtId ?? ''}|${query.streetId ?? ''}|${query.clusterId ?? ''}|${revision}`
  const summary = useRequest(key, () => scheduleApi.summary(query))
  return { summary, live }
}
