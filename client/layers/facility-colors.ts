import { FACILITY_TYPES, type FacilityType } from '../../core/domain/community.js'

/** One colour per facility type, chosen to stay apart from the stage ramp underneath. */
export const FACILITY_COLORS: Record<FacilityType, string> = {
  kindergarten: '#e84393',
  nursery: '#f78fb3',
  elderly_care: '#00a3a3',
  clinic: '#d63031',
  meal_assistance: '#f0932b',
  supermarket: '#2d7dd2',
  express_station: '#8d6e63',
  service_center: '#1e3799',
  fitness: '#6ab04c',
  parking_charging: '#57606f',
}

export const FACILITY_TYPE_ORDER: readonly FacilityType[] = FACILITY_TYPES
