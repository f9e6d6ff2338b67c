import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts'
import type { CoverageSummary } from '../../core/contracts/coverage.js'
import { toDistrictShareRows, formatShare, type DistrictShareRow } from '../features/coverage/coverage-format.js'
import { useI18n } from '../i18n/i18n-context.js'
import { formatNumber } from '../i18n/format.js'

const ABOVE = '#2f9e63'
const BELOW = '#ec8a3c'
const ROW_PX = 24

function ChartTooltip({ active, payload }: Partial<TooltipContentProps<number, string>>) {
  const { t, lang } = useI18n()
  const row = payload?.[0]?.payload as DistrictShareRow | undefined
  if (!active || !row) return null
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">
        {row.name} · {formatShare(row.share, lang)}
      </div>
      <div>{t('coverage.chart.residents', { covered: formatNumber(row.coveredResidents, lang), total: formatNumber(row.residents, lang) })}</div>
      <div>{t('coverage.chart.communities', { covered: formatNumber(row.coveredCommunities, lang), total: formatNumber(row.communities, lang) })}</div>
    </div>
  )
}

/** Share of residents served in each district, best first, with the city's share as a dashed reference line. */
export function CoverageByDistrictChart({ summary }: { summary: CoverageSummary }) {
  const { t, lang } = useI18n()
  const rows = toDistrictShareRows(summary)
  if (rows.length === 0) return <div className="chart__empty">{t('coverage.chart.empty')}</div>
  const height = rows.length * ROW_PX + 34
  return (
    <div className="coverage-chart" data-testid="coverage-district-chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} layout="vertical" margin={{ top: 16, right: 44, bottom: 0, left: 0 }} barCategoryGap="22%">
          <CartesianGrid horizontal={false} stroke="#e8ecf1" />
          <XAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
            tick={{ fontSize: 10, fill: '#6b7a8a' }}
            tickLine={false}
            axisLine={{ stroke: '#cfd6de' }}
          />
          <YAxis type="category" dataKey="name" width={lang === 'zh' ? 62 : 84} tick={{ fontSize: 11, fill: '#3b4958' }} tickLine={false} axisLine={false} interval={0} />
          <Tooltip content={<ChartTooltip />} cursor={{ fill: 'rgba(31,111,209,0.06)' }} />
          <Bar dataKey="share" isAnimationActive={false} radius={[0, 3, 3, 0]}>
            {rows.map((r) => (
              <Cell key={r.id} fill={r.belowCity ? BELOW : ABOVE} />
            ))}
            <LabelList dataKey="share" position="right" formatter={(v: unknown) => formatShare(Number(v), lang)} style={{ fontSize: 10, fill: '#3b4958' }} />
          </Bar>
          <ReferenceLine
            x={summary.share}
            stroke="#1d2a39"
            strokeDasharray="4 3"
            ifOverflow="extendDomain"
            label={{ value: t('coverage.chart.city', { share: formatShare(summary.share, lang) }), position: 'top', fontSize: 10, fill: '#1d2a39' }}
          />
        </BarChart>
      </ResponsiveContainer>
      <div className="coverage-chart__note">{t('coverage.chart.note')}</div>
    </div>
  )
}
