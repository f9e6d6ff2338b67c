import { useMemo, useState } from 'react'
import type { BulkReport, BulkRowResult } from '../../../core/contracts/schedule.js'
import { DataTable, type Column } from '../../components/ui/data-table.js'
import { Notice } from '../../components/ui/notice.js'
import { Tag } from '../../components/ui/tag.js'
import { formatNumber } from '../../i18n/format.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { fileErrorMessage, filterBulkRows, orderBulkRows, rowMessages, type BulkFilter } from './bulk-report.js'

/** More rows than this are cut (a city-wide sheet has hundreds); errors come first, so none is hidden behind OK rows. */
const SHOWN_ROWS = 300
const FILTERS: BulkFilter[] = ['all', 'errors', 'warnings', 'apply']

function Count({ label, value, tone, testId }: { label: string; value: number; tone: 'apply' | 'unchanged' | 'errors' | 'warnings'; testId: string }) {
  const { t, lang } = useI18n()
  return (
    <div className={`bulk-count bulk-count--${tone} ${value === 0 ? 'is-zero' : ''}`} data-testid={testId}>
      <span className="bulk-count__label">{label}</span>
      <span className="bulk-count__value">{t('progress.bulk.countUnit', { n: formatNumber(value, lang) })}</span>
    </div>
  )
}

/** The validation (or refused apply) report: the four counts, file problems, and the rows, errors first. */
export function BulkReportView({ report, fileName }: { report: BulkReport; fileName: string }) {
  const { t, lang } = useI18n()
  const [filter, setFilter] = useState<BulkFilter>('all')
  const ordered = useMemo(() => orderBulkRows(report.rows), [report.rows])
  const rows = useMemo(() => filterBulkRows(ordered, filter), [ordered, filter])
  const shown = rows.slice(0, SHOWN_ROWS)
  const counts: Record<BulkFilter, number> = {
    all: report.rows.length,
    errors: report.errors,
    warnings: report.warnings,
    apply: report.toApply,
  }
  const filterLabel: Record<BulkFilter, string> = {
    all: t('progress.bulk.filterAll'),
    errors: t('progress.bulk.filterErrors'),
    warnings: t('progress.bulk.filterWarnings'),
    apply: t('progress.bulk.filterApply'),
  }

  const columns: Column<BulkRowResult>[] = [
    { id: 'row', header: t('progress.bulk.colRow'), width: '64px', className: 'num', cell: (r) => r.row },
    {
      id: 'community',
      header: t('progress.bulk.colCommunity'),
      width: '22%',
      cell: (r) => (
        <span className="bulk-community" title={r.name}>
          <span>{r.name || '—'}</span>
          {r.communityId !== null && <span className="mono muted-cell">#{r.communityId}</span>}
        </span>
      ),
    },
    {
      id: 'report',
      header: t('progress.bulk.colReport'),
      width: '22%',
      cell: (r) =>
        r.stage || r.progressPct !== null || r.reportDate ? (
          <span className="bulk-report-cell">
            {r.stage ? t(`stage.${r.stage}`) : '—'} {r.progressPct !== null ? `${formatNumber(r.progressPct, lang, r.progressPct % 1 ? 1 : 0)}%` : ''}
            {r.reportDate && <span className="muted-cell"> · {r.reportDate}</span>}
          </span>
        ) : (
          <span className="muted-cell">—</span>
        ),
    },
    {
      id: 'outcome',
      header: t('progress.bulk.colOutcome'),
      width: '130px',
      cell: (r) => (
        <span className="tags">
          <Tag tone={r.outcome === 'error' ? 'bad' : r.outcome === 'apply' ? 'info' : 'neutral'}>{t(`progress.bulk.outcome.${r.outcome}`)}</Tag>
          {r.warnings.length > 0 && <Tag tone="warn">{t('progress.bulk.outcome.warning')}</Tag>}
        </span>
      ),
    },
    {
      id: 'messages',
      header: t('progress.bulk.colMessages'),
      cell: (r) => {
        const messages = rowMessages(r, t)
        if (!messages.length) return <span className="muted-cell">{r.outcome === 'unchanged' ? t('progress.bulk.unchangedNote') : t('progress.bulk.okNote')}</span>
        return (
          <ul className="bulk-messages">
            {messages.map((m, i) => (
              <li key={i} className={`bulk-messages__item is-${m.tone}`} title={m.detail}>
                {m.text}
              </li>
            ))}
          </ul>
        )
      },
    },
  ]

  return (
    <section className="bulk-report" data-testid="progress-report" data-to-apply={report.toApply} data-errors={report.errors + report.fileErrors.length} data-warnings={report.warnings} aria-label={t('progress.bulk.report')}>
      <header className="bulk-report__head">
        <h3 className="bulk-report__title">{t('progress.bulk.report')}</h3>
        <span className="muted-cell">{t('progress.bulk.reportOf', { name: fileName, n: report.sheetRows })}</span>
      </header>
      <div className="bulk-counts">
        <Count label={report.applied !== undefined ? t('progress.bulk.countApplied') : t('progress.bulk.countApply')} value={report.applied ?? report.toApply} tone="apply" testId="progress-count-apply" />
        <Count label={t('progress.bulk.countUnchanged')} value={report.unchanged} tone="unchanged" testId="progress-count-unchanged" />
        <Count label={t('progress.bulk.countErrors')} value={report.errors + report.fileErrors.length} tone="errors" testId="progress-count-errors" />
        <Count label={t('progress.bulk.countWarnings')} value={report.warnings} tone="warnings" testId="progress-count-warnings" />
      </div>
      {report.fileErrors.length > 0 && (
        <Notice tone="danger" testId="progress-file-errors" items={report.fileErrors.map((e) => <span title={e.detail}>{fileErrorMessage(e, t)}</span>)}>
          {t('progress.bulk.fileErrors')}
        </Notice>
      )}
      {report.rows.length > 0 && (
        <>
          <div className="bulk-report__tools">
            <span className="field__label" id="bulk-filter-label">
              {t('progress.bulk.filter')}
            </span>
            <div className="segmented segmented--sm" role="group" aria-labelledby="bulk-filter-label">
              {FILTERS.map((f) => (
                <button key={f} type="button" className={`segmented__option ${filter === f ? 'is-active' : ''}`} aria-pressed={filter === f} onClick={() => setFilter(f)} data-testid={`progress-filter-${f}`}>
                  {filterLabel[f]} {counts[f]}
                </button>
              ))}
            </div>
            {rows.length > SHOWN_ROWS && <span className="muted-cell">{t('progress.bulk.moreRows', { shown: SHOWN_ROWS, n: rows.length })}</span>}
          </div>
          <DataTable
            columns={columns}
            rows={shown}
            rowKey={(r) => r.row}
            rowTestId={(r) => `progress-row-${r.row}`}
            rowClassName={(r) => (r.outcome === 'error' ? 'is-error' : r.warnings.length ? 'is-warning' : '')}
            rowProps={(r) => ({ 'data-outcome': r.outcome })}
            empty={<span className="muted-cell">{t('progress.bulk.noRows')}</span>}
            caption={t('progress.bulk.report')}
          />
        </>
      )}
    </section>
  )
}
