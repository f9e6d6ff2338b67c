import { useMemo, useState } from 'react'
import type { AuditEntry } from '../../../core/audit/audit-entry.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatUtcDateTime } from '../../i18n/format-time.js'
import type { ScopeNames } from '../admin/scope-name.js'
import { diffAuditValues } from './audit-diff.js'
import { auditFieldLabel, formatAuditFieldValue } from './audit-labels.js'

/** Above this many fields, only the changed ones show until asked (a community image has dozens). */
const ALL_FIELDS_LIMIT = 12

const shortHash = (h: string) => (h.length > 16 ? `${h.slice(0, 12)}…` : h)

/** The expanded audit row: the record's before/after images side by side, changed fields highlighted. */
export function AuditDetail({ entry, names }: { entry: AuditEntry; names: ScopeNames }) {
  const { t } = useI18n()
  const rows = useMemo(() => diffAuditValues(entry.before, entry.after), [entry.before, entry.after])
  const changed = rows.filter((r) => r.changed).length
  const [showAll, setShowAll] = useState(rows.length <= ALL_FIELDS_LIMIT)
  const shown = showAll ? rows : rows.filter((r) => r.changed)

  return (
    <div className="audit-detail" data-testid="audit-detail">
      <div className="audit-detail__meta">
        <span>{t('audit.metaId', { id: entry.id })}</span>
        <span>{formatUtcDateTime(entry.at)}</span>
        <span title={entry.hash}>
          {t('audit.metaHash')} <code>{shortHash(entry.hash)}</code>
        </span>
        <span title={entry.prevHash}>
          {t('audit.metaPrevHash')} <code>{shortHash(entry.prevHash)}</code>
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('audit.diffNone')}</p>
      ) : (
        <>
          <table className="diff-table" data-testid="audit-diff">
            <thead>
              <tr>
                <th scope="col">{t('audit.diffField')}</th>
                <th scope="col">{t('audit.diffBefore')}</th>
                <th scope="col">{t('audit.diffAfter')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.field} className={r.changed ? 'is-changed' : ''} data-changed={r.changed || undefined}>
                  <th scope="row" title={r.field}>
                    {auditFieldLabel(r.field, t)}
                  </th>
                  <td className="diff-table__before">{formatAuditFieldValue(r.field, r.before, t, names)}</td>
                  <td className="diff-table__after">{formatAuditFieldValue(r.field, r.after, t, names)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > ALL_FIELDS_LIMIT && (
            <div className="audit-detail__more">
              {!showAll && <span className="muted">{t('audit.diffChangedOnly', { changed, total: rows.length })}</span>}
              <button type="button" className="link-btn" onClick={() => setShowAll((v) => !v)}>
                {showAll ? t('audit.diffShowChanged') : t('audit.diffShowAll')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  )
}
