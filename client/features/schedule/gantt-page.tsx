import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { IsoDate } from '../../../core/domain/entities.js'
import { scheduleApi } from '../../api/schedule-endpoints.js'
import { useRequest } from '../../api/use-request.js'
import { useServerEvents } from '../../api/use-server-events.js'
import { useMeta } from '../../app/meta-context.js'
import { useSession } from '../../app/session-context.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { GanttCrumbs } from './gantt-crumbs.js'
import { ganttDomain, overallSpan, sortGanttRows, type DayRange, type GanttSortKey } from './gantt-layout.js'
import { Legend, MilestoneList } from './gantt-legend.js'
import { CommunityHeading, GanttLevelView, type GanttState } from './gantt-levels.js'
import { GANTT_PATH, go } from './gantt-nav.js'
import { ganttLevel, ganttSearch, parseGanttParams } from './gantt-params.js'
import { communityRows, stageRows } from './gantt-rows.js'
import { GanttToolbar } from './gantt-toolbar.js'
import { forgetCommunityDetails, useCommunityDetails, useLocationSearch } from './use-gantt-data.js'

/**
 * The Gantt page (进度计划): reads the level from the address, loads what that level needs (and again on fresh
 * reports), and lays out the header, the scope selector, the breadcrumb and the level's view.
 */

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
  let state: GanttState = 'loading'
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
          <GanttToolbar
            level={level}
            params={params}
            districts={districts}
            districtId={districtId}
            clusterOptions={clusterOptions}
            sortedCommunityOptions={sortedCommunityOptions}
            community={community}
            openCommunity={openCommunity}
            filter={filter}
            setFilter={setFilter}
            sortKey={sortKey}
            setSortKey={setSortKey}
          />

          <GanttCrumbs level={level} params={params} districtId={districtId} districtName={districtName} cluster={cluster} community={community} allRows={allRows} shownRows={shownRows} lateCount={lateCount} />

          {level === 'community' && community && <CommunityHeading community={community} communitySched={communitySched} listName={listName} params={params} districtId={districtId} />}

          {level !== 'city' && state === 'ready' && (
            <>
              <Legend level={level} />
              <MilestoneList milestones={milestones} today={today} />
            </>
          )}

          <GanttLevelView
            level={level}
            state={state}
            error={error}
            summary={summary.data}
            listIds={listIds}
            detailsDone={details.done}
            allRows={allRows}
            shownRows={shownRows}
            filter={filter}
            listName={listName}
            community={community}
            stageModels={stageModels}
            domain={domain}
            today={today}
            milestones={milestones}
          />
        </section>
      </div>
    </div>
  )
}
