import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import type { FacilityType } from '../../core/domain/community.js'

interface LayerOptionsValue {
  facilitiesVisible: boolean
  setFacilitiesVisible: (visible: boolean) => void
  /** Facility types drawn faded in the legend's toggle; recoloured through deck.gl updateTriggers. */
  mutedFacilityTypes: ReadonlySet<FacilityType>
  toggleFacilityType: (type: FacilityType) => void
}

const LayerOptionsContext = createContext<LayerOptionsValue | null>(null)

export function LayerOptionsProvider({ children }: { children: ReactNode }) {
  // Off by default: the stage colours are what this map is read for; facilities are one click away.
  const [facilitiesVisible, setFacilitiesVisible] = useState(false)
  const [mutedFacilityTypes, setMuted] = useState<ReadonlySet<FacilityType>>(new Set())
  const toggleFacilityType = useCallback((type: FacilityType) => {
    setMuted((prev) => {
      const next = new Set(prev)
      if (next.has(type)) next.delete(type)
      else next.add(type)
      return next
    })
  }, [])
  const value = useMemo(
    () => ({ facilitiesVisible, setFacilitiesVisible, mutedFacilityTypes, toggleFacilityType }),
    [facilitiesVisible, mutedFacilityTypes, toggleFacilityType],
  )
  return <LayerOptionsContext.Provider value={value}>{children}</LayerOptionsContext.Provider>
}

export function useLayerOptions(): LayerOptionsValue {
  const value = useContext(LayerOptionsContext)
  if (!value) throw new Error('useLayerOptions must be used inside <LayerOptionsProvider>')
  return value
}
