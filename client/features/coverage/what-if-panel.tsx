import { useEffect, useRef, type ReactNode } from 'react'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { Notice } from '../../components/ui/notice.js'
import { Spinner } from '../../components/ui/spinner.js'
import { Tag, type TagTone } from '../../components/ui/tag.js'
import { useI18n, type Translate } from '../../i18n/i18n-context.js'
import { formatNumber, type Lang } from '../../i18n/format.js'
import { useCoverage } from './coverage-context.js'
import { formatPointChange, formatShare, formatShareChange, formatSignedNumber, formatWalkMinutes } from './coverage-format.js'
import type { WhatIfChangeKind, WhatIfEdit, WhatIfFailure, WhatIfPoint, WhatIfSummary } from './what-if.js'
import { countWhatIfEdits, WHATIF_LIMITS } from './what-if.js'
import { useWhatIf } from './what-if-context.js'

const CHANGE_TONES: Record<WhatIfChangeKind, TagTone> = { gained: 'good', lost: 'bad', closer: 'info', farther: 'warn' }

/** Where a picked point is, in a planner's terms: in or next to a community, else its coordinates. */
function placeText(t: Translate, e: WhatIfPoint): string {
  if (!e.place) return t('coverage.whatif.edit.coords', { lon: e.lon.toFixed(4), lat: e.lat.toFixed(4) })
  return e.place.near ? t('coverage.whatif.edit.near', { place: e.place.name }) : t('coverage.whatif.edit.in', { place: e.place.name })
}

function EditRow({ edit, addNumber, notCounted }: { edit: WhatIfEdit; addNumber: number; notCounted: boolean }) {
  const { t } = useI18n()
  const { focusPoint } = useCoverage()
  const { dropEdit } = useWhatIf()
  let kind: string
  let title: string
  let detail: string
  let locate: [number, number]
  if (edit.kind === 'add') {
    kind = t('coverage.whatif.edit.add', { n: addNumber })
    title = placeText(t, edit)
    detail = ''
    locate = [edit.lon, edit.lat]
  } else if (edit.kind === 'remove') {
    kind = t('coverage.whatif.edit.remove')
    title = edit.facility.name
    detail = ''
    locate = [edit.facility.lon, edit.facility.lat]
  } else {
    kind = t('coverage.whatif.edit.move')
    title = edit.facility.name
    detail = edit.place?.near
      ? t('coverage.whatif.edit.moveToNear', { place: edit.place.name })
      : t('coverage.whatif.edit.moveTo', { place: edit.place?.name ?? placeText(t, edit) })
    locate = [edit.lon, edit.lat]
  }
  return (
    <li className={`whatif-edit whatif-edit--${edit.kind} ${notCounted ? 'is-not-counted' : ''}`} data-testid="whatif-edit" data-kind={edit.kind}>
      <span className={`whatif-edit__icon whatif-edit__icon--${edit.kind}`} aria-hidden="true">
        {edit.kind === 'add' ? '+' : edit.kind === 'remove' ? '×' : '→'}
      </span>
      <button type="button" className="whatif-edit__body" onClick={() => focusPoint(locate[0], locate[1])} title={t('coverage.whatif.edit.locate')}>
        <span className="whatif-edit__line">
          <span className="whatif-edit__kind">{kind}</span>
          <span className="whatif-edit__title">{title}</span>
        </span>
        {detail && <span className="whatif-edit__detail">{detail}</span>}
        {notCounted && <span className="whatif-edit__warn">{t('coverage.whatif.edit.notCounted')}</span>}
      </button>
      <button type="button" className="icon-btn whatif-edit__drop" onClick={() => dropEdit(edit.key)} aria-label={t('coverage.whatif.edit.drop')} title={t('coverage.whatif.edit.drop')}>
        ×
      </button>
    </li>
  )
}

function failureMessage(t: Translate, failure: WhatIfFailure, lang: Lang): string {
  const list = (names: string[]) => names.join(lang === 'zh' ? '、' : ', ')
  switch (failure.kind) {
    case 'not-counted':
      return t('coverage.whatif.failed.notCounted', { names: list(failure.names) })
    case 'invalid':
      return t('coverage.whatif.failed.invalid', { message: failure.message })
    case 'network':
      return t('coverage.whatif.failed.network')
    default:
      return t('coverage.whatif.failed')
  }
}

function Delta({ value, children }: { value: number; children: ReactNode }) {
  return <span className={`whatif-delta ${value > 0 ? 'is-up' : value < 0 ? 'is-down' : ''}`}>{children}</span>
}

