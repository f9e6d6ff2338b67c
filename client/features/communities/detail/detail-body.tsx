import { useEffect, useState } from 'react'
import type { CommunityDetailResponse } from '../../../../core/contracts/responses.js'
import { useMeta } from '../../../app/meta-context.js'
import { useSession } from '../../../app/session-context.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import { BasicsSection } from './basics-section.js'
import { CommunityEditor } from './community-editor.js'
import { DeficienciesSection } from './deficiencies-section.js'
import { DetailHeader } from './detail-header.js'
import { InvestmentSection } from './investment-section.js'
import { PreconditionsSection } from './preconditions-section.js'
import { ProgressSection } from './progress-report-form.js'
import { RecentReports } from './recent-reports.js'
import { StageTimeline } from './stage-timeline.js'

/** How long the "saved" line stays after an edit (ms). */
const SAVED_FLASH_MS = 4000

/** One community's details, with the editor and the progress form for those allowed to use them. */
export function DetailBody({ c }: { c: CommunityDetailResponse }) {
  const { t } = useI18n()
  const meta = useMeta()
  const { can } = useSession()
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)
  const canEdit = can('community.edit', { districtId: c.districtId, streetId: c.streetId })

  useEffect(() => {
    if (!saved) return
    const timer = window.setTimeout(() => setSaved(false), SAVED_FLASH_MS)
    return () => window.clearTimeout(timer)
  }, [saved])

  return (
    <div className="detail-panel__body">
      <DetailHeader c={c} />
      {canEdit && !editing && (
        <div className="detail-actions">
          {saved && (
            <span className="form-message form-message--success detail-actions__saved" role="status" data-testid="edit-saved">
              {t('edit.saved')}
            </span>
          )}
          <button
            type="button"
            className="btn btn--small detail-actions__edit"
            onClick={() => {
              setSaved(false)
              setEditing(true)
            }}
            title={t('edit.buttonTitle')}
            data-testid="edit-community"
          >
            <svg viewBox="0 0 24 24" width="13" height="13" aria-hidden="true">
              <path d="M3 17.2V21h3.8L17.8 9.9l-3.8-3.8zM20.7 7c.4-.4.4-1 0-1.4l-2.3-2.3a1 1 0 0 0-1.4 0l-1.8 1.8 3.8 3.8z" fill="currentColor" />
            </svg>
            {t('edit.button')}
          </button>
        </div>
      )}
      {canEdit && editing && (
        <CommunityEditor
          c={c}
          onDone={(ok) => {
            setEditing(false)
            setSaved(ok)
          }}
        />
      )}
      <ProgressSection c={c} />
      <StageTimeline records={c.stageRecords} asOf={meta.asOf} currentStage={c.stage} />
      <BasicsSection c={c} />
      <PreconditionsSection c={c} />
      <DeficienciesSection c={c} />
      <InvestmentSection c={c} />
      <RecentReports reports={c.recentReports} />
    </div>
  )
}
