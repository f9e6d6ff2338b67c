import type { CommunityDetailResponse } from '../../../../core/contracts/responses.js'
import { KeyValueList } from '../../../components/ui/key-value-list.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import { formatNumber } from '../../../i18n/format.js'
import { DetailSection } from './detail-section.js'

export function BasicsSection({ c }: { c: CommunityDetailResponse }) {
  const { t, lang } = useI18n()
  const withUnit = (n: number, unitKey: Parameters<typeof t>[0], digits = 0) => {
    const unit = t(unitKey)
    return `${formatNumber(n, lang, digits)}${unit ? ' ' + unit : ''}`
  }
  return (
    <DetailSection title={t('detail.sectionBasics')}>
      <KeyValueList
        items={[
          { label: t('detail.district'), value: c.districtName },
          { label: t('detail.street'), value: c.streetName },
          { label: t('detail.neighbourhood'), value: c.neighbourhood || '—' },
          { label: t('detail.buildYear'), value: `${c.buildYear}${t('unit.year')}` },
          { label: t('detail.buildings'), value: withUnit(c.buildings, 'unit.buildings') },
          { label: t('detail.households'), value: withUnit(c.households, 'unit.households') },
          { label: t('detail.floorArea'), value: withUnit(c.floorAreaM2, 'unit.m2') },
          { label: t('detail.population'), value: withUnit(c.population, 'unit.people') },
          { label: t('detail.landArea'), value: withUnit(c.areaM2, 'unit.m2') },
          { label: t('detail.ownership'), value: t(`ownership.${c.ownershipType}`) },
          { label: t('detail.management'), value: t(`management.${c.managementMode}`) },
          { label: t('detail.planYear'), value: c.planYear ?? t('detail.noPlanYear') },
          { label: t('detail.libraryTier'), value: t(`tier.${c.libraryTier}`) },
        ]}
      />
    </DetailSection>
  )
}
