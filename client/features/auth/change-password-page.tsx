import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { checkPassword, type PasswordProblem } from '../../../core/auth/password-policy.js'
import { authApi } from '../../api/auth-endpoints.js'
import { ApiError } from '../../api/http.js'
import { Link, ROUTES } from '../../app/router.js'
import { useSession } from '../../app/session-context.js'
import { Spinner } from '../../components/ui/spinner.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { AuthFrame } from './auth-shell.js'
import { passwordProblemText, passwordRules, rejectedProblems, type PasswordRule } from './password-hints.js'


type Failure =
  | { kind: 'required' }
  | { kind: 'mismatch' }
  | { kind: 'same' }
  | { kind: 'wrong_current' }
  | { kind: 'rejected'; problems: PasswordProblem[] }
  | { kind: 'other'; code: string }

function PasswordInput({ label, value, onChange, autoComplete, testId }: { label: string; value: string; onChange: (v: string) => void; autoComplete: string; testId?: string }) {
  const id = useId()
  return (
    <label className="auth-field" htmlFor={id}>
      <span className="auth-field__label">{label}</span>
      <input id={id} className="auth-input" type="password" autoComplete={autoComplete} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </label>
  )
}

function RuleList({ rules }: { rules: PasswordRule[] }) {
  const { t } = useI18n()
  const { session } = useSession()
  const policy = session.policy
  const text = (r: PasswordRule) =>
    r.id === 'length'
      ? t('password.rule.length', { min: policy.minLength, max: policy.maxLength })
      : r.id === 'classes'
        ? t('password.rule.classes', { n: policy.minCharClasses })
        : r.id === 'common'
          ? t('password.rule.common')
          : t('password.rule.username')
  return (
    <div className="pw-rules" aria-live="polite">
      <div className="pw-rules__title">{t('account.password.rules')}</div>
      <ul>
        {rules.map((r) => (
          <li key={r.id} className={r.met ? 'is-met' : ''}>
            <span className="pw-rules__mark" aria-hidden="true">
              {r.met ? '✓' : '•'}
            </span>
            {text(r)}
          </li>
        ))}
      </ul>
    </div>
  )
}

function FailureText({ failure }: { failure: Failure }) {
  const { t } = useI18n()
  let body: ReactNode
  if (failure.kind === 'required') body = t('account.password.required')
  else if (failure.kind === 'mismatch') body = t('account.password.mismatch')
  else if (failure.kind === 'same') body = t('account.password.sameAsCurrent')
  else if (failure.kind === 'wrong_current') body = t('account.password.wrongCurrent')
  else if (failure.kind === 'rejected')
    body = (
      <>
        {t('account.password.rejected')}
        <ul className="auth-alert__list">
          {failure.problems.map((p) => (
            <li key={p.code}>{passwordProblemText(p, t)}</li>
          ))}
        </ul>
      </>
    )
  else body = t('account.password.failed', { code: failure.code })
  return (
    <div className="auth-alert auth-alert--error" role="alert" data-testid="password-error">
      <span className="auth-alert__icon" aria-hidden="true">!</span>
      <div>{body}</div>
    </div>
  )
}

/** The form itself: current, new and confirmation, with the policy ticked off as the user types. */
function ChangePasswordForm({ forced }: { forced: boolean }) {
  const { t } = useI18n()
  const { session, user, replaceSession, logout } = useSession()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [done, setDone] = useState(false)
  const rules = passwordRules(next, session.policy, user.username)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    setDone(false)
    if (!current || !next || !confirm) return setFailure({ kind: 'required' })
    if (next !== confirm) return setFailure({ kind: 'mismatch' })
    if (next === current) return setFailure({ kind: 'same' })
    // The rules the browser can check are refused here already; the common-password list is the server's.
    const problems = checkPassword(next, session.policy, { username: user.username })
    if (problems.length) return setFailure({ kind: 'rejected', problems })
    setBusy(true)
    setFailure(null)
    try {
      const fresh = await authApi.changePassword(current, next)
      setCurrent('')
      setNext('')
      setConfirm('')
      setDone(true)
      // Rotates the CSRF token; when the change was forced this also lets the dashboard in.
      replaceSession(fresh)
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'client'
      if (code === 'invalid_credentials') setFailure({ kind: 'wrong_current' })
      else if (code === 'password_rejected' && err instanceof ApiError) {
        const problems = rejectedProblems(err.details)
        setFailure(problems.length ? { kind: 'rejected', problems } : { kind: 'other', code })
      } else setFailure({ kind: 'other', code })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="auth-card auth-form auth-form--password" onSubmit={submit} noValidate data-testid="change-password-page">
      <h2 className="auth-form__heading">{forced ? t('account.password.forcedTitle') : t('account.password.title')}</h2>
      <p className="auth-form__intro">{forced ? t('account.password.forcedIntro') : t('account.password.intro')}</p>
      <p className="auth-form__who">{t('account.password.signedInAs', { name: user.displayName, username: user.username })}</p>
      {failure && <FailureText failure={failure} />}
      {done && !forced && (
        <div className="auth-alert auth-alert--success" role="status" data-testid="password-success">
          <span className="auth-alert__icon" aria-hidden="true">✓</span>
          <span>{t('account.password.success')}</span>
        </div>
      )}
      {/* Lets password managers tie the new password to the account. */}
      <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
      <PasswordInput label={t('account.password.current')} value={current} onChange={setCurrent} autoComplete="current-password" testId="password-current" />
      <PasswordInput label={t('account.password.new')} value={next} onChange={setNext} autoComplete="new-password" testId="password-new" />
      <RuleList rules={rules} />
      <PasswordInput label={t('account.password.confirm')} value={confirm} onChange={setConfirm} autoComplete="new-password" testId="password-confirm" />
      <button type="submit" className="auth-submit" disabled={busy} data-testid="password-submit">
        {busy ? <Spinner size="sm" label={t('account.password.submitting')} /> : t('account.password.submit')}
      </button>
      <div className="auth-form__links">
        {forced ? (
          <button type="button" className="link-btn" onClick={() => void logout()}>
            {t('account.password.logoutInstead')}
          </button>
        ) : (
          <Link to={ROUTES.map}>{t('account.password.back')}</Link>
        )}
      </div>
    </form>
  )
}

/**
 * Changing one's own password: a full page of its own when the server requires it (nothing else is
 * reachable until then), or a page of the app when chosen from the user menu.
 */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  if (forced) {
    return (
      <AuthFrame>
        <div className="auth-page__cards">
          <ChangePasswordForm forced />
        </div>
      </AuthFrame>
    )
  }
  return (
    <div className="shell-page shell-page--narrow">
      <ChangePasswordForm forced={false} />
    </div>
  )
}
