import type { SummaryResponse } from '../../core/contracts/responses.js'
import type { Request } from '../api/use-request.js'
import { KpiHeader } from '../features/communities/kpi-header.js'
import { useI18n } from '../i18n/i18n-context.js'
import { DemoBadge } from './demo-badge.js'
import { HeaderNav } from './header-nav.js'
import { LangToggle } from './lang-toggle.js'
import { useMeta } from './meta-context.js'
import { UserMenu } from './user-menu.js'

/**
 * Dark title bar: programme name, dataset and date, the KPI totals on the map, the demo badge, the
 * language switch and the user menu; under it, the strip of modes and pages the user may open.
 */
export function AppHeader({ summary }: { summary?: Request<SummaryResponse> }) {
  const { t, lang } = useI18n()
  const meta = useMeta()
  return (
    <>
      <header className="app-header">
        <div className="app-header__brand">
          <div className="app-header__logo" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="22" height="22">
              <path d="M3 11.5 12 4l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z" fill="currentColor" />
            </svg>
          </div>
          <div>
            <h1 className="app-header__title">{t('app.title')}</h1>
            <div className="app-header__sub">
              {/* The demo badge carries the label of a demo dataset; real datasets name themselves here. */}
              {!meta.isDemo && (
                <>
                  <span>{meta.label[lang]}</span>
                  <span className="dot" aria-hidden="true">·</span>
                </>
              )}
              <span>{t('app.planYear', { year: meta.planYear })}</span>
              <span className="dot" aria-hidden="true">·</span>
              <span>{t('app.asOf', { date: meta.asOf })}</span>
            </div>
          </div>
        </div>
        {summary ? <KpiHeader summary={summary} /> : <div className="app-header__spacer" />}
        <div className="app-header__tools">
          <DemoBadge />
          <LangToggle />
          <UserMenu />
        </div>
      </header>
      <div className="app-subnav">
        <HeaderNav />
      </div>
    </>
  )
}
