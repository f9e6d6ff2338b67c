import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import type { CommunityDetailResponse } from '../../../core/contracts/responses.js'
import { ApiError } from '../../api/http.js'
import { scheduleApi } from '../../api/schedule-endpoints.js'

// The router announces in-app navigation with this event (client/app/router.tsx); its path hook ignores the
// query string, so the Gantt listens for changes of `?district=` / `?community=` itself.
const NAVIGATE_EVENT = 'renewmap:navigate'

function subscribeSearch(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

/** The current query string, re-read on back/forward and in-app navigation. */
export function useLocationSearch(): string {
  return useSyncExternalStore(
    subscribeSearch,
    () => window.location.search,
    () => '',
  )
}

/** Community details fetched this session; dropped when a progress event names the community. */
const detailCache = new Map<number, CommunityDetailResponse>()

export function forgetCommunityDetails(ids: readonly number[] | null): void {
  if (ids === null) detailCache.clear()
  else for (const id of ids) detailCache.delete(id)
}

/** How many details are fetched at once: enough to be quick, few enough to leave the server room. */
export const DETAIL_BATCH = 8

export interface DetailsState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  details: Map<number, CommunityDetailResponse>
  done: number
  total: number
  error: ApiError | null
  retry: () => void
}

/**
 * The details (with stage records) of up to a district's communities, fetched in batches of eight with a
 * running count for the progress indicator. There is no batch endpoint, so this is only used for one
 * district or 片区 at a time, never the whole city. Superseded loads stop after their current batch.
 */
export function useCommunityDetails(ids: readonly number[] | null, revision: number): DetailsState {
  const key = ids === null ? null : ids.join(',')
  const [attempt, setAttempt] = useState(0)
  const [state, setState] = useState<Omit<DetailsState, 'retry'>>({ status: 'idle', details: new Map(), done: 0, total: 0, error: null })

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle', details: new Map(), done: 0, total: 0, error: null })
      return
    }
    const wanted = key ? key.split(',').map(Number) : []
    let current = true
    const collected = new Map<number, CommunityDetailResponse>()
    for (const id of wanted) {
      const hit = detailCache.get(id)
      if (hit) collected.set(id, hit)
    }
    const missing = wanted.filter((id) => !collected.has(id))
    setState((s) => ({ status: missing.length ? 'loading' : 'ready', details: missing.length && s.details.size ? s.details : new Map(collected), done: collected.size, total: wanted.length, error: null }))
    if (!missing.length) return
    ;(async () => {
      for (let i = 0; i < missing.length; i += DETAIL_BATCH) {
        const batch = missing.slice(i, i + DETAIL_BATCH)
        const got = await Promise.all(batch.map((id) => scheduleApi.communityDetail(id)))
        if (!current) return
        for (const d of got) {
          detailCache.set(d.id, d)
          collected.set(d.id, d)
        }
        setState((s) => ({ ...s, done: collected.size }))
      }
      if (current) setState({ status: 'ready', details: new Map(collected), done: collected.size, total: wanted.length, error: null })
    })().catch((err: unknown) => {
      if (!current) return
      const error = err instanceof ApiError ? err : new ApiError('client', err instanceof Error ? err.message : String(err), null, '')
      console.error(`[api] ${error.url || 'community details'}: ${error.code} ${error.message}`)
      setState((s) => ({ ...s, status: 'error', error }))
    })
    return () => {
      current = false
    }
  }, [key, revision, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, retry }
}
