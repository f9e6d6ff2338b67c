import { useMemo, type ReactNode } from 'react'
import type { RollupRow, ScheduleRow, StatusCounts } from '../../../core/contracts/schedule.js'
import { SCHEDULE_STATUSES, type ScheduleStatus } from '../../../core/schedule/status.js'
import { Link, ROUTES } from '../../app/router.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { Spinner } from '../../components/ui/spinner.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { stageColor, statusColor } from '../../layers/battle-paint.js'
import type { CommunityFacts } from '../clusters/community-index.js'
import { useDelayedFlag } from '../coverage/use-delayed-flag.js'
import { useBattle } from './battle-context.js'
import { scopeNode, type DrillNode } from './drill.js'
import { StatusBar } from './status-bar.js'

const STATUS_ORDER: Record<ScheduleStatus, number> = { late: 0, at_risk: 1, on_track: 2, not_started: 3, done: 4 }

/** Late first (most days late first), then at risk, on track, not started, done; then by name. */
function byUrgency(a: { row: ScheduleRow; facts: CommunityFacts }, b: { row: ScheduleRow; facts: CommunityFacts }): number {
  return (
    STATUS_ORDER[a.row.status] - STATUS_ORDER[b.row.status] ||
    b.row.daysLate - a.row.daysLate ||
    a.facts.name.localeCompare(b.facts.name, 'zh-CN')
  )
}

