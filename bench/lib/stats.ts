export { tilesCovering } from '../../server/tiles/index.js'

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}
export const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50)
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—')

/** At most k items spread evenly over the list (deterministic). */
export function spread<T>(xs: T[], k: number): T[] {
  if (xs.length <= k) return xs
  return Array.from({ length: k }, (_, i) => xs[Math.floor((i * xs.length) / k)])
}
