import type { ReactNode } from 'react'

export interface SegmentOption<V extends string | number> {
  value: V
  label: ReactNode
  title?: string
  testId?: string
}

/** A row of mutually exclusive buttons (a radio group that shows every choice at once). */
export function SegmentedControl<V extends string | number>({
  label,
  value,
  options,
  onChange,
  size = 'md',
  disabled = false,
}: {
  /** The accessible name of the group. */
  label: string
  value: V | null
  options: readonly SegmentOption<V>[]
  onChange: (value: V) => void
  size?: 'sm' | 'md'
  disabled?: boolean
}) {
  return (
    <div className={`segmented segmented--${size}`} role="radiogroup" aria-label={label}>
      {options.map((o) => {
        const active = o.value === value
        return (
          <button
            key={String(o.value)}
            type="button"
            role="radio"
            aria-checked={active}
            className={`segmented__option ${active ? 'is-active' : ''}`}
            onClick={() => !active && onChange(o.value)}
            title={o.title}
            data-testid={o.testId}
            disabled={disabled}
          >
            {o.label}
          </button>
        )
      })}
    </div>
  )
}
