import { useMemo, useState } from 'react'
import type { LateRow } from '../../../core/contracts/schedule.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import type { MessageKey } from '../../i18n/zh.js'
import { DEFAULT_LATE_SORT, sortLateRows, toggleLateSort, type LateSort, type LateSortKey } from './late-rows.js'

/** How many late communities show before "show all". */
export const LATE_TOP_N = 8

const COLUMNS: { key: LateSortKey; label: MessageKey; num?: boolean }[] = [
  { key: 'districtName', label: 'dashboard.late.district' },
  { key: 'streetName', label: 'dashboard.late.street' },
  { key: 'name', label: 'dashboard.late.community' },
  { key: 'stage', label: 'dashboard.late.stage' },
  { key: 'progressPct', label: 'dashboard.late.progress', num: true },
  { key: 'daysLate', label: 'dashboard.late.daysLate', num: true },
  { key: 'deadline', label: 'dashboard.late.deadline', num: true },
]

/** Late communities, sortable by any column; the worst few first with a switch to see them all. */
export function LateList({ rows }: { rows: readonly LateRow[] }) {
  const { t, lang } = useI18n()
  const [sort, setSort] = useState<LateSort>(DEFAULT_LATE_SORT)
  const [showAll, setShowAll] = useState(false)
  const sorted = useMemo(() => sortLateRows(rows, sort, lang), [rows, sort, lang])
  const shown = showAll ? sorted : sorted.slice(0, LATE_TOP_N)
  if (rows.length === 0)
    return (
      <div className="dash-empty dash-empty--good" data-testid="dashboard-late-list">
        {t('dashboard.late.none')}
      </div>
    )
  return (
    <div className="dash-late" data-testid="dashboard-late-list">
      <div className={`dash-late__scroll ${showAll ? 'is-all' : ''}`}>
        <table className="dash-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort.key === c.key
                return (
                  <th key={c.key} className={c.num ? 'num' : ''} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                    <button type="button" className={`dash-sort ${active ? 'is-active' : ''}`} onClick={() => setSort((s) => toggleLateSort(s, c.key))} data-testid={`dashboard-late-sort-${c.key}`}>
                      {t(c.label)}
                      <span className="dash-sort__mark" aria-hidden="true">
                        {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.communityId} data-testid={`dashboard-late-row-${r.communityId}`}>
                <td>{r.districtName}</td>
                <td className="dash-late__street">{r.streetName}</td>
                <td className="dash-late__name" title={r.name}>
                  {r.name}
                </td>
                <td>{t(`stage.${r.stage}`)}</td>
                <td className="num">{formatNumber(r.progressPct, lang)}%</td>
                <td className="num is-bad">{t('dashboard.days', { n: formatNumber(r.daysLate, lang) })}</td>
                <td className="num dash-late__deadline" title={r.deadlineStage ? t('dashboard.late.deadlineOf', { stage: t(`stage.${r.deadlineStage}`) }) : undefined}>
                  {r.deadline ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > LATE_TOP_N && (
        <div className="dash-late__more">
          <button type="button" className="link-btn" onClick={() => setShowAll((v) => !v)} data-testid="dashboard-late-toggle">
            {showAll ? t('dashboard.late.showTop', { n: LATE_TOP_N }) : t('dashboard.late.showAll', { n: formatNumber(rows.length, lang) })}
          </button>
        </div>
      )}
    </div>
  )
}
