import type { CommunityDetailResponse } from '../../../core/contracts/responses.js'
import type { ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import { SelectField } from '../../components/ui/select-field.js'
import { useI18n } from '../../i18n/i18n-context.js'
import type { GanttSortKey } from './gantt-layout.js'
import { go } from './gantt-nav.js'
import type { GanttLevel, GanttParams } from './gantt-params.js'

/**
 * The Gantt's scope selector: district, 片区 and community pickers that navigate, and on the list levels the
 * name filter and the sort order.
 */

const SORT_KEYS: GanttSortKey[] = ['daysLate', 'name', 'plannedEnd']

export interface GanttToolbarProps {
  level: GanttLevel
  params: GanttParams
  /** The city's districts in id order. */
  districts: readonly ScheduleSummaryResponse['districts'][number][]
  /** The district in view (at the community level, the community's). */
  districtId: number | null
  /** The 片区 to offer: at the district level, those with a community in the district. */
  clusterOptions: readonly ScheduleSummaryResponse['clusters'][number][]
  /** The communities to offer, by name. */
  sortedCommunityOptions: readonly { id: number; name: string }[]
  /** The community in view, offered even when it is not among the options. */
  community: Pick<CommunityDetailResponse, 'id' | 'name'> | null
  openCommunity: (id: number) => void
  filter: string
  setFilter: (filter: string) => void
  sortKey: GanttSortKey
  setSortKey: (key: GanttSortKey) => void
}

export function GanttToolbar({ level, params, districts, districtId, clusterOptions, sortedCommunityOptions, community, openCommunity, filter, setFilter, sortKey, setSortKey }: GanttToolbarProps) {
  const { t } = useI18n()
  return (
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
  )
}
