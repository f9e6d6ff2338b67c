import type { ReactNode } from 'react'
import type { CommunityDetailResponse } from '../../../core/contracts/responses.js'
import type { MilestoneConfig, ScheduleRow, ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import type { IsoDate } from '../../../core/domain/entities.js'
import type { ScheduleStatus } from '../../../core/schedule/status.js'
import { Link } from '../../app/router.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { ProgressBar } from '../../components/ui/progress-bar.js'
import { Spinner } from '../../components/ui/spinner.js'
import { Tag, type TagTone } from '../../components/ui/tag.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { CityChooser } from './gantt-city.js'
import { GanttChart, type GanttRowModel } from './gantt-chart.js'
import type { DayRange } from './gantt-layout.js'
import { GANTT_PATH } from './gantt-nav.js'
import { ganttSearch, type GanttLevel, type GanttParams } from './gantt-params.js'
import { milestoneAxis, pct, type CommunityRow } from './gantt-rows.js'

/**
 * What the Gantt card shows for its level once the pickers are set: the districts to choose from, a list's
 * Gantt of communities, or a community's heading and its Gantt of stages; or the loading and error states.
 */

export type GanttState = 'loading' | 'ready' | 'error'

const STATUS_TONE: Record<ScheduleStatus, TagTone> = { not_started: 'neutral', on_track: 'good', at_risk: 'warn', late: 'bad', done: 'info' }

/** Waiting for the schedule, or (with a total) for the details of the communities listed. */
export function Loading({ done, total }: { done?: number; total?: number }) {
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

export interface CommunityHeadingProps {
  community: CommunityDetailResponse
  /** The community's row in the schedule, once loaded. */
  communitySched: ScheduleRow | undefined
  /** The district or 片区 to go back to, when known. */
  listName: string | null
  params: GanttParams
  districtId: number | null
}

/** The community level's heading: name, where it is, its stage and schedule status, and the way back to its list. */
export function CommunityHeading({ community, communitySched, listName, params, districtId }: CommunityHeadingProps) {
  const { t } = useI18n()
  return (
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
  )
}

export interface GanttLevelViewProps {
  level: GanttLevel
  state: GanttState
  error: { retry: () => void } | null
  summary: ScheduleSummaryResponse | undefined
  /** The list levels: the communities listed, how many of their details have arrived, and the rows. */
  listIds: readonly number[] | null
  detailsDone: number
  allRows: readonly CommunityRow[] | null
  shownRows: readonly CommunityRow[] | null
  filter: string
  listName: string | null
  /** The community level. */
  community: CommunityDetailResponse | null
  stageModels: GanttRowModel[] | null
  domain: DayRange | null
  today: IsoDate
  milestones: readonly MilestoneConfig[]
}

/** The body of the Gantt card for the level in view. */
export function GanttLevelView({ level, state, error, summary, listIds, detailsDone, allRows, shownRows, filter, listName, community, stageModels, domain, today, milestones }: GanttLevelViewProps): ReactNode {
  const { t, lang } = useI18n()
  return error ? (
    <div className="gantt-state">
      <ErrorBanner message={t('gantt.loadFailed')} retryLabel={t('app.retry')} onRetry={error.retry} />
    </div>
  ) : state === 'loading' ? (
    <Loading done={level === 'district' || level === 'cluster' ? detailsDone : undefined} total={level === 'district' || level === 'cluster' ? (listIds?.length ?? undefined) : undefined} />
  ) : level === 'city' ? (
    summary && <CityChooser summary={summary} />
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
  )
}
