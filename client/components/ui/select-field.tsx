import type { ReactNode } from 'react'

/** A labelled native <select>: accessible, keyboard friendly and easy for tests to drive. */
export function SelectField({
  id,
  label,
  value,
  onChange,
  children,
  testId,
  disabled,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  children: ReactNode
  testId?: string
  disabled?: boolean
}) {
  return (
    <label className="field" htmlFor={id}>
      <span className="field__label">{label}</span>
      <select id={id} className="field__select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} disabled={disabled}>
        {children}
      </select>
    </label>
  )
}
