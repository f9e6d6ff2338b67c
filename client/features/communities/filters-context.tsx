import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import type { Stage } from '../../../core/domain/stages.js'
import { NO_FILTERS, type CommunityFilters } from './filters.js'

interface FiltersValue {
  filters: CommunityFilters
  setDistrict: (districtId: number | null) => void
  /** Picking a street also selects its district, so the two selects never disagree. */
  setStreet: (streetId: number | null, districtId?: number | null) => void
  setStage: (stage: Stage | null) => void
  reset: () => void
}

const FiltersContext = createContext<FiltersValue | null>(null)

export function FiltersProvider({ children }: { children: ReactNode }) {
  const [filters, setFilters] = useState<CommunityFilters>(NO_FILTERS)

  const setDistrict = useCallback((districtId: number | null) => {
    // A street belongs to one district: changing the district drops the street.
    setFilters((f) => (f.districtId === districtId ? f : { ...f, districtId, streetId: null }))
  }, [])
  const setStreet = useCallback((streetId: number | null, districtId?: number | null) => {
    setFilters((f) => ({ ...f, streetId, districtId: districtId === undefined || districtId === null ? f.districtId : districtId }))
  }, [])
  const setStage = useCallback((stage: Stage | null) => setFilters((f) => ({ ...f, stage })), [])
  const reset = useCallback(() => setFilters(NO_FILTERS), [])

  const value = useMemo(() => ({ filters, setDistrict, setStreet, setStage, reset }), [filters, setDistrict, setStreet, setStage, reset])
  return <FiltersContext.Provider value={value}>{children}</FiltersContext.Provider>
}

export function useFilters(): FiltersValue {
  const value = useContext(FiltersContext)
  if (!value) throw new Error('useFilters must be used inside <FiltersProvider>')
  return value
}
