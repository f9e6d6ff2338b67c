import { useEffect } from 'react'
import { useMeta } from '../../../app/meta-context.js'
import { ErrorBanner } from '../../../components/ui/error-banner.js'
import { Spinner } from '../../../components/ui/spinner.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import { useSelection } from '../selection-context.js'
import { BasicsSection } from './basics-section.js'
import { DeficienciesSection } from './deficiencies-section.js'
import { DetailHeader } from './detail-header.js'
import { InvestmentSection } from './investment-section.js'
import { PreconditionsSection } from './preconditions-section.js'
import { RecentReports } from './recent-reports.js'
import { StageTimeline } from './stage-timeline.js'

/** The clicked community: every attribute, the stage timeline and the latest progress reports. */
export function DetailPanel() {
  const { t } = useI18n()
  const meta = useMeta()
  const { selection, clear, detail, current: c } = useSelection()

  useEffect(() => {
    if (!selection) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') clear()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [selection, clear])

  if (!selection) return null
  return (
    <aside className="detail-panel panel" data-testid="detail-panel" aria-label={c?.name ?? t('detail.loading')}>
      <button type="button" className="icon-btn detail-panel__close" onClick={clear} aria-label={t('detail.close')} title={t('detail.close')}>
        ×
      </button>
      {c ? (
        <div className="detail-panel__body">
          <DetailHeader c={c} />
          <StageTimeline records={c.stageRecords} asOf={meta.asOf} currentStage={c.stage} />
          <BasicsSection c={c} />
          <PreconditionsSection c={c} />
          <DeficienciesSection c={c} />
          <InvestmentSection c={c} />
          <RecentReports reports={c.recentReports} />
        </div>
      ) : detail.status === 'error' ? (
        <div className="detail-panel__state">
          <ErrorBanner message={t('app.loadFailed')} retryLabel={t('app.retry')} onRetry={detail.retry} />
        </div>
      ) : (
        <div className="detail-panel__state">
          <Spinner label={t('detail.loading')} />
        </div>
      )}
    </aside>
  )
}