function Breadcrumb() {
  const { t } = useI18n()
  const { path, drillUp } = useBattle()
  const steps: { label: string; depth: number }[] = [{ label: t('battle.city'), depth: 0 }, ...path.map((n, i) => ({ label: n.name, depth: i + 1 }))]
  return (
    <nav className="battle-breadcrumb" data-testid="battle-breadcrumb" data-depth={path.length} aria-label={t('battle.breadcrumb')}>
      <ol>
        {steps.map((s, i) => {
          const last = i === steps.length - 1
          return (
            <li key={s.depth}>
              {last ? (
                <span aria-current="page" className="battle-breadcrumb__current">
                  {s.label}
                </span>
              ) : (
                <button type="button" className="battle-breadcrumb__link" onClick={() => drillUp(s.depth)} data-testid={`battle-breadcrumb-${s.depth}`}>
                  {s.label}
                </button>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}

/** The status counts of the scope, one chip per status. */
function StatusChips({ counts }: { counts: StatusCounts }) {
  const { t, lang } = useI18n()
  return (
    <ul className="battle-chips">
      {SCHEDULE_STATUSES.map((s) => (
        <li key={s} className={`battle-chip is-${s} ${counts[s] === 0 ? 'is-zero' : ''}`} data-testid={`battle-count-${s}`}>
          <Swatch color={statusColor(s)} />
          <span className="battle-chip__label">{t(`battle.status.${s}`)}</span>
          <b>{formatNumber(counts[s], lang)}</b>
        </li>
      ))}
    </ul>
  )
}

/** One row of a list: a unit (district, street, 片区) with its status bar and late count. */
function UnitItem({ row, testId, lead, onClick }: { row: RollupRow; testId: string; lead?: ReactNode; onClick: () => void }) {
  const { t, lang } = useI18n()
  const late = row.byStatus.late
  return (
    <li>
      <button type="button" className="battle-item" onClick={onClick} data-testid={testId}>
        {lead}
        <span className="battle-item__main">
          <span className="battle-item__name">{row.name}</span>
          <span className="battle-item__sub">
            {t('battle.drill.count', { n: formatNumber(row.communities, lang) })}
            <span className="dot">·</span>
            <span title={t('battle.drill.avgTitle')}>{t('battle.drill.pct', { pct: formatNumber(row.avgOverallPct, lang) })}</span>
          </span>
          <StatusBar counts={row.byStatus} total={row.communities} />
        </span>
        <span className={`battle-item__late ${late > 0 ? 'is-late' : ''}`}>{late > 0 ? t('battle.drill.late', { n: late }) : '—'}</span>
        <span className="battle-item__chevron" aria-hidden="true">
          ›
        </span>
      </button>
    </li>
  )
}

function CommunityItem({ row, facts, onClick }: { row: ScheduleRow; facts: CommunityFacts; onClick: () => void }) {
  const { t } = useI18n()
  return (
    <li>
      <button type="button" className="battle-item battle-item--community" onClick={onClick} data-testid={`battle-drill-community-${facts.id}`}>
        <Swatch color={statusColor(row.status)} shape="circle" />
        <span className="battle-item__main">
          <span className="battle-item__name">{facts.name}</span>
          <span className="battle-item__sub">
            {t('battle.card.stageValue', { stage: t(`stage.${row.stage}`), pct: Math.round(row.progressPct) })}
          </span>
        </span>
        <span className={`battle-item__late ${row.status === 'late' ? 'is-late' : ''}`}>
          {row.status === 'late' ? t('battle.tooltip.daysLate', { n: row.daysLate }) : t(`battle.status.${row.status}`)}
        </span>
      </button>
    </li>
  )
}

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section className="battle-section">
      <h3 className="battle-section__title">
        {title}
        {count !== undefined && <span className="battle-section__count">{count}</span>}
      </h3>
      {children}
    </section>
  )
}

/** The programme communities of a list of ids (or of a street), most urgent first. */
function useCommunityRows(ids: readonly number[]): { row: ScheduleRow; facts: CommunityFacts }[] {
  const { rowsById, index } = useBattle()
  return useMemo(() => {
    const out: { row: ScheduleRow; facts: CommunityFacts }[] = []
    for (const id of ids) {
      const row = rowsById.get(id)
      const facts = index.byId.get(id)
      if (row && facts) out.push({ row, facts })
    }
    return out.sort(byUrgency)
  }, [ids, rowsById, index])
}

function CommunityList({ ids, title }: { ids: readonly number[]; title: string }) {
  const { t } = useI18n()
  const { drill, indexReady } = useBattle()
  const items = useCommunityRows(ids)
  return (
    <Section title={title} count={items.length}>
      {!indexReady ? (
        <Spinner label={t('battle.loading')} />
      ) : items.length === 0 ? (
        <p className="battle-empty">{t('battle.drill.empty')}</p>
      ) : (
        <ul className="battle-list">
          {items.map(({ row, facts }) => (
            <CommunityItem key={facts.id} row={row} facts={facts} onClick={() => drill({ kind: 'community', id: facts.id, name: facts.name })} />
          ))}
        </ul>
      )}
    </Section>
  )
}

function ClusterList({ districtId, streetId }: { districtId?: number; streetId?: number }) {
  const { t } = useI18n()
  const { data, drill, index } = useBattle()
  // 片区 of the unit: those with a member in it (the summary of any scope lists them with their own numbers).
  const clusters = (data.data?.summary.clusters ?? []).filter((cl) =>
    cl.memberIds.some((id) => {
      const c = index.byId.get(id)
      return c && (districtId === undefined || c.districtId === districtId) && (streetId === undefined || c.streetId === streetId)
    }),
  )
  return (
    <Section title={t('battle.drill.clusters')} count={clusters.length}>
      {clusters.length === 0 ? (
        <p className="battle-empty">{t('battle.drill.noClusters')}</p>
      ) : (
        <ul className="battle-list">
          {clusters.map((cl) => (
            <UnitItem
              key={cl.id}
              row={cl}
              testId={`battle-drill-cluster-${cl.id}`}
              onClick={() => drill({ kind: 'cluster', id: cl.id, name: cl.name, memberIds: cl.memberIds })}
            />
          ))}
        </ul>
      )}
    </Section>
  )
}

function CityLevel() {
  const { t } = useI18n()
  const { data, drill } = useBattle()
  const districts = [...(data.data?.summary.districts ?? [])].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99) || a.id - b.id)
  return (
    <Section title={t('battle.drill.districts')} count={districts.length}>
      <ul className="battle-list">
        {districts.map((d) => (
          <UnitItem
            key={d.id}
            row={d}
            testId={`battle-drill-district-${d.id}`}
            lead={
              <span className={`battle-rank ${d.rank !== undefined && d.rank <= 3 ? 'is-top' : ''}`} title={t('battle.drill.rankTitle', { n: d.rank ?? '—' })}>
                {t('battle.drill.rank', { n: d.rank ?? '—' })}
              </span>
            }
            onClick={() => drill({ kind: 'district', id: d.id, name: d.name })}
          />
        ))}
      </ul>
    </Section>
  )
}

function DistrictLevel({ districtId }: { districtId: number }) {
  const { t } = useI18n()
  const { data, drill } = useBattle()
  const streets = (data.data?.summary.streets ?? []).filter((s) => s.districtId === districtId)
  return (
    <>
      <Section title={t('battle.drill.streets')} count={streets.length}>
        {streets.length === 0 ? (
          <p className="battle-empty">{t('battle.drill.empty')}</p>
        ) : (
          <ul className="battle-list">
            {streets.map((s) => (
              <UnitItem
                key={s.id}
                row={s}
                testId={`battle-drill-street-${s.id}`}
                onClick={() => drill({ kind: 'street', id: s.id, name: s.name, districtId: s.districtId })}
              />
            ))}
          </ul>
        )}
      </Section>
      <ClusterList districtId={districtId} />
    </>
  )
}

function StreetLevel({ streetId }: { streetId: number }) {
  const { t } = useI18n()
  const { index } = useBattle()
  const ids = useMemo(() => index.list.filter((c) => c.streetId === streetId).map((c) => c.id), [index, streetId])
  return (
    <>
      <CommunityList ids={ids} title={t('battle.drill.communities')} />
      <ClusterList streetId={streetId} />
    </>
  )
}

/** The card of one community on the shown date. */
function CommunityCard({ id }: { id: number }) {
  const { t, lang } = useI18n()
  const { rowsById, index } = useBattle()
  const row = rowsById.get(id)
  const facts = index.byId.get(id)
  if (!row || !facts) return <p className="battle-empty">{facts ? t('battle.card.notInPlan') : t('battle.loading')}</p>
  const items: { label: string; value: ReactNode; tone?: string }[] = [
    { label: t('battle.card.overall'), value: `${formatNumber(row.overallPct, lang)}%` },
    { label: t('battle.card.daysLate'), value: row.daysLate > 0 ? t('battle.card.days', { n: row.daysLate }) : '—', tone: row.status === 'late' ? 'is-late' : '' },
    {
      label: t('battle.card.deadline'),
      value: row.deadline && row.deadlineStage ? t('battle.card.deadlineValue', { date: row.deadline, stage: t(`stage.${row.deadlineStage}`) }) : t('battle.card.noDeadline'),
    },
    { label: t('battle.card.lastReport'), value: row.reportDate ?? t('battle.card.noReport') },
  ]
  if (row.completedOn) items.push({ label: t('battle.card.completedOn'), value: row.completedOn })
  return (
    <article className="battle-card" data-testid="battle-card" data-community-id={id} data-status={row.status}>
      <header className="battle-card__head">
        <h3 className="battle-card__name">{facts.name}</h3>
        <div className="battle-card__place">{t('battle.card.district', { district: facts.districtName, street: facts.streetName })}</div>
      </header>
      <div className={`battle-card__status is-${row.status}`} style={{ borderColor: statusColor(row.status) }}>
        <Swatch color={statusColor(row.status)} />
        <b>{t(`battle.status.${row.status}`)}</b>
        {row.status === 'late' && <span className="battle-card__late">{t('battle.tooltip.daysLate', { n: row.daysLate })}</span>}
      </div>
      <div className="battle-card__stage">
        <span className="battle-card__label">{t('battle.card.stage')}</span>
        <span className="stage-pill" style={{ background: stageColor(row.stage) }}>
          {t(`stage.${row.stage}`)}
        </span>
        <b className="battle-card__pct">{Math.round(row.progressPct)}%</b>
      </div>
      <div className="progress">
        <div className="progress__fill" style={{ width: `${Math.min(100, Math.max(0, row.progressPct))}%`, background: stageColor(row.stage) }} />
      </div>
      <dl className="battle-card__facts">
        {items.map((it) => (
          <div key={it.label} className="battle-card__fact">
            <dt>{it.label}</dt>
            <dd className={it.tone}>{it.value}</dd>
          </div>
        ))}
      </dl>
      <Link to={`${ROUTES.gantt}?community=${id}`} className="btn btn--small battle-card__link" title={t('battle.card.ganttTitle')} data-testid="battle-card-gantt">
        {t('battle.card.gantt')} ›
      </Link>
    </article>
  )
}

function LevelBody({ node }: { node: DrillNode | null }) {
  const { t } = useI18n()
  if (!node) return <CityLevel />
  switch (node.kind) {
    case 'district':
      return <DistrictLevel districtId={node.id} />
    case 'street':
      return <StreetLevel streetId={node.id} />
    case 'cluster':
      return <CommunityList ids={node.memberIds} title={t('battle.drill.members')} />
    case 'community':
      return <CommunityCard id={node.id} />
  }
}

/** The left panel: breadcrumb 全市 › 区 › 街道 › 片区 › 小区, the numbers of the unit and what lies below it. */
export function DrillPanel() {
  const { t, lang } = useI18n()
  const { path, data } = useBattle()
  const last = path[path.length - 1] ?? null
  const unit = scopeNode(path)
  const summary = data.data?.summary
  const total = summary?.kpis.communities ?? 0
  const stale = useDelayedFlag(data.fetching && data.data !== null, 300)
  return (
    <section className="panel battle-drill" data-testid="battle-drill" aria-label={t('battle.breadcrumb')}>
      <Breadcrumb />
      {data.status === 'error' && !data.data ? (
        <ErrorBanner message={t('battle.loadFailed')} retryLabel={t('app.retry')} onRetry={data.retry} />
      ) : !summary ? (
        <div className="battle-placeholder">
          <Spinner label={t('battle.loading')} />
        </div>
      ) : (
        <div className={`battle-drill__body ${stale ? 'is-stale' : ''}`}>
          {last?.kind !== 'community' && (
            <div className="battle-scope">
              <div className="battle-scope__head">
                <h2 className="battle-scope__name">{unit?.name ?? t('battle.city')}</h2>
                <span className="battle-scope__count">{t('battle.drill.count', { n: formatNumber(total, lang) })}</span>
              </div>
              <StatusBar counts={summary.statusCounts} total={total} />
              <StatusChips counts={summary.statusCounts} />
            </div>
          )}
          <LevelBody node={last} />
          {path.length === 0 && <p className="battle-hint">{t('battle.drill.hint')}</p>}
        </div>
      )}
    </section>
  )
}
