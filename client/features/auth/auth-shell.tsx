import type { ReactNode } from 'react'
import { DemoBadge } from '../../app/demo-badge.js'
import { LangToggle } from '../../app/lang-toggle.js'
import { useMeta } from '../../app/meta-context.js'
import { useI18n } from '../../i18n/i18n-context.js'

/** The house mark of the header, larger. */
export function BrandLogo({ size = 22 }: { size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true">
      <path d="M3 11.5 12 4l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z" fill="currentColor" />
    </svg>
  )
}

/** Product name, dataset and the demo badge, above the sign-in and forced password-change cards. */
export function AuthBrand() {
  const { t, lang } = useI18n()
  const meta = useMeta()
  return (
    <header className="auth-brand">
      <div className="auth-brand__logo">
        <BrandLogo size={30} />
      </div>
      <h1 className="auth-brand__title">{t('app.title')}</h1>
      <div className="auth-brand__sub">
        {meta.isDemo ? <DemoBadge /> : <span className="auth-brand__dataset">{meta.label[lang]}</span>}
        <span className="auth-brand__features">{t('auth.login.features')}</span>
      </div>
    </header>
  )
}

/** The dark full-page frame with the map-like background, used before the dashboard is available. */
export function AuthFrame({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="auth-page" data-testid={testId}>
      <div className="auth-page__tools">
        <LangToggle />
      </div>
      <div className="auth-page__inner">
        <AuthBrand />
        {children}
      </div>
    </div>
  )
}
