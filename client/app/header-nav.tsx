import type { JSX } from 'react'
import { useI18n } from '../i18n/i18n-context.js'
import { Link, ROUTES, useRoute } from './router.js'
import { useSession } from './session-context.js'

const NAV_TEST_IDS: Partial<Record<string, string>> = {
  [ROUTES.coverage]: 'nav-coverage',
  [ROUTES.clusters]: 'nav-clusters',
  [ROUTES.battle]: 'nav-battle',
  [ROUTES.dashboard]: 'nav-dashboard',
  [ROUTES.gantt]: 'nav-gantt',
  [ROUTES.progress]: 'nav-progress',
}

/** Tab icons (24×24 path art, drawn at 14 px in the text colour). */
const NAV_ICONS: Partial<Record<string, JSX.Element>> = {
  [ROUTES.map]: <path d="M15 5 9 3 3 5v16l6-2 6 2 6-2V3zm-6 12V5.2l6 2V19z" fill="currentColor" />,
  [ROUTES.coverage]: <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 3a7 7 0 1 1 0 14 7 7 0 0 1 0-14zm0 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z" fill="currentColor" fillRule="evenodd" />,
  [ROUTES.clusters]: <path d="M3 3h8v7H3zm10 0h8v5h-8zM3 12h8v9H3zm10-2h8v11h-8z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />,
  [ROUTES.battle]: <path d="M5 21V4m0 0h11l-2 4 2 4H5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />,
  [ROUTES.dashboard]: <path d="M4 20V10m6 10V4m6 16v-7m4 7H2" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />,
  [ROUTES.gantt]: <path d="M3 5h9M7 12h10M11 19h10" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />,
  [ROUTES.progress]: <path d="M6 2h9l5 5v15H6zM14 2v6h6M9 13h8M9 17h6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />,
}

/** Page tabs in the header away from the map: the way back to the map and the admin pages the user may see. */
export function HeaderNav() {
  const { t } = useI18n()
  const { path } = useRoute()
  const { can } = useSession()
  const tabs = [
    { to: ROUTES.map, label: t('nav.map'), show: true },
    { to: ROUTES.coverage, label: t('nav.coverage'), show: can('analysis.run') },
    { to: ROUTES.clusters, label: t('nav.clusters'), show: can('data.read') },
    { to: ROUTES.battle, label: t('nav.battle'), show: can('data.read') },
    { to: ROUTES.dashboard, label: t('nav.dashboard'), show: can('data.read') },
    { to: ROUTES.gantt, label: t('nav.gantt'), show: can('data.read') },
    { to: ROUTES.progress, label: t('nav.progress'), show: can('progress.report') },
    { to: ROUTES.users, label: t('nav.users'), show: can('user.read') },
    { to: ROUTES.audit, label: t('nav.audit'), show: can('audit.read') },
  ]
  return (
    <nav className="header-nav" aria-label={t('app.title')}>
      {tabs
        .filter((tab) => tab.show)
        .map((tab) => (
          <Link
            key={tab.to}
            to={tab.to}
            data-testid={NAV_TEST_IDS[tab.to]}
            className={`header-nav__tab ${path === tab.to ? 'is-active' : ''}`}
            aria-current={path === tab.to ? 'page' : undefined}
          >
            {NAV_ICONS[tab.to] && (
              <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
                {NAV_ICONS[tab.to]}
              </svg>
            )}
            {tab.label}
          </Link>
        ))}
    </nav>
  )
}
