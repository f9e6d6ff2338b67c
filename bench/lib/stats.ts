export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}
export const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50)
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—')

/** Tiles (x, y) at zoom z covering a lon/lat bbox. */
export function tilesCovering(bbox: [number, number, number, number], z: number): [number, number][] {
  const n = 2 ** z
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n)
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)
  }
  const out: [number, number][] = []
  for (let x = tx(bbox[0]); x <= tx(bbox[2]); x++) for (let y = ty(bbox[3]); y <= ty(bbox[1]); y++) out.push([x, y])
  return out
}

/** At most k items spread evenly over the list (deterministic). */
export function spread<T>(xs: T[], k: number): T[] {
  if (xs.length <= k) return xs
  return Array.from({ length: k }, (_, i) => xs[Math.floor((i * xs.length) / k)])
}
