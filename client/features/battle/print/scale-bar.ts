/** Equatorial circumference of the Web Mercator sphere, metres. */
const EARTH_CIRCUMFERENCE_M = 40_075_016.686
/** MapLibre's world is 512 px wide at zoom 0 (its tiles are 512-px). */
const WORLD_PX_AT_Z0 = 512

/** Ground metres one CSS pixel covers at a zoom and latitude (degrees) on a MapLibre map. */
export function metresPerPixel(zoom: number, latDeg: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latDeg * Math.PI) / 180)) / (WORLD_PX_AT_Z0 * 2 ** zoom)
}

export interface ScaleBar {
  /** The bar's ground length, metres: a round 1, 2 or 5 × 10ⁿ. */
  lengthM: number
  /** Its length on the drawing, pixels. */
  lengthPx: number
  /** The length as read: "500 m", "2 km". */
  label: string
}

/**
 * The longest round scale bar (1, 2 or 5 × 10ⁿ metres) that fits in `maxPx` pixels of a drawing where
 * one pixel covers `metresPerPx` metres. Null for a degenerate scale (zero, negative or infinite).
 */
export function pickScaleBar(metresPerPx: number, maxPx: number): ScaleBar | null {
  if (!(metresPerPx > 0) || !(maxPx > 0) || !Number.isFinite(metresPerPx)) return null
  const maxM = metresPerPx * maxPx
  const top = Math.ceil(Math.log10(maxM))
  // Decades from the one just above maxM downwards, steps 5, 2, 1: the first that fits is the longest.
  for (let exponent = top; exponent >= top - 2; exponent--) {
    for (const step of [5, 2, 1]) {
      const lengthM = Number((step * 10 ** exponent).toPrecision(12))
      if (lengthM <= maxM * (1 + 1e-9)) return { lengthM, lengthPx: lengthM / metresPerPx, label: formatDistance(lengthM) }
    }
  }
  return null
}

/** "500 m", "1 km", "2.5 km"; below a metre in centimetres. */
export function formatDistance(metres: number): string {
  if (metres >= 1000) return `${Number((metres / 1000).toPrecision(6))} km`
  if (metres >= 1) return `${Number(metres.toPrecision(6))} m`
  return `${Number((metres * 100).toPrecision(6))} cm`
}
