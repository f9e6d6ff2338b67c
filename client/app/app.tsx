import type { ReactNode } from 'react'
import { ErrorBanner } from '../components/ui/error-banner.js'
import { Spinner } from '../components/ui/spinner.js'
import { UsersPage } from '../features/admin/users-page.js'
import { AuditPage } from '../features/audit/audit-page.js'
import { ChangePasswordPage } from '../features/auth/change-password-page.js'
import { BattlePage } from '../features/battle/battle-page.js'
import { ClustersPage } from '../features/clusters/clusters-page.js'
import { DashboardPage } from '../features/dashboard/dashboard-page.js'
import { ScreenPage } from '../features/dashboard/screen-page.js'
import { GanttPage } from '../features/schedule/gantt-page.js'
import { ProgressPage } from '../features/schedule/progress-page.js'
import { CoveragePage } from '../features/coverage/coverage-page.js'
import { LoginPage } from '../features/auth/login-page.js'
import { CommunityMapLayers } from '../features/communities/community-map-layers.js'
import { DetailPanel } from '../features/communities/detail/detail-panel.js'
import { useFilters } from '../features/communities/filters-context.js'
import { useSelection } from '../features/communities/selection-context.js'
import { useSummary } from '../features/communities/use-community-data.js'
import { useI18n } from '../i18n/i18n-context.js'
import { MapView } from '../map/map-view.js'
import { AppHeader } from './app-header.js'
import { useMetaRequest } from './meta-context.js'
import { Link, ROUTES, useRoute } from './router.js'
import { useAuthControl, useSession } from './session-context.js'
import { Sidebar } from './sidebar.js'
import { UserScopeProvider } from './user-scope.js'

function Dashboard() {
  const { filters } = useFilters()
  const { selection, revision } = useSelection()
  const summary = useSummary(filters, revision)
  return (
    <div className="app">
      <AppHeader summary={summary} />
      <main className={`app__main ${selection ? 'has-detail' : ''}`}>
        <MapView>
          <CommunityMapLayers />
        </MapView>
        <Sidebar summary={summary} />
        <DetailPanel />
      </main>
    </div>
  )
}

/** The coverage mode: the same header (with page tabs), a full map with its own floating panels. */
function CoverageMode() {
  return (
    <div className="app">
      <AppHeader />
      <CoveragePage />
    </div>
  )
}

/** The 片区 mode: the same header (with page tabs), a full map with its own floating panels. */
function ClustersMode() {
  return (
    <div className="app">
      <AppHeader />
      <ClustersPage />
    </div>
  )
}

/** A full-map mode under the common header (battle map). */
function MapMode({ children }: { children: ReactNode }) {
  return (
    <div className="app">
      <AppHeader />
      {children}
    </div>
  )
}

/** Pages other than the map: the same header (with page tabs), the page scrolling below it. */
function PageShell({ children }: { children: ReactNode }) {
  return (
    <div className="app">
      <AppHeader />
      <main className="app__page">{children}</main>
    </div>
  )
}

function MessagePage({ title, body, testId }: { title: string; body: string; testId: string }) {
  const { t } = useI18n()
  return (
    <div className="shell-page shell-page--narrow">
      <section className="message-card" data-testid={testId}>
        <div className="message-card__icon" aria-hidden="true">
          !
        </div>
        <h2 className="message-card__title">{title}</h2>
        <p className="message-card__body">{body}</p>
        <Link to={ROUTES.map} className="btn btn--primary">
          {t('nav.backToMap')}
        </Link>
      </section>
    </div>
  )
}

/** Shown at an address the user's role may not see (the server would refuse the data anyway). */
function NoPermission() {
  const { t } = useI18n()
  const { user } = useSession()
  return <MessagePage testId="no-permission" title={t('page.forbidden.title')} body={t('page.forbidden.body', { role: t(`role.${user.role}`) })} />
}

/** The page for the address; a page the role may not see says so. */
function Routes() {
  const { t } = useI18n()
  const { path } = useRoute()
  const { can } = useSession()
  switch (path) {
    case ROUTES.map:
      return <Dashboard />
    case ROUTES.coverage:
      return can('analysis.run') ? (
        <CoverageMode />
      ) : (
        <PageShell>
          <NoPermission />
        </PageShell>
      )
    case ROUTES.clusters:
      return can('data.read') ? (
        <ClustersMode />
      ) : (
        <PageShell>
          <NoPermission />
        </PageShell>
      )
    case ROUTES.battle:
      return can('data.read') ? (
        <MapMode>
          <BattlePage />
        </MapMode>
      ) : (
        <PageShell>
          <NoPermission />
        </PageShell>
      )
    case ROUTES.dashboard:
      return <PageShell>{can('data.read') ? <DashboardPage /> : <NoPermission />}</PageShell>
    case ROUTES.screen:
      // The large screen has no header: it fills a 1920×1080 wall display on its own.
      return can('data.read') ? <ScreenPage /> : <PageShell><NoPermission /></PageShell>
    case ROUTES.gantt:
      return <PageShell>{can('data.read') ? <GanttPage /> : <NoPermission />}</PageShell>
    case ROUTES.progress:
      return <PageShell>{can('progress.report') ? <ProgressPage /> : <NoPermission />}</PageShell>
    case ROUTES.users:
      return <PageShell>{can('user.read') ? <UsersPage /> : <NoPermission />}</PageShell>
    case ROUTES.audit:
      return <PageShell>{can('audit.read') ? <AuditPage /> : <NoPermission />}</PageShell>
    case ROUTES.password:
      return (
        <PageShell>
          <ChangePasswordPage />
        </PageShell>
      )
    default:
      return (
        <PageShell>
          <MessagePage testId="not-found" title={t('page.notFound.title')} body={t('page.notFound.body')} />
        </PageShell>
      )
  }
}

/** The signed-in app, or only the password form while the server requires a change (everything else answers 403). */
function SignedInApp() {
  const { session } = useSession()
  if (session.passwordChangeRequired) return <ChangePasswordPage forced />
  return (
    <UserScopeProvider>
      <Routes />
    </UserScopeProvider>
  )
}

function Splash({ children }: { children: ReactNode }) {
  const { t } = useI18n()
  return (
    <div className="app-splash">
      <h1 className="app-splash__title">{t('app.title')}</h1>
      {children}
    </div>
  )
}

/** Asks who is signed in: the login page when nobody is, the app when someone is. */
function SessionGate() {
  const { t } = useI18n()
  const { state, recheck } = useAuthControl()
  switch (state.status) {
    case 'checking':
      return (
        <Splash>
          <Spinner label={t('auth.checking')} />
        </Splash>
      )
    case 'error':
      return (
        <Splash>
          <ErrorBanner message={t('auth.checkFailed')} retryLabel={t('app.retry')} onRetry={recheck} />
        </Splash>
      )
    case 'anonymous':
      return <LoginPage notice={state.notice} />
    case 'signedIn':
      return <SignedInApp />
  }
}

/** Waits for /api/meta (public: it frames the map and labels the data), then for the session. */
export function App() {
  const { t } = useI18n()
  const meta = useMetaRequest()
  if (meta.data) return <SessionGate />
  return (
    <Splash>
      {meta.status === 'error' && meta.error.status !== 503 ? (
        <ErrorBanner message={t('app.loadFailed')} retryLabel={t('app.retry')} onRetry={meta.retry} />
      ) : (
        <Spinner label={t('app.loading')} />
      )}
    </Splash>
  )
}
