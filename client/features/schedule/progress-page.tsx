import { useState } from 'react'
import type { BulkReport } from '../../../core/contracts/schedule.js'
import { ApiError } from '../../api/http.js'
import { scheduleApi } from '../../api/schedule-endpoints.js'
import { useRequest } from '../../api/use-request.js'
import { useMeta } from '../../app/meta-context.js'
import { useSession } from '../../app/session-context.js'
import { useUserScope } from '../../app/user-scope.js'
import { Notice } from '../../components/ui/notice.js'
import { SelectField } from '../../components/ui/select-field.js'
import { Spinner } from '../../components/ui/spinner.js'
import { TextField } from '../../components/ui/text-field.js'
import type { Lang } from '../../i18n/format.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { BulkReportView } from './bulk-report-view.js'
import { canApply, findBulkReport } from './bulk-report.js'
import { RecentReports } from './recent-reports.js'
import { UploadZone } from './upload-zone.js'

/** Where an upload stands: nothing yet, checking, checked, saving, saved, refused with a report, or failed. */
type Phase =
  | { kind: 'idle' }
  | { kind: 'validating' }
  | { kind: 'validated'; report: BulkReport }
  | { kind: 'applying'; report: BulkReport }
  | { kind: 'applied'; report: BulkReport }
  | { kind: 'rejected'; report: BulkReport }
  | { kind: 'failed'; message: string; report?: BulkReport }

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s)

