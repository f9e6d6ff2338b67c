import type { CommunityDetailResponse } from '../../../../core/contracts/responses.js'
import { ProgressBar } from '../../../components/ui/progress-bar.js'
import { Tag } from '../../../components/ui/tag.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import { formatNumber, formatPercent } from '../../../i18n/format.js'
import { AGREE_THRESHOLD, CONSULT_THRESHOLD, computeConsent } from '../../../../core/domain/consent.js'
import { DetailSection } from './detail-section.js'

function ConsentRow({
  label,
  share,
  ok,
  threshold,
  thresholdLabel,
  detail,
}: {
  label: string
  share: number | null
  ok: boolean
  threshold: number
  thresholdLabel: string
  detail: string
}) {
  const { t, lang } = useI18n()
  return (
    <div className="consent">
      <div className="consent__head">
        <span className="consent__label">{label}</span>
        <span className="consent__value">{formatPercent(share, lang)}</span>
        <Tag tone={ok ? 'good' : 'bad'}>{ok ? t('detail.pass') : t('detail.fail')}</Tag>
      </div>
      <ProgressBar pct={(share ?? 0) * 100} thresholdPct={threshold * 100} color={ok ? 'var(--good)' : 'var(--bad)'} label={label} />
      <div className="consent__foot">
        <span>{detail}</span>
        <span>{t('detail.threshold', { t: thresholdLabel })}</span>
      </div>
    </div>
  )
}

/** 业委会, 拆违 and the consent survey against the 2/3 consulted and 3/4 agreeing thresholds. */
export function PreconditionsSection({ c }: { c: CommunityDetailResponse }) {
  const { t, lang } = useI18n()
  const consent = computeConsent(c)
  return (
    <DetailSection title={t('detail.sectionPreconditions')}>
      <div className="preconditions">
        <div className="precondition">
          <span>{t('detail.ownersCommittee')}</span>
          <Tag tone={c.hasOwnersCommittee ? 'good' : 'bad'}>{c.hasOwnersCommittee ? t('detail.committeeYes') : t('detail.committeeNo')}</Tag>
        </div>
        <div className="precondition">
          <span>{t('detail.illegalStructures')}</span>
          <Tag tone={c.illegalStructuresCleared ? 'good' : 'bad'}>
            {c.illegalStructuresCleared ? t('detail.clearedYes') : t('detail.clearedNo')}
          </Tag>
        </div>
      </div>
      <h4 className="detail-subtitle">{t('detail.sectionConsent')}</h4>
      {c.ownersConsulted === 0 ? (
        <p className="muted">{t('detail.noSurvey')}</p>
      ) : (
        <>
          <ConsentRow
            label={t('detail.consulted')}
            share={consent.consultedShare}
            ok={consent.consultedOk}
            threshold={CONSULT_THRESHOLD}
            thresholdLabel="2/3"
            detail={t('detail.consultedOf', { a: formatNumber(c.ownersConsulted, lang), b: formatNumber(c.ownersTotal, lang) })}
          />
          <ConsentRow
            label={t('detail.agreeing')}
            share={consent.agreeingShare}
            ok={consent.agreeingOk}
            threshold={AGREE_THRESHOLD}
            thresholdLabel="3/4"
            detail={t('detail.consultedOf', { a: formatNumber(c.ownersAgreeing, lang), b: formatNumber(c.ownersConsulted, lang) })}
          />
        </>
      )}
    </DetailSection>
  )
}
