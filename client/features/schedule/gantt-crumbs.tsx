import type { CommunityDetailResponse } from '../../../core/contracts/responses.js'
import { Link } from '../../app/router.js'
import { Tag } from '../../components/ui/tag.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { GANTT_PATH } from './gantt-nav.js'
import { ganttSearch, type GanttLevel, type GanttParams } from './gantt-params.js'
import type { CommunityRow } from './gantt-rows.js'

/** The Gantt's breadcrumb: 全市 › district › 片区 › community, with the row count (and how many late) of a list. */

export interface GanttCrumbsProps {
  level: GanttLevel
  params: GanttParams
  districtId: number | null
  districtName: string | null
  cluster: { name: string } | undefined
  community: Pick<CommunityDetailResponse, 'name'> | null
  /** The list's rows, before and after the name filter (null until loaded). */
  allRows: readonly CommunityRow[] | null
  shownRows: readonly CommunityRow[] | null
  lateCount: number
}

export function GanttCrumbs({ level, params, districtId, districtName, cluster, community, allRows, shownRows, lateCount }: GanttCrumbsProps) {
  const { t } = useI18n()
  return (
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
  )
}
