import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from './http.js'

export type RequestState<T> =
  | { status: 'loading'; data: T | undefined; error: null }
  | { status: 'success'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: ApiError }

export type Request<T> = RequestState<T> & { retry: () => void }

/**
 * Loads `load` whenever `key` changes (null = nothing to load); answers to superseded keys are dropped.
 * Requests are not aborted: they are small, and a cancelled request reads as a failure in the browser log
 * that the end-to-end tests watch. The last good data is kept while a new request runs so numbers don't
 * flash empty between filters.
 */
export function useRequest<T>(key: string | null, load: () => Promise<T>): Request<T> {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading', data: undefined, error: null })
  const [attempt, setAttempt] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    if (key === null) {
      setState({ status: 'loading', data: undefined, error: null })
      return
    }
    let current = true
    setState((s) => ({ status: 'loading', data: s.data, error: null }))
    loadRef.current().then(
      (data) => {
        if (current) setState({ status: 'success', data, error: null })
      },
      (err: unknown) => {
        if (!current) return
        const error = err instanceof ApiError ? err : new ApiError('client', err instanceof Error ? err.message : String(err), null, '')
        console.error(`[api] ${error.url || key}: ${error.code} ${error.message}`)
        setState((s) => ({ status: 'error', data: s.data, error }))
      },
    )
    return () => {
      current = false
    }
  }, [key, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, retry }
}
