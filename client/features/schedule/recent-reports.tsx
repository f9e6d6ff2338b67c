import { useMemo, useState } from 'react'
import type { RawReport } from '../../../core/contracts/schedule.js'
import { scheduleApi } from '../../api/schedule-endpoints.js'
import { useRequest } from '../../api/use-request.js'
import { DataTable, type Column } from '../../components/ui/data-table.js'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { Pagination } from '../../components/ui/pagination.js'
import { Spinner } from '../../components/ui/spinner.js'
import { formatDateTime } from '../../i18n/format-time.js'
import { formatNumber } from '../../i18n/format.js'
import { useI18n } from '../../i18n/i18n-context.js'

const PAGE_SIZE = 50
const DAY_MS = 86_400_000

/** The date four weeks before a calendar date. */
export function fourWeeksBefore(date: string): string {
  return new Date(Date.parse(date + 'T00:00:00Z') - 28 * DAY_MS).toISOString().slice(0, 10)
}

/**
 * Reports of the last four weeks in the scope, newest first, 50 to a page. A street's reports are the
 * district's narrowed to the street's communities (reports carry no street).
 */
export function RecentReports({
  planYear,
  today,
  districtId,
  streetId,
  scopeName,
  revision,
}: {
  planYear: number
  today: string
  districtId: number | null
  streetId: number | null
  scopeName: string
  revision: number
}) {
  const { t, lang } = useI18n()
  const [page, setPage] = useState(1)
  const from = fourWeeksBefore(today)
  const reports = useRequest(`progress:recent:${districtId}:${from}:${revision}`, () => scheduleApi.reports({ districtId: districtId ?? undefined, from }))
  const names = useRequest(`progress:names:${planYear}:${districtId}`, () => scheduleApi.programmeCommunities(planYear, districtId ?? undefined))
  const byId = useMemo(() => new Map((names.data?.rows ?? []).map((c) => [c.id, c])), [names.data])
  const rows = useMemo(() => {
    const all = [...(reports.data?.reports ?? [])].reverse()
    return streetId === null ? all : all.filter((r) => byId.get(r.communityId)?.streetId === streetId)
  }, [reports.data, streetId, byId])
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE))
  const current = Math.min(page, pages)

  const columns: Column<RawReport>[] = [
    { id: 'date', header: t('progress.bulk.colDate'), width: '110px', className: 'nowrap', cell: (r) => r.reportDate },
    { id: 'community', header: t('progress.bulk.colCommunity'), width: '20%', cell: (r) => byId.get(r.communityId)?.name ?? `#${r.communityId}` },
    { id: 'stage', header: t('progress.bulk.colStage'), width: '12%', cell: (r) => t(`stage.${r.stage}`) },
    { id: 'pct', header: t('progress.bulk.colPct'), width: '80px', className: 'num', cell: (r) => `${formatNumber(r.progressPct, lang)}%` },
    { id: 'note', header: t('progress.bulk.colNote'), cell: (r) => <span title={r.note}>{r.note || <span className="muted-cell">—</span>}</span> },
    { id: 'by', header: t('progress.bulk.colBy'), width: '15%', cell: (r) => r.reportedBy },
    { id: 'at', header: t('progress.bulk.colAt'), width: '140px', className: 'nowrap', cell: (r) => formatDateTime(r.createdAt, { seconds: false }) },
  ]

  return (
    <section className="admin-card progress-card" data-testid="progress-recent">
      <header className="progress-card__head">
        <h3 className="progress-card__title">{t('progress.bulk.recent')}</h3>
        <p className="progress-card__help">{t('progress.bulk.recentHelp', { scope: scopeName, from })}</p>
      </header>
      {reports.status === 'error' && !reports.data ? (
        <div className="admin-card__state">
          <ErrorBanner message={t('progress.bulk.recentFailed')} retryLabel={t('app.retry')} onRetry={reports.retry} />
        </div>
      ) : !reports.data ? (
        <div className="admin-card__state">
          <Spinner label={t('app.loading')} />
        </div>
      ) : (
        <>
          <DataTable
            columns={columns}
            rows={rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE)}
            rowKey={(r) => r.id}
            busy={reports.status === 'loading'}
            empty={<span className="muted-cell">{t('progress.bulk.recentEmpty')}</span>}
            caption={t('progress.bulk.recent')}
          />
          {pages > 1 && (
            <div className="admin-card__footer">
              <span className="muted-cell">{t('progress.bulk.recentCount', { n: rows.length })}</span>
              <Pagination
                page={current}
                pageCount={pages}
                onPage={setPage}
                pageLabel={t('progress.bulk.page', { page: current, pages })}
                prevLabel={t('progress.bulk.prev')}
                nextLabel={t('progress.bulk.next')}
              />
            </div>
          )}
        </>
      )}
    </section>
  )
}
