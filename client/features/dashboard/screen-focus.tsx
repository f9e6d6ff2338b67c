import { useMemo } from 'react'
import type { RollupRow, ScheduleSummaryResponse } from '../../../core/contracts/schedule.js'
import { SCHEDULE_STATUSES } from '../../../core/schedule/status.js'
import type { AdminCollection } from '../../api/endpoints.js'
import { Spinner } from '../../components/ui/spinner.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, formatPercent } from '../../i18n/format.js'
import { STATUS_COLORS_DARK } from '../../layers/schedule-colors.js'
import { targetShare } from './dashboard-format.js'
import { projectDistricts } from './district-outline.js'
import type { FocusKey } from './focus-cycle.js'
import { ScreenLateTicker } from './screen-panels.js'

const MAP_W = 250
const MAP_H = 210

/** The city's districts as a sketch map, the focused one lit (all of them when the city is in focus). */
function FocusMap({ shapes, focus }: { shapes: AdminCollection; focus: FocusKey }) {
  const paths = useMemo(
    () =>
      projectDistricts(
        shapes.features.map((f) => ({ id: f.properties.id, name: f.properties.name, geometry: f.geometry })),
        MAP_W,
        MAP_H,
        6,
      ),
    [shapes],
  )
  if (paths.length === 0) return null
  return (
    <svg className="scr-map" viewBox={`0 0 ${MAP_W} ${MAP_H}`} width={MAP_W} height={MAP_H} role="img" aria-hidden="true">
      {paths.map((p) => (
        <path key={p.id} d={p.d} className={`scr-map__area ${focus === 'city' || focus === p.id ? 'is-lit' : ''} ${focus === p.id ? 'is-focus' : ''}`} />
      ))}
      {paths.map((p) => (
        <text key={p.id} x={p.labelX} y={p.labelY} className={`scr-map__label ${focus === p.id ? 'is-focus' : ''}`} textAnchor="middle" dominantBaseline="middle">
          {p.name}
        </text>
      ))}
    </svg>
  )
}

function ProgressLine({ label, value, target, color }: { label: string; value: number; target: number; color: string }) {
  const { lang } = useI18n()
  const share = targetShare({ value, target })
  return (
    <div className="scr-pline">
      <div className="scr-pline__head">
        <span className="scr-pline__label">{label}</span>
        <span className="scr-pline__nums">
          <b>{formatNumber(value, lang)}</b> / {formatNumber(target, lang)}
          <span className="scr-pline__pct">{formatPercent(share, lang, 0)}</span>
        </span>
      </div>
      <div className="scr-bar scr-bar--thick">
        <span style={{ width: `${Math.min(1, share ?? 0) * 100}%`, background: color }} />
      </div>
    </div>
  )
}

/** The streets with the most late communities (the city in focus), worst first. */
function WorstStreets({ summary }: { summary: ScheduleSummaryResponse }) {
  const { t, lang } = useI18n()
  const rows = summary.streets
    .filter((s) => s.byStatus.late > 0)
    .sort((a, b) => b.byStatus.late - a.byStatus.late || b.maxDaysLate - a.maxDaysLate || a.id - b.id)
    .slice(0, 3)
  if (rows.length === 0) return <div className="scr-empty scr-empty--good">{t('dashboard.late.none')}</div>
  const districtName = (id: number) => summary.districts.find((d) => d.id === id)?.name ?? ''
  return (
    <ol className="scr-late">
      {rows.map((s, i) => (
        <li key={s.id} className="scr-late__row">
          <span className="scr-late__rank">{i + 1}</span>
          <span className="scr-late__name">{s.name}</span>
          <span className="scr-late__where">{districtName(s.districtId)}</span>
          <span className="scr-late__stage">{t('screen.lateCount', { n: formatNumber(s.byStatus.late, lang) })}</span>
          <span className="scr-late__days">{t('screen.daysLate', { n: formatNumber(s.maxDaysLate, lang) })}</span>
        </li>
      ))}
    </ol>
  )
}

/**
 * The centre of the large screen: the city or one district in focus, with its status counts, works started
 * and finished against target, and where it is late (its late communities; for the city, the worst streets).
 */
export function ScreenFocus({
  focus,
  name,
  summary,
  rank,
  shapes,
}: {
  focus: FocusKey
  name: string
  summary: ScheduleSummaryResponse | undefined
  /** The district's place in the ranking (none for the city). */
  rank: RollupRow | undefined
  shapes: AdminCollection | undefined
}) {
  const { t, lang } = useI18n()
  return (
    <div className="scr-focus" data-testid="screen-focus">
      <div className="scr-focus__main">
        <div className="scr-focus__map">{shapes && <FocusMap shapes={shapes} focus={focus} />}</div>
        <div className="scr-focus__head">
          <div className="scr-focus__title">
            <span className="scr-focus__name" data-testid="screen-focus-name">
              {name}
            </span>
            {summary && (
              <span className="scr-focus__facts">
                {t('screen.focusFacts', { n: formatNumber(summary.kpis.communities, lang) })}
                {rank?.rank !== undefined && <span className="scr-focus__rank">{t('screen.rankOf', { rank: rank.rank, n: summary.districts.length })}</span>}
              </span>
            )}
          </div>
          {summary ? (
            <div className="scr-focus__lines">
              <ProgressLine label={t('dashboard.kpi.started')} value={summary.kpis.started.value} target={summary.kpis.started.target} color={STATUS_COLORS_DARK.on_track} />
              <ProgressLine label={t('dashboard.kpi.completed')} value={summary.kpis.completed.value} target={summary.kpis.completed.target} color={STATUS_COLORS_DARK.done} />
            </div>
          ) : (
            <div className="scr-focus__loading">
              <Spinner />
            </div>
          )}
        </div>
      </div>
      {summary && (
        <>
          <div className="scr-status-grid">
            {[...SCHEDULE_STATUSES].reverse().map((s) => (
              <div key={s} className="scr-status" style={{ borderColor: STATUS_COLORS_DARK[s] }} data-testid={`screen-focus-${s}`}>
                <span className="scr-status__label">{t(`schedule.status.${s}`)}</span>
                <b className="scr-status__value" style={{ color: s === 'not_started' ? undefined : STATUS_COLORS_DARK[s] }}>
                  {formatNumber(summary.statusCounts[s], lang)}
                </b>
              </div>
            ))}
          </div>
          <div className="scr-focus__late">
            <div className="scr-subtitle">{focus === 'city' ? t('screen.worstStreets') : t('screen.focusLate', { n: formatNumber(summary.late.length, lang) })}</div>
            {focus === 'city' ? <WorstStreets summary={summary} /> : <ScreenLateTicker rows={summary.late} visible={3} showDistrict={false} testId="screen-focus-late" />}
          </div>
        </>
      )}
    </div>
  )
}
