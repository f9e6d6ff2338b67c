/** A horizontal bar for 0–100 %, optionally with a threshold tick (e.g. the 2/3 consent rule). */
export function ProgressBar({
  pct,
  color = 'var(--accent)',
  thresholdPct,
  label,
}: {
  pct: number
  color?: string
  thresholdPct?: number
  label?: string
}) {
  const clamped = Math.max(0, Math.min(100, Number.isFinite(pct) ? pct : 0))
  return (
    <div className="progress" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(clamped)} aria-label={label}>
      <div className="progress__fill" style={{ width: `${clamped}%`, background: color }} />
      {thresholdPct !== undefined && <div className="progress__threshold" style={{ left: `${thresholdPct}%` }} />}
    </div>
  )
}
