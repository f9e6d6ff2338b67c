import { useId, useState, type FormEvent } from 'react'
import type { ConflictDetails, CommunityDetailResponse } from '../../../../core/contracts/responses.js'
import type { CommunityPatch } from '../../../../core/contracts/communities.js'
import { ROLES, type Role } from '../../../../core/auth/roles.js'
import type { Community } from '../../../../core/domain/entities.js'
import { authApi } from '../../../api/auth-endpoints.js'
import { ApiError } from '../../../api/http.js'
import { useSession } from '../../../app/session-context.js'
import { useUserScope } from '../../../app/user-scope.js'
import { Spinner } from '../../../components/ui/spinner.js'
import { formatDateTime } from '../../../i18n/format-time.js'
import { formatNumber, type Lang } from '../../../i18n/format.js'
import { useI18n, type Translate } from '../../../i18n/i18n-context.js'
import { useSelection } from '../selection-context.js'
import {
  EDIT_FIELDS,
  buildPatch,
  changedFields,
  conflictRows,
  draftFrom,
  editableFields,
  kindOf,
  parseDraft,
  pickEditValues,
  reapplyPatch,
  type DraftProblem,
  type EditDraft,
  type EditField,
  type EditGroup,
  type EditValues,
} from './community-edit.js'
import { scopePlaces } from './scope-notice.js'
import { classifyWriteError, writeFailureText } from './write-errors.js'

const GROUP_TITLE = { basics: 'edit.groupBasics', owners: 'edit.groupOwners', budget: 'edit.groupBudget' } as const satisfies Record<EditGroup, string>

function formatValue(field: EditField, v: string | number | undefined, lang: Lang): string {
  if (v === undefined) return ''
  if (typeof v === 'string') return v
  return formatNumber(v, lang, kindOf(field) === 'int' || Number.isInteger(v) ? 0 : 2)
}

function roleLabel(role: string | null, t: Translate): string {
  if (role && (ROLES as readonly string[]).includes(role)) return t(`role.${role as Role}`)
  return role ?? '—'
}

function problemText(p: DraftProblem, t: Translate): string {
  return t(`edit.problem.${p.reason}`, { field: t(`edit.field.${p.field}`) })
}

interface Conflict {
  details: ConflictDetails<Community>
  /** The user's changes, relative to the values the editor opened with. */
  mine: Partial<EditValues>
}

