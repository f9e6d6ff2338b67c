import { STAGES, STAGE_COLORS, type Stage } from '../../core/domain/stages.js'
import { useI18n } from '../i18n/i18n-context.js'
import { formatNumber } from '../i18n/format.js'

/** The stages present, in workflow order, with their counts and shares. */
export function stageMixSegments(mix: Partial<Record<Stage, number>>): { stage: Stage; count: number; share: number }[] {
  const total = STAGES.reduce((s, st) => s + (mix[st] ?? 0), 0)
  if (total <= 0) return []
  return STAGES.filter((s) => (mix[s] ?? 0) > 0).map((s) => ({ stage: s, count: mix[s] ?? 0, share: (mix[s] ?? 0) / total }))
}

/** How many member communities are at each stage: one stacked bar in the stage colours, with a legend. */
export function ClusterStageMix({ mix }: { mix: Partial<Record<Stage, number>> }) {
  const { t, lang } = useI18n()
  const segments = stageMixSegments(mix)
  if (segments.length === 0) return <div className="cluster-stage-mix__empty">—</div>
  return (
    <div className="cluster-stage-mix" data-testid="cluster-stage-mix">
      <div className="cluster-stage-mix__bar" role="img" aria-label={segments.map((s) => `${t(`stage.${s.stage}`)} ${s.count}`).join(lang === 'zh' ? '，' : ', ')}>
        {segments.map((s) => (
          <span
            key={s.stage}
            className="cluster-stage-mix__seg"
            style={{ width: `${s.share * 100}%`, background: STAGE_COLORS[s.stage] }}
            title={t('clusters.stats.stageSeg', { stage: t(`stage.${s.stage}`), n: formatNumber(s.count, lang) })}
          />
        ))}
      </div>
      <ul className="cluster-stage-mix__legend">
        {segments.map((s) => (
          <li key={s.stage}>
            <span className="cluster-stage-mix__dot" style={{ background: STAGE_COLORS[s.stage] }} aria-hidden="true" />
            {t(`stage.${s.stage}`)}
            <b>{formatNumber(s.count, lang)}</b>
          </li>
        ))}
      </ul>
    </div>
  )
}
