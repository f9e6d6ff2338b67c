import type { ReactNode } from 'react'

/** A full-page screen under the app header, inside the shell's <main> (no map): title, a line of explanation, actions on the right. */
export function PageLayout({
  title,
  subtitle,
  actions,
  children,
  testId,
}: {
  title: ReactNode
  subtitle?: ReactNode
  actions?: ReactNode
  children: ReactNode
  testId?: string
}) {
  return (
    <div className="admin-page" data-testid={testId}>
      <div className="admin-page__inner">
        <header className="admin-page__head">
          <div className="admin-page__heading">
            <h2 className="admin-page__title">{title}</h2>
            {subtitle && <p className="admin-page__subtitle">{subtitle}</p>}
          </div>
          {actions && <div className="admin-page__actions">{actions}</div>}
        </header>
        {children}
      </div>
    </div>
  )
}