/** 进度填报: the pre-filled template to download, and the upload that is checked first and saved all or nothing. */
export function ProgressPage() {
  const { t, lang } = useI18n()
  const meta = useMeta()
  const { user } = useSession()
  const own = useUserScope()
  const cityWide = user.role === 'admin' || user.role === 'planner'

  // ----- the template
  const [district, setDistrict] = useState<string>('')
  const [dateInput, setDateInput] = useState<string | null>(null)
  const [templateLang, setTemplateLang] = useState<Lang | null>(null)
  const schedule = useRequest(`progress:today:${user.districtId ?? 'city'}`, () => scheduleApi.schedule({ districtId: user.districtId ?? undefined }))
  const districts = useRequest(cityWide ? 'progress:districts' : null, () => scheduleApi.summary())
  const today = schedule.data?.today ?? meta.asOf
  const reportDate = dateInput ?? today
  const dateError = dateInput !== null && (!isDate(dateInput) || dateInput > today) ? t('progress.futureDate') : null
  const chosenDistrict = cityWide ? (district ? Number(district) : null) : user.districtId
  const templateHref = scheduleApi.templateUrl({
    districtId: cityWide ? (chosenDistrict ?? undefined) : undefined,
    lang: templateLang ?? lang,
    reportDate: dateError ? undefined : reportDate,
  })
  const scopeName = cityWide
    ? (districts.data?.districts.find((d) => d.id === chosenDistrict)?.name ?? t('progress.bulk.scopeCity'))
    : user.role === 'street_staff'
      ? (own.streetName ?? '…')
      : (own.districtName ?? '…')

  // ----- the upload
  const [file, setFile] = useState<File | null>(null)
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const [revision, setRevision] = useState(0)
  const busy = phase.kind === 'validating' || phase.kind === 'applying'

  const chooseFile = (f: File | null) => {
    setFile(f)
    setPhase({ kind: 'idle' })
  }

  const describe = (err: unknown): string => {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405)) return t('progress.bulk.notAvailable')
    return t('progress.bulk.failed', { message: err instanceof Error ? err.message : String(err) })
  }

  const validate = async () => {
    if (!file) return
    setPhase({ kind: 'validating' })
    try {
      const report = findBulkReport(await scheduleApi.bulkProgress('validate', file))
      setPhase(report ? { kind: 'validated', report } : { kind: 'failed', message: t('progress.bulk.failed', { message: 'no report' }) })
    } catch (err) {
      const report = findBulkReport(err instanceof ApiError ? { details: err.details } : null)
      setPhase(report ? { kind: 'validated', report } : { kind: 'failed', message: describe(err) })
    }
  }

  const apply = async () => {
    if (!file || (phase.kind !== 'validated' && phase.kind !== 'rejected')) return
    const seen = phase.report
    setPhase({ kind: 'applying', report: seen })
    try {
      const report = findBulkReport(await scheduleApi.bulkProgress('apply', file))
      if (!report) setPhase({ kind: 'failed', message: t('progress.bulk.failed', { message: 'no report' }), report: seen })
      else if (report.applied !== undefined) {
        setPhase({ kind: 'applied', report })
        setRevision((n) => n + 1)
      } else setPhase({ kind: 'rejected', report })
    } catch (err) {
      const report = findBulkReport(err instanceof ApiError ? { details: err.details } : null)
      setPhase(report ? { kind: 'rejected', report } : { kind: 'failed', message: describe(err), report: seen })
    }
  }

  const report = 'report' in phase ? phase.report : null
  const applicable = (phase.kind === 'validated' || phase.kind === 'applying') && canApply(phase.report)
  const blockedReason =
    phase.kind === 'validated' && !canApply(phase.report)
      ? phase.report.errors > 0 || phase.report.fileErrors.length > 0
        ? t('progress.bulk.applyBlocked')
        : t('progress.bulk.applyNothing')
      : null

  return (
    <div className="admin-page progress-page" data-testid="progress-page" data-phase={phase.kind}>
      <div className="admin-page__inner">
        <header className="admin-page__head">
          <div className="admin-page__heading">
            <h2 className="admin-page__title">{t('progress.bulk.title')}</h2>
            <p className="admin-page__subtitle">{t('progress.bulk.subtitle')}</p>
          </div>
        </header>

        <section className="admin-card progress-card" aria-labelledby="progress-step1">
          <header className="progress-card__head">
            <h3 className="progress-card__title" id="progress-step1">
              <span className="progress-card__step">1</span>
              {t('progress.bulk.step1')}
            </h3>
            <p className="progress-card__help">{t('progress.bulk.step1Help')}</p>
          </header>
          <div className="admin-toolbar progress-template">
            {cityWide ? (
              <SelectField id="progress-scope" label={t('progress.bulk.scope')} value={district} onChange={setDistrict} testId="progress-scope">
                <option value="">{t('progress.bulk.scopeCity')}</option>
                {[...(districts.data?.districts ?? [])]
                  .sort((a, b) => a.id - b.id)
                  .map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
              </SelectField>
            ) : (
              <div className="field">
                <span className="field__label">{t('progress.bulk.scope')}</span>
                <span className="field__static" data-testid="progress-scope-fixed">
                  {user.role === 'street_staff' ? t('progress.bulk.scopeOwnStreet', { name: scopeName }) : t('progress.bulk.scopeOwnDistrict', { name: scopeName })}
                </span>
              </div>
            )}
            <TextField
              id="progress-date"
              label={t('progress.bulk.reportDate')}
              type="date"
              value={reportDate}
              onChange={(v) => setDateInput(v)}
              hint={t('progress.bulk.reportDateHint')}
              error={dateError}
              testId="progress-date"
            />
            <SelectField id="progress-lang" label={t('progress.bulk.lang')} value={templateLang ?? lang} onChange={(v) => setTemplateLang(v === 'en' ? 'en' : 'zh')} testId="progress-lang">
              <option value="zh">{t('progress.bulk.langZh')}</option>
              <option value="en">{t('progress.bulk.langEn')}</option>
            </SelectField>
            <a className={`btn btn--primary progress-template__link ${dateError ? 'is-disabled' : ''}`} href={templateHref} download data-testid="progress-template-link" aria-disabled={dateError ? true : undefined} onClick={(e) => dateError && e.preventDefault()}>
              <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
                <path d="M7 1v8M3.5 5.5 7 9l3.5-3.5M2 12.5h10" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              {t('progress.bulk.download')}
            </a>
          </div>
        </section>

        <section className="admin-card progress-card" aria-labelledby="progress-step2">
          <header className="progress-card__head">
            <h3 className="progress-card__title" id="progress-step2">
              <span className="progress-card__step">2</span>
              {t('progress.bulk.step2')}
            </h3>
            <p className="progress-card__help">{t('progress.bulk.step2Help')}</p>
          </header>
          <div className="progress-upload">
            <UploadZone file={file} onFile={chooseFile} disabled={busy} />
            <div className="progress-upload__actions">
              <button type="button" className="btn btn--primary" onClick={validate} disabled={!file || busy} data-testid="progress-validate">
                {t('progress.bulk.validate')}
              </button>
              <button type="button" className="btn btn--success-solid" onClick={apply} disabled={!applicable || busy} data-testid="progress-apply">
                {t('progress.bulk.apply')}
              </button>
              {busy ? (
                <span data-testid="progress-busy">
                  <Spinner size="sm" label={phase.kind === 'validating' ? t('progress.bulk.validating') : t('progress.bulk.applying')} />
                </span>
              ) : applicable && report ? (
                <span className="progress-upload__hint">{t('progress.bulk.applyHint', { n: report.toApply })}</span>
              ) : blockedReason ? (
                <span className="progress-upload__hint is-blocked">{blockedReason}</span>
              ) : null}
            </div>
            <p className="progress-upload__rule">
              <strong>{t('progress.bulk.allOrNothing')}</strong>
            </p>
          </div>

          {phase.kind === 'applied' && (
            <Notice tone="success" testId="progress-result" className="progress-notice">
              {phase.report.applied ? t('progress.bulk.applied', { n: phase.report.applied }) : t('progress.bulk.appliedNone')}
            </Notice>
          )}
          {phase.kind === 'rejected' && (
            <Notice tone="danger" testId="progress-rejected" className="progress-notice">
              {t('progress.bulk.applyRejected', { n: phase.report.errors + phase.report.fileErrors.length })}
            </Notice>
          )}
          {phase.kind === 'failed' && (
            <Notice tone="danger" testId="progress-failed" className="progress-notice">
              {phase.message}
            </Notice>
          )}
          {report && file && <BulkReportView key={`${file.name}:${file.lastModified}:${phase.kind === 'applied'}`} report={report} fileName={file.name} />}
        </section>

        <RecentReports planYear={schedule.data?.planYear ?? meta.planYear} today={today} districtId={chosenDistrict} streetId={user.role === 'street_staff' ? user.streetId : null} scopeName={scopeName} revision={revision} />
      </div>
    </div>
  )
}
