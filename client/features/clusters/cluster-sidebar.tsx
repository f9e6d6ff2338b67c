import { useState, type KeyboardEvent } from 'react'
import { useSession } from '../../app/session-context.js'
import { Notice } from '../../components/ui/notice.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { useClusters } from './cluster-context.js'
import { useClusterDialogs } from './cluster-dialogs.js'
import { ClusterList } from './cluster-list.js'
import { PackagePanel } from './package-panel.js'
import { usePackages } from './package-context.js'
import { useProposals } from './proposal-context.js'

type SideTab = 'clusters' | 'packages'
const TABS: readonly SideTab[] = ['clusters', 'packages']

/** The year, the two ways to make 片区 (by hand, or proposed), and who may change them. */
function PlanPanel() {
  const { t } = useI18n()
  const { can } = useSession()
  const { year, setYear, years, canEdit, selection, setTool, showMessage } = useClusters()
  const { open } = useClusterDialogs()
  const proposals = useProposals()
  const canPropose = can('analysis.run')
  const startNew = () => {
    if (selection.size > 0) {
      open({ kind: 'create' })
      return
    }
    setTool('lasso')
    showMessage({ tone: 'info', key: 'clusters.msg.newHowTo' })
  }
  return (
    <section className="panel cluster-plan" aria-label={t('clusters.title')}>
      <header className="panel__header">
        <h2 className="panel__title">{t('clusters.title')}</h2>
        <label className="cluster-plan__year">
          <span className="field__label">{t('clusters.year')}</span>
          <select className="field__select" value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="cluster-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {t('clusters.yearOption', { year: y })}
              </option>
            ))}
          </select>
        </label>
      </header>
      <p className="cluster-plan__intro">{t('clusters.intro')}</p>
      {canEdit || canPropose ? (
        <div className="cluster-plan__actions">
          {canEdit && (
            <button type="button" className="btn btn--primary" onClick={startNew} data-testid="cluster-new" title={t('clusters.newTitle')}>
              + {t('clusters.new')}
            </button>
          )}
          {canPropose && (
            <button
              type="button"
              className={`btn ${proposals.open ? 'is-active' : ''}`}
              onClick={() => proposals.setOpen(!proposals.open)}
              aria-pressed={proposals.open}
              data-testid="proposal-open"
              title={t('clusters.proposal.openTitle')}
            >
              <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                <path d="M8 1l1.6 3.9L13.5 6 10.6 8.6l.8 4.1L8 10.6 4.6 12.7l.8-4.1L2.5 6l3.9-1.1z" fill="currentColor" />
              </svg>
              {t('clusters.proposal.open')}
            </button>
          )}
        </div>
      ) : null}
      {!canEdit && (
        <Notice tone="info" testId="cluster-readonly">
          {t('clusters.readOnly')}
        </Notice>
      )}
    </section>
  )
}

/** The left column: the plan panel, then the 片区 list and the tender packages as two tabs. */
export function ClusterSidebar() {
  const { t } = useI18n()
  const { clusters } = useClusters()
  const { packages } = usePackages()
  const [tab, setTab] = useState<SideTab>('clusters')
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return
    e.preventDefault()
    const next = TABS[(TABS.indexOf(tab) + 1) % TABS.length]
    setTab(next)
    document.getElementById(`cluster-tab-${next}`)?.focus()
  }
  return (
    <aside className="sidebar clusters-sidebar" data-map-obstacle="left">
      <PlanPanel />
      <section className="panel cluster-side-tabs">
        <div className="coverage-tabs" role="tablist" aria-label={t('clusters.title')}>
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`cluster-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`cluster-tabpanel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              className={`coverage-tab ${tab === id ? 'is-active' : ''}`}
              onClick={() => setTab(id)}
              onKeyDown={onKey}
              data-testid={`cluster-tab-${id}`}
            >
              {t(`clusters.tab.${id}`)}
              <span className="coverage-tab__badge">{id === 'clusters' ? clusters.length : packages.length}</span>
            </button>
          ))}
        </div>
        {TABS.map((id) => (
          <div key={id} role="tabpanel" id={`cluster-tabpanel-${id}`} aria-labelledby={`cluster-tab-${id}`} className="cluster-tabpanel" hidden={tab !== id}>
            {id === 'clusters' ? <ClusterList /> : <PackagePanel />}
          </div>
        ))}
      </section>
    </aside>
  )
}
