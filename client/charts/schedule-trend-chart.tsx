import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts'
import type { TrendPoint } from '../../core/contracts/schedule.js'
import { SCHEDULE_STATUSES } from '../../core/schedule/status.js'
import { shortDate } from '../features/dashboard/dashboard-format.js'
import { trendRows, type TrendRow } from '../features/dashboard/trend-rows.js'
import { useI18n } from '../i18n/i18n-context.js'
import { formatNumber } from '../i18n/format.js'
import { STATUS_COLORS, STATUS_COLORS_DARK } from '../layers/schedule-colors.js'

/** Colours and type sizes of the chart on the light dashboard and on the dark wall screen. */
const THEMES = {
  light: { status: STATUS_COLORS, started: '#0e2640', completed: '#7b3fc4', grid: '#e8ecf1', axis: '#6b7a8a', font: 11, stroke: 2 },
  dark: { status: STATUS_COLORS_DARK, started: '#ffffff', completed: '#d59cff', grid: 'rgba(160,190,230,0.16)', axis: '#b9cce4', font: 20, stroke: 3 },
} as const
export type ChartTheme = keyof typeof THEMES

function TrendTooltip({ active, payload }: Partial<TooltipContentProps<number, string>>) {
  const { t, lang } = useI18n()
  const row = payload?.[0]?.payload as TrendRow | undefined
  if (!active || !row) return null
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">{t('dashboard.trend.week', { date: row.week })}</div>
      {[...SCHEDULE_STATUSES].reverse().map((s) => (
        <div key={s} className="chart-tooltip__row">
          <span className="swatch-dot" style={{ background: STATUS_COLORS[s] }} />
          <span>{t(`schedule.status.${s}`)}</span>
          <b>{formatNumber(row[s], lang)}</b>
        </div>
      ))}
      <div className="chart-tooltip__row">
        <span className="swatch-dot" style={{ background: THEMES.light.started }} />
        <span>{t('dashboard.trend.started')}</span>
        <b>{formatNumber(row.started, lang)}</b>
      </div>
      <div className="chart-tooltip__row">
        <span className="swatch-dot" style={{ background: THEMES.light.completed }} />
        <span>{t('dashboard.trend.completed')}</span>
        <b>{formatNumber(row.completed, lang)}</b>
      </div>
    </div>
  )
}

/**
 * Weekly trend of the plan year: communities by schedule status as stacked areas (they add up to the
 * programme), with works started and finished as lines over them.
 */
export function ScheduleTrendChart({
  trend,
  theme = 'light',
  height,
  lineLegend = true,
}: {
  trend: readonly TrendPoint[]
  theme?: ChartTheme
  height: number
  /** False when the page shows <TrendLineLegend> elsewhere (the wall screen puts it in the panel header). */
  lineLegend?: boolean
}) {
  const { t } = useI18n()
  const th = THEMES[theme]
  const rows = trendRows(trend)
  if (rows.length === 0) return <div className="chart__empty" style={{ height }}>{t('dashboard.trend.empty')}</div>
  return (
    <div className={`trend trend--${theme}`}>
      <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: theme === 'dark' ? 4 : -8 }}>
        <CartesianGrid vertical={false} stroke={th.grid} />
        <XAxis
          dataKey="week"
          tickFormatter={shortDate}
          tick={{ fontSize: th.font, fill: th.axis }}
          tickLine={false}
          axisLine={{ stroke: th.grid }}
          minTickGap={theme === 'dark' ? 40 : 24}
        />
        <YAxis tick={{ fontSize: th.font, fill: th.axis }} tickLine={false} axisLine={false} allowDecimals={false} width={theme === 'dark' ? 56 : 44} />
        {theme === 'light' && <Tooltip content={<TrendTooltip />} />}
        {SCHEDULE_STATUSES.map((s) => (
          <Area
            key={s}
            dataKey={s}
            name={t(`schedule.status.${s}`)}
            stackId="status"
            type="monotone"
            stroke={th.status[s]}
            strokeWidth={1}
            fill={th.status[s]}
            fillOpacity={theme === 'dark' ? 0.55 : 0.5}
            isAnimationActive={false}
          />
        ))}
        <Line dataKey="started" name={t('dashboard.trend.started')} type="monotone" stroke={th.started} strokeWidth={th.stroke} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        <Line dataKey="completed" name={t('dashboard.trend.completed')} type="monotone" stroke={th.completed} strokeWidth={th.stroke} dot={false} isAnimationActive={false} />
      </ComposedChart>
      </ResponsiveContainer>
      <ul className="trend__legend">
        {SCHEDULE_STATUSES.map((s) => (
          <li key={s}>
            <span className="trend__swatch" style={{ background: th.status[s] }} />
            {t(`schedule.status.${s}`)}
          </li>
        ))}
        {lineLegend && <TrendLineLegend theme={theme} />}
      </ul>
    </div>
  )
}

/** Legend entries of the two lines (works started and finished, cumulative). */
export function TrendLineLegend({ theme = 'light' }: { theme?: ChartTheme }) {
  const { t } = useI18n()
  const th = THEMES[theme]
  return (
    <>
      <li>
        <span className="trend__line trend__line--dashed" style={{ borderColor: th.started }} />
        {t('dashboard.trend.started')}
      </li>
      <li>
        <span className="trend__line" style={{ borderColor: th.completed }} />
        {t('dashboard.trend.completed')}
      </li>
    </>
  )
}
