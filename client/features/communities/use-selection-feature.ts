import { useMemo } from 'react'
import type { CommunityDetailResponse } from '../../../core/contracts/responses.js'
import type { SelectionFeature } from '../../layers/selection-layer.js'
import type { Selection } from './selection-context.js'

const EMPTY: SelectionFeature[] = []

/**
 * The selected community's outline: the full polygon from the detail response once it has arrived, until then
 * the shape picked from the tiles (which may be clipped at a tile edge).
 */
export function useSelectionFeature(selection: Selection | null, detail: CommunityDetailResponse | undefined): SelectionFeature[] {
  const full = detail && selection && detail.id === selection.id ? detail.geometry : undefined
  return useMemo<SelectionFeature[]>(() => {
    if (!selection) return EMPTY
    const geometry = full ?? selection.pickedGeometry
    return geometry ? [{ type: 'Feature', id: selection.id, geometry, properties: { id: selection.id } }] : EMPTY
  }, [selection, full])
}
