import { useEffect, useMemo, useRef, useState } from 'react'
import { ProposalResidentsChart } from '../../charts/cluster-proposal-chart.js'
import { useSession } from '../../app/session-context.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n, type Translate } from '../../i18n/i18n-context.js'
import { formatNumber, formatPercent, type Lang } from '../../i18n/format.js'
import { clusterColor } from '../../layers/cluster-colors.js'
import { useDistricts, useStreets } from '../communities/use-community-data.js'
import { FlagIcons } from './cluster-bits.js'
import { useClusters } from './cluster-context.js'
import { residentsBand } from './cluster-flags.js'
import { residentsAxisMax, summariseRun, toProposalBars } from './proposal-chart-data.js'
import { useProposals, type ProposalRun } from './proposal-context.js'
import type { ProposalForm, ProposalScope } from './proposal-form.js'

const SCOPES: readonly ProposalScope[] = ['city', 'district', 'street', 'selection']

/** Seconds since `on` became true, ticking every 100 ms (the progress of a slow run). */
function useElapsed(on: boolean): number {
  const [elapsed, setElapsed] = useState(0)
  useEffect(() => {
    if (!on) return
    const started = performance.now()
    setElapsed(0)
    const timer = window.setInterval(() => setElapsed((performance.now() - started) / 1000), 100)
    return () => window.clearInterval(timer)
  }, [on])
  return on ? elapsed : 0
}

function NumberField({ id, label, value, onChange, unit, testId }: { id: string; label: string; value: string; onChange: (v: string) => void; unit?: string; testId?: string }) {
  return (
    <label className="field proposal-field" htmlFor={id}>
      <span className="field__label">{label}</span>
      <span className="proposal-field__input">
        <input id={id} className="field__input" inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
        {unit && <span className="proposal-field__unit">{unit}</span>}
      </span>
    </label>
  )
}

function Toggle({ checked, onChange, label, title, testId }: { checked: boolean; onChange: (v: boolean) => void; label: string; title?: string; testId?: string }) {
  return (
    <label className="toggle proposal-toggle" title={title}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span className="toggle__track" aria-hidden="true" />
      <span>{label}</span>
    </label>
  )
}

