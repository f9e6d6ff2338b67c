import { useCallback, useMemo, useState } from 'react'
import { ROLES, type Role } from '../../../core/auth/roles.js'
import type { UserAccount, UserWithTemporaryPassword } from '../../../core/contracts/auth.js'
import type { ConflictDetails } from '../../../core/contracts/responses.js'
import { authApi } from '../../api/auth-endpoints.js'
import { ApiError } from '../../api/http.js'
import { useRequest } from '../../api/use-request.js'
import { useSession } from '../../app/session-context.js'
import { DataTable, type Column } from '../../components/ui/data-table.js'
import { ConfirmDialog } from '../../components/ui/modal.js'
import { Notice } from '../../components/ui/notice.js'
import { PageLayout } from '../../components/ui/page-layout.js'
import { SelectField } from '../../components/ui/select-field.js'
import { Spinner } from '../../components/ui/spinner.js'
import { Tag } from '../../components/ui/tag.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatDateTime, formatUtcDateTime } from '../../i18n/format-time.js'
import { ConflictDialog, type PendingUserChange } from './conflict-dialog.js'
import { scopeNameOf } from './scope-name.js'
import { TempPasswordDialog } from './temp-password-dialog.js'
import { describeUserError, type UserErrorMessage } from './user-errors.js'
import { UserFormDialog } from './user-form-dialog.js'
import { scopeForRole, updateBodyOf, type UserFormValues } from './user-form-values.js'
import { useDebounced } from './use-debounced.js'
import { useScopeNames } from './use-scope-names.js'

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserAccount }
  | { kind: 'toggle'; user: UserAccount }
  | { kind: 'reset'; user: UserAccount }
  | { kind: 'temp'; result: UserWithTemporaryPassword; reason: 'created' | 'reset' }
  | { kind: 'conflict'; seen: UserAccount; change: PendingUserChange; details: ConflictDetails<UserAccount> }

type Flash = { tone: 'success' | 'danger'; message: string; items?: string[] }

function isConflict(err: unknown): err is ApiError & { details: ConflictDetails<UserAccount> } {
  return err instanceof ApiError && err.code === 'version_conflict' && typeof (err.details as ConflictDetails<UserAccount> | undefined)?.current === 'object'
}

