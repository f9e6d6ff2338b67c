import { useMemo, useState, type KeyboardEvent } from 'react'
import { CLUSTER_STATUSES } from '../../../core/contracts/clusters.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { Spinner } from '../../components/ui/spinner.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, localeOf } from '../../i18n/format.js'
import { clusterColor } from '../../layers/cluster-colors.js'
import { SegmentedControl } from '../coverage/segmented-control.js'
import { FlagIcons, ResidentsBar, StatusChip } from './cluster-bits.js'
import { useClusters } from './cluster-context.js'
import { flagCodes } from './cluster-flags.js'
import { selectClusterRows, statusCounts, type ClusterSortKey, type ClusterStatusFilter } from './cluster-rows.js'

const SORTS: readonly ClusterSortKey[] = ['name', 'residents', 'status', 'flags']
const FILTERS: readonly ClusterStatusFilter[] = ['all', ...CLUSTER_STATUSES]

/** The year's 片区: name, status, residents against the bounds, flags; sorted and filtered; a click selects one. */
export function ClusterList() {
  const { t, lang } = useI18n()
  const { clusters, listState, retry, rules, colors, selectedId, select } = useClusters()
  const [filter, setFilter] = useState<ClusterStatusFilter>('all')
  const [sort, setSort] = useState<ClusterSortKey>('name')
  const collator = useMemo(() => new Intl.Collator(localeOf(lang), { numeric: true }), [lang])
  const rows = useMemo(() => selectClusterRows(clusters, filter, sort, collator), [clusters, filter, sort, collator])
  const counts = useMemo(() => statusCounts(clusters), [clusters])
  const residents = useMemo(() => clusters.reduce((s, c) => s + c.residents, 0), [clusters])
  const flagged = useMemo(() => clusters.filter((c) => c.flags.length > 0).length, [clusters])

  const onKey = (e: KeyboardEvent<HTMLLIElement>, id: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      select(id === selectedId ? null : id, { frame: true })
    }
  }

  return (
    <div className="cluster-list-wrap">
      <div className="cluster-list__summary" data-testid="cluster-summary">
        {listState.status === 'ready' &&
          t('clusters.list.summary', { n: formatNumber(clusters.length, lang), residents: formatNumber(residents, lang), flagged: formatNumber(flagged, lang) })}
      </div>
      <div className="cluster-list__tools">
        <SegmentedControl
          label={t('clusters.list.filter')}
          size="sm"
          value={filter}
          onChange={setFilter}
          options={FILTERS.map((f) => ({
            value: f,
            label: (
              <>
                {t(`clusters.filter.${f}`)}
                <span className="cluster-list__count">{counts[f]}</span>
              </>
            ),
            testId: `cluster-filter-${f}`,
          }))}
        />
        <select className="field__select cluster-list__sort" aria-label={t('clusters.list.sort')} value={sort} onChange={(e) => setSort(e.target.value as ClusterSortKey)} data-testid="cluster-sort">
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`clusters.sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {listState.status === 'error' && <ErrorBanner message={t('clusters.loadFailed')} retryLabel={t('app.retry')} onRetry={retry} />}
      {listState.status === 'loading' && (
        <div className="cluster-list__state">
          <Spinner label={t('app.loading')} />
        </div>
      )}
      {listState.status !== 'loading' && rows.length === 0 && (
        <p className="cluster-list__empty">{clusters.length === 0 ? t('clusters.list.empty') : t('clusters.list.emptyFilter')}</p>
      )}
      <ul className="cluster-list" data-testid="cluster-list" data-count={rows.length} role="listbox" aria-label={t('clusters.list.title')} hidden={rows.length === 0}>
        {rows.map((row) => {
          const isSelected = row.id === selectedId
          return (
            <li
              key={row.id}
              role="option"
              aria-selected={isSelected}
              tabIndex={0}
              className={`cluster-item ${isSelected ? 'is-selected' : ''}`}
              data-testid="cluster-item"
              data-cluster-id={row.id}
              data-residents={row.residents}
              data-flags={flagCodes(row.flags)}
              data-status={row.status}
              onClick={() => select(isSelected ? null : row.id, { frame: !isSelected })}
              onKeyDown={(e) => onKey(e, row.id)}
            >
              <span className="cluster-item__swatch">
                <Swatch color={clusterColor(colors.get(row.id) ?? 0)} />
              </span>
              <span className="cluster-item__head">
                <span className="cluster-item__name" title={row.name}>
                  {row.name}
                </span>
                <FlagIcons flags={row.flags} rules={rules} residents={row.residents} />
                <StatusChip status={row.status} />
              </span>
              <span className="cluster-item__bar">
                <ResidentsBar residents={row.residents} rules={rules} />
              </span>
              <span className="cluster-item__residents">{t('clusters.residentsShort', { n: formatNumber(row.residents, lang) })}</span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