function ProposalFormColumn() {
  const { t, lang } = useI18n()
  const { selection } = useClusters()
  const { form, setForm, run, runStatus } = useProposals()
  const districts = useDistricts()
  const streets = useStreets(null)
  const running = runStatus.status === 'running'
  const elapsed = useElapsed(running)
  const set = <K extends keyof ProposalForm>(key: K, value: ProposalForm[K]) => setForm((f) => ({ ...f, [key]: value }))
  return (
    <form
      className="proposal-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (!running) run()
      }}
    >
      <label className="field" htmlFor="proposal-scope">
        <span className="field__label">{t('clusters.proposal.scope')}</span>
        <select id="proposal-scope" className="field__select" value={form.scope} onChange={(e) => set('scope', e.target.value as ProposalScope)} data-testid="proposal-scope">
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {s === 'selection' ? t('clusters.proposal.scope.selection', { n: formatNumber(selection.size, lang) }) : t(`clusters.proposal.scope.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {form.scope === 'district' && (
        <select
          className="field__select"
          aria-label={t('clusters.proposal.scope.district')}
          value={form.districtId ?? ''}
          onChange={(e) => set('districtId', e.target.value ? Number(e.target.value) : null)}
          data-testid="proposal-district"
        >
          <option value="">{t('clusters.proposal.pickDistrict')}</option>
          {(districts.data ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      )}
      {form.scope === 'street' && (
        <select
          className="field__select"
          aria-label={t('clusters.proposal.scope.street')}
          value={form.streetId ?? ''}
          onChange={(e) => set('streetId', e.target.value ? Number(e.target.value) : null)}
          data-testid="proposal-street"
        >
          <option value="">{t('clusters.proposal.pickStreet')}</option>
          {(streets.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.districtName} · {s.name}
            </option>
          ))}
        </select>
      )}
      <div className="proposal-form__row3">
        <NumberField id="proposal-min" label={t('clusters.proposal.min')} value={form.minResidents} onChange={(v) => set('minResidents', v)} testId="proposal-min" />
        <NumberField id="proposal-target" label={t('clusters.proposal.targetField')} value={form.targetResidents} onChange={(v) => set('targetResidents', v)} testId="proposal-target" />
        <NumberField id="proposal-max" label={t('clusters.proposal.max')} value={form.maxResidents} onChange={(v) => set('maxResidents', v)} testId="proposal-max" />
      </div>
      <div className="proposal-form__row3">
        <NumberField id="proposal-gap" label={t('clusters.proposal.gap')} value={form.gapM} onChange={(v) => set('gapM', v)} unit={t('clusters.unitM')} testId="proposal-gap" />
        <NumberField id="proposal-restarts" label={t('clusters.proposal.restarts')} value={form.restarts} onChange={(v) => set('restarts', v)} testId="proposal-restarts" />
        <NumberField id="proposal-seed" label={t('clusters.proposal.seed')} value={form.seed} onChange={(v) => set('seed', v)} testId="proposal-seed" />
      </div>
      <div className="proposal-form__toggles">
        <Toggle checked={form.allowBarrierCrossing} onChange={(v) => set('allowBarrierCrossing', v)} label={t('clusters.proposal.barrier')} title={t('clusters.proposal.barrierTitle')} testId="proposal-barrier" />
        <Toggle checked={form.sameStreet} onChange={(v) => set('sameStreet', v)} label={t('clusters.proposal.sameStreet')} title={t('clusters.proposal.sameStreetTitle')} testId="proposal-same-street" />
        <Toggle checked={form.eligibleOnly} onChange={(v) => set('eligibleOnly', v)} label={t('clusters.proposal.eligible')} title={t('clusters.proposal.eligibleTitle')} testId="proposal-eligible" />
      </div>
      {runStatus.status === 'invalid' && <div className="field__error">{t(`clusters.proposal.problem.${runStatus.problem}`)}</div>}
      <button type="submit" className="btn btn--primary proposal-form__run" disabled={running} data-testid="proposal-run">
        {running ? <span className="spinner__ring" aria-hidden="true" /> : null}
        {running ? t('clusters.proposal.running') : t('clusters.proposal.run')}
      </button>
      {running && elapsed > 0.3 && (
        <div className="proposal-form__progress" data-testid="proposal-progress" role="status">
          <span className="proposal-form__progress-bar" aria-hidden="true" />
          {t('clusters.proposal.progress', { s: formatNumber(elapsed, lang, 1) })}
        </div>
      )}
    </form>
  )
}

/** The settings of a run in one line ("5,000–12,000 人 · 间距 30 米 · 重复 20 次 · 种子 1 …"). */
function describeRun(run: ProposalRun, t: Translate, lang: Lang): string {
  const p = run.response.params
  const parts = [
    t('clusters.proposal.paramBounds', { min: formatNumber(p.minResidents, lang), max: formatNumber(p.maxResidents, lang), target: formatNumber(p.targetResidents, lang) }),
    t('clusters.proposal.paramGap', { n: formatNumber(p.gapM, lang) }),
    t('clusters.proposal.paramRestarts', { n: p.restarts }),
    t('clusters.proposal.paramSeed', { n: p.seed }),
  ]
  if (p.allowBarrierCrossing) parts.push(t('clusters.proposal.barrier'))
  if (p.sameStreet) parts.push(t('clusters.proposal.sameStreet'))
  if (p.eligibleOnly) parts.push(t('clusters.proposal.eligibleShort'))
  return parts.join(' · ')
}

function RunColumn({ run, label, axisMax, isCurrent, onDismiss }: { run: ProposalRun; label: string; axisMax: number; isCurrent: boolean; onDismiss?: () => void }) {
  const { t, lang } = useI18n()
  const { focusedKey, setFocusedKey } = useProposals()
  const s = summariseRun(run.response)
  const bars = useMemo(() => toProposalBars(run.response.proposals, run.response.params), [run])
  return (
    <div className={`proposal-run ${isCurrent ? 'is-current' : 'is-previous'}`} data-testid={isCurrent ? 'proposal-run-current' : 'proposal-run-previous'}>
      <div className="proposal-run__head">
        <b>{label}</b>
        <span className="proposal-run__params" title={describeRun(run, t, lang)}>
          {describeRun(run, t, lang)}
        </span>
        {onDismiss && (
          <button type="button" className="link-btn proposal-run__dismiss" onClick={onDismiss} data-testid="proposal-hide-previous">
            {t('clusters.proposal.hidePrevious')}
          </button>
        )}
      </div>
      <div className="proposal-run__figures">
        <span>
          <b>{formatNumber(s.proposals, lang)}</b> {t('clusters.proposal.figProposals')}
        </span>
        <span className="is-good">
          <b>{formatNumber(s.withinBounds, lang)}</b> {t('clusters.proposal.figWithin')}
        </span>
        <span className={s.below + s.above > 0 ? 'is-bad' : ''}>
          <b>{formatNumber(s.below + s.above, lang)}</b> {t('clusters.proposal.figOut')}
        </span>
        <span>
          {t('clusters.proposal.figDeviation')} <b>{formatPercent(s.meanDeviation, lang, 0)}</b>
        </span>
        <span>
          <b>{formatNumber(s.unassigned, lang)}</b> {t('clusters.proposal.figUnassigned')}
        </span>
        <span className="proposal-run__time">{t('clusters.proposal.figTime', { s: formatNumber(s.elapsedMs / 1000, lang, 1) })}</span>
      </div>
      <ProposalResidentsChart bars={bars} rules={run.response.params} axisMax={axisMax} focusedKey={isCurrent ? focusedKey : null} onFocus={isCurrent ? setFocusedKey : undefined} />
    </div>
  )
}

function CompareColumn() {
  const { t } = useI18n()
  const { current, previous, clearPrevious, runStatus } = useProposals()
  const axisMax = useMemo(
    () => residentsAxisMax([current, previous].filter((r): r is ProposalRun => r !== null).map((r) => ({ proposals: r.response.proposals, rules: r.response.params }))),
    [current, previous],
  )
  if (!current) {
    return (
      <div className="proposal-compare proposal-compare--empty">
        {runStatus.status === 'error' ? null : <p className="proposal-compare__intro">{t('clusters.proposal.intro')}</p>}
        <div className="proposal-legend">
          <span>
            <i className="proposal-legend__band" /> {t('clusters.proposal.legendBand')}
          </span>
          <span>
            <i className="proposal-legend__target" /> {t('clusters.proposal.legendTarget')}
          </span>
        </div>
      </div>
    )
  }
  return (
    <div className={`proposal-compare ${previous ? 'has-previous' : ''}`}>
      {previous && <RunColumn run={previous} label={t('clusters.proposal.previousRun')} axisMax={axisMax} isCurrent={false} onDismiss={clearPrevious} />}
      <RunColumn run={current} label={previous ? t('clusters.proposal.thisRun') : t('clusters.proposal.result')} axisMax={axisMax} isCurrent />
      {!previous && <div className="proposal-compare__tip">{t('clusters.proposal.compareTip')}</div>}
    </div>
  )
}

function ListColumn() {
  const { t, lang } = useI18n()
  const { can } = useSession()
  const { index, rules, frameCommunities } = useClusters()
  const p = useProposals()
  const { current, checked, toggleChecked, setAllChecked, focusedKey, setFocusedKey, accept, accepting, acceptStatus, setAcceptStatus } = p
  const canAccept = can('cluster.edit')
  const [showUnassigned, setShowUnassigned] = useState(false)
  const listRef = useRef<HTMLUListElement>(null)
  const bars = useMemo(() => (current ? toProposalBars(current.response.proposals, current.response.params) : []), [current])
  const rank = useMemo(() => new Map(bars.map((b) => [b.key, b.rank])), [bars])
  const ordered = useMemo(() => (current ? [...current.response.proposals].sort((a, b) => (rank.get(a.key) ?? 0) - (rank.get(b.key) ?? 0)) : []), [current, rank])

  // A proposal clicked on the map scrolls into view here.
  useEffect(() => {
    if (!focusedKey) return
    listRef.current?.querySelector(`[data-key="${focusedKey}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [focusedKey])

  if (!current) return <div className="proposal-list-col proposal-list-col--empty">{t('clusters.proposal.empty')}</div>
  const open = ordered.filter((x) => !current.accepted.has(x.key))
  const tickedCount = open.filter((x) => checked.has(x.key)).length
  const within = current.response.proposals.filter((x) => residentsBand(x.residents, current.response.params) === 'within').length
  const unassigned = current.response.unassigned
  return (
    <div className="proposal-list-col" data-testid="proposal-result" data-count={current.response.proposals.length} data-within-bounds={within} data-unassigned={unassigned.length}>
      <div className="proposal-list-col__head">
        {canAccept && (
          <input
            type="checkbox"
            aria-label={t('clusters.proposal.tickAll')}
            checked={open.length > 0 && tickedCount === open.length}
            ref={(el) => {
              if (el) el.indeterminate = tickedCount > 0 && tickedCount < open.length
            }}
            onChange={(e) => setAllChecked(e.target.checked)}
            data-testid="proposal-tick-all"
          />
        )}
        <span className="proposal-list-col__title">
          {t('clusters.proposal.count', { n: formatNumber(current.response.proposals.length, lang), within: formatNumber(within, lang) })}
        </span>
      </div>
      <ul className="proposal-list" ref={listRef}>
        {ordered.map((x) => {
          const accepted = current.accepted.has(x.key)
          const band = residentsBand(x.residents, current.response.params)
          return (
            <li
              key={x.key}
              data-key={x.key}
              className={`proposal-item ${focusedKey === x.key ? 'is-focused' : ''} ${accepted ? 'is-accepted' : ''}`}
              data-testid="proposal-item"
              data-residents={x.residents}
              data-flags={x.flags.map((f) => f.code).join(',')}
              onMouseEnter={() => setFocusedKey(x.key)}
            >
              {canAccept && (
                <input type="checkbox" checked={!accepted && checked.has(x.key)} disabled={accepted} onChange={() => toggleChecked(x.key)} aria-label={t('clusters.proposal.label', { rank: rank.get(x.key) ?? '' })} data-testid="proposal-check" />
              )}
              <button
                type="button"
                className="proposal-item__main"
                onClick={() => {
                  setFocusedKey(x.key)
                  frameCommunities(x.memberIds)
                }}
                title={t('clusters.proposal.locate')}
              >
                <Swatch color={clusterColor(current.colors.get(x.key) ?? 0)} />
                <span className="proposal-item__name">{t('clusters.proposal.label', { rank: rank.get(x.key) ?? '' })}</span>
                <span className={`proposal-item__residents is-${band}`}>{t('clusters.residentsShort', { n: formatNumber(x.residents, lang) })}</span>
                <span className="proposal-item__meta">{t('clusters.proposal.communities', { n: formatNumber(x.memberIds.length, lang) })}</span>
                {accepted ? <span className="proposal-item__accepted">✓ {t('clusters.proposal.accepted')}</span> : <FlagIcons flags={x.flags} rules={{ ...rules, ...current.response.params }} residents={x.residents} />}
              </button>
            </li>
          )
        })}
      </ul>
      {unassigned.length > 0 && (
        <div className="proposal-unassigned">
          <button type="button" className="link-btn" onClick={() => setShowUnassigned((s) => !s)} aria-expanded={showUnassigned} data-testid="proposal-unassigned-toggle">
            {t('clusters.proposal.unassigned', { n: formatNumber(unassigned.length, lang) })}
          </button>
          {showUnassigned && (
            <ul className="proposal-unassigned__list">
              {unassigned.slice(0, 300).map((u) => (
                <li key={u.communityId}>
                  <button type="button" className="link-btn" onClick={() => frameCommunities([u.communityId])}>
                    {index.byId.get(u.communityId)?.name ?? `#${u.communityId}`}
                  </button>
                  <span>{t(`clusters.unassigned.${u.reason}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {canAccept ? (
        <div className="proposal-accept">
          <label className="proposal-accept__as">
            <span>{t('clusters.proposal.acceptAs')}</span>
            <select className="field__select" value={acceptStatus} onChange={(e) => setAcceptStatus(e.target.value as 'draft' | 'proposed')} data-testid="proposal-accept-status">
              <option value="proposed">{t('clusters.status.proposed')}</option>
              <option value="draft">{t('clusters.status.draft')}</option>
            </select>
          </label>
          <button type="button" className="btn btn--small" onClick={() => void accept('checked')} disabled={accepting || tickedCount === 0} data-testid="proposal-accept-selected">
            {t('clusters.proposal.acceptSelected', { n: tickedCount })}
          </button>
          <button type="button" className="btn btn--small btn--primary" onClick={() => void accept('all')} disabled={accepting || open.length === 0} data-testid="proposal-accept-all">
            {accepting ? t('clusters.saving') : t('clusters.proposal.acceptAll')}
          </button>
        </div>
      ) : (
        <div className="proposal-accept proposal-accept--note">{t('clusters.proposal.noAccept')}</div>
      )}
    </div>
  )
}

/** 自动生成方案 docked under the map: settings, the run (and the one before, side by side), the proposals to accept. */
export function ProposalDock() {
  const { t } = useI18n()
  const { setOpen, runStatus, run } = useProposals()
  return (
    <section className="panel cluster-dock" data-testid="proposal-dock" data-map-obstacle="bottom" aria-label={t('clusters.proposal.title')}>
      <header className="cluster-dock__head">
        <h2 className="panel__title">{t('clusters.proposal.title')}</h2>
        <span className="cluster-dock__sub">{t('clusters.proposal.sub')}</span>
        <button type="button" className="icon-btn cluster-dock__close" onClick={() => setOpen(false)} aria-label={t('clusters.proposal.close')} title={t('clusters.proposal.close')} data-testid="proposal-close">
          ×
        </button>
      </header>
      {runStatus.status === 'error' && (
        <ErrorBanner className="cluster-dock__error" message={t('clusters.proposal.failed', { message: runStatus.error.message })} retryLabel={t('app.retry')} onRetry={run} />
      )}
      <div className="cluster-dock__body">
        <ProposalFormColumn />
        <CompareColumn />
        <ListColumn />
      </div>
    </section>
  )
}
