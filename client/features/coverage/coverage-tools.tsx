import type { KeyboardEvent } from 'react'
import { useI18n } from '../../i18n/i18n-context.js'
import { SitingPanel } from './siting-panel.js'
import { useWhatIf, type CoverageToolTab } from './what-if-context.js'
import { WhatIfPanel } from './what-if-panel.js'

const TABS: readonly CoverageToolTab[] = ['siting', 'whatif']
const TEST_IDS: Record<CoverageToolTab, string> = { siting: 'siting-tab', whatif: 'whatif-tab' }

/**
 * The right-hand card: siting suggestions and the what-if as two tabs. Both stay mounted (hidden), so a
 * form or a result survives switching back and forth.
 */
export function CoverageTools() {
  const { t } = useI18n()
  const { tab, setTab, edits } = useWhatIf()
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return
    e.preventDefault()
    const next = TABS[(TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]
    setTab(next)
    document.getElementById(`coverage-tab-${next}`)?.focus()
  }
  return (
    <section className="panel coverage-tools" data-testid="coverage-tools" data-tab={tab}>
      <div className="coverage-tabs" role="tablist" aria-label={t('coverage.tools.label')}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`coverage-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`coverage-tabpanel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={`coverage-tab ${tab === id ? 'is-active' : ''}`}
            onClick={() => setTab(id)}
            onKeyDown={onKey}
            data-testid={TEST_IDS[id]}
          >
            {t(`coverage.tools.${id}`)}
            {id === 'whatif' && edits.length > 0 && <span className="coverage-tab__badge">{edits.length}</span>}
          </button>
        ))}
      </div>
      {TABS.map((id) => (
        <div
          key={id}
          role="tabpanel"
          id={`coverage-tabpanel-${id}`}
          aria-labelledby={`coverage-tab-${id}`}
          className="coverage-tabpanel"
          hidden={tab !== id}
        >
          {id === 'siting' ? <SitingPanel /> : <WhatIfPanel />}
        </div>
      ))}
    </section>
  )
}
