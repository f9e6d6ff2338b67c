import { useMemo } from 'react'
import type { CommunityDetailResponse } from '../../../core/contracts/responses.js'
import type { BBox } from '../../../core/domain/geo.js'
import { api } from '../../api/endpoints.js'
import { useRequest } from '../../api/use-request.js'
import type { SelectionFeature } from '../../layers/selection-layer.js'
import type { Selection } from './selection-context.js'

const EMPTY: SelectionFeature[] = []

function padBBox([w, s, e, n]: BBox): BBox {
  const pad = 1e-5
  return [w - pad, s - pad, e + pad, n + pad]
}

/**
 * The selected community's full outline. The detail response has no geometry, so the polygon comes from
 * /api/communities?format=geojson limited to its bbox; until then the shape picked from the tiles is used
 * (it may be clipped at a tile edge).
 */
export function useSelectionFeature(selection: Selection | null, detail: CommunityDetailResponse | undefined): SelectionFeature[] {
  const current = detail && selection && detail.id === selection.id ? detail : undefined
  const shape = useRequest(current ? `shape:${current.id}` : null, () =>
    api.communityShapes({ bbox: padBBox(current!.bbox), district: [current!.districtId] }),
  )
  const full = current && shape.status === 'success' ? shape.data.features.find((f) => Number(f.id ?? f.properties?.id) === current.id) : undefined

  return useMemo<SelectionFeature[]>(() => {
    if (!selection) return EMPTY
    if (full) return [{ type: 'Feature', id: selection.id, geometry: full.geometry, properties: { id: selection.id } }]
    if (selection.pickedGeometry) return [{ type: 'Feature', id: selection.id, geometry: selection.pickedGeometry, properties: { id: selection.id } }]
    return EMPTY
  }, [selection, full])
}
