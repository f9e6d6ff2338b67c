import { useEffect, useState } from 'react'
import type { AuditEntry } from '../../../core/audit/audit-entry.js'
import type { AuditVerifyResponse } from '../../../core/contracts/auth.js'
import { authApi } from '../../api/auth-endpoints.js'
import { ApiError } from '../../api/http.js'
import { useRequest } from '../../api/use-request.js'
import { useSession } from '../../app/session-context.js'
import { DataTable, type Column } from '../../components/ui/data-table.js'
import { Notice } from '../../components/ui/notice.js'
import { PageLayout } from '../../components/ui/page-layout.js'
import { Pagination } from '../../components/ui/pagination.js'
import { SelectField } from '../../components/ui/select-field.js'
import { Spinner } from '../../components/ui/spinner.js'
import { Tag } from '../../components/ui/tag.js'
import { TextField } from '../../components/ui/text-field.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, type Lang } from '../../i18n/format.js'
import { formatDateTime } from '../../i18n/format-time.js'
import { scopeNameOf, type ScopeNames } from '../admin/scope-name.js'
import { useDebounced } from '../admin/use-debounced.js'
import { useScopeNames } from '../admin/use-scope-names.js'
import { AuditDetail } from './audit-detail.js'
import {
  auditCsvHref,
  auditFiltersFromSearch,
  auditFiltersToSearch,
  auditRequestOf,
  EMPTY_AUDIT_FILTERS,
  isDateRangeValid,
  pageCountOf,
  type AuditFilterState,
} from './audit-filters.js'
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionLabel, auditActionTone, auditEntityLabel, auditSubjectOf, roleLabel } from './audit-labels.js'

type VerifyState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: AuditVerifyResponse }
  | { status: 'error'; message: string }

/** The options of a filter select: the known codes, plus one from the URL the list does not know. */
function withCurrent(known: readonly string[], current: string): string[] {
  return current && !known.includes(current) ? [...known, current] : [...known]
}

