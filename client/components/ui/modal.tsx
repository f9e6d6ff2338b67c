import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { createPortal } from 'react-dom'

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A centred dialog over a dimmed page. Focus moves into it (to `[data-autofocus]` if present), Tab stays
 * inside, and focus returns where it was on close. `dismissable={false}` keeps it open on Escape and on a
 * click outside, for dialogs whose content must not be lost by accident.
 */
export function Modal({
  title,
  onClose,
  children,
  footer,
  testId,
  size = 'md',
  tone = 'default',
  closeLabel,
  dismissable = true,
}: {
  title: ReactNode
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  testId?: string
  size?: 'sm' | 'md' | 'lg'
  tone?: 'default' | 'warn' | 'danger'
  /** The accessible label of the × button; no × button without it. */
  closeLabel?: string
  dismissable?: boolean
}) {
  const titleId = useId()
  const boxRef = useRef<HTMLDivElement>(null)
  const onCloseRef = useRef(onClose)
  onCloseRef.current = onClose

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const box = boxRef.current
    const first = box?.querySelector<HTMLElement>('[data-autofocus]') ?? box?.querySelector<HTMLElement>(FOCUSABLE)
    ;(first ?? box)?.focus()
    return () => previous?.focus?.()
  }, [])

  // Escape on the document: focus may have left the dialog (a button that was disabled while saving).
  useEffect(() => {
    if (!dismissable) return
    const onEscape = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return
      e.preventDefault()
      onCloseRef.current()
    }
    document.addEventListener('keydown', onEscape)
    return () => document.removeEventListener('keydown', onEscape)
  }, [dismissable])

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || !boxRef.current) return
    const items = [...boxRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)]
    if (items.length === 0) return
    const [firstItem, lastItem] = [items[0], items[items.length - 1]]
    if (e.shiftKey && document.activeElement === firstItem) {
      e.preventDefault()
      lastItem.focus()
    } else if (!e.shiftKey && document.activeElement === lastItem) {
      e.preventDefault()
      firstItem.focus()
    }
  }

  return createPortal(
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (dismissable && e.target === e.currentTarget) onCloseRef.current()
      }}
    >
      <div
        ref={boxRef}
        className={`modal modal--${size} modal--${tone}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header className="modal__header">
          <h2 className="modal__title" id={titleId}>
            {title}
          </h2>
          {closeLabel && dismissable && (
            <button type="button" className="icon-btn modal__close" aria-label={closeLabel} title={closeLabel} onClick={() => onCloseRef.current()}>
              ×
            </button>
          )}
        </header>
        <div className="modal__body">{children}</div>
        {footer && <footer className="modal__footer">{footer}</footer>}
      </div>
    </div>,
    document.body,
  )
}

/** A yes/no question in a dialog; the confirm button carries the verb (停用, 重置密码), not "OK". */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  busy = false,
  tone = 'default',
  error,
  testId,
}: {
  title: ReactNode
  message: ReactNode
  confirmLabel: string
  cancelLabel: string
  onConfirm: () => void
  onCancel: () => void
  busy?: boolean
  tone?: 'default' | 'danger'
  error?: ReactNode
  testId?: string
}) {
  return (
    <Modal
      title={title}
      onClose={onCancel}
      size="sm"
      tone={tone}
      dismissable={!busy}
      testId={testId}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            {cancelLabel}
          </button>
          <button
            type="button"
            className={`btn ${tone === 'danger' ? 'btn--danger' : 'btn--primary'}`}
            onClick={onConfirm}
            disabled={busy}
            data-autofocus
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <p className="modal__text">{message}</p>
      {error}
    </Modal>
  )
}
