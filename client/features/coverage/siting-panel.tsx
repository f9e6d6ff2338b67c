import { useState } from 'react'
import type { SitedFacility, SitingResponse } from '../../../core/contracts/coverage.js'
import type { SitingOptions } from '../../api/coverage-endpoints.js'
import { useSession } from '../../app/session-context.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { Notice } from '../../components/ui/notice.js'
import { Spinner } from '../../components/ui/spinner.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { useCoverage, type AdoptState } from './coverage-context.js'
import { clampSiteCount, cumulativeSiteShares, formatPointChange, formatShareChange } from './coverage-format.js'

const CANDIDATES: readonly SitingOptions['candidates'][] = ['auto', 'communities', 'network']

function AdoptButton({ site, state, onAdopt }: { site: SitedFacility; state: AdoptState | undefined; onAdopt: (s: SitedFacility) => void }) {
  const { t } = useI18n()
  if (state?.status === 'done') {
    return (
      <span className="siting-site__adopted" data-testid="siting-adopted">
        ✓ {t('coverage.siting.adopted')}
      </span>
    )
  }
  return (
    <button
      type="button"
      className="btn btn--small siting-site__adopt"
      onClick={() => onAdopt(site)}
      disabled={state?.status === 'saving'}
      data-testid="siting-adopt"
    >
      {state?.status === 'saving' ? t('coverage.siting.adopting') : t('coverage.siting.adopt')}
    </button>
  )
}

function SitingResult({ result }: { result: SitingResponse }) {
  const { t, lang } = useI18n()
  const { can } = useSession()
  const { adoptStates, adoptSite, focusPoint, highlightedRank, setHighlightedRank, settings } = useCoverage()
  const canAdopt = can('facility.edit')
  const steps = new Map(cumulativeSiteShares(result.before, result.sites).map((s) => [s.rank, s]))
  const gainedResidents = result.after.coveredResidents - result.before.coveredResidents
  const gainedCommunities = result.after.coveredCommunities - result.before.coveredCommunities
  const anyAdopted = [...adoptStates.values()].some((s) => s.status === 'done')
  return (
    <div className="siting-result" data-testid="siting-result" data-sites={result.sites.length}>
      {result.sites.length === 0 ? (
        <Notice tone="info">{t('coverage.siting.noGain')}</Notice>
      ) : (
        <>
          <div className="siting-result__head">
            <div className="siting-result__label">{t('coverage.siting.result', { n: result.sites.length })}</div>
            <div className="siting-result__change" data-testid="siting-share-change">
              {formatShareChange(result.before.share, result.after.share, lang)}
            </div>
            <div className="siting-result__gain">
              {t('coverage.siting.gain', {
                residents: formatNumber(gainedResidents, lang),
                communities: formatNumber(gainedCommunities, lang),
                points: formatPointChange(result.before.share, result.after.share, lang),
              })}
            </div>
            <div className="siting-result__meta">
              {t('coverage.siting.candidateCount', {
                n: formatNumber(result.candidateCount, lang),
                source: t(`coverage.siting.candidates.${result.candidateSource}`),
              })}
            </div>
          </div>
          {result.stoppedEarly && <Notice tone="info">{t('coverage.siting.stoppedEarly', { n: result.sites.length })}</Notice>}
          <ol className="siting-sites">
            {result.sites.map((site) => {
              const step = steps.get(site.rank)
              const adopt = adoptStates.get(site.rank)
              return (
                <li
                  key={site.rank}
                  className={`siting-site ${highlightedRank === site.rank ? 'is-highlighted' : ''} ${adopt?.status === 'done' ? 'is-adopted' : ''}`}
                  data-testid="siting-site"
                  data-rank={site.rank}
                  onMouseEnter={() => setHighlightedRank(site.rank)}
                  onMouseLeave={() => setHighlightedRank(null)}
                >
                  <span className="siting-site__rank" aria-label={t('coverage.siting.site', { rank: site.rank })}>
                    {site.rank}
                  </span>
                  <div className="siting-site__body">
                    <div className="siting-site__top">
                      <button type="button" className="siting-site__near" onClick={() => focusPoint(site.lon, site.lat)} title={t('coverage.siting.locate')}>
                        {site.nearCommunityName
                          ? t('coverage.siting.near', { name: site.nearCommunityName })
                          : t('coverage.siting.nearUnknown', { lon: site.lon.toFixed(4), lat: site.lat.toFixed(4) })}
                      </button>
                      {canAdopt && <AdoptButton site={site} state={adopt} onAdopt={adoptSite} />}
                    </div>
                    <div className="siting-site__gain">
                      <b>{t('coverage.siting.plusResidents', { n: formatNumber(site.marginalResidents, lang) })}</b>
                      <span className="dot" aria-hidden="true">·</span>
                      {t('coverage.siting.plusCommunities', { n: formatNumber(site.marginalCommunities, lang) })}
                      {step && (
                        <span className="siting-site__share" title={t('coverage.siting.shareChange', { change: formatShareChange(step.before, step.after, lang) })}>
                          {formatShareChange(step.before, step.after, lang)}
                        </span>
                      )}
                    </div>
                    {adopt?.status === 'error' && <div className="field__error">{t('coverage.siting.adoptFailed', { message: adopt.message })}</div>}
                  </div>
                </li>
              )
            })}
          </ol>
          {canAdopt && settings.planned === 'exclude' && <Notice tone="warn">{t('coverage.siting.plannedExcluded')}</Notice>}
          {anyAdopted && settings.planned === 'include' && <Notice tone="info">{t('coverage.siting.adoptedNote')}</Notice>}
        </>
      )}
    </div>
  )
}

