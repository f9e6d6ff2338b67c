import { createContext, useContext, useEffect, type ReactNode } from 'react'
import type { DatasetMetaResponse } from '../../core/contracts/responses.js'
import { api } from '../api/endpoints.js'
import { useRequest, type Request } from '../api/use-request.js'

const MetaContext = createContext<Request<DatasetMetaResponse> | null>(null)

/**
 * Loads /api/meta once; everything that frames or labels the map reads it from here. While the server is
 * still starting (503) it tries again by itself every 2 s, so a page opened early simply waits.
 */
export function MetaProvider({ children }: { children: ReactNode }) {
  const meta = useRequest('meta', () => api.meta())
  const starting = meta.status === 'error' && meta.error.status === 503
  const { retry } = meta
  useEffect(() => {
    if (!starting) return
    const timer = setTimeout(retry, 2000)
    return () => clearTimeout(timer)
  }, [starting, retry])
  return <MetaContext.Provider value={meta}>{children}</MetaContext.Provider>
}

export function useMetaRequest(): Request<DatasetMetaResponse> {
  const value = useContext(MetaContext)
  if (!value) throw new Error('useMetaRequest must be used inside <MetaProvider>')
  return value
}

/** The dataset meta, for components rendered only after it has loaded. */
export function useMeta(): DatasetMetaResponse {
  const { data } = useMetaRequest()
  if (!data) throw new Error('useMeta called before /api/meta loaded')
  return data
}
