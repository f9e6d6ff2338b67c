import { useI18n } from '../../i18n/i18n-context.js'
import { MapView } from '../../map/map-view.js'
import { ClustersProvider, useClusters } from './cluster-context.js'
import { ClusterDialogsProvider } from './cluster-dialogs.js'
import { ClusterLegend } from './cluster-legend.js'
import { ClusterMapLayers } from './cluster-map-layers.js'
import { ClusterSidebar } from './cluster-sidebar.js'
import { ClusterStatsPanel } from './cluster-stats-panel.js'
import { ClusterToolbar } from './cluster-toolbar.js'
import { PackagesProvider } from './package-context.js'
import { ProposalDock } from './proposal-dock.js'
import { ProposalsProvider, useProposals } from './proposal-context.js'

function ClustersScreen() {
  const { t } = useI18n()
  const { listState, clusters, tool, selection, mapSettled, communities } = useClusters()
  const { open: proposalsOpen } = useProposals()
  // Ready once the list, the communities (for the lasso) and the first view of the map are in.
  const state =
    listState.status === 'error' || communities.status === 'error'
      ? 'error'
      : listState.status === 'ready' && communities.data && mapSettled
        ? 'ready'
        : 'loading'
  return (
    <main
      className={`app__main clusters-page ${proposalsOpen ? 'has-dock' : ''} ${tool === 'lasso' ? 'is-lasso' : ''}`}
      data-testid="clusters-page"
      data-state={state}
      data-cluster-count={clusters.length}
      data-selection={selection.size}
      aria-label={t('clusters.title')}
    >
      <MapView>
        <ClusterMapLayers />
      </MapView>
      <ClusterSidebar />
      <div className="clusters-overlay">
        <ClusterLegend />
        <div className="clusters-overlay__center">
          <ClusterToolbar />
        </div>
      </div>
      <div className="clusters-right" data-map-obstacle="right">
        <ClusterStatsPanel />
      </div>
      {proposalsOpen && <ProposalDock />}
    </main>
  )
}

/** The mode 片区规划: group adjacent communities into renovation areas by hand or from proposals, and bundle them into tender packages. */
export function ClustersPage() {
  return (
    <ClustersProvider>
      <PackagesProvider>
        <ProposalsProvider>
          <ClusterDialogsProvider>
            <ClustersScreen />
          </ClusterDialogsProvider>
        </ProposalsProvider>
      </PackagesProvider>
    </ClustersProvider>
  )
}
