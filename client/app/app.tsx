import { ErrorBanner } from '../components/ui/error-banner.js'
import { Spinner } from '../components/ui/spinner.js'
import { CommunityMapLayers } from '../features/communities/community-map-layers.js'
import { DetailPanel } from '../features/communities/detail/detail-panel.js'
import { useFilters } from '../features/communities/filters-context.js'
import { useSelection } from '../features/communities/selection-context.js'
import { useSummary } from '../features/communities/use-community-data.js'
import { useI18n } from '../i18n/i18n-context.js'
import { MapView } from '../map/map-view.js'
import { AppHeader } from './app-header.js'
import { useMetaRequest } from './meta-context.js'
import { Sidebar } from './sidebar.js'

function Dashboard() {
  const { filters } = useFilters()
  const summary = useSummary(filters)
  const { selection } = useSelection()
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

/** Waits for /api/meta (it frames the map and labels the data), then shows the dashboard. */
export function App() {
  const { t } = useI18n()
  const meta = useMetaRequest()
  if (meta.data) return <Dashboard />
  return (
    <div className="app-splash">
      <h1 className="app-splash__title">{t('app.title')}</h1>
      {meta.status === 'error' ? (
        <ErrorBanner message={t('app.loadFailed')} retryLabel={t('app.retry')} onRetry={meta.retry} />
      ) : (
        <Spinner label={t('app.loading')} />
      )}
    </div>
  )
}
