import { useMemo } from 'react'
import { api } from '../../api/endpoints.js'
import { useRequest } from '../../api/use-request.js'
import type { ScopeNames } from './scope-name.js'

const EMPTY: ScopeNames = { districts: [], streets: [] }

/** Every district and street (for scope pickers and for naming scopes in tables); ids show until loaded. */
export function useScopeNames(): { names: ScopeNames; failed: boolean; loaded: boolean } {
  const req = useRequest('scope-names', async () => {
    const [districts, streets] = await Promise.all([api.districts(), api.streets(null)])
    return { districts, streets } satisfies ScopeNames
  })
  return useMemo(
    () => ({ names: req.data ?? EMPTY, failed: req.status === 'error', loaded: req.status === 'success' }),
    [req.data, req.status],
  )
}
