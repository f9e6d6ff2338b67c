import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CommunityDetailResponse } from '../../../core/contracts/responses.js'
import type { MilestoneConfig, ScheduleRow, ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import type { IsoDate } from '../../../core/domain/entities.js'
import { computeStageTimeline, dayNumber, type StageStatus } from '../../../core/domain/stage-timeline.js'
import { STAGE_COLORS } from '../../../core/domain/stages.js'
import { hasReached } from '../../../core/schedule/summary.js'
import type { ScheduleStatus } from '../../../core/schedule/status.js'
import { scheduleApi } from '../../api/schedule-endpoints.js'
import { useRequest } from '../../api/use-request.js'
import { useServerEvents } from '../../api/use-server-events.js'
import { Link, navigate } from '../../app/router.js'
import { useMeta } from '../../app/meta-context.js'
import { useSession } from '../../app/session-context.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { ProgressBar } from '../../components/ui/progress-bar.js'
import { SelectField } from '../../components/ui/select-field.js'
import { Spinner } from '../../components/ui/spinner.js'
import { Tag, type TagTone } from '../../components/ui/tag.js'
import { formatNumber } from '../../i18n/format.js'
import { useI18n, type Translate } from '../../i18n/i18n-context.js'
import type { MessageKey } from '../../i18n/zh.js'
import { STATUS_COLORS } from '../../layers/schedule-colors.js'
import { GanttChart, type AsideTone, type GanttRowModel } from './gantt-chart.js'
import {
  actualBarSegments,
  ganttDomain,
  overallSpan,
  plannedBar,
  sortGanttRows,
  stageSpans,
  tintColor,
  type DayRange,
  type GanttSortKey,
} from './gantt-layout.js'
import { ganttLevel, ganttSearch, parseGanttParams, type GanttLevel, type GanttParams } from './gantt-params.js'
import { forgetCommunityDetails, useCommunityDetails, useLocationSearch } from './use-gantt-data.js'

const GANTT_PATH = '/gantt'
const go = (p: Partial<GanttParams>) => navigate(GANTT_PATH + ganttSearch(p))

const STATUS_TONE: Record<ScheduleStatus, TagTone> = { not_started: 'neutral', on_track: 'good', at_risk: 'warn', late: 'bad', done: 'info' }
const STATUS_ASIDE: Record<ScheduleStatus, AsideTone> = { not_started: 'muted', on_track: 'good', at_risk: 'plain', late: 'bad', done: 'good' }
const STAGE_STATUS_KEY: Record<StageStatus, MessageKey> = {
  done: 'gantt.stage.done',
  in_progress: 'gantt.stage.inProgress',
  not_started: 'gantt.stage.notStarted',
  not_planned: 'gantt.stage.notPlanned',
}
const SORT_KEYS: GanttSortKey[] = ['daysLate', 'name', 'plannedEnd']
const PLANNED_GREY = '#dce3ec'

const pct = (n: number) => Math.round(n)

function plannedText(t: Translate, from: IsoDate | null, to: IsoDate | null): string {
  return from || to ? t('gantt.planned', { from: from ?? '…', to: to ?? '…' }) : t('gantt.stage.notPlanned')
}
function actualText(t: Translate, from: IsoDate | null, to: IsoDate | null): string {
  if (!from) return t('gantt.notStarted')
  return to ? t('gantt.actual', { from, to }) : t('gantt.actualOpen', { from })
}

function milestoneAxis(milestones: readonly MilestoneConfig[], lang: 'zh' | 'en') {
  return milestones.map((m) => ({ day: dayNumber(m.date), title: `${m.name[lang]} (${m.date})` }))
}

// ---------------------------------------------------------------------------------------------------------
// Rows

interface CommunityRow {
  id: number
  name: string
  daysLate: number
  plannedEnd: IsoDate | null
  model: GanttRowModel
}

function communityRows(
  sched: readonly ScheduleRow[],
  details: ReadonlyMap<number, CommunityDetailResponse>,
  today: IsoDate,
  t: Translate,
  open: (id: number) => void,
): CommunityRow[] {
  const rows: CommunityRow[] = []
  for (const s of sched) {
    const d = details.get(s.communityId)
    if (!d) continue
    const span = overallSpan(d.stageRecords)
    const stage = t(`stage.${s.stage}`)
    const status = t(`schedule.status.${s.status}`)
    const second = s.status === 'late' ? t('schedule.daysLate', { n: s.daysLate }) : status
    rows.push({
      id: d.id,
      name: d.name,
      daysLate: s.daysLate,
      plannedEnd: span.plannedEnd,
      model: {
        key: String(d.id),
        label: d.name,
        sublabel: `${d.streetName} · ${d.code}`,
        planned: plannedBar(span),
        segments: actualBarSegments(span, today),
        color: STATUS_COLORS[s.status],
        plannedColor: PLANNED_GREY,
        aside: [
          { text: t('gantt.current', { stage, pct: pct(s.progressPct) }), tone: 'plain', dot: STATUS_COLORS[s.status] },
          { text: second, tone: STATUS_ASIDE[s.status] },
        ],
        description: [
          d.name,
          status,
          t('gantt.current', { stage, pct: pct(s.progressPct) }),
          s.status === 'late' ? t('schedule.daysLate', { n: s.daysLate }) : null,
          plannedText(t, span.plannedStart, span.plannedEnd),
          actualText(t, span.actualStart, span.actualEnd),
        ]
          .filter(Boolean)
          .join('；'),
        onOpen: () => open(d.id),
      },
    })
  }
  return rows
}

function stageRows(detail: CommunityDetailResponse, sched: ScheduleRow | undefined, milestones: readonly MilestoneConfig[], today: IsoDate, lang: 'zh' | 'en', t: Translate): GanttRowModel[] {
  const timeline = new Map(computeStageTimeline(detail.stageRecords, today).map((r) => [r.stage, r]))
  const todayDay = dayNumber(today)
  const state = sched ?? { stage: detail.stage, progressPct: detail.progressPct }
  return stageSpans(detail.stageRecords).map((span) => {
    const tl = timeline.get(span.stage)!
    const status = t(STAGE_STATUS_KEY[tl.status], { pct: pct(span.progressPct) })
    const late = tl.lateDays > 0 && tl.status !== 'not_planned'
    const marks = milestones
      .filter((m) => m.stage === span.stage)
      .map((m) => {
        const met = hasReached(state, m.stage, m.pct)
        const due = dayNumber(m.date)
        const mstate = met ? 'met' : due < todayDay ? 'missed' : 'due'
        const key = mstate === 'met' ? 'gantt.milestoneMet' : mstate === 'missed' ? 'gantt.milestoneMissed' : 'gantt.milestoneDue'
        return { day: due, state: mstate, title: t(key, { name: m.name[lang], date: m.date }) } as const
      })
    const stage = t(`stage.${span.stage}`)
    return {
      key: span.stage,
      label: stage,
      sublabel: plannedText(t, span.plannedStart, span.plannedEnd),
      planned: plannedBar(span),
      segments: actualBarSegments(span, today),
      color: STAGE_COLORS[span.stage],
      plannedColor: tintColor(STAGE_COLORS[span.stage], 0.72),
      aside: [
        { text: status, tone: tl.status === 'done' ? 'good' : tl.status === 'in_progress' ? 'plain' : 'muted' },
        ...(late ? [{ text: t('gantt.lateDays', { n: tl.lateDays }), tone: 'bad' as const }] : []),
      ],
      description: [stage, status, late ? t('gantt.lateDays', { n: tl.lateDays }) : null, plannedText(t, span.plannedStart, span.plannedEnd), actualText(t, span.actualStart, span.actualEnd), ...marks.map((m) => m.title)]
        .filter(Boolean)
        .join('；'),
      marks,
      highlighted: span.stage === state.stage,
    }
  })
}

// ---------------------------------------------------------------------------------------------------------
// Pieces

function Legend({ level }: { level: GanttLevel }) {
  const { t } = useI18n()
  const statuses: ScheduleStatus[] = ['not_started', 'on_track', 'at_risk', 'late', 'done']
  return (
    <div className="gantt-legend" aria-hidden="true">
      <span>
        <i className="gantt-key gantt-key--planned" />
        {t('gantt.legend.planned')}
      </span>
      {level === 'community' ? (
        <span>
          <i className="gantt-key gantt-key--actual" />
          {t('gantt.legend.actual')}
        </span>
      ) : (
        statuses.map((s) => (
          <span key={s}>
            <i className="gantt-key gantt-key--actual" style={{ background: STATUS_COLORS[s] }} />
            {t(`schedule.status.${s}`)}
          </span>
        ))
      )}
      <span>
        <i className="gantt-key gantt-key--actual gantt-key--open" />
        {t('gantt.legend.open')}
      </span>
      <span>
        <i className="gantt-key gantt-key--late" />
        {t('gantt.legend.late')}
      </span>
      <span>
        <i className="gantt-key gantt-key--today" />
        {t('gantt.today')}
      </span>
      <span>
        <i className="gantt-key gantt-key--milestone" />
        {t('gantt.legend.milestone')}
      </span>
    </div>
  )
}

function MilestoneList({ milestones, today }: { milestones: readonly MilestoneConfig[]; today: IsoDate }) {
  const { t, lang } = useI18n()
  if (!milestones.length) return null
  return (
    <div className="gantt-milestones">
      <span className="gantt-milestones__title">{t('gantt.milestones')}</span>
      {milestones.map((m) => (
        <span key={m.id} className={`gantt-milestones__item ${m.date < today ? 'is-past' : ''}`}>
          <i className="gantt-key gantt-key--milestone" aria-hidden="true" />
          <time dateTime={m.date}>{m.date.slice(5)}</time> {m.name[lang]}
        </span>
      ))}
    </div>
  )
}

function Loading({ done, total }: { done?: number; total?: number }) {
  const { t } = useI18n()
  const counting = total !== undefined && total > 0
  return (
    <div className="gantt-state" data-testid="gantt-loading">
      <Spinner label={counting ? t('gantt.loadingDetails', { done: done ?? 0, total }) : t('gantt.loading')} />
      {counting && (
        <div className="gantt-state__bar">
          <ProgressBar pct={((done ?? 0) / total) * 100} label={t('gantt.loadingDetails', { done: done ?? 0, total })} />
        </div>
      )}
    </div>
  )
}

function CityChooser({ summary }: { summary: ScheduleSummaryResponse }) {
  const { t, lang } = useI18n()
  const total = summary.districts.reduce((n, d) => n + d.communities, 0)
  return (
    <div className="gantt-city">
      <p className="gantt-city__prompt">{t('gantt.cityPrompt', { year: summary.planYear, n: total })}</p>
      <ul className="gantt-city__list">
        {[...summary.districts]
          .sort((a, b) => a.id - b.id)
          .map((d) => (
            <li key={d.id}>
              <Link to={GANTT_PATH + ganttSearch({ district: d.id })} className="gantt-city__card" data-testid={`gantt-district-${d.id}`} aria-label={t('gantt.districtOpen', { name: d.name })}>
                <span className="gantt-city__name">{d.name}</span>
                <span className="gantt-city__meta">{t('gantt.districtCommunities', { n: d.communities })}</span>
                <ProgressBar pct={d.avgOverallPct} label={t('gantt.districtAvg', { pct: `${formatNumber(d.avgOverallPct, lang)}%` })} />
                <span className="gantt-city__meta">
                  {t('gantt.districtAvg', { pct: `${formatNumber(d.avgOverallPct, lang)}%` })}
                  {d.byStatus.late > 0 && <Tag tone="bad">{t('gantt.districtLate', { n: d.byStatus.late })}</Tag>}
                </span>
              </Link>
            </li>
          ))}
      </ul>
    </div>
  )
}

// ---------------------------------------------------------------------------------------------------------
// The page

/** 进度计划: the city's districts, a district's or 片区's communities on one Gantt, or one community's stages. */
export function GanttPage() {
  const { t, lang } = useI18n()
  const meta = useMeta()
  const { user } = useSession()
  const search = useLocationSearch()
  const params = useMemo(() => parseGanttParams(search), [search])
  const level = ganttLevel(params)
  const [revision, setRevision] = useState(0)
  const [sortKey, setSortKey] = useState<GanttSortKey>('daysLate')
  const [filter, setFilter] = useState('')

  // Staff arriving at the bare address see their own district first (once: the 全市 link still works).
  const arrival = useRef(level)
  useEffect(() => {
    if (arrival.current === 'city' && user.districtId !== null && (user.role === 'district_staff' || user.role === 'street_staff')) {
      window.history.replaceState(window.history.state, '', GANTT_PATH + ganttSearch({ district: user.districtId }))
      window.dispatchEvent(new Event('renewmap:navigate'))
    }
  }, [user.districtId, user.role])

  // Fresh reports elsewhere: refetch the schedule and the details of the communities named.
  const connected = useRef(false)
  const onEvent = useCallback((e: { type: string; communityIds?: number[] | null }) => {
    if (e.type === 'ready') {
      if (connected.current) {
        forgetCommunityDetails(null)
        setRevision((n) => n + 1)
      }
      connected.current = true
    } else if (e.type === 'progress') {
      forgetCommunityDetails(e.communityIds ?? null)
      setRevision((n) => n + 1)
    }
  }, [])
  useServerEvents(onEvent)

  const summary = useRequest(`gantt:summary:${revision}`, () => scheduleApi.summary())
  const scopeQuery = level === 'cluster' ? { clusterId: params.cluster! } : level === 'district' ? { districtId: params.district! } : {}
  const schedKey = level === 'city' ? null : level === 'community' ? `gantt:sched:all:${revision}` : `gantt:sched:${JSON.stringify(scopeQuery)}:${revision}`
  // useRequest keeps the last answer while a new one loads: tag it with its scope, so a district's rows are
  // never shown under another district's name (a refresh of the same scope keeps them on screen).
  const scopeKey = level === 'city' ? null : level === 'community' ? 'all' : JSON.stringify(scopeQuery)
  const schedReq = useRequest(schedKey, async () => ({ scope: scopeKey, answer: await scheduleApi.schedule(scopeQuery) }))
  const schedFresh = schedReq.data?.scope === scopeKey
  const sched = { status: schedReq.status, data: schedFresh ? schedReq.data?.answer : undefined, retry: schedReq.retry }
  const communityReq = useRequest(level === 'community' ? `gantt:community:${params.community}:${revision}` : null, () => scheduleApi.communityDetail(params.community!))
  const listIds = useMemo(
    () => ((level === 'district' || level === 'cluster') && sched.data ? sched.data.rows.map((r) => r.communityId) : null),
    [level, sched.data],
  )
  const details = useCommunityDetails(listIds, revision)

  const pickerDistrict = level === 'district' ? params.district : level === 'community' ? (communityReq.data?.districtId ?? params.district) : null
  const picker = useRequest(pickerDistrict ? `gantt:picker:${meta.planYear}:${pickerDistrict}` : null, () => scheduleApi.programmeCommunities(meta.planYear, pickerDistrict!))

  const today = sched.data?.today ?? summary.data?.today ?? meta.asOf
  const milestones = summary.data?.milestones ?? []
  const openCommunity = useCallback((id: number) => go({ district: params.district, cluster: params.cluster, community: id }), [params.district, params.cluster])

  // ----- rows of the list levels
  const allRows = useMemo(() => {
    if (!listIds || !sched.data) return null
    if (!listIds.every((id) => details.details.has(id))) return null
    return communityRows(sched.data.rows, details.details, today, t, openCommunity)
  }, [listIds, sched.data, details.details, today, t, openCommunity])
  const q = filter.trim().toLowerCase()
  const shownRows = useMemo(() => {
    if (!allRows) return null
    const kept = q ? allRows.filter((r) => r.name.toLowerCase().includes(q)) : allRows
    return sortGanttRows(kept, sortKey, lang === 'zh' ? 'zh-CN' : 'en')
  }, [allRows, q, sortKey, lang])

  // ----- the community level
  const community = communityReq.data && communityReq.data.id === params.community ? communityReq.data : null
  const communitySched = community ? sched.data?.rows.find((r) => r.communityId === community.id) : undefined
  const stageModels = useMemo(
    () => (community && sched.data ? stageRows(community, communitySched, milestones, today, lang, t) : null),
    [community, sched.data, communitySched, milestones, today, lang, t],
  )

  // ----- state for the page and tests
  let state: 'loading' | 'ready' | 'error' = 'loading'
  let error: { retry: () => void } | null = null
  if (level === 'city') {
    if (summary.data) state = 'ready'
    else if (summary.status === 'error') error = summary
  } else if (level === 'community') {
    if (stageModels) state = 'ready'
    else if (communityReq.status === 'error') error = communityReq
    else if (sched.status === 'error') error = sched
  } else {
    if (shownRows) state = 'ready'
    else if (sched.status === 'error') error = sched
    else if (details.status === 'error') error = details
  }
  if (error) state = 'error'

  const domain: DayRange | null = useMemo(() => {
    const planYear = sched.data?.planYear ?? meta.planYear
    const dates: (IsoDate | null)[] = [today, ...milestones.map((m) => m.date)]
    if (level === 'community' && community) for (const r of community.stageRecords) dates.push(r.plannedStart, r.plannedEnd, r.actualStart, r.actualEnd)
    if ((level === 'district' || level === 'cluster') && listIds)
      for (const id of listIds) {
        const d = details.details.get(id)
        if (!d) continue
        const s = overallSpan(d.stageRecords)
        dates.push(s.plannedStart, s.plannedEnd, s.actualStart, s.actualEnd)
      }
    return ganttDomain(dates, planYear)
  }, [level, community, listIds, details.details, today, milestones, sched.data?.planYear, meta.planYear])

  // ----- names for the breadcrumb and the pickers
  const districts = useMemo(() => [...(summary.data?.districts ?? [])].sort((a, b) => a.id - b.id), [summary.data])
  const clusters = summary.data?.clusters ?? []
  const districtId = level === 'community' ? (community?.districtId ?? params.district) : params.district
  const districtName = districts.find((d) => d.id === districtId)?.name ?? community?.districtName ?? null
  const cluster = params.cluster ? clusters.find((c) => c.id === params.cluster) : undefined
  const clusterOptions = useMemo(() => {
    if (level === 'district' && listIds) {
      const ids = new Set(listIds)
      return clusters.filter((c) => c.memberIds.some((id) => ids.has(id)))
    }
    return clusters
  }, [level, listIds, clusters])
  const communityOptions = useMemo(() => {
    if (level === 'cluster') return allRows?.map((r) => ({ id: r.id, name: r.name })) ?? []
    return picker.data?.rows.map((c) => ({ id: c.id, name: c.name })) ?? []
  }, [level, allRows, picker.data])
  const sortedCommunityOptions = useMemo(
    () => sortGanttRows(communityOptions.map((c) => ({ ...c, daysLate: 0, plannedEnd: null })), 'name', lang === 'zh' ? 'zh-CN' : 'en'),
    [communityOptions, lang],
  )

  const listName = level === 'cluster' || (level === 'community' && cluster) ? (cluster?.name ?? `#${params.cluster}`) : districtName
  const lateCount = allRows?.filter((r) => r.daysLate > 0 && sched.data?.rows.find((s) => s.communityId === r.id)?.status === 'late').length ?? 0

  return (
    <div className="admin-page gantt-page" data-testid="gantt-page" data-state={state} data-level={level}>
      <div className="admin-page__inner">
        <header className="admin-page__head">
          <div className="admin-page__heading">
            <h2 className="admin-page__title">{t('gantt.title')}</h2>
            <p className="admin-page__subtitle">{t('gantt.subtitle')}</p>
          </div>
          <div className="admin-page__actions">
            <span className="gantt-asof" title={t('gantt.live')}>
              <i className="gantt-asof__dot" aria-hidden="true" />
              {t('schedule.asOf', { date: today })}
            </span>
          </div>
        </header>

        <section className="admin-card gantt-card">
          <div className="admin-toolbar gantt-toolbar">
            <SelectField
              id="gantt-district"
              label={t('gantt.district')}
              value={districtId ? String(districtId) : ''}
              onChange={(v) => go(v ? { district: Number(v) } : {})}
              testId="gantt-district"
            >
              <option value="">{t('gantt.pickDistrict')}</option>
              {districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="gantt-cluster"
              label={t('gantt.cluster')}
              value={params.cluster ? String(params.cluster) : ''}
              onChange={(v) => go(v ? { district: districtId ?? undefined, cluster: Number(v) } : { district: districtId ?? undefined })}
              testId="gantt-cluster"
              disabled={clusterOptions.length === 0 && !params.cluster}
            >
              <option value="">{clusterOptions.length === 0 && !params.cluster ? t('gantt.noClusters') : t('gantt.pickCluster')}</option>
              {clusterOptions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="gantt-community"
              label={t('gantt.community')}
              value={params.community ? String(params.community) : ''}
              onChange={(v) => (v ? openCommunity(Number(v)) : go({ district: params.district ?? districtId ?? undefined, cluster: params.cluster ?? undefined }))}
              testId="gantt-community"
              disabled={sortedCommunityOptions.length === 0}
            >
              <option value="">{t('gantt.pickCommunity')}</option>
              {community && !sortedCommunityOptions.some((c) => c.id === community.id) && <option value={community.id}>{community.name}</option>}
              {sortedCommunityOptions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            {(level === 'district' || level === 'cluster') && (
              <>
                <label className="field gantt-toolbar__filter" htmlFor="gantt-filter">
                  <span className="field__label">{t('gantt.filter')}</span>
                  <input
                    id="gantt-filter"
                    className="field__input"
                    type="search"
                    value={filter}
                    placeholder={t('gantt.filterPlaceholder')}
                    onChange={(e) => setFilter(e.target.value)}
                    data-testid="gantt-filter"
                  />
                </label>
                <div className="field">
                  <span className="field__label" id="gantt-sort-label">
                    {t('gantt.sort')}
                  </span>
                  <div className="segmented" role="group" aria-labelledby="gantt-sort-label">
                    {SORT_KEYS.map((k) => (
                      <button key={k} type="button" className={`segmented__option ${sortKey === k ? 'is-active' : ''}`} aria-pressed={sortKey === k} onClick={() => setSortKey(k)} data-testid={`gantt-sort-${k}`}>
                        {t(`gantt.sort.${k}`)}
                      </button>
                    ))}
                  </div>
                </div>
              </>
            )}
          </div>

          <nav className="gantt-crumbs" aria-label={t('gantt.breadcrumb')}>
            <Link to={GANTT_PATH}>{t('gantt.city')}</Link>
            {districtName && level !== 'city' && (
              <>
                <span aria-hidden="true">›</span>
                {level === 'district' ? <span aria-current="page">{districtName}</span> : <Link to={GANTT_PATH + ganttSearch({ district: districtId ?? undefined })}>{districtName}</Link>}
              </>
            )}
            {params.cluster && (
              <>
                <span aria-hidden="true">›</span>
                {level === 'cluster' ? <span aria-current="page">{cluster?.name ?? `#${params.cluster}`}</span> : <Link to={GANTT_PATH + ganttSearch({ district: params.district ?? undefined, cluster: params.cluster })}>{cluster?.name ?? `#${params.cluster}`}</Link>}
              </>
            )}
            {level === 'community' && community && (
              <>
                <span aria-hidden="true">›</span>
                <span aria-current="page">{community.name}</span>
              </>
            )}
            {(level === 'district' || level === 'cluster') && allRows && (
              <span className="gantt-crumbs__count">
                {shownRows && shownRows.length !== allRows.length ? t('gantt.rowsFiltered', { shown: shownRows.length, n: allRows.length }) : t('gantt.rowsCount', { n: allRows.length })}
                {lateCount > 0 && <Tag tone="bad">{t('gantt.lateCount', { n: lateCount })}</Tag>}
              </span>
            )}
          </nav>

          {level === 'community' && community && (
            <div className="gantt-community">
              <h3 className="gantt-community__name">{community.name}</h3>
              <span className="gantt-community__meta">
                {t('gantt.communityMeta', {
                  district: community.districtName,
                  street: community.streetName,
                  stage: t(`stage.${communitySched?.stage ?? community.stage}`),
                  pct: pct(communitySched?.progressPct ?? community.progressPct),
                })}
              </span>
              {communitySched && (
                <Tag tone={STATUS_TONE[communitySched.status]}>
                  {communitySched.status === 'late' ? t('schedule.daysLate', { n: communitySched.daysLate }) : t(`schedule.status.${communitySched.status}`)}
                </Tag>
              )}
              {listName && (
                <Link className="gantt-community__back" to={GANTT_PATH + ganttSearch({ district: params.cluster ? params.district ?? undefined : districtId ?? undefined, cluster: params.cluster ?? undefined })}>
                  ← {t('gantt.backToList', { name: listName })}
                </Link>
              )}
            </div>
          )}

          {level !== 'city' && state === 'ready' && (
            <>
              <Legend level={level} />
              <MilestoneList milestones={milestones} today={today} />
            </>
          )}

          {error ? (
            <div className="gantt-state">
              <ErrorBanner message={t('gantt.loadFailed')} retryLabel={t('app.retry')} onRetry={error.retry} />
            </div>
          ) : state === 'loading' ? (
            <Loading done={level === 'district' || level === 'cluster' ? details.done : undefined} total={level === 'district' || level === 'cluster' ? (listIds?.length ?? undefined) : undefined} />
          ) : level === 'city' ? (
            summary.data && <CityChooser summary={summary.data} />
          ) : level === 'community' ? (
            stageModels && community && community.stageRecords.every((r) => !r.plannedStart && !r.plannedEnd) ? (
              <p className="gantt-state muted">{t('gantt.noSchedule')}</p>
            ) : (
              stageModels && domain && <GanttChart rows={stageModels} domain={domain} today={today} milestones={milestoneAxis(milestones, lang)} ariaLabel={t('gantt.chartLabel', { name: community?.name ?? '' })} labelHeading={t('gantt.colStage')} asideHeading={t('gantt.colStageStatus')} rowHeight={46} labelWidth={250} asideWidth={130} />
            )
          ) : shownRows && allRows && allRows.length === 0 ? (
            <p className="gantt-state muted">{t('gantt.empty')}</p>
          ) : shownRows && shownRows.length === 0 ? (
            <p className="gantt-state muted">{t('gantt.noMatch', { q: filter.trim() })}</p>
          ) : (
            shownRows && domain && <GanttChart rows={shownRows.map((r) => r.model)} domain={domain} today={today} milestones={milestoneAxis(milestones, lang)} ariaLabel={t('gantt.chartLabel', { name: listName ?? '' })} labelHeading={t('gantt.colName')} asideHeading={t('gantt.colStatus')} rowHeight={40} labelWidth={230} asideWidth={175} />
          )}
        </section>
      </div>
    </div>
  )
}
