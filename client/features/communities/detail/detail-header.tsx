import type { CommunityDetailResponse } from '../../../../core/contracts/responses.js'
import { STAGE_COLORS } from '../../../../core/domain/stages.js'
import { ProgressBar } from '../../../components/ui/progress-bar.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import { formatNumber } from '../../../i18n/format.js'

export function DetailHeader({ c }: { c: CommunityDetailResponse }) {
  const { t, lang } = useI18n()
  const color = STAGE_COLORS[c.stage]
  return (
    <div className="detail-header">
      <h2 className="detail-header__name" data-testid="detail-name">
        {c.name}
      </h2>
      <div className="detail-header__meta">
        <span>{[c.districtName, c.streetName, c.neighbourhood].filter(Boolean).join(' · ')}</span>
        <span className="detail-header__code">{t('detail.code', { code: c.code })}</span>
      </div>
      <div className="detail-header__stage">
        <span className="stage-pill" style={{ background: color }}>
          {t(`stage.${c.stage}`)}
        </span>
        <div className="detail-header__progress">
          <ProgressBar pct={c.progressPct} color={color} label={t('detail.stageProgress')} />
        </div>
        <span className="detail-header__pct">{formatNumber(c.progressPct, lang)}%</span>
      </div>
    </div>
  )
}
