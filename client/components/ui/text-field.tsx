import type { ReactNode } from 'react'

/** A labelled text input with an optional hint under it and an error that replaces the hint. */
export function TextField({
  id,
  label,
  value,
  onChange,
  onBlur,
  type = 'text',
  placeholder,
  hint,
  error,
  testId,
  autoComplete,
  disabled,
  required,
  maxLength,
  autoFocus,
  className = '',
}: {
  id: string
  label: ReactNode
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  type?: 'text' | 'password' | 'search' | 'date'
  placeholder?: string
  hint?: ReactNode
  error?: ReactNode
  testId?: string
  autoComplete?: string
  disabled?: boolean
  required?: boolean
  maxLength?: number
  autoFocus?: boolean
  className?: string
}) {
  const noteId = `${id}-note`
  const note = error || hint
  return (
    <div className={`field ${error ? 'has-error' : ''} ${className}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__input"
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        placeholder={placeholder}
        autoComplete={autoComplete}
        disabled={disabled}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? noteId : undefined}
        data-testid={testId}
        data-autofocus={autoFocus || undefined}
        spellCheck={false}
      />
      {note && (
        <span id={noteId} className={error ? 'field__error' : 'field__hint'}>
          {error || hint}
        </span>
      )}
    </div>
  )
}
