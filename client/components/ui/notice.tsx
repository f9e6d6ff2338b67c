import type { ReactNode } from 'react'

export type NoticeTone = 'success' | 'danger' | 'warn' | 'info'

const ICONS: Record<NoticeTone, string> = { success: '✓', danger: '!', warn: '!', info: 'i' }

/** A full-width message strip: the outcome of an action, a warning, a broken audit chain. */
export function Notice({
  tone,
  children,
  items,
  onDismiss,
  dismissLabel,
  testId,
  className = '',
}: {
  tone: NoticeTone
  children: ReactNode
  /** Sub-points under the message (e.g. the password rules broken). */
  items?: ReactNode[]
  onDismiss?: () => void
  dismissLabel?: string
  testId?: string
  className?: string
}) {
  return (
    <div
      className={`notice notice--${tone} ${className}`}
      role={tone === 'danger' || tone === 'warn' ? 'alert' : 'status'}
      data-testid={testId}
      data-tone={tone}
    >
      <span className="notice__icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      <div className="notice__body">
        <div className="notice__text">{children}</div>
        {items && items.length > 0 && (
          <ul className="notice__items">
            {items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="icon-btn notice__close" onClick={onDismiss} aria-label={dismissLabel} title={dismissLabel}>
          ×
        </button>
      )}
    </div>
  )
}
