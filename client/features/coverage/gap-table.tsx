import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { CoverageResponse, CoverageRow } from '../../../core/contracts/coverage.js'
import { coverageExportUrl } from '../../api/coverage-endpoints.js'
import { Spinner } from '../../components/ui/spinner.js'
import { Tag } from '../../components/ui/tag.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, localeOf } from '../../i18n/format.js'
import { minutesColor } from '../../layers/coverage-colors.js'
import { useDistricts, useStreets } from '../communities/use-community-data.js'
import { useCoverage } from './coverage-context.js'
import { formatWalkMinutes } from './coverage-format.js'
import {
  DEFAULT_GAP_FILTER,
  DEFAULT_GAP_SORT,
  scrollTopToShow,
  selectGapRows,
  toggleGapSort,
  visibleRowRange,
  type AreaNames,
  type GapFilter,
  type GapSort,
  type GapSortKey,
} from './gap-rows.js'
import { SegmentedControl } from './segmented-control.js'

/** Row height in px; fixed so the table can draw only the rows in view (thousands stay smooth). */
const ROW_PX = 34

/** District and street names: the coverage summary's first, the reference lists for anything it lacks. */
function useAreaNames(coverage: CoverageResponse | undefined): AreaNames {
  const districts = useDistricts()
  const streets = useStreets(null)
  return useMemo(() => {
    const d = new Map<number, string>()
    const s = new Map<number, string>()
    for (const row of districts.data ?? []) d.set(row.id, row.name)
    for (const row of streets.data ?? []) s.set(row.id, row.name)
    for (const g of coverage?.summary.byDistrict ?? []) d.set(g.id, g.name)
    for (const g of coverage?.summary.byStreet ?? []) s.set(g.id, g.name)
    return { district: (id) => d.get(id) ?? '', street: (id) => s.get(id) ?? '' }
  }, [districts.data, streets.data, coverage])
}

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  className = '',
}: {
  label: string
  sortKey: GapSortKey
  sort: GapSort
  onSort: (key: GapSortKey) => void
  className?: string
}) {
  const { t } = useI18n()
  const active = sort.key === sortKey
  return (
    <th scope="col" className={className} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className={`gap-table__sort ${active ? 'is-active' : ''}`}
        onClick={() => onSort(sortKey)}
        data-testid={`coverage-sort-${sortKey}`}
        title={active ? t(sort.dir === 'asc' ? 'coverage.gaps.sortAsc' : 'coverage.gaps.sortDesc') : undefined}
      >
        {label}
        <span className="gap-table__arrow" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  )
}

/**
 * The communities of the result as a table docked under the map: by default only the ones not served,
 * most residents first. A row click frames the community on the map. Only the rows in view are rendered.
 */