/** 用户管理: the list of accounts with create, edit, enable/disable and password reset for admins. */
export function UsersPage() {
  const { t } = useI18n()
  const { user: me, can, session } = useSession()
  const canRead = can('user.read')
  const canManage = can('user.manage')
  const scope = useScopeNames()

  const [role, setRole] = useState<Role | ''>('')
  const [query, setQuery] = useState('')
  const q = useDebounced(query.trim(), 250)
  const list = useRequest(canRead ? `users:${role}:${q}` : null, () => authApi.users({ role: role || undefined, q: q || undefined }))
  // Answers of this page's own writes, shown at once (the list reloads behind them).
  const [fresh, setFresh] = useState<Record<number, UserAccount>>({})
  const rows = useMemo(
    () => (list.data ?? []).map((u) => (fresh[u.id] && fresh[u.id].version > u.version ? fresh[u.id] : u)),
    [list.data, fresh],
  )

  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [busy, setBusy] = useState(false)
  const [dialogError, setDialogError] = useState<UserErrorMessage | null>(null)
  const [flash, setFlash] = useState<Flash | null>(null)

  const open = (d: Dialog | null) => {
    setDialog(d)
    setDialogError(null)
    setBusy(false)
  }
  const remember = useCallback((u: UserAccount) => setFresh((f) => ({ ...f, [u.id]: u })), [])

  /** Sends a change made on `user` as it was at `version`; a conflict opens the comparison dialog. */
  const runChange = async (user: UserAccount, change: PendingUserChange, version: number, seen: UserAccount = user) => {
    setBusy(true)
    setDialogError(null)
    try {
      if (change.kind === 'reset') {
        const result = await authApi.resetPassword(user.id, version)
        remember(result.user)
        open({ kind: 'temp', result, reason: 'reset' })
      } else {
        const updated = await authApi.updateUser(user.id, { ...change.body, version })
        remember(updated)
        open(null)
        const key = change.body.disabled === true ? 'admin.users.disabledDone' : change.body.disabled === false ? 'admin.users.enabledDone' : 'admin.users.saved'
        setFlash({ tone: 'success', message: t(key, { username: updated.username }) })
      }
      list.retry()
    } catch (err) {
      if (isConflict(err)) {
        remember(err.details.current)
        open({ kind: 'conflict', seen, change, details: err.details })
        list.retry()
        return
      }
      setBusy(false)
      setDialogError(describeUserError(err, t, { username: user.username }))
    }
  }

  const createUser = async (v: UserFormValues) => {
    const scopeIds = scopeForRole(v.role, v.districtId, v.streetId, scope.names.streets)
    const result = await authApi.createUser({
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      districtId: scopeIds.districtId,
      streetId: scopeIds.streetId,
      ...(v.password ? { password: v.password } : {}),
    })
    remember(result.user)
    open({ kind: 'temp', result, reason: 'created' })
    setFlash({ tone: 'success', message: t('admin.users.created', { username: result.user.username }) })
    list.retry()
  }

  const editUser = async (user: UserAccount, v: UserFormValues) => {
    const body = updateBodyOf(user, v, scope.names.streets)
    if (!body) return open(null)
    try {
      const updated = await authApi.updateUser(user.id, { ...body, version: user.version })
      remember(updated)
      open(null)
      setFlash({ tone: 'success', message: t('admin.users.saved', { username: updated.username }) })
      list.retry()
    } catch (err) {
      if (!isConflict(err)) throw err
      remember(err.details.current)
      open({ kind: 'conflict', seen: user, change: { kind: 'update', body }, details: err.details })
      list.retry()
    }
  }

  const columns: Column<UserAccount>[] = [
    {
      id: 'username',
      header: t('admin.users.colUsername'),
      width: '13%',
      cell: (u) => (
        <span className="user-cell">
          <span className="mono">{u.username}</span>
          {u.id === me.id && <Tag tone="info">{t('admin.users.you')}</Tag>}
        </span>
      ),
    },
    { id: 'displayName', header: t('admin.users.colDisplayName'), width: '11%', cell: (u) => u.displayName },
    { id: 'role', header: t('admin.users.colRole'), width: '11%', cell: (u) => <span className={`role-chip role-chip--${u.role}`}>{t(`role.${u.role}`)}</span> },
    {
      id: 'scope',
      header: t('admin.users.colScope'),
      width: '15%',
      cell: (u) => scopeNameOf(u, scope.names) ?? <span className="muted-cell">{t('admin.scopeAll')}</span>,
    },
    {
      id: 'status',
      header: t('admin.users.colStatus'),
      width: '19%',
      cell: (u) => (
        <span className="tags">
          <Tag tone={u.disabled ? 'bad' : 'good'}>{u.disabled ? t('admin.users.disabled') : t('admin.users.enabled')}</Tag>
          {u.mustChangePassword && (
            <Tag tone="warn" title={t('admin.users.mustChangeTitle')}>
              {t('admin.users.mustChange')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      id: 'lastLogin',
      header: t('admin.users.colLastLogin'),
      width: '12%',
      className: 'nowrap',
      cell: (u) =>
        u.lastLoginAt ? (
          <time dateTime={u.lastLoginAt} title={formatUtcDateTime(u.lastLoginAt)}>
            {formatDateTime(u.lastLoginAt, { seconds: false })}
          </time>
        ) : (
          <span className="muted-cell">{t('admin.users.neverLoggedIn')}</span>
        ),
    },
  ]
  if (canManage) {
    columns.push({
      id: 'actions',
      header: t('admin.users.colActions'),
      className: 'actions',
      cell: (u) => {
        const self = u.id === me.id
        return (
          <span className="row-actions">
            <button type="button" className="link-btn" onClick={() => open({ kind: 'edit', user: u })} data-testid={`user-edit-${u.username}`}>
              {t('admin.users.edit')}
            </button>
            <button
              type="button"
              className={`link-btn ${u.disabled ? '' : 'link-btn--danger'}`}
              onClick={() => open({ kind: 'toggle', user: u })}
              disabled={self && !u.disabled}
              title={self && !u.disabled ? t('admin.users.selfDisableTitle') : undefined}
              data-testid={`user-toggle-${u.username}`}
            >
              {u.disabled ? t('admin.users.enable') : t('admin.users.disable')}
            </button>
            <button type="button" className="link-btn" onClick={() => open({ kind: 'reset', user: u })} data-testid={`user-reset-${u.username}`}>
              {t('admin.users.resetPassword')}
            </button>
          </span>
        )
      },
    })
  }

  if (!canRead) {
    return (
      <PageLayout title={t('admin.users.title')} testId="users-page">
        <Notice tone="warn">{t('admin.noPermission')}</Notice>
      </PageLayout>
    )
  }

  const dialogNotice = dialogError && (
    <Notice tone="danger" items={dialogError.items} className="modal__notice">
      {dialogError.message}
    </Notice>
  )

  return (
    <PageLayout
      title={t('admin.users.title')}
      subtitle={t('admin.users.subtitle')}
      testId="users-page"
      actions={
        canManage && (
          <button type="button" className="btn btn--primary" onClick={() => open({ kind: 'create' })} data-testid="user-create">
            <span aria-hidden="true">＋</span> {t('admin.users.create')}
          </button>
        )
      }
    >
      {flash && (
        <Notice tone={flash.tone} items={flash.items} onDismiss={() => setFlash(null)} dismissLabel={t('admin.close')} testId="users-flash">
          {flash.message}
        </Notice>
      )}
      {!canManage && <Notice tone="info">{t('admin.users.readOnly')}</Notice>}
      {scope.failed && <Notice tone="warn">{t('admin.scopeLoadFailed')}</Notice>}

      <section className="admin-card">
        <div className="admin-toolbar">
          <SelectField id="users-filter-role" label={t('admin.users.filterRole')} value={role} onChange={(v) => setRole(v as Role | '')} testId="users-filter-role">
            <option value="">{t('admin.users.allRoles')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </SelectField>
          <label className="field admin-toolbar__search" htmlFor="users-search">
            <span className="field__label">{t('admin.users.search')}</span>
            <input
              id="users-search"
              className="field__input"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder={t('admin.users.searchPlaceholder')}
              maxLength={50}
              data-testid="users-search"
            />
          </label>
          <div className="admin-toolbar__spacer" />
          <div className="admin-toolbar__status">
            {list.status === 'loading' && <Spinner size="sm" />}
            {list.data && <span>{t('admin.users.count', { n: rows.length })}</span>}
          </div>
        </div>

        {list.status === 'error' && (
          <Notice tone="danger" testId="users-error">
            {t('admin.users.loadFailed', { message: describeUserError(list.error, t).message })}{' '}
            <button type="button" className="link-btn" onClick={list.retry}>
              {t('admin.users.retry')}
            </button>
          </Notice>
        )}
        {!list.data && list.status === 'loading' ? (
          <div className="admin-card__state">
            <Spinner label={t('admin.users.loading')} />
          </div>
        ) : (
          <DataTable
            columns={columns}
            rows={rows}
            rowKey={(u) => u.id}
            rowTestId={(u) => `user-row-${u.username}`}
            rowClassName={(u) => (u.disabled ? 'is-disabled' : '')}
            testId="users-table"
            busy={list.status === 'loading'}
            caption={t('admin.users.title')}
            empty={<div className="admin-card__state muted">{t('admin.users.empty')}</div>}
          />
        )}
      </section>

      {dialog?.kind === 'create' && (
        <UserFormDialog names={scope.names} policy={session.policy} onSubmit={createUser} onCancel={() => open(null)} />
      )}
      {dialog?.kind === 'edit' && (
        <UserFormDialog user={dialog.user} names={scope.names} onSubmit={(v) => editUser(dialog.user, v)} onCancel={() => open(null)} />
      )}
      {dialog?.kind === 'toggle' && (
        <ConfirmDialog
          title={dialog.user.disabled ? t('admin.confirm.enableTitle') : t('admin.confirm.disableTitle')}
          message={t(dialog.user.disabled ? 'admin.confirm.enableBody' : 'admin.confirm.disableBody', { name: dialog.user.displayName, username: dialog.user.username })}
          confirmLabel={dialog.user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
          cancelLabel={t('admin.cancel')}
          tone={dialog.user.disabled ? 'default' : 'danger'}
          busy={busy}
          error={dialogNotice}
          testId="user-toggle-confirm"
          onCancel={() => open(null)}
          onConfirm={() => runChange(dialog.user, { kind: 'update', body: { disabled: !dialog.user.disabled } }, dialog.user.version)}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ConfirmDialog
          title={t('admin.confirm.resetTitle')}
          message={t('admin.confirm.resetBody', { name: dialog.user.displayName, username: dialog.user.username })}
          confirmLabel={t('admin.users.resetPassword')}
          cancelLabel={t('admin.cancel')}
          tone="danger"
          busy={busy}
          error={dialogNotice}
          testId="user-reset-confirm"
          onCancel={() => open(null)}
          onConfirm={() => runChange(dialog.user, { kind: 'reset' }, dialog.user.version)}
        />
      )}
      {dialog?.kind === 'temp' && <TempPasswordDialog result={dialog.result} reason={dialog.reason} onClose={() => open(null)} />}
      {dialog?.kind === 'conflict' && (
        <ConflictDialog
          seen={dialog.seen}
          details={dialog.details}
          change={dialog.change}
          names={scope.names}
          busy={busy}
          error={dialogNotice}
          onCancel={() => open(null)}
          onReapply={() => runChange(dialog.details.current, dialog.change, dialog.details.current.version, dialog.details.current)}
        />
      )}
    </PageLayout>
  )
}