/** Who changed the record and a field-by-field comparison, with the two ways out. */
function ConflictBox({
  conflict,
  original,
  busy,
  note,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict
  original: EditValues
  busy: boolean
  note: string | null
  onReapply: () => void
  onDiscard: () => void
}) {
  const { t, lang } = useI18n()
  const last = conflict.details.lastChange
  const rows = conflictRows(original, pickEditValues(conflict.details.current), conflict.mine)
  return (
    <div className="conflict-box" role="alert" data-testid="conflict-box">
      <div className="conflict-box__title">{t('conflict.title')}</div>
      <p className="conflict-box__who">
        {last
          ? t('conflict.by', { name: last.actorName, role: roleLabel(last.actorRole, t), time: formatDateTime(last.at, { seconds: false }) })
          : t('conflict.byUnknown')}{' '}
        {t('conflict.explain')}
      </p>
      <table className="table conflict-box__table">
        <thead>
          <tr>
            <th>{t('conflict.field')}</th>
            <th className="num">{t('conflict.theirs')}</th>
            <th className="num">{t('conflict.mine')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} className={r.theyChanged && r.mine !== undefined ? 'is-both' : ''} data-field={r.field}>
              <td>
                {t(`edit.field.${r.field}`)}
                {r.theyChanged && r.mine !== undefined && <span className="conflict-box__both">{t('conflict.bothChanged')}</span>}
              </td>
              <td className={`num ${r.theyChanged ? 'is-changed' : ''}`}>{formatValue(r.field, r.theirs, lang)}</td>
              <td className="num">{r.mine === undefined ? <span className="muted">{t('conflict.unchanged')}</span> : <strong>{formatValue(r.field, r.mine, lang)}</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('conflict.hint')}</p>
      {note && (
        <div className="form-message form-message--error" role="alert">
          {note}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDiscard} disabled={busy} data-testid="conflict-discard">
          {t('conflict.discard')}
        </button>
        <button type="button" className="btn btn--primary" onClick={onReapply} disabled={busy} data-testid="conflict-reapply">
          {busy ? <Spinner size="sm" label={t('conflict.reapplying')} /> : t('conflict.reapply')}
        </button>
      </div>
    </div>
  )
}

/**
 * The inline attribute editor. It remembers the version it opened with and sends only the changed fields;
 * if someone saved in between, the server answers 409 and the conflict box lets the user re-apply or drop
 * their changes.
 */
export function CommunityEditor({ c, onDone }: { c: CommunityDetailResponse; onDone: (saved: boolean) => void }) {
  const { t, lang } = useI18n()
  const { user, can } = useSession()
  const own = useUserScope()
  const { refresh } = useSelection()
  const formId = useId()
  // The record as the editor opened it; changes and the version sent are relative to this.
  const [base] = useState(() => ({ values: pickEditValues(c), version: c.version }))
  const [draft, setDraft] = useState<EditDraft>(() => draftFrom(c))
  const [problems, setProblems] = useState<DraftProblem[]>([])
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const fields = editableFields(can('community.edit_budget'))

  const failureText = (err: unknown) =>
    writeFailureText(classifyWriteError(err instanceof ApiError ? err : new ApiError('client', String(err), null, '')), t, {
      roleLabel: t(`role.${user.role}`),
      scope: scopePlaces(user, c, own, t('scope.yourArea')),
    })

  /** Sends a patch; on a version conflict keeps `mine` for the comparison. */
  const send = async (patch: CommunityPatch, mine: Partial<EditValues>) => {
    setBusy(true)
    setNote(null)
    try {
      await authApi.patchCommunity(c.id, patch)
      refresh()
      onDone(true)
    } catch (err) {
      const failure = err instanceof ApiError ? classifyWriteError(err) : null
      if (failure?.kind === 'conflict') setConflict({ details: failure.details, mine })
      else setNote(failureText(err))
      setBusy(false)
    }
  }

  const save = (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    const parsed = parseDraft(draft, fields, base.values)
    if (!parsed.ok) {
      setProblems(parsed.problems)
      return
    }
    setProblems([])
    const changes = changedFields(base.values, parsed.values)
    if (Object.keys(changes).length === 0) {
      setNote(t('edit.noChanges'))
      return
    }
    void send(buildPatch(changes, base.version), changes)
  }

  const reapply = () => {
    if (!conflict || busy) return
    const patch = reapplyPatch({ ...pickEditValues(conflict.details.current), version: conflict.details.current.version }, conflict.mine)
    if (!patch) {
      // Someone else already saved exactly these values: nothing to send.
      refresh()
      onDone(true)
      return
    }
    void send(patch, conflict.mine)
  }

  const discard = () => {
    refresh()
    onDone(false)
  }

  if (conflict) {
    return <ConflictBox conflict={conflict} original={base.values} busy={busy} note={note} onReapply={reapply} onDiscard={discard} />
  }

  const problemFields = new Set(problems.map((p) => p.field))
  const parsedNow = parseDraft(draft, fields, base.values)
  const changedCount = parsedNow.ok ? Object.keys(changedFields(base.values, parsedNow.values)).length : null
  const groups = [...new Set(EDIT_FIELDS.filter((f) => fields.includes(f.key)).map((f) => f.group))]

  return (
    <form className="edit-form" onSubmit={save} noValidate data-testid="community-edit-form" aria-labelledby={`${formId}-title`}>
      <div className="edit-form__head">
        <h3 className="edit-form__title" id={`${formId}-title`}>
          {t('edit.title')}
        </h3>
        <span className="muted small">{t('edit.basedOn', { v: base.version })}</span>
      </div>
      {groups.map((group) => (
        <fieldset key={group} className="edit-form__group">
          <legend>{t(GROUP_TITLE[group])}</legend>
          <div className="detail-form-grid">
            {EDIT_FIELDS.filter((f) => f.group === group && fields.includes(f.key)).map((f) => {
              const changed = draft[f.key].trim() !== String(base.values[f.key])
              return (
                <label key={f.key} className={`field ${f.key === 'name' ? 'field--wide' : ''} ${changed ? 'is-changed' : ''}`}>
                  <span className="field__label">{t(`edit.field.${f.key}`)}</span>
                  <input
                    className={`field__input ${problemFields.has(f.key) ? 'is-invalid' : ''}`}
                    inputMode={f.kind === 'text' ? 'text' : f.kind === 'int' ? 'numeric' : 'decimal'}
                    value={draft[f.key]}
                    onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
                    aria-invalid={problemFields.has(f.key) || undefined}
                    data-testid={`edit-${f.key}`}
                  />
                </label>
              )
            })}
          </div>
        </fieldset>
      ))}
      {problems.length > 0 && (
        <ul className="form-message form-message--error form-message--list" role="alert">
          {problems.map((p) => (
            <li key={`${p.field}:${p.reason}`}>{problemText(p, t)}</li>
          ))}
        </ul>
      )}
      {note && (
        <div className="form-message form-message--error" role="alert">
          {note}
        </div>
      )}
      <div className="form-actions">
        {changedCount !== null && changedCount > 0 && <span className="muted small form-actions__count">{t('edit.changedCount', { n: formatNumber(changedCount, lang) })}</span>}
        <button type="button" className="btn" onClick={() => onDone(false)} disabled={busy} data-testid="edit-cancel">
          {t('edit.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="edit-save">
          {busy ? <Spinner size="sm" label={t('edit.saving')} /> : t('edit.save')}
        </button>
      </div>
    </form>
  )
}
