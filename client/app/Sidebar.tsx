import type { SummaryResponse } from '../../core/contracts/responses.js'
import type { Request } from '../api/use-request.js'
import { StageByDistrictChart } from '../charts/StageByDistrictChart.js'
import { Panel } from '../components/ui/Panel.js'
import { CommunitySearch } from '../features/communities/CommunitySearch.js'
import { FilterBar } from '../features/communities/FilterBar.js'
import { Legend } from '../features/communities/Legend.js'
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
