import { createContext, useContext, type ReactNode } from 'react'
import type { DatasetMetaResponse } from '../../core/contracts/responses.js'
import { api } from '../api/endpoints.js'
import { useRequest, type Request } from '../api/use-request.js'

const MetaContext = createContext<Request<DatasetMetaResponse> | null>(null)

/** Loads /api/meta once; everything that frames or labels the map reads it from here. */
export function MetaProvider({ children }: { children: ReactNode }) {
  const meta = useRequest('meta', () => api.meta())
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
