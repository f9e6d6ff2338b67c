import { useDelayedFlag } from '../coverage/use-delayed-flag.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { useBattle } from './battle-context.js'
import { scopeNode } from './drill.js'

interface Kpi {
  id: 'programme' | 'started' | 'completed' | 'done' | 'late' | 'at-risk'
  label: string
  title?: string
  value: number
  of?: number
  tone?: 'bad' | 'warn' | 'good' | 'done'
}

/** The strip of key figures for the drilled unit on the shown date: programme size, started, works done, accepted, late, at risk. */
export function BattleKpis() {
  const { t, lang } = useI18n()
  const { data, path, painted } = useBattle()
  const summary = data.data?.summary
  const unit = scopeNode(path)
  const stale = useDelayedFlag(data.fetching, 300)
  if (!summary) return <section className="panel battle-kpis is-empty" aria-busy="true" />
  const total = summary.kpis.communities
  const kpis: Kpi[] = [
    { id: 'programme', label: t('battle.kpi.programme'), value: total },
    { id: 'started', label: t('battle.kpi.started'), title: t('battle.kpi.startedTitle'), value: summary.kpis.started.value, of: total },
    { id: 'completed', label: t('battle.kpi.completed'), title: t('battle.kpi.completedTitle'), value: summary.kpis.completed.value, of: total, tone: 'good' },
    { id: 'done', label: t('battle.kpi.done'), title: t('battle.kpi.doneTitle'), value: summary.statusCounts.done, tone: 'done' },
    { id: 'late', label: t('battle.kpi.late'), title: t('battle.kpi.lateTitle'), value: summary.statusCounts.late, tone: 'bad' },
    { id: 'at-risk', label: t('battle.kpi.atRisk'), title: t('battle.kpi.atRiskTitle'), value: summary.statusCounts.at_risk, tone: 'warn' },
  ]
  const replaying = summary.asOf !== summary.today
  return (
    <section className={`panel battle-kpis ${stale ? 'is-stale' : ''}`} aria-label={t('battle.kpi.label')} data-testid="battle-kpis">
      <div className="battle-kpis__scope">
        <span className="battle-kpis__name">{unit?.name ?? t('battle.city')}</span>
        <span className={`battle-kpis__date ${replaying ? 'is-past' : ''}`}>{t('battle.kpi.scopeAsOf', { date: painted.asOf ?? summary.asOf })}</span>
      </div>
      {kpis.map((k) => (
        <div key={k.id} className={`battle-kpi ${k.tone ? `is-${k.tone}` : ''} ${k.value === 0 ? 'is-zero' : ''}`} title={k.title}>
          <span className="battle-kpi__label">{k.label}</span>
          <span className="battle-kpi__value">
            <b data-testid={`battle-kpi-${k.id}`} data-value={k.value}>
              {formatNumber(k.value, lang)}
            </b>
            {k.of !== undefined && <span className="battle-kpi__of">{t('battle.kpi.of', { n: formatNumber(k.of, lang) })}</span>}
          </span>
        </div>
      ))}
    </section>
  )
}
