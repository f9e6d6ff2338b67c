import type { FacilityType } from './community.js'

/**
 * Walking coverage standards (DOMAIN.md "Walking coverage"; GB 50180-2018 life circles; policy 003).
 * Defaults only: a city profile may override thresholds per type.
 */

/** The life-circle bands shown on the map, in minutes. */
export const COVERAGE_BANDS_MIN = [5, 10, 15] as const
export type CoverageMinutes = (typeof COVERAGE_BANDS_MIN)[number]

/** Walking speed profiles in metres per second: 1.0 m/s ≈ 60 m/min; elderly 0.8 m/s. */
export const WALK_PROFILES = { standard: 1.0, elderly: 0.8 } as const
export type WalkProfile = keyof typeof WALK_PROFILES

/** Straight-line distance × this approximates a walk when no street network is loaded. */
export const DEFAULT_DETOUR_FACTOR = 1.3

/**
 * Minutes within which a community counts as served, per facility type: kindergarten, nursery and elderly
 * care within a 5–10 minute walk (003, the 5-minute circle of GB 50180), daily shopping and services in
 * the 10-minute circle, the clinic and the community centre in the 15-minute circle.
 */
export const DEFAULT_COVERAGE_MINUTES: Record<FacilityType, CoverageMinutes> = {
  kindergarten: 10,
  nursery: 10,
  elderly_care: 10,
  clinic: 15,
  meal_assistance: 10,
  supermarket: 10,
  express_station: 5,
  service_center: 15,
  fitness: 10,
  parking_charging: 5,
}

/** Minutes for a distance at a walking speed. */
export const walkMinutes = (distM: number, speedMps: number): number => distM / speedMps / 60