function WhatIfResult({ summary }: { summary: WhatIfSummary }) {
  const { t, lang } = useI18n()
  const { focusCommunity, focusedCommunityId } = useCoverage()
  const { before, after } = summary
  return (
    <div className="whatif-result" data-testid="whatif-result" data-changed={summary.changedTotal}>
      <div className={`whatif-result__head ${summary.shareDelta < 0 ? 'is-down' : ''}`}>
        <div className="whatif-result__label">{t('coverage.whatif.result.label')}</div>
        <div className="whatif-result__change" data-testid="whatif-share-change" data-before={before.share} data-after={after.share}>
          {formatShareChange(before.share, after.share, lang)}
        </div>
        <div className="whatif-result__deltas">
          <Delta value={summary.shareDelta}>{t('coverage.whatif.result.points', { points: formatPointChange(before.share, after.share, lang) })}</Delta>
          <span className="dot" aria-hidden="true">·</span>
          <Delta value={summary.residentsDelta}>{t('coverage.whatif.result.residentsDelta', { delta: formatSignedNumber(summary.residentsDelta, lang) })}</Delta>
        </div>
        <div className="whatif-result__sub">
          {t('coverage.whatif.result.residents', { before: formatNumber(before.coveredResidents, lang), after: formatNumber(after.coveredResidents, lang) })}
        </div>
      </div>

      <div className="whatif-counts">
        <div className="whatif-count whatif-count--gained" data-testid="whatif-gained" data-value={summary.gainedCommunities}>
          <span className="whatif-count__label">{t('coverage.whatif.result.gained')}</span>
          <b>{t('coverage.whatif.result.communities', { n: formatNumber(summary.gainedCommunities, lang) })}</b>
          <span className="whatif-count__sub">{t('coverage.whatif.result.people', { n: formatSignedNumber(summary.gainedResidents, lang) })}</span>
        </div>
        <div className="whatif-count whatif-count--lost" data-testid="whatif-lost" data-value={summary.lostCommunities}>
          <span className="whatif-count__label">{t('coverage.whatif.result.lost')}</span>
          <b>{t('coverage.whatif.result.communities', { n: formatNumber(summary.lostCommunities, lang) })}</b>
          <span className="whatif-count__sub">{t('coverage.whatif.result.people', { n: formatSignedNumber(-summary.lostResidents, lang) })}</span>
        </div>
      </div>

      {summary.changedTotal === 0 ? (
        <Notice tone="info">{t('coverage.whatif.result.noChange')}</Notice>
      ) : (
        <>
          <section className="whatif-section">
            <h3 className="whatif-section__title">{t('coverage.whatif.districts.title')}</h3>
            {summary.districts.length === 0 ? (
              <p className="whatif-section__empty">{t('coverage.whatif.districts.none')}</p>
            ) : (
              <table className="whatif-districts" data-testid="whatif-districts">
                <thead>
                  <tr>
                    <th scope="col">{t('coverage.whatif.districts.name')}</th>
                    <th scope="col" className="num">{t('coverage.whatif.districts.before')}</th>
                    <th scope="col" className="num">{t('coverage.whatif.districts.after')}</th>
                    <th scope="col" className="num">{t('coverage.whatif.districts.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.districts.map((d) => (
                    <tr key={d.id} data-testid="whatif-district" data-before={d.before} data-after={d.after}>
                      <td>{d.name}</td>
                      <td className="num">{formatShare(d.before, lang)}</td>
                      <td className="num">{formatShare(d.after, lang)}</td>
                      <td className="num">
                        <Delta value={d.delta}>{formatPointChange(d.before, d.after, lang)}</Delta>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="whatif-section">
            <h3 className="whatif-section__title">
              {t('coverage.whatif.changed.title')}
              <span className="whatif-section__count">
                {t('coverage.whatif.changed.count', { shown: summary.topChanges.length, n: formatNumber(summary.changedTotal, lang) })}
              </span>
            </h3>
            <ol className="whatif-changes">
              {summary.topChanges.map((c) => (
                <li key={c.communityId}>
                  <button
                    type="button"
                    className={`whatif-change ${c.communityId === focusedCommunityId ? 'is-focused' : ''}`}
                    onClick={() => focusCommunity(c.communityId, { fly: true })}
                    title={t('coverage.whatif.changed.rowTitle')}
                    data-testid="whatif-change"
                    data-community-id={c.communityId}
                    data-kind={c.kind}
                  >
                    <span className="whatif-change__top">
                      <span className="whatif-change__name">{c.name}</span>
                      <Tag tone={CHANGE_TONES[c.kind]}>{t(`coverage.whatif.changed.${c.kind}`)}</Tag>
                    </span>
                    <span className="whatif-change__meta">
                      {t('coverage.whatif.changed.residents', { n: formatNumber(c.residents, lang) })}
                      <span className="dot" aria-hidden="true">·</span>
                      {t('coverage.whatif.changed.minutes', { before: formatWalkMinutes(c.beforeMinutes, lang), after: formatWalkMinutes(c.afterMinutes, lang) })}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  )
}

/** The what-if tool: hypothetical facilities added, moved or removed on the map, and the coverage before and after. */
export function WhatIfPanel() {
  const { t, lang } = useI18n()
  const { settings } = useCoverage()
  const { edits, notCounted, mapMode, startPlacing, leaveMapMode, clearEdits, addLimitReached, run, compare, stale } = useWhatIf()
  const typeLabel = t(`facility.${settings.type}`)
  const counts = countWhatIfEdits(edits)
  const placing = mapMode.kind === 'place'
  const running = run.status === 'running'
  // Flagged in the list: what the client knows is not counted, and what the server said it does not count.
  const refused = run.status === 'error' && run.failure.kind === 'not-counted' ? new Set(run.failure.facilityIds) : null
  const notCountedKeys = new Set([
    ...notCounted.map((e) => e.key),
    ...edits.filter((e) => refused && e.kind !== 'add' && refused.has(e.facility.id)).map((e) => e.key),
  ])
  let addNumber = 0

  // A new answer below a long edit list is scrolled up into view (the headline at least).
  const bodyRef = useRef<HTMLDivElement>(null)
  const outcomeRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const body = bodyRef.current
    const outcome = outcomeRef.current
    if ((run.status !== 'done' && run.status !== 'error') || !body || !outcome) return
    const top = outcome.getBoundingClientRect().top - body.getBoundingClientRect().top
    if (top + 140 > body.clientHeight) body.scrollTo({ top: body.scrollTop + top - 6, behavior: 'smooth' })
  }, [run])
  return (
    <div className="whatif" data-testid="whatif-panel">
      <p className="whatif__intro">{t('coverage.whatif.intro', { type: typeLabel })}</p>
      <div className="whatif__actions">
        <button
          type="button"
          className={`btn whatif__place ${placing ? 'is-active' : ''}`}
          onClick={placing ? leaveMapMode : startPlacing}
          aria-pressed={placing}
          disabled={!placing && addLimitReached}
          title={t('coverage.whatif.placeTitle', { type: typeLabel })}
          data-testid="whatif-place"
        >
          <span className="whatif__place-icon" aria-hidden="true">
            {placing ? '✓' : '+'}
          </span>
          {placing ? t('coverage.whatif.placing') : t('coverage.whatif.place')}
        </button>
        <button
          type="button"
          className="btn btn--primary whatif__compare"
          onClick={compare}
          disabled={edits.length === 0 || running || notCounted.length > 0}
          title={t('coverage.whatif.compareTitle')}
          data-testid="whatif-compare"
        >
          {running ? <Spinner size="sm" /> : null}
          {running ? t('coverage.whatif.comparing') : stale ? t('coverage.whatif.recompare') : t('coverage.whatif.compare')}
        </button>
      </div>

      <div className="whatif__body" ref={bodyRef}>
        <div className="whatif-edits__head">
          <span className="whatif-edits__title">{t('coverage.whatif.edits')}</span>
          <span className="whatif-edits__counts" data-testid="whatif-edit-counts">
            {t('coverage.whatif.editCounts', { add: counts.add, remove: counts.remove, move: counts.move })}
          </span>
          <button
            type="button"
            className="whatif-edits__clear"
            onClick={clearEdits}
            disabled={edits.length === 0}
            title={t('coverage.whatif.clearTitle')}
            data-testid="whatif-clear"
          >
            {t('coverage.whatif.clear')}
          </button>
        </div>
        {edits.length === 0 ? (
          <p className="whatif__empty">{t('coverage.whatif.noEdits', { type: typeLabel })}</p>
        ) : (
          <ul className="whatif-edits">
            {edits.map((e) => (
              <EditRow key={e.key} edit={e} addNumber={e.kind === 'add' ? ++addNumber : 0} notCounted={notCountedKeys.has(e.key)} />
            ))}
          </ul>
        )}
        {edits.length > 0 && <p className="whatif__hint">{t('coverage.whatif.facilityHint', { type: typeLabel })}</p>}
        {addLimitReached && <Notice tone="info">{t('coverage.whatif.limit', { n: WHATIF_LIMITS.add })}</Notice>}
        {notCounted.length > 0 && (
          <Notice tone="warn">
            {t('coverage.whatif.notCountedNote', {
              names: notCounted.map((e) => (e.kind === 'add' ? '' : e.facility.name)).join(lang === 'zh' ? '、' : ', '),
            })}
          </Notice>
        )}

        {stale && run.status === 'done' && <Notice tone="info">{t('coverage.whatif.stale')}</Notice>}
        <div className={`whatif__outcome ${stale ? 'is-stale' : ''}`} ref={outcomeRef}>
          {run.status === 'idle' && edits.length > 0 && notCounted.length === 0 && <p className="whatif__empty">{t('coverage.whatif.empty')}</p>}
          {run.status === 'running' && (
            <div className="coverage-placeholder">
              <Spinner label={t('coverage.busy.whatif')} />
            </div>
          )}
          {run.status === 'error' &&
            (run.failure.kind === 'not-counted' || run.failure.kind === 'invalid' ? (
              <Notice tone="danger" testId="whatif-error">
                {failureMessage(t, run.failure, lang)}
              </Notice>
            ) : (
              <div data-testid="whatif-error">
                <ErrorBanner message={failureMessage(t, run.failure, lang)} retryLabel={t('app.retry')} onRetry={compare} />
              </div>
            ))}
          {run.status === 'done' && <WhatIfResult summary={run.summary} />}
        </div>
      </div>
    </div>
  )
}
