import { useMemo, useState, type FormEvent } from 'react'
import { checkPassword, type PasswordPolicy } from '../../../core/auth/password-policy.js'
import { ROLES, SCOPED_ROLES, type Role } from '../../../core/auth/roles.js'
import type { UserAccount } from '../../../core/contracts/auth.js'
import { Modal } from '../../components/ui/modal.js'
import { Notice } from '../../components/ui/notice.js'
import { SelectField } from '../../components/ui/select-field.js'
import { TextField } from '../../components/ui/text-field.js'
import { useI18n } from '../../i18n/i18n-context.js'
import type { ScopeNames } from './scope-name.js'
import { passwordProblemText } from '../auth/password-hints.js'
import { describeUserError, type UserErrorMessage } from './user-errors.js'
import { formValuesOf, updateBodyOf, validateUserForm, type UserFormErrors, type UserFormValues } from './user-form-values.js'

const isScoped = (role: Role) => (SCOPED_ROLES as readonly Role[]).includes(role)

/**
 * The create / edit user dialog. `onSubmit` sends the values; a rejection shows in the dialog as a localized
 * message (the page handles version conflicts itself and resolves).
 */
export function UserFormDialog({
  user,
  names,
  policy,
  onSubmit,
  onCancel,
}: {
  /** The user to edit; none to create one. */
  user?: UserAccount
  names: ScopeNames
  /** The password rules, to flag a weak initial password before sending it. */
  policy?: PasswordPolicy
  onSubmit: (values: UserFormValues) => Promise<void>
  onCancel: () => void
}) {
  const { t } = useI18n()
  const mode = user ? 'edit' : 'create'
  const initial = useMemo<UserFormValues>(
    () => (user ? formValuesOf(user) : { username: '', displayName: '', role: 'planner', districtId: null, streetId: null, password: '' }),
    [user],
  )
  const [values, setValues] = useState<UserFormValues>(initial)
  const [shownErrors, setShownErrors] = useState<UserFormErrors>({})
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<UserErrorMessage | null>(null)

  const errors = validateUserForm(values, mode)
  const visible = submitted ? errors : shownErrors
  const set = <K extends keyof UserFormValues>(key: K, value: UserFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }))
    setShownErrors((e) => ({ ...e, [key]: undefined }))
  }

  const streetsOfDistrict = useMemo(
    () => (values.districtId == null ? [] : names.streets.filter((s) => s.districtId === values.districtId)),
    [names.streets, values.districtId],
  )
  const passwordProblems = useMemo(
    () => (values.password && policy ? checkPassword(values.password, policy, { username: values.username.trim() }) : []),
    [values.password, values.username, policy],
  )
  const unchanged = user !== undefined && updateBodyOf(user, values, names.streets) === null

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setSubmitted(true)
    if (Object.keys(errors).length || passwordProblems.length || unchanged) return
    setBusy(true)
    setFailure(null)
    try {
      await onSubmit(values)
    } catch (err) {
      setFailure(describeUserError(err, t, { username: values.username.trim() }))
      setBusy(false)
    }
  }

  const fieldError = (f: keyof UserFormErrors) => (visible[f] ? t(`admin.form.${visible[f]}`) : undefined)

  return (
    <Modal
      title={user ? t('admin.form.editTitle', { username: user.username }) : t('admin.form.createTitle')}
      onClose={onCancel}
      closeLabel={t('admin.close')}
      dismissable={!busy}
      size="md"
      footer={
        <>
          {unchanged && <span className="modal__footnote">{t('admin.form.noChanges')}</span>}
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            {t('admin.cancel')}
          </button>
          <button type="submit" form="user-form" className="btn btn--primary" disabled={busy || unchanged} data-testid="user-form-submit">
            {busy ? t('admin.form.saving') : user ? t('admin.form.save') : t('admin.form.create')}
          </button>
        </>
      }
    >
      <form id="user-form" className="form-grid" onSubmit={submit} noValidate data-testid="user-form">
        {failure && (
          <Notice tone="danger" items={failure.items} className="form-grid__wide">
            {failure.message}
          </Notice>
        )}
        {user ? (
          <div className="field form-grid__wide">
            <span className="field__label">{t('admin.form.username')}</span>
            <span className="field__static mono" data-testid="user-form-username">
              {user.username}
            </span>
          </div>
        ) : (
          <TextField
            id="user-form-username"
            className="form-grid__wide"
            label={t('admin.form.username')}
            value={values.username}
            onChange={(v) => set('username', v)}
            onBlur={() => setShownErrors((e) => ({ ...e, username: errors.username }))}
            hint={t('admin.form.usernameHint')}
            error={fieldError('username')}
            testId="user-form-username"
            autoComplete="off"
            maxLength={40}
            autoFocus
          />
        )}
        <TextField
          id="user-form-display-name"
          className="form-grid__wide"
          label={t('admin.form.displayName')}
          value={values.displayName}
          onChange={(v) => set('displayName', v)}
          error={fieldError('displayName')}
          testId="user-form-display-name"
          autoComplete="off"
          maxLength={60}
          autoFocus={!!user}
        />
        <div className="form-grid__wide">
          <SelectField id="user-form-role" label={t('admin.form.role')} value={values.role} onChange={(v) => set('role', v as Role)} testId="user-form-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {isScoped(values.role) && (
          <>
            <div className={values.role === 'district_staff' ? 'form-grid__wide' : ''}>
              <SelectField
                id="user-form-district"
                label={t('admin.form.district')}
                value={values.districtId == null ? '' : String(values.districtId)}
                onChange={(v) => {
                  const id = v ? Number(v) : null
                  setValues((prev) => ({ ...prev, districtId: id, streetId: id !== prev.districtId ? null : prev.streetId }))
                  setShownErrors((e) => ({ ...e, districtId: undefined }))
                }}
                testId="user-form-district"
              >
                <option value="">{t('admin.form.chooseDistrict')}</option>
                {names.districts.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </SelectField>
              {fieldError('districtId') && <span className="field__error">{fieldError('districtId')}</span>}
            </div>
            {values.role === 'street_staff' && (
              <div>
                <SelectField
                  id="user-form-street"
                  label={t('admin.form.street')}
                  value={values.streetId == null ? '' : String(values.streetId)}
                  onChange={(v) => set('streetId', v ? Number(v) : null)}
                  testId="user-form-street"
                  disabled={values.districtId == null}
                >
                  <option value="">{values.districtId == null ? t('admin.form.chooseDistrictFirst') : t('admin.form.chooseStreet')}</option>
                  {streetsOfDistrict.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </SelectField>
                {fieldError('streetId') && <span className="field__error">{fieldError('streetId')}</span>}
              </div>
            )}
            <p className="field__hint form-grid__wide">{t(`admin.form.scopeHint.${values.role as 'district_staff' | 'street_staff'}`)}</p>
          </>
        )}
        {!user && (
          <TextField
            id="user-form-password"
            className="form-grid__wide"
            type="password"
            label={t('admin.form.password')}
            value={values.password}
            onChange={(v) => set('password', v)}
            hint={t('admin.form.passwordHint')}
            error={passwordProblems.length ? passwordProblems.map((p) => passwordProblemText(p, t)).join(t('admin.listSeparator')) : undefined}
            testId="user-form-password"
            autoComplete="new-password"
            maxLength={1024}
          />
        )}
      </form>
    </Modal>
  )
}
