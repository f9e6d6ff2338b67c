import { useMemo } from 'react'
import { useI18n } from '../../i18n/i18n-context.js'
import { localeOf } from '../../i18n/format.js'
import { useBattle } from './battle-context.js'
import { stopIndexOf } from './drill.js'

/** Month labels under the slider: the first stop of each month, at its place on the track (0–1). */
function monthTicks(stops: readonly string[], locale: string): { at: number; label: string }[] {
  const fmt = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' })
  const out: { at: number; label: string }[] = []
  let last = ''
  stops.forEach((d, i) => {
    const month = d.slice(0, 7)
    if (month === last) return
    last = month
    out.push({ at: stops.length > 1 ? i / (stops.length - 1) : 0, label: fmt.format(new Date(d + 'T00:00:00Z')) })
  })
  return out
}

/** The bottom dock: replay the year week by week, or pick a week; today is the last stop and the live view. */
export function TimeDock() {
  const { t, lang } = useI18n()
  const { stops, asOf, setAsOf, playing, togglePlay, data } = useBattle()
  const index = stopIndexOf(stops, asOf)
  const shown = stops[index] ?? data.data?.summary.asOf ?? null
  const replaying = asOf !== null
  const ticks = useMemo(() => monthTicks(stops, localeOf(lang)), [stops, lang])
  const isToday = index === stops.length - 1
  return (
    <section
      className={`panel battle-dock ${replaying ? 'is-replaying' : ''}`}
      data-testid="battle-dock"
      data-map-obstacle="bottom"
      aria-label={t('battle.slider.label')}
    >
      <button
        type="button"
        className={`battle-play ${playing ? 'is-playing' : ''}`}
        onClick={togglePlay}
        disabled={stops.length < 2}
        aria-pressed={playing}
        title={t('battle.slider.playTitle')}
        data-testid="battle-play"
      >
        <span className="battle-play__icon" aria-hidden="true">
          {playing ? '❚❚' : '▶'}
        </span>
        {playing ? t('battle.slider.pause') : t('battle.slider.play')}
      </button>
      <div className="battle-dock__track">
        <input
          type="range"
          className="battle-slider"
          min={0}
          max={Math.max(0, stops.length - 1)}
          step={1}
          value={Math.max(0, index)}
          disabled={stops.length < 2}
          onChange={(e) => {
            const i = Number(e.target.value)
            setAsOf(i >= stops.length - 1 ? null : stops[i])
          }}
          aria-label={t('battle.slider.label')}
          aria-valuetext={shown ?? undefined}
          data-testid="battle-slider"
          data-as-of={shown ?? ''}
        />
        <div className="battle-dock__ticks" aria-hidden="true">
          {ticks.map((tick) => (
            <span key={tick.at} style={{ left: `${tick.at * 100}%` }}>
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      <div className="battle-dock__when">
        <span className="battle-dock__date">{shown ?? '—'}</span>
        <span className="battle-dock__week">{isToday ? t('battle.slider.todayMark') : t('battle.slider.week', { n: index + 1 })}</span>
      </div>
      {replaying ? (
        <>
          <span className="battle-replay-chip" role="status" data-testid="battle-replay-chip">
            {t('battle.slider.replaying', { date: shown ?? '' })}
          </span>
          <button type="button" className="btn btn--small battle-today" onClick={() => setAsOf(null)} data-testid="battle-today">
            {t('battle.slider.today')}
          </button>
        </>
      ) : (
        <span className="battle-current-chip">{t('battle.slider.current', { date: shown ?? '' })}</span>
      )}
    </section>
  )
}
