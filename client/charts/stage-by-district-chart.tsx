import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts'
import type { SummaryResponse } from '../../core/contracts/responses.js'
import { STAGES, STAGE_COLORS, type Stage } from '../../core/domain/stages.js'
import type { Request } from '../api/use-request.js'
import { ErrorBanner } from '../components/ui/error-banner.js'
import { Spinner } from '../components/ui/spinner.js'
import { Swatch } from '../components/ui/swatch.js'
import { useI18n } from '../i18n/i18n-context.js'
import { formatNumber } from '../i18n/format.js'
import { toStageByDistrictRows, type StageByDistrictRow } from './stage-by-district-data.js'

function ChartTooltip({ active, payload }: Partial<TooltipContentProps<number, string>>) {
  const { t, lang } = useI18n()
  const row = payload?.[0]?.payload as StageByDistrictRow | undefined
  if (!active || !row) return null
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">
        {row.district} · {t('chart.total')} {formatNumber(row.total, lang)}
      </div>
      {[...STAGES].reverse().map((s) =>
        row[s] > 0 ? (
          <div key={s} className="chart-tooltip__row">
            <Swatch color={STAGE_COLORS[s]} />
            <span>{t(`stage.${s}`)}</span>
            <b>{formatNumber(row[s], lang)}</b>
          </div>
        ) : null,
      )}
    </div>
  )
}

/** Communities per district, stacked by stage in the stage colours; follows the filters via /api/summary. */
export function StageByDistrictChart({ request }: { request: Request<SummaryResponse> }) {
  const { t, lang } = useI18n()
  const summary = request.data
  const rows = summary ? toStageByDistrictRows(summary) : []
  const stages = STAGES.filter((s: Stage) => rows.some((r) => r[s] > 0))
  return (
    <div className="chart" data-testid="stage-chart">
      {!summary ? (
        <div className="chart__empty">
          {request.status === 'error' ? (
            <ErrorBanner message={t('app.loadFailed')} retryLabel={t('app.retry')} onRetry={request.retry} />
          ) : (
            <Spinner label={t('app.loading')} />
          )}
        </div>
      ) : rows.length === 0 ? (
        <div className="chart__empty">{t('chart.empty')}</div>
      ) : (
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={rows} margin={{ top: 6, right: 6, bottom: 0, left: -14 }} barCategoryGap="22%">
            <CartesianGrid vertical={false} stroke="#e8ecf1" />
            <XAxis dataKey="district" tick={{ fontSize: 11, fill: '#4a5868' }} tickLine={false} axisLine={{ stroke: '#cfd6de' }} interval={0} />
            <YAxis
              allowDecimals={false}
              tick={{ fontSize: 11, fill: '#6b7a8a' }}
              tickLine={false}
              axisLine={false}
              tickFormatter={(v: number) => formatNumber(v, lang)}
            />
            <Tooltip content={<ChartTooltip />} cursor={{ fill: 'rgba(31,111,209,0.06)' }} />
            {stages.map((s) => (
              <Bar key={s} dataKey={s} stackId="stage" fill={STAGE_COLORS[s]} name={t(`stage.${s}`)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </div>
  )
}
