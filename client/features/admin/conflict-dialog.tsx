import type { ReactNode } from 'react'
import type { UpdateUserBody, UserAccount } from '../../../core/contracts/auth.js'
import type { ConflictDetails } from '../../../core/contracts/responses.js'
import { Modal } from '../../components/ui/modal.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatDateTime } from '../../i18n/format-time.js'
import { auditActionLabel, roleLabel } from '../audit/audit-labels.js'
import { scopeNameOf, type ScopeNames } from './scope-name.js'

/** A change an admin tried to make to a user: field edits (incl. enable/disable), or a password reset. */
export type PendingUserChange = { kind: 'update'; body: Omit<UpdateUserBody, 'version'> } | { kind: 'reset' }

interface Row {
  id: string
  label: string
  seen: string
  current: string
  yours: string | null
}

/**
 * Someone changed the user between the admin opening it and saving: who and when, the values then and
 * now, and the admin's own change, with 重新应用 (send it again on top of the current version) or 取消.
 */
export function ConflictDialog({
  seen,
  details,
  change,
  names,
  busy,
  error,
  onReapply,
  onCancel,
}: {
  seen: UserAccount
  details: ConflictDetails<UserAccount>
  change: PendingUserChange
  names: ScopeNames
  busy: boolean
  error?: ReactNode
  onReapply: () => void
  onCancel: () => void
}) {
  const { t } = useI18n()
  const { current, lastChange } = details
  const scope = (s: { districtId: number | null; streetId: number | null }) => scopeNameOf(s, names) ?? t('admin.scopeAll')
  const status = (disabled: boolean) => (disabled ? t('admin.users.disabled') : t('admin.users.enabled'))
  const body = change.kind === 'update' ? change.body : null
  const unchanged = t('admin.conflict.unchanged')
  const scopeChanged = body && (body.districtId !== undefined || body.streetId !== undefined)

  const rows: Row[] = [
    {
      id: 'displayName',
      label: t('admin.users.colDisplayName'),
      seen: seen.displayName,
      current: current.displayName,
      yours: body ? (body.displayName ?? unchanged) : null,
    },
    { id: 'role', label: t('admin.users.colRole'), seen: roleLabel(seen.role, t), current: roleLabel(current.role, t), yours: body ? (body.role ? roleLabel(body.role, t) : unchanged) : null },
    {
      id: 'scope',
      label: t('admin.users.colScope'),
      seen: scope(seen),
      current: scope(current),
      yours: body ? (scopeChanged ? scope({ districtId: body.districtId ?? null, streetId: body.streetId ?? null }) : unchanged) : null,
    },
    {
      id: 'status',
      label: t('admin.conflict.status'),
      seen: status(seen.disabled),
      current: status(current.disabled),
      yours: body ? (body.disabled !== undefined ? status(body.disabled) : unchanged) : null,
    },
  ]

  return (
    <Modal
      title={t('admin.conflict.title')}
      onClose={onCancel}
      dismissable={!busy}
      closeLabel={t('admin.close')}
      size="lg"
      tone="warn"
      testId="user-conflict"
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} disabled={busy} data-testid="user-conflict-cancel">
            {t('admin.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={onReapply} disabled={busy} data-autofocus data-testid="user-conflict-reapply">
            {t('admin.conflict.reapply')}
          </button>
        </>
      }
    >
      <p className="modal__text">
        {lastChange
          ? t('admin.conflict.byWhom', {
              name: lastChange.actorName,
              role: roleLabel(lastChange.actorRole, t),
              time: formatDateTime(lastChange.at),
              action: auditActionLabel(lastChange.action, t),
            })
          : t('admin.conflict.unknown')}
      </p>
      <p className="modal__text muted">{t('admin.conflict.explain')}</p>
      {change.kind === 'reset' && <p className="modal__text">{t('admin.conflict.yourAction', { action: t('admin.conflict.resetPassword') })}</p>}
      <table className="compare-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.conflict.field')}</th>
            <th scope="col">{t('admin.conflict.seen')}</th>
            <th scope="col">{t('admin.conflict.current')}</th>
            {body && <th scope="col">{t('admin.conflict.yours')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.seen !== r.current ? 'is-changed' : ''}>
              <th scope="row">{r.label}</th>
              <td>{r.seen}</td>
              <td className="compare-table__current">{r.current}</td>
              {body && <td className={r.yours === unchanged ? 'muted' : 'compare-table__yours'}>{r.yours}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {error}
    </Modal>
  )
}
