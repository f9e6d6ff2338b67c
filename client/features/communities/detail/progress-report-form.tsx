import { useId, useState, type FormEvent } from 'react'
import type { CommunityDetailResponse } from '../../../../core/contracts/responses.js'
import { STAGES, type Stage } from '../../../../core/domain/stages.js'
import { authApi } from '../../../api/auth-endpoints.js'
import { ApiError } from '../../../api/http.js'
import { useSession } from '../../../app/session-context.js'
import { useUserScope } from '../../../app/user-scope.js'
import { Spinner } from '../../../components/ui/spinner.js'
import { localIsoDate } from '../../../i18n/format-time.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import { useSelection } from '../selection-context.js'
import { DetailSection } from './detail-section.js'
import { validateProgressInput } from './progress-input.js'
import { scopeNoticeParams, scopePlaces } from './scope-notice.js'
import { classifyWriteError, writeFailureText } from './write-errors.js'

type Message = { tone: 'success' | 'error'; text: string }

/** The weekly report: stage, completion within the stage, date and a note; appends to the history. */
function ProgressReportForm({ c }: { c: CommunityDetailResponse }) {
  const { t } = useI18n()
  const { user } = useSession()
  const own = useUserScope()
  const { refresh } = useSelection()
  const today = localIsoDate(new Date())
  const [stage, setStage] = useState<Stage>(c.stage)
  const [pct, setPct] = useState(String(c.progressPct))
  const [date, setDate] = useState(today)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message | null>(null)
  const ids = { stage: useId(), pct: useId(), date: useId(), note: useId() }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    const invalid = validateProgressInput(pct, date, today)
    if (invalid) return setMessage({ tone: 'error', text: t(`progress.${invalid}`) })
    setBusy(true)
    setMessage(null)
    const progressPct = Number(pct.trim())
    try {
      await authApi.reportProgress(c.id, { stage, progressPct, reportDate: date, note: note.trim() })
      setMessage({ tone: 'success', text: t('progress.success', { stage: t(`stage.${stage}`), pct: progressPct, date }) })
      setNote('')
      refresh()
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError('client', String(err), null, '')
      const text = writeFailureText(classifyWriteError(apiErr), t, {
        roleLabel: t(`role.${user.role}`),
        scope: scopePlaces(user, c, own, t('scope.yourArea')),
      })
      setMessage({ tone: 'error', text })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="progress-form" onSubmit={submit} noValidate data-testid="progress-form">
      <div className="detail-form-grid">
        <label className="field" htmlFor={ids.stage}>
          <span className="field__label">{t('progress.stage')}</span>
          <select id={ids.stage} className="field__select" value={stage} onChange={(e) => setStage(e.target.value as Stage)} data-testid="progress-stage">
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {s === c.stage ? t('progress.currentStage', { stage: t(`stage.${s}`) }) : t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={ids.pct}>
          <span className="field__label">{t('progress.pct')}</span>
          <input
            id={ids.pct}
            className="field__input"
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="decimal"
            value={pct}
            onChange={(e) => setPct(e.target.value)}
            data-testid="progress-pct"
          />
        </label>
        <label className="field" htmlFor={ids.date}>
          <span className="field__label">{t('progress.date')}</span>
          <input id={ids.date} className="field__input" type="date" max={today} value={date} onChange={(e) => setDate(e.target.value)} data-testid="progress-date" />
        </label>
        <label className="field field--wide" htmlFor={ids.note}>
          <span className="field__label">{t('progress.note')}</span>
          <textarea
            id={ids.note}
            className="field__input field__textarea"
            rows={2}
            maxLength={2000}
            placeholder={t('progress.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="progress-note"
          />
        </label>
      </div>
      <div className="form-actions">
        {message && (
          <div className={`form-message form-message--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="progress-message">
            {message.text}
          </div>
        )}
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="progress-submit">
          {busy ? <Spinner size="sm" label={t('progress.submitting')} /> : t('progress.submit')}
        </button>
      </div>
    </form>
  )
}

/**
 * What the panel offers for progress: the report form to those who may report here, a plain notice to
 * district and street staff outside their area, and a quiet read-only line to leaders and analysts.
 */
export function ProgressSection({ c }: { c: CommunityDetailResponse }) {
  const { t } = useI18n()
  const { user, can } = useSession()
  const own = useUserScope()
  const target = { districtId: c.districtId, streetId: c.streetId }
  if (can('progress.report', target)) {
    return (
      <DetailSection title={t('progress.title')}>
        <ProgressReportForm key={c.id} c={c} />
      </DetailSection>
    )
  }
  const outside = scopeNoticeParams(user, c, own, t('scope.yourArea'))
  if (outside) {
    return (
      <div className="scope-notice" role="note" data-testid="scope-notice">
        <span className="scope-notice__icon" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="16" height="16">
            <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-2h2zm0-4h-2V7h2z" fill="currentColor" />
          </svg>
        </span>
        <span>{t('scope.notice', outside)}</span>
      </div>
    )
  }
  return (
    <div className="readonly-note" data-testid="readonly-note">
      {t('progress.readOnly', { role: t(`role.${user.role}`) })}
    </div>
  )
}
