import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { TenderPackageRow } from '../../../core/contracts/clusters.js'
import { clusterApi } from '../../api/cluster-endpoints.js'
import { ApiError } from '../../api/http.js'
import { useClusters } from './cluster-context.js'

interface PackagesValue {
  status: 'loading' | 'ready' | 'error'
  error: ApiError | null
  packages: readonly TenderPackageRow[]
  reloadPackages: () => Promise<void>
}

const PackagesContext = createContext<PackagesValue | null>(null)
const NONE: TenderPackageRow[] = []

/** The year's tender packages; loaded again whenever the 片区 list is (their totals follow the 片区). */
export function PackagesProvider({ children }: { children: ReactNode }) {
  const { year, revision } = useClusters()
  const [state, setState] = useState<{ status: PackagesValue['status']; error: ApiError | null; packages: readonly TenderPackageRow[] }>({ status: 'loading', error: null, packages: NONE })
  const seq = useRef(0)
  const load = useCallback(async () => {
    const id = ++seq.current
    try {
      const packages = await clusterApi.packages(year)
      if (id === seq.current) setState({ status: 'ready', error: null, packages })
    } catch (err) {
      console.error('[clusters] packages:', err)
      if (id === seq.current) setState((s) => ({ status: 'error', error: err instanceof ApiError ? err : new ApiError('client', String(err), null, ''), packages: s.packages }))
    }
  }, [year])
  useEffect(() => {
    void load()
  }, [load, revision])
  const value = useMemo<PackagesValue>(() => ({ ...state, reloadPackages: load }), [state, load])
  return <PackagesContext.Provider value={value}>{children}</PackagesContext.Provider>
}

export function usePackages(): PackagesValue {
  const value = useContext(PackagesContext)
  if (!value) throw new Error('usePackages must be used inside <PackagesProvider>')
  return value
}
