import { Bar, BarChart, CartesianGrid, Cell, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts'
import type { ProposalBar, ProposalRules } from '../features/clusters/proposal-chart-data.js'
import { useI18n } from '../i18n/i18n-context.js'
import { formatNumber } from '../i18n/format.js'

export const PROPOSAL_BAND_COLORS = { within: '#3f9a6e', below: '#e39b2d', above: '#d64545' } as const

function ChartTooltip({ active, payload }: Partial<TooltipContentProps<number, string>>) {
  const { t, lang } = useI18n()
  const bar = payload?.[0]?.payload as ProposalBar | undefined
  if (!active || !bar) return null
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">{t('clusters.proposal.label', { rank: bar.rank })}</div>
      <div>{t('clusters.residentsShort', { n: formatNumber(bar.residents, lang) })}</div>
      <div>{t('clusters.proposal.communities', { n: formatNumber(bar.communities, lang) })}</div>
      <div style={{ color: PROPOSAL_BAND_COLORS[bar.band] }}>{t(`clusters.band.${bar.band}`)}</div>
    </div>
  )
}

/**
 * Residents of each proposal, most first, against the rules: the band between the minimum and the maximum
 * shaded, the target as a dashed line. Runs compared side by side share `axisMax`.
 */
export function ProposalResidentsChart({
  bars,
  rules,
  axisMax,
  height,
  focusedKey,
  onFocus,
}: {
  bars: readonly ProposalBar[]
  rules: ProposalRules
  axisMax: number
  /** Pixels; fills its container's height when omitted. */
  height?: number
  focusedKey?: string | null
  onFocus?: (key: string | null) => void
}) {
  const { t, lang } = useI18n()
  if (bars.length === 0) return <div className="chart__empty cluster-chart__empty">{t('clusters.proposal.none')}</div>
  // Chinese reads residents in 万 (0.5万, 1.2万), English in thousands (5k, 12k).
  const compact = (n: number) => {
    if (n === 0) return '0'
    const v = lang === 'zh' ? n / 10_000 : n / 1000
    const digits = Number.isInteger(v) ? 0 : Number.isInteger(v * 10) ? 1 : 2
    return `${formatNumber(v, lang, digits)}${lang === 'zh' ? '万' : 'k'}`
  }
  const ticks = [0, rules.minResidents, rules.maxResidents, axisMax].filter((v, i, a) => a.indexOf(v) === i).sort((a, b) => a - b)
  return (
    <div className="cluster-chart" data-testid="proposal-chart" data-bars={bars.length}>
      <ResponsiveContainer width="100%" height={height ?? '100%'} minHeight={90}>
        <BarChart data={bars as ProposalBar[]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={bars.length > 60 ? 0 : '12%'}>
          <CartesianGrid vertical={false} stroke="#e8ecf1" />
          <ReferenceArea y1={rules.minResidents} y2={rules.maxResidents} fill="#2f9e63" fillOpacity={0.1} stroke="none" ifOverflow="extendDomain" />
          <XAxis dataKey="rank" tick={false} tickLine={false} axisLine={{ stroke: '#cfd6de' }} height={4} />
          <YAxis domain={[0, axisMax]} ticks={ticks} interval={0} width={40} tick={{ fontSize: 10, fill: '#6b7a8a' }} tickFormatter={compact} tickLine={false} axisLine={false} />
          <Tooltip content={<ChartTooltip />} cursor={{ fill: 'rgba(31,111,209,0.08)' }} />
          <Bar dataKey="residents" isAnimationActive={false} onMouseEnter={(d) => onFocus?.((d as unknown as { payload?: ProposalBar }).payload?.key ?? null)}>
            {bars.map((b) => (
              <Cell key={b.key} fill={PROPOSAL_BAND_COLORS[b.band]} fillOpacity={focusedKey && focusedKey !== b.key ? 0.45 : 1} />
            ))}
          </Bar>
          <ReferenceLine y={rules.minResidents} stroke="#2f9e63" strokeOpacity={0.6} />
          <ReferenceLine y={rules.maxResidents} stroke="#2f9e63" strokeOpacity={0.6} />
          <ReferenceLine
            y={rules.targetResidents}
            stroke="#1d2a39"
            strokeDasharray="4 3"
            label={{ value: t('clusters.proposal.target', { n: compact(rules.targetResidents) }), position: 'insideTopRight', fontSize: 10, fill: '#1d2a39' }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
