import { useI18n } from '../../i18n/i18n-context.js'
import { useBattle } from './battle-context.js'

/** The green "实时" dot while the server-push stream is connected (grey while it reconnects). */
export function LiveIndicator() {
  const { t } = useI18n()
  const { connected } = useBattle()
  return (
    <span
      className={`battle-live ${connected ? 'is-on' : ''}`}
      data-testid="battle-live"
      data-connected={connected ? '1' : '0'}
      title={connected ? t('battle.live.on') : t('battle.live.off')}
      role="status"
    >
      <span className="battle-live__dot" aria-hidden="true" />
      {t('battle.live')}
    </span>
  )
}

/** "XX 刚刚填报了进度", for a few seconds after a live update. */
export function LiveToast() {
  const { toast } = useBattle()
  if (!toast) return null
  return (
    <div className="battle-toast" key={toast.id} data-testid="battle-toast" role="status" aria-live="polite">
      <span className="battle-toast__dot" aria-hidden="true" />
      {toast.text}
    </div>
  )
}
