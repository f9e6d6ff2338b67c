import type { CommunityDetailResponse } from '../../../../core/contracts/responses.js'
import { BASIC_DEFICIENCIES, DEFICIENCIES } from '../../../../core/domain/community.js'
import { Tag } from '../../../components/ui/tag.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import { DetailSection } from './detail-section.js'

export function DeficienciesSection({ c }: { c: CommunityDetailResponse }) {
  const { t } = useI18n()
  const present = DEFICIENCIES.filter((d) => c.deficiencies.includes(d))
  const basicCount = present.filter((d) => BASIC_DEFICIENCIES.includes(d)).length
  return (
    <DetailSection title={t('detail.sectionDeficiencies')}>
      {present.length === 0 ? (
        <p className="muted">{t('detail.noDeficiencies')}</p>
      ) : (
        <>
          <div className="tags">
            {present.map((d) => (
              <Tag key={d} tone={BASIC_DEFICIENCIES.includes(d) ? 'warn' : 'neutral'} title={BASIC_DEFICIENCIES.includes(d) ? t('detail.basicDeficiency') : undefined}>
                {t(`deficiency.${d}`)}
              </Tag>
            ))}
          </div>
          <p className="muted small">{t('detail.basicCount', { n: basicCount })}</p>
        </>
      )}
    </DetailSection>
  )
}
