import { useEffect } from 'react'
import { ErrorBanner } from '../../../components/ui/error-banner.js'
import { Spinner } from '../../../components/ui/spinner.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import { useSelection } from '../selection-context.js'
import { DetailBody } from './detail-body.js'

/** The clicked community: every attribute, the stage timeline, the latest progress reports and the edits the user may make. */
export function DetailPanel() {
  const { t } = useI18n()
  const { selection, clear, detail, current: c } = useSelection()

  useEffect(() => {
    if (!selection) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') clear()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [selection, clear])

  if (!selection) return null
  return (
    <aside className="detail-panel panel" data-testid="detail-panel" aria-label={c?.name ?? t('detail.loading')}>
      <button type="button" className="icon-btn detail-panel__close" onClick={clear} aria-label={t('detail.close')} title={t('detail.close')}>
        ×
      </button>
      {c ? (
        <DetailBody key={c.id} c={c} />
      ) : detail.status === 'error' ? (
        <div className="detail-panel__state">
          <ErrorBanner message={t('app.loadFailed')} retryLabel={t('app.retry')} onRetry={detail.retry} />
        </div>
      ) : (
        <div className="detail-panel__state">
          <Spinner label={t('detail.loading')} />
        </div>
      )}
    </aside>
  )
}