/** 审计日志: the append-only trail, filtered and paged, with CSV export and the hash-chain check. */
export function AuditPage() {
  const { t, lang } = useI18n()
  const { user: me, can } = useSession()
  const canRead = can('audit.read')
  const canVerify = can('audit.verify')
  const scope = useScopeNames()

  const [filters, setFilters] = useState<AuditFilterState>(() => auditFiltersFromSearch(window.location.search))
  // Typed filters apply once typing pauses; selects and dates at once. Any change goes back to page 1.
  const [userText, setUserText] = useState(filters.user)
  const [entityIdText, setEntityIdText] = useState(filters.entityId)
  const user = useDebounced(userText.trim(), 300)
  const entityId = useDebounced(entityIdText.trim(), 300)
  useEffect(() => {
    setFilters((f) => (f.user === user && f.entityId === entityId ? f : { ...f, user, entityId, page: 1 }))
  }, [user, entityId])
  const change = (patch: Partial<AuditFilterState>) => setFilters((f) => ({ ...f, ...patch, page: 1 }))
  const reset = () => {
    setUserText('')
    setEntityIdText('')
    setFilters(EMPTY_AUDIT_FILTERS)
  }

  // The filters live in the address too, so a filtered view can be bookmarked or sent to a colleague.
  useEffect(() => {
    const search = auditFiltersToSearch(filters)
    if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`)
  }, [filters])

  const rangeValid = isDateRangeValid(filters)
  const request = auditRequestOf(filters)
  const page = useRequest(canRead && rangeValid ? JSON.stringify(request) : null, () => authApi.audit(request))
  const total = page.data?.total ?? 0
  const pageCount = pageCountOf(total)
  // A page number past the end (an old link, rows filtered away) falls back to the last page.
  useEffect(() => {
    if (page.data && filters.page > pageCount) setFilters((f) => ({ ...f, page: pageCount }))
  }, [page.data, filters.page, pageCount])

  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set())
  const toggle = (id: number) =>
    setExpanded((s) => {
      const next = new Set(s)
      if (!next.delete(id)) next.add(id)
      return next
    })

  const [verify, setVerify] = useState<VerifyState>({ status: 'idle' })
  const runVerify = async () => {
    setVerify({ status: 'running' })
    try {
      setVerify({ status: 'done', result: await authApi.verifyAudit() })
    } catch (err) {
      setVerify({ status: 'error', message: err instanceof ApiError ? err.message : String(err) })
    }
  }

  const myScope = scopeFilterName(me, scope.names)

  const columns: Column<AuditEntry>[] = [
      {
        id: 'expand',
        header: <span className="sr-only">{t('audit.expand')}</span>,
        width: '34px',
        className: 'expand',
        cell: (e) => (
          <button
            type="button"
            className={`chevron ${expanded.has(e.id) ? 'is-open' : ''}`}
            aria-expanded={expanded.has(e.id)}
            aria-label={expanded.has(e.id) ? t('audit.collapse') : t('audit.expand')}
            title={expanded.has(e.id) ? t('audit.collapse') : t('audit.expand')}
            onClick={() => toggle(e.id)}
            data-testid="audit-expand"
          >
            ›
          </button>
        ),
      },
      {
        id: 'time',
        header: t('audit.colTime'),
        width: '150px',
        className: 'nowrap',
        cell: (e) => (
          <time dateTime={e.at} title={t('audit.utcTitle', { time: formatDateTime(e.at, { timeZone: 'UTC' }) })}>
            {formatDateTime(e.at)}
          </time>
        ),
      },
      {
        id: 'user',
        header: t('audit.colUser'),
        width: '13%',
        cell: (e) => (e.actorId === null && (!e.actorName || e.actorName === 'system') ? <span className="muted-cell">{t('audit.system')}</span> : e.actorName),
      },
      { id: 'role', header: t('audit.colRole'), width: '10%', cell: (e) => (e.actorRole ? roleLabel(e.actorRole, t) : <span className="muted-cell">—</span>) },
      {
        id: 'action',
        header: t('audit.colAction'),
        width: '13%',
        cell: (e) => (
          <Tag tone={auditActionTone(e.action)} title={e.action}>
            {auditActionLabel(e.action, t)}
          </Tag>
        ),
      },
      {
        id: 'entity',
        header: t('audit.colEntity'),
        cell: (e) => {
          const subject = auditSubjectOf(e.before, e.after)
          return (
            <span className="entity-cell">
              <span>{auditEntityLabel(e.entityType, t)}</span>
              {e.entityId && <span className="mono muted-cell">#{e.entityId}</span>}
              {subject && <span className="entity-cell__subject">{subject}</span>}
            </span>
          )
        },
      },
      {
        id: 'place',
        header: t('audit.colPlace'),
        width: '16%',
        cell: (e) => scopeNameOf(e, scope.names) ?? <span className="muted-cell">—</span>,
      },
      {
        id: 'address',
        header: t('audit.colAddress'),
        width: '11%',
        className: 'nowrap',
        cell: (e) => (e.clientAddress ? <span className="mono">{e.clientAddress}</span> : <span className="muted-cell">—</span>),
      },
  ]

  if (!canRead) {
    return (
      <PageLayout title={t('audit.title')} testId="audit-page">
        <Notice tone="warn">{t('admin.noPermission')}</Notice>
      </PageLayout>
    )
  }

  return (
    <PageLayout
      title={t('audit.title')}
      subtitle={t('audit.subtitle')}
      testId="audit-page"
      actions={
        <>
          <a className="btn" href={auditCsvHref(filters)} download title={t('audit.exportTitle')} data-testid="audit-export">
            <span aria-hidden="true">⤓</span> {t('audit.export')}
          </a>
          {canVerify && (
            <button type="button" className="btn btn--primary" onClick={runVerify} disabled={verify.status === 'running'} data-testid="audit-verify">
              {verify.status === 'running' ? t('audit.verifying') : t('audit.verify')}
            </button>
          )}
        </>
      }
    >
      {verify.status === 'done' && <VerifyBanner result={verify.result} lang={lang} onDismiss={() => setVerify({ status: 'idle' })} />}
      {verify.status === 'error' && (
        <Notice tone="danger" testId="audit-verify-result" onDismiss={() => setVerify({ status: 'idle' })} dismissLabel={t('admin.close')}>
          {t('audit.verifyFailed', { message: verify.message })}
        </Notice>
      )}
      {myScope && <Notice tone="info">{t('audit.scopedNote', { scope: myScope })}</Notice>}

      <section className="admin-card">
        <form className="admin-toolbar admin-toolbar--filters" onSubmit={(e) => e.preventDefault()} role="search">
          <TextField
            id="audit-filter-user"
            label={t('audit.filterUser')}
            value={userText}
            onChange={setUserText}
            placeholder={t('audit.filterUserPlaceholder')}
            testId="audit-filter-user"
            maxLength={100}
          />
          <SelectField id="audit-filter-action" label={t('audit.filterAction')} value={filters.action} onChange={(v) => change({ action: v })} testId="audit-filter-action">
            <option value="">{t('audit.allActions')}</option>
            {withCurrent(AUDIT_ACTIONS, filters.action).map((a) => (
              <option key={a} value={a}>
                {auditActionLabel(a, t)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="audit-filter-entity-type"
            label={t('audit.filterEntityType')}
            value={filters.entityType}
            onChange={(v) => change({ entityType: v })}
            testId="audit-filter-entity-type"
          >
            <option value="">{t('audit.allEntityTypes')}</option>
            {withCurrent(AUDIT_ENTITY_TYPES, filters.entityType).map((a) => (
              <option key={a} value={a}>
                {auditEntityLabel(a, t)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="audit-filter-entity-id"
            label={t('audit.filterEntityId')}
            value={entityIdText}
            onChange={setEntityIdText}
            testId="audit-filter-entity-id"
            maxLength={60}
            className="admin-toolbar__narrow"
          />
          <TextField
            id="audit-filter-from"
            type="date"
            label={t('audit.filterFrom')}
            value={filters.from}
            onChange={(v) => change({ from: v })}
            testId="audit-filter-from"
            error={rangeValid ? undefined : ' '}
          />
          <TextField id="audit-filter-to" type="date" label={t('audit.filterTo')} value={filters.to} onChange={(v) => change({ to: v })} testId="audit-filter-to" error={rangeValid ? undefined : ' '} />
          <button type="button" className="btn admin-toolbar__reset" onClick={reset} data-testid="audit-filter-reset">
            {t('audit.reset')}
          </button>
        </form>
        <div className="admin-toolbar admin-toolbar--summary">
          <span className={rangeValid ? 'muted-cell' : 'field__error'}>{rangeValid ? t('audit.dateHint') : t('audit.dateRangeInvalid')}</span>
          <div className="admin-toolbar__spacer" />
          <div className="admin-toolbar__status">
            {page.status === 'loading' && <Spinner size="sm" />}
            {page.data && <span data-testid="audit-total">{t('audit.total', { n: formatNumber(total, lang) })}</span>}
          </div>
        </div>

        {page.status === 'error' && (
          <Notice tone="danger">
            {t('audit.loadFailed', { message: page.error.message })}{' '}
            <button type="button" className="link-btn" onClick={page.retry}>
              {t('audit.retry')}
            </button>
          </Notice>
        )}
        {!page.data && page.status === 'loading' ? (
          <div className="admin-card__state">
            <Spinner label={t('audit.loading')} />
          </div>
        ) : (
          <DataTable
            columns={columns}
            rows={page.data?.rows ?? []}
            rowKey={(e) => e.id}
            rowTestId={() => 'audit-row'}
            rowProps={(e) => ({ 'data-action': e.action, 'data-entry-id': e.id })}
            onRowClick={(e) => toggle(e.id)}
            expanded={expanded}
            renderExpanded={(e) => <AuditDetail entry={e} names={scope.names} />}
            testId="audit-table"
            busy={page.status === 'loading'}
            caption={t('audit.title')}
            empty={<div className="admin-card__state muted">{t('audit.empty')}</div>}
          />
        )}
        {total > 0 && (
          <div className="admin-card__footer">
            <span className="muted-cell">{t('audit.total', { n: formatNumber(total, lang) })}</span>
            <Pagination
              page={Math.min(filters.page, pageCount)}
              pageCount={pageCount}
              onPage={(p) => {
                setFilters((f) => ({ ...f, page: p }))
                setExpanded(new Set())
              }}
              pageLabel={t('audit.pageOf', { page: Math.min(filters.page, pageCount), pages: pageCount })}
              prevLabel={t('audit.prev')}
              nextLabel={t('audit.next')}
              disabled={page.status === 'loading'}
            />
          </div>
        )}
      </section>
    </PageLayout>
  )
}

/** The scope a district or street user's trail is limited to, by name (null for everyone else). */
function scopeFilterName(me: { role: string; districtId: number | null; streetId: number | null }, names: ScopeNames): string | null {
  if (me.role === 'street_staff') return scopeNameOf({ districtId: me.districtId, streetId: me.streetId }, names)
  if (me.role === 'district_staff') return scopeNameOf({ districtId: me.districtId, streetId: null }, names)
  return null
}

function VerifyBanner({ result, lang, onDismiss }: { result: AuditVerifyResponse; lang: Lang; onDismiss: () => void }) {
  const { t } = useI18n()
  const problem = result.problem ? t(`audit.problem.${result.problem}`) : t('audit.problem.unknown')
  return (
    <Notice tone={result.ok ? 'success' : 'danger'} testId="audit-verify-result" onDismiss={onDismiss} dismissLabel={t('admin.close')}>
      {result.ok ? (
        <span data-ok="true">
          {t('audit.verifyOk', { rows: formatNumber(result.rows, lang) })} {t('audit.headHash')}{' '}
          <code className="hash" title={result.headHash}>
            {result.headHash.slice(0, 12)}…
          </code>
        </span>
      ) : (
        <span data-ok="false">
          {result.firstBrokenId !== null ? t('audit.verifyBroken', { id: result.firstBrokenId, problem }) : t('audit.verifyBrokenNoId', { problem })}
        </span>
      )}
    </Notice>
  )
}
