import { z } from 'zod'
import { FACILITY_STATUSES, FACILITY_TYPES } from '../domain/community.js'
import { intParam, listParam } from './common.js'

export const formatParam = z.enum(['json', 'geojson']).default('json')

export const streetQuerySchema = z.object({
  district: listParam(intParam(1, 2_147_483_647)).optional(),
  format: formatParam,
})

export const districtQuerySchema = z.object({ format: formatParam })

export const facilityQuerySchema = z.object({
  type: listParam(z.enum(FACILITY_TYPES)).optional(),
  status: listParam(z.enum(FACILITY_STATUSES)).optional(),
  format: formatParam,
})