export function GapTable({ collapsed, onToggle }: { collapsed: boolean; onToggle: () => void }) {
  const { t, lang } = useI18n()
  const { coverage, query, thresholdMinutes, focusCommunity, focusedCommunityId } = useCoverage()
  const [filter, setFilter] = useState<GapFilter>(DEFAULT_GAP_FILTER)
  const [sort, setSort] = useState<GapSort>(DEFAULT_GAP_SORT)
  const data = coverage.data
  const names = useAreaNames(data)
  const collator = useMemo(() => new Intl.Collator(localeOf(lang)), [lang])
  const rows = useMemo(() => selectGapRows(data?.rows ?? [], filter, sort, names, collator), [data, filter, sort, names, collator])
  const residents = useMemo(() => rows.reduce((sum, r) => sum + r.residents, 0), [rows])
  const districtOptions = useMemo(
    () => [...(data?.summary.byDistrict ?? [])].sort((a, b) => collator.compare(a.name, b.name)),
    [data, collator],
  )

  const scrollRef = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(300)
  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const measure = () => setViewport(el.clientHeight)
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [collapsed])

  // A new filter or order starts at the top.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
    setScrollTop(0)
  }, [filter, sort, data?.type])

  // A community picked on the map scrolls into view here.
  useEffect(() => {
    const el = scrollRef.current
    if (!el || focusedCommunityId === null) return
    const index = rows.findIndex((r) => r.communityId === focusedCommunityId)
    if (index < 0) return
    const header = el.querySelector('thead')?.clientHeight ?? 0
    const next = scrollTopToShow(index, el.scrollTop, el.clientHeight - header, ROW_PX)
    if (next !== el.scrollTop) el.scrollTop = next
    // rows changes identity on every new result; only a new focus should move the table.
  }, [focusedCommunityId])

  const { start, end } = visibleRowRange(scrollTop, viewport, ROW_PX, rows.length)
  const onSort = (key: GapSortKey) => setSort((s) => toggleGapSort(s, key))
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, row: CoverageRow) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      focusCommunity(row.communityId, { fly: true })
    }
  }

  let body: ReactNode
  if (!data) {
    body = (
      <tr className="gap-table__state">
        <td colSpan={6}>{coverage.status === 'error' ? t('coverage.loadFailed') : <Spinner size="sm" label={t('app.loading')} />}</td>
      </tr>
    )
  } else if (rows.length === 0) {
    body = (
      <tr className="gap-table__state">
        <td colSpan={6}>
          {filter.uncoveredOnly && filter.districtId === null ? t('coverage.gaps.allCovered', { minutes: thresholdMinutes }) : t('coverage.gaps.empty')}
        </td>
      </tr>
    )
  } else {
    body = (
      <>
        {start > 0 && <tr className="gap-table__spacer" style={{ height: start * ROW_PX }} aria-hidden="true" />}
        {rows.slice(start, end).map((r) => (
          <tr
            key={r.communityId}
            className={`gap-table__row ${r.communityId === focusedCommunityId ? 'is-focused' : ''}`}
            data-testid="coverage-gap-row"
            data-community-id={r.communityId}
            onClick={() => focusCommunity(r.communityId, { fly: true })}
            onKeyDown={(e) => onRowKey(e, r)}
            tabIndex={0}
            title={t('coverage.gaps.rowTitle')}
          >
            <td className="gap-table__name">
              <span className="gap-table__dot" style={{ background: r.covered ? '#2f9e63' : '#d94b45' }} aria-hidden="true" />
              {r.name}
            </td>
            <td className="gap-table__area">
              {names.district(r.districtId)}
              <span className="gap-table__street">{names.street(r.streetId)}</span>
            </td>
            <td className="num">{formatNumber(r.residents, lang)}</td>
            <td className="gap-table__nearest">{r.nearestFacilityName ?? <span className="muted-cell">{t('coverage.gaps.none')}</span>}</td>
            <td className="num">
              <span className="gap-table__minutes">
                <span className="gap-table__chip" style={{ background: minutesColor(r.minutes) }} aria-hidden="true" />
                {formatWalkMinutes(r.minutes, lang)}
              </span>
            </td>
            <td>
              <Tag tone={r.covered ? 'good' : 'bad'}>{r.covered ? t('coverage.gaps.yes') : t('coverage.gaps.no')}</Tag>
            </td>
          </tr>
        ))}
        {end < rows.length && <tr className="gap-table__spacer" style={{ height: (rows.length - end) * ROW_PX }} aria-hidden="true" />}
      </>
    )
  }

  return (
    <section
      className={`panel coverage-dock ${collapsed ? 'is-collapsed' : ''}`}
      data-testid="coverage-gap-panel"
      data-map-obstacle="bottom" aria-label={t('coverage.gaps.title')}>
      <header className="coverage-dock__head">
        <button
          type="button"
          className="coverage-dock__toggle"
          onClick={onToggle}
          aria-expanded={!collapsed}
          title={collapsed ? t('coverage.gaps.expand') : t('coverage.gaps.collapse')}
          data-testid="coverage-gap-toggle"
        >
          <span className={`coverage-dock__chevron ${collapsed ? '' : 'is-open'}`} aria-hidden="true">
            ▸
          </span>
          <h2 className="panel__title">{filter.uncoveredOnly ? t('coverage.gaps.title') : t('coverage.gaps.titleAll')}</h2>
        </button>
        <span className="coverage-dock__count" data-testid="coverage-gap-count" data-count={rows.length}>
          {data ? t('coverage.gaps.count', { n: formatNumber(rows.length, lang), residents: formatNumber(residents, lang) }) : ''}
        </span>
        <div className="coverage-dock__tools">
          <SegmentedControl
            label={t('coverage.gaps.title')}
            size="sm"
            value={filter.uncoveredOnly ? 'uncovered' : 'all'}
            onChange={(v) => setFilter((f) => ({ ...f, uncoveredOnly: v === 'uncovered' }))}
            options={[
              { value: 'uncovered', label: t('coverage.gaps.uncoveredOnly'), testId: 'coverage-gap-uncovered' },
              { value: 'all', label: t('coverage.gaps.all'), testId: 'coverage-gap-all' },
            ]}
          />
          <select
            className="field__select coverage-dock__district"
            aria-label={t('coverage.gaps.district')}
            value={filter.districtId ?? ''}
            onChange={(e) => setFilter((f) => ({ ...f, districtId: e.target.value === '' ? null : Number(e.target.value) }))}
            data-testid="coverage-gap-district"
          >
            <option value="">{t('coverage.gaps.allDistricts')}</option>
            {districtOptions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <a className="btn btn--small coverage-export" href={coverageExportUrl(query, 'csv')} download title={t('coverage.gaps.exportTitle')} data-testid="coverage-export-csv">
            {t('coverage.gaps.exportCsv')}
          </a>
          <a className="btn btn--small coverage-export" href={coverageExportUrl(query, 'xlsx')} download title={t('coverage.gaps.exportTitle')} data-testid="coverage-export-xlsx">
            {t('coverage.gaps.exportXlsx')}
          </a>
        </div>
      </header>
      {!collapsed && (
        <div
          className={`coverage-dock__body ${coverage.status === 'loading' && data ? 'is-stale' : ''}`}
          ref={scrollRef}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          <table className="gap-table" data-testid="coverage-gap-table" aria-rowcount={rows.length + 1}>
            <colgroup>
              <col style={{ width: '22%' }} />
              <col style={{ width: '20%' }} />
              <col style={{ width: '10%' }} />
              <col style={{ width: '22%' }} />
              <col style={{ width: '12%' }} />
              <col style={{ width: '14%' }} />
            </colgroup>
            <thead>
              <tr>
                <SortHeader label={t('coverage.gaps.col.name')} sortKey="name" sort={sort} onSort={onSort} />
                <SortHeader label={t('coverage.gaps.col.area')} sortKey="district" sort={sort} onSort={onSort} />
                <SortHeader label={t('coverage.gaps.col.residents')} sortKey="residents" sort={sort} onSort={onSort} className="num" />
                <th scope="col">{t('coverage.gaps.col.nearest')}</th>
                <SortHeader label={t('coverage.gaps.col.minutes')} sortKey="minutes" sort={sort} onSort={onSort} className="num" />
                <th scope="col">{t('coverage.gaps.col.covered')}</th>
              </tr>
            </thead>
            <tbody>{body}</tbody>
          </table>
        </div>
      )}
    </section>
  )
}
