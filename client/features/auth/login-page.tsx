import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { DemoAccount } from '../../../core/contracts/auth.js'
import { authApi } from '../../api/auth-endpoints.js'
import { ApiError } from '../../api/http.js'
import { useRequest } from '../../api/use-request.js'
import { useMeta } from '../../app/meta-context.js'
import { useAuthControl, type SignedOutNotice } from '../../app/session-context.js'
import { Spinner } from '../../components/ui/spinner.js'
import { formatDateTime } from '../../i18n/format-time.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { AuthFrame } from './auth-shell.js'
import { classifyLoginError, secondsUntil, type LoginFailure } from './login-errors.js'

/** Ticks once a second while `active`, so countdowns re-render. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    setNow(Date.now())
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [active])
  return now
}

function FailureMessage({ failure, now }: { failure: LoginFailure | 'required'; now: number }) {
  const { t } = useI18n()
  let text: string
  if (failure === 'required') text = t('auth.login.required')
  else if (failure.kind === 'invalid') text = t('auth.error.invalidCredentials')
  else if (failure.kind === 'throttled') text = t('auth.error.throttled', { s: secondsUntil(failure.retryAtMs, now) })
  else if (failure.kind === 'locked') text = failure.until ? t('auth.error.locked', { time: formatDateTime(failure.until, { seconds: false }) }) : t('auth.error.lockedNoTime')
  else if (failure.kind === 'disabled') text = t('auth.error.disabled')
  else if (failure.kind === 'network') text = t('auth.error.network')
  else text = t('auth.error.other', { code: failure.code })
  return (
    <div className="auth-alert auth-alert--error" role="alert" data-testid="login-error">
      <span className="auth-alert__icon" aria-hidden="true">!</span>
      <span>{text}</span>
    </div>
  )
}

function DemoAccounts({ onPick }: { onPick: (a: DemoAccount) => void }) {
  const { t } = useI18n()
  const accounts = useRequest('demo-accounts', () => authApi.demoAccounts())
  if (!accounts.data?.length) return null
  return (
    <section className="auth-card auth-demo" aria-labelledby="demo-accounts-title">
      <h2 className="auth-demo__title" id="demo-accounts-title">
        {t('auth.demo.title')}
      </h2>
      <p className="auth-demo__hint">{t('auth.demo.hint')}</p>
      <table className="auth-demo__table" data-testid="demo-accounts">
        <thead>
          <tr>
            <th>{t('auth.demo.role')}</th>
            <th>{t('auth.demo.scope')}</th>
            <th>{t('auth.demo.username')}</th>
            <th>{t('auth.demo.password')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.data.map((a) => (
            <tr
              key={a.username}
              tabIndex={0}
              onClick={() => onPick(a)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault()
                  onPick(a)
                }
              }}
              title={a.displayName}
            >
              <td>
                <span className={`role-chip role-chip--${a.role}`}>{t(`role.${a.role}`)}</span>
              </td>
              <td>{a.scopeName ?? t('auth.demo.cityWide')}</td>
              <td className="mono">{a.username}</td>
              <td className="mono">{a.password}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** The sign-in screen: the product's name and dataset, the form, and in demo mode the demo accounts. */
export function LoginPage({ notice }: { notice: SignedOutNotice }) {
  const { t } = useI18n()
  const meta = useMeta()
  const { signIn } = useAuthControl()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [showPassword, setShowPassword] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<LoginFailure | 'required' | null>(null)
  const [noticeShown, setNoticeShown] = useState(notice)
  const submitRef = useRef<HTMLButtonElement>(null)
  const usernameRef = useRef<HTMLInputElement>(null)

  const throttled = failure !== null && failure !== 'required' && failure.kind === 'throttled'
  const now = useNow(throttled)
  const waitS = throttled ? secondsUntil(failure.retryAtMs, now) : 0
  useEffect(() => {
    if (throttled && waitS === 0) setFailure(null)
  }, [throttled, waitS])

  useEffect(() => usernameRef.current?.focus(), [])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy || waitS > 0) return
    if (!username.trim() || !password) {
      setFailure('required')
      return
    }
    setBusy(true)
    setFailure(null)
    setNoticeShown(null)
    try {
      const session = await authApi.login(username.trim(), password)
      signIn(session)
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError('client', String(err), null, '/api/auth/login')
      setFailure(classifyLoginError(apiErr, Date.now()))
      setPassword('')
      setBusy(false)
    }
  }

  const pick = (a: DemoAccount) => {
    setUsername(a.username)
    setPassword(a.password)
    setFailure((f) => (f !== null && f !== 'required' && f.kind === 'throttled' ? f : null))
    submitRef.current?.focus()
  }

  return (
    <AuthFrame testId="login-page">
      <div className={`auth-page__cards ${meta.isDemo ? 'has-demo' : ''}`}>
        <form className="auth-card auth-form" onSubmit={submit} noValidate aria-labelledby="login-heading">
          <h2 className="auth-form__heading" id="login-heading">
            {t('auth.login.heading')}
          </h2>
          <p className="auth-form__intro">{t('auth.login.intro')}</p>
          {noticeShown && !failure && (
            <div className="auth-alert auth-alert--info" role="status">
              <span className="auth-alert__icon" aria-hidden="true">i</span>
              <span>{noticeShown === 'expired' ? t('auth.notice.expired') : t('auth.notice.signedOut')}</span>
            </div>
          )}
          {failure && <FailureMessage failure={failure} now={now} />}
          <label className="auth-field">
            <span className="auth-field__label">{t('auth.login.username')}</span>
            <input
              ref={usernameRef}
              className="auth-input"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              placeholder={t('auth.login.usernamePlaceholder')}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              data-testid="login-username"
            />
          </label>
          <label className="auth-field">
            <span className="auth-field__label">{t('auth.login.password')}</span>
            <span className="auth-input-wrap">
              <input
                className="auth-input"
                name="password"
                type={showPassword ? 'text' : 'password'}
                autoComplete="current-password"
                placeholder={t('auth.login.passwordPlaceholder')}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                data-testid="login-password"
              />
              <button
                type="button"
                className="auth-input__reveal"
                onClick={() => setShowPassword((s) => !s)}
                aria-pressed={showPassword}
                title={showPassword ? t('auth.login.hidePassword') : t('auth.login.showPassword')}
                aria-label={showPassword ? t('auth.login.hidePassword') : t('auth.login.showPassword')}
              >
                <EyeIcon open={!showPassword} />
              </button>
            </span>
          </label>
          <button ref={submitRef} type="submit" className="auth-submit" disabled={busy || waitS > 0} data-testid="login-submit">
            {busy ? <Spinner size="sm" label={t('auth.login.submitting')} /> : t('auth.login.submit')}
          </button>
          <p className="auth-form__footer">{t('auth.login.footer')}</p>
        </form>
        {meta.isDemo && <DemoAccounts onPick={pick} />}
      </div>
    </AuthFrame>
  )
}

function EyeIcon({ open }: { open: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path d="M12 5C6.5 5 2.7 9.4 1.5 12c1.2 2.6 5 7 10.5 7s9.3-4.4 10.5-7C21.3 9.4 17.5 5 12 5Zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9Zm0-2.3a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4Z" fill="currentColor" />
      {!open && <path d="M3 3.5 20.5 21" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />}
    </svg>
  )
}
