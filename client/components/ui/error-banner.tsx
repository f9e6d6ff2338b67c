/** A compact error line with a retry button, for panels and overlays. */
export function ErrorBanner({
  message,
  retryLabel,
  onRetry,
  className = '',
}: {
  message: string
  retryLabel: string
  onRetry: () => void
  className?: string
}) {
  return (
    <div className={`error-banner ${className}`} role="alert">
      <span className="error-banner__icon" aria-hidden="true">!</span>
      <span className="error-banner__text">{message}</span>
      <button type="button" className="btn btn--small" onClick={onRetry}>
        {retryLabel}
      </button>
    </div>
  )
}
