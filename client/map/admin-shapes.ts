import { api, type AdminCollection } from '../api/endpoints.js'

export interface AdminShapes {
  districts: AdminCollection
  streets: AdminCollection
}

let pending: Promise<AdminShapes> | null = null

/**
 * District and street polygons, loaded once per page: they label the map and frame the filtered area.
 * A failed load is forgotten so the next caller tries again.
 */
export function loadAdminShapes(): Promise<AdminShapes> {
  pending ??= Promise.all([api.districtShapes(), api.streetShapes()])
    .then(([districts, streets]) => ({ districts, streets }))
    .catch((err: unknown) => {
      pending = null
      throw err
    })
  return pending
}
