import type { CommunityDetailResponse } from '../../../../core/contracts/responses.js'
import { ProgressBar } from '../../../components/ui/progress-bar.js'
import { useI18n } from '../../../i18n/i18n-context.js'
import { formatNumber, formatPercent } from '../../../i18n/format.js'
import type { MessageKey } from '../../../i18n/zh.js'
import { DetailSection } from './detail-section.js'

const KNOWN_SOURCES = ['central', 'provincial', 'district', 'owners', 'utilities', 'social'] as const

/** Planned vs spent (万元) and planned funding by source. */
export function InvestmentSection({ c }: { c: CommunityDetailResponse }) {
  const { t, lang } = useI18n()
  const unit = t('unit.wanYuan')
  const money = (wan: number) => `${formatNumber(wan, lang, 1)} ${unit}`
  const sources = Object.entries(c.funding ?? {})
    .filter(([, v]) => Number.isFinite(v) && v > 0)
    .sort((a, b) => b[1] - a[1])
  const fundingTotal = sources.reduce((sum, [, v]) => sum + v, 0)
  const spentRatio = c.investmentPlannedWan > 0 ? c.investmentSpentWan / c.investmentPlannedWan : null
  const sourceLabel = (key: string) =>
    (KNOWN_SOURCES as readonly string[]).includes(key) ? t(`funding.${key}` as MessageKey) : key

  return (
    <DetailSection title={t('detail.sectionInvestment')}>
      <div className="money">
        <div className="money__item">
          <div className="money__label">{t('detail.investmentPlanned')}</div>
          <div className="money__value">{money(c.investmentPlannedWan)}</div>
        </div>
        <div className="money__item">
          <div className="money__label">{t('detail.investmentSpent')}</div>
          <div className="money__value">{money(c.investmentSpentWan)}</div>
        </div>
      </div>
      <ProgressBar pct={(spentRatio ?? 0) * 100} label={t('detail.investmentSpent')} />
      <div className="muted small right">{t('detail.spentShare', { pct: formatPercent(spentRatio, lang) })}</div>
      {sources.length === 0 ? (
        <p className="muted">{t('detail.noFunding')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('detail.fundingSource')}</th>
              <th className="num">{t('detail.fundingAmount')}</th>
              <th className="num">{t('detail.fundingShare')}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map(([key, v]) => (
              <tr key={key}>
                <td>{sourceLabel(key)}</td>
                <td className="num">{formatNumber(v, lang, 1)}</td>
                <td className="num">{formatPercent(v / fundingTotal, lang)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>{t('detail.fundingTotal')}</td>
              <td className="num">{formatNumber(fundingTotal, lang, 1)}</td>
              <td className="num">100%</td>
            </tr>
          </tfoot>
        </table>
      )}
    </DetailSection>
  )
}