/** The siting tool (a tab of the right-hand card): suggests where new facilities of the type would serve the most residents not yet served (greedy, one at a time). */
export function SitingPanel() {
  const { t } = useI18n()
  const { siting, runSiting, settings } = useCoverage()
  const [kText, setKText] = useState('3')
  const [candidates, setCandidates] = useState<SitingOptions['candidates']>('auto')
  const running = siting.status === 'running'
  const run = () => {
    const k = clampSiteCount(kText)
    setKText(String(k))
    runSiting({ k, candidates })
  }
  return (
    <div className="coverage-siting" data-testid="siting-panel">
      <p className="coverage-siting__intro">{t('coverage.siting.intro')}</p>
      <form
        className="siting-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (!running) run()
        }}
      >
        <label className="field siting-form__k" htmlFor="siting-k">
          <span className="field__label">{t('coverage.siting.k')}</span>
          <input
            id="siting-k"
            className="field__input"
            type="number"
            min={1}
            max={20}
            step={1}
            value={kText}
            onChange={(e) => setKText(e.target.value)}
            onBlur={() => setKText(String(clampSiteCount(kText)))}
            data-testid="siting-k"
          />
        </label>
        <label className="field siting-form__candidates" htmlFor="siting-candidates">
          <span className="field__label">{t('coverage.siting.candidates')}</span>
          <select
            id="siting-candidates"
            className="field__select"
            value={candidates}
            onChange={(e) => setCandidates(e.target.value as SitingOptions['candidates'])}
            data-testid="siting-candidates"
          >
            {CANDIDATES.map((c) => (
              <option key={c} value={c}>
                {t(`coverage.siting.candidates.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--primary siting-form__run" disabled={running} data-testid="siting-run">
          {running ? <Spinner size="sm" /> : null}
          {running ? t('coverage.siting.running') : t('coverage.siting.run')}
        </button>
      </form>
      <div className="coverage-siting__body" key={settings.type}>
        {siting.status === 'idle' && <p className="coverage-siting__empty">{t('coverage.siting.empty')}</p>}
        {siting.status === 'running' && (
          <div className="coverage-placeholder">
            <Spinner label={t('coverage.busy.siting')} />
          </div>
        )}
        {siting.status === 'error' && (
          <ErrorBanner message={t('coverage.siting.failed')} retryLabel={t('app.retry')} onRetry={() => runSiting(siting.opts)} />
        )}
        {siting.status === 'done' && <SitingResult result={siting.result} />}
      </div>
    </div>
  )
}
