import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import type { CommunityDetailResponse } from '../../../core/contracts/responses.js'
import type { MultiPolygon, Polygon } from '../../../core/domain/geo.js'
import type { Request } from '../../api/use-request.js'
import { useCommunityDetail } from './use-community-data.js'

/** The community the user clicked, with the shape picked on the map to outline it before the API answers. */
export interface Selection {
  id: number
  pickedGeometry: Polygon | MultiPolygon | null
  /** Chosen away from the map (search): the map frames it once its details arrive. */
  focus: boolean
}

interface SelectionValue {
  selection: Selection | null
  select: (id: number, pickedGeometry?: Polygon | MultiPolygon | null, opts?: { focus?: boolean }) => void
  clear: () => void
  /** The selected community's details, loaded once here for the panel and the map highlight alike. */
  detail: Request<CommunityDetailResponse>
  /** The details only when they belong to the current selection (never the previous community's). */
  current: CommunityDetailResponse | undefined
  /** Counts saved edits; totals and map tiles reload when it changes. */
  revision: number
  /** After a write: reloads the selected community's details and bumps `revision`. */
  refresh: () => void
}

const SelectionContext = createContext<SelectionValue | null>(null)

export function SelectionProvider({ children }: { children: ReactNode }) {
  const [selection, setSelection] = useState<Selection | null>(null)
  const select = useCallback((id: number, pickedGeometry: Polygon | MultiPolygon | null = null, opts: { focus?: boolean } = {}) => {
    setSelection({ id, pickedGeometry, focus: opts.focus ?? false })
  }, [])
  const clear = useCallback(() => setSelection(null), [])
  const detail = useCommunityDetail(selection?.id ?? null)
  const current = detail.data && selection && detail.data.id === selection.id ? detail.data : undefined
  const [revision, setRevision] = useState(0)
  const retryDetail = detail.retry
  const refresh = useCallback(() => {
    retryDetail()
    setRevision((r) => r + 1)
  }, [retryDetail])
  const value = useMemo(
    () => ({ selection, select, clear, detail, current, revision, refresh }),
    [selection, select, clear, detail, current, revision, refresh],
  )
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>
}

export function useSelection(): SelectionValue {
  const value = useContext(SelectionContext)
  if (!value) throw new Error('useSelection must be used inside <SelectionProvider>')
  return value
}
