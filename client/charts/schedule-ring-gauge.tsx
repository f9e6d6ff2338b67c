import type { ReactNode } from 'react'

/** A ring gauge: the share (0–1, drawn up to a full turn) around a centred label. */
export function ScheduleRingGauge({
  share,
  color,
  size = 150,
  stroke = 14,
  track = 'rgba(255,255,255,0.12)',
  children,
}: {
  share: number | null
  color: string
  size?: number
  stroke?: number
  track?: string
  children?: ReactNode
}) {
  const r = (size - stroke) / 2
  const c = 2 * Math.PI * r
  const s = Math.max(0, Math.min(1, share ?? 0))
  return (
    <div className="ring-gauge" style={{ width: size, height: size }}>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
        <circle cx={size / 2} cy={size / 2} r={r} fill="none" stroke={track} strokeWidth={stroke} />
        <circle
          cx={size / 2}
          cy={size / 2}
          r={r}
          fill="none"
          stroke={color}
          strokeWidth={stroke}
          strokeLinecap="round"
          strokeDasharray={`${c * s} ${c}`}
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
        />
      </svg>
      <div className="ring-gauge__label">{children}</div>
    </div>
  )
}
