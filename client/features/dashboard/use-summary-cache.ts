import { useEffect, useRef, useState } from 'react'
import type { ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import { ApiError } from '../../api/http.js'
import { scheduleApi } from '../../api/schedule-endpoints.js'
import { focusId, type FocusKey } from './focus-cycle.js'

export interface CachedSummary {
  data: ScheduleSummaryResponse | undefined
  error: ApiError | null
  /** The data revision the entry was fetched for; older entries are shown until their refetch lands. */
  revision: number
}

/** A failed fetch is tried again after this long (the screen runs unattended). */
const RETRY_MS = 15_000

/**
 * Summaries of the city and of single districts, kept per focus so the large screen can show the next
 * district at once: every key in `keys` is fetched when missing or older than `revision`, the rest stay cached.
 */
export function useSummaryCache(keys: readonly FocusKey[], revision: number): (key: FocusKey) => CachedSummary | undefined {
  const [entries, setEntries] = useState<Record<string, CachedSummary>>({})
  const [retryTick, setRetryTick] = useState(0)
  const entriesRef = useRef(entries)
  entriesRef.current = entries
  const inFlight = useRef(new Map<string, number>())
  const keyList = keys.map(focusId).join(',')

  useEffect(() => {
    for (const key of keys) {
      const id = focusId(key)
      const entry = entriesRef.current[id]
      if (entry && entry.revision >= revision && !entry.error) continue
      if (inFlight.current.get(id) === revision) continue
      inFlight.current.set(id, revision)
      scheduleApi.summary(key === 'city' ? {} : { districtId: key }).then(
        (data) => setEntries((s) => ({ ...s, [id]: { data, error: null, revision } })),
        (err: unknown) => {
          const error = err instanceof ApiError ? err : new ApiError('client', String(err), null, '')
          console.error(`[api] schedule summary (${id}): ${error.code} ${error.message}`)
          setEntries((s) => ({ ...s, [id]: { data: s[id]?.data, error, revision } }))
          window.setTimeout(() => {
            inFlight.current.delete(id)
            setRetryTick((n) => n + 1)
          }, RETRY_MS)
        },
      )
    }
    // keyList stands for keys; retryTick re-runs the loop after a failure.
  }, [keyList, revision, retryTick])

  return (key) => entries[focusId(key)]
}
