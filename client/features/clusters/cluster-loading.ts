/**
 * Loading the year's 片区: the list (and its outlines, not awaited) when the year changes or the user
 * retries, and again after every write. Only the latest load's answer is kept.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ClusterGeoJson, ClusterListResponse } from '../../../core/contracts/clusters.js'
import { clusterApi } from '../../api/cluster-endpoints.js'
import { toApiError, type ListState } from './cluster-state.js'

export function useClusterList(year: number) {
  const [listState, setListState] = useState<ListState>({ status: 'loading' })
  const [outlines, setOutlines] = useState<ClusterGeoJson | undefined>(undefined)
  /** Bumped after every reload of the list. */
  const [revision, setRevision] = useState(0)

  /** The year shown (read by writes that run later). */
  const yearRef = useRef(year)
  yearRef.current = year
  /** The last list loaded for the year (null while it loads). */
  const listRef = useRef<ClusterListResponse | null>(null)
  const loadSeq = useRef(0)

  /** Loads the year's 片区 (and their outlines, not awaited) again; resolves to the fresh list. */
  const reloadList = useCallback(async (): Promise<ClusterListResponse> => {
    const seq = ++loadSeq.current
    const y = yearRef.current
    clusterApi.outlines(y).then(
      (o) => {
        if (seq === loadSeq.current) setOutlines(o)
      },
      (err: unknown) => console.error('[clusters] outlines:', err),
    )
    const list = await clusterApi.list(y)
    if (seq === loadSeq.current) {
      listRef.current = list
      setListState({ status: 'ready', list })
      setRevision((r) => r + 1)
    }
    return list
  }, [])

  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    listRef.current = null
    setListState({ status: 'loading' })
    setOutlines(undefined)
    reloadList().catch((err: unknown) => {
      console.error('[clusters] list:', err)
      setListState({ status: 'error', error: toApiError(err) })
    })
  }, [year, attempt, reloadList])
  const retry = useCallback(() => setAttempt((n) => n + 1), [])

  return { listState, outlines, revision, yearRef, listRef, reloadList, retry }
}
