import type { UserWithTemporaryPassword } from '../../../core/contracts/auth.js'
import { CopyButton } from '../../components/ui/copy-button.js'
import { Modal } from '../../components/ui/modal.js'
import { Notice } from '../../components/ui/notice.js'
import { useI18n } from '../../i18n/i18n-context.js'

/**
 * Shows a new user's or a reset temporary password, the one time the server ever returns it. Escape and a
 * click outside do not close it, so it is not lost by accident.
 */
export function TempPasswordDialog({ result, reason, onClose }: { result: UserWithTemporaryPassword; reason: 'created' | 'reset'; onClose: () => void }) {
  const { t } = useI18n()
  const { user, temporaryPassword } = result
  return (
    <Modal
      title={reason === 'created' ? t('admin.temp.createdTitle') : t('admin.temp.resetTitle')}
      onClose={onClose}
      dismissable={false}
      size="md"
      testId="temp-password-dialog"
      footer={
        <button type="button" className="btn btn--primary" onClick={onClose} data-autofocus data-testid="temp-password-done">
          {temporaryPassword ? t('admin.temp.done') : t('admin.close')}
        </button>
      }
    >
      {temporaryPassword ? (
        <>
          <p className="modal__text">{t('admin.temp.intro', { name: user.displayName, username: user.username })}</p>
          <div className="temp-password">
            <span className="temp-password__label">{t('admin.temp.label')}</span>
            <code className="temp-password__value" data-testid="temp-password">
              {temporaryPassword}
            </code>
            <CopyButton
              text={temporaryPassword}
              label={t('admin.temp.copy')}
              copiedLabel={t('admin.temp.copied')}
              failedLabel={t('admin.temp.copyFailed')}
              testId="temp-password-copy"
            />
          </div>
          <Notice tone="warn">{t('admin.temp.warning')}</Notice>
        </>
      ) : (
        <p className="modal__text">{t('admin.temp.ownPassword', { username: user.username })}</p>
      )}
    </Modal>
  )
}
