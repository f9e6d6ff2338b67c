import type { SummaryResponse } from '../../core/contracts/responses.js'
import type { Request } from '../api/use-request.js'
import { StageByDistrictChart } from '../charts/stage-by-district-chart.js'
import { Panel } from '../components/ui/panel.js'
import { CommunitySearch } from '../features/communities/community-search.js'
import { FilterBar } from '../features/communities/filter-bar.js'
import { Legend } from '../features/communities/legend.js'
import { useI18n } from '../i18n/i18n-context.js'

/** The floating left column: filters, the stage-by-district chart and the legend. */
export function Sidebar({ summary }: { summary: Request<SummaryResponse> }) {
  const { t } = useI18n()
  return (
    <div className="sidebar">
      <Panel title={t('filters.title')}>
        <CommunitySearch />
        <FilterBar />
      </Panel>
      <Panel title={t('chart.title')}>
        <StageByDistrictChart request={summary} />
      </Panel>
      <Panel>
        <Legend summary={summary.data} />
      </Panel>
    </div>
  )
}
