import { useEffect, useState } from 'react'
import { CLUSTER_STATUSES, type ClusterRow, type ClusterStatus } from '../../../core/contracts/clusters.js'
import { ClusterStageMix } from '../../charts/cluster-stage-mix.js'
import { Notice } from '../../components/ui/notice.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber, formatPercent } from '../../i18n/format.js'
import { clusterColor } from '../../layers/cluster-colors.js'
import { investmentScale, moneyKpi } from '../communities/kpi-values.js'
import { FlagList, ResidentsBar, StatusChip } from './cluster-bits.js'
import { useClusters } from './cluster-context.js'
import { useClusterDialogs } from './cluster-dialogs.js'
import { residentsBand } from './cluster-flags.js'
import { usePackages } from './package-context.js'
import { formatFloorArea } from './package-panel.js'

function CoverageBar({ label, share }: { label: string; share: number | null }) {
  const { t, lang } = useI18n()
  return (
    <div className="cluster-walk">
      <span className="cluster-walk__label">{label}</span>
      <span className="cluster-walk__bar" aria-hidden="true">
        <span style={{ width: `${Math.max(0, Math.min(1, share ?? 0)) * 100}%` }} />
      </span>
      <b className="cluster-walk__value">{share === null ? t('clusters.stats.noCoverage') : formatPercent(share, lang, 0)}</b>
    </div>
  )
}

/** Rename, status and notes of the selected 片区 (each saved on its own, each undoable). */
function EditFields({ row }: { row: ClusterRow }) {
  const { t } = useI18n()
  const { rename, setStatus, setNotes, saving } = useClusters()
  const [name, setName] = useState(row.name)
  const [notes, setNotesText] = useState(row.notes)
  useEffect(() => setName(row.name), [row.id, row.name])
  useEffect(() => setNotesText(row.notes), [row.id, row.notes])
  const locked = row.status === 'approved'
  const commitName = () => {
    const trimmed = name.trim()
    if (!trimmed) setName(row.name)
    else if (trimmed !== row.name) void rename(trimmed)
  }
  return (
    <div className="cluster-edit">
      <label className="field" htmlFor="cluster-rename">
        <span className="field__label">{t('clusters.stats.name')}</span>
        <input
          id="cluster-rename"
          className="field__input"
          value={name}
          maxLength={60}
          disabled={locked}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur()
            if (e.key === 'Escape') setName(row.name)
          }}
          data-testid="cluster-rename"
          title={locked ? t('clusters.stats.lockedName') : undefined}
        />
      </label>
      <label className="field" htmlFor="cluster-status">
        <span className="field__label">{t('clusters.stats.status')}</span>
        <select
          id="cluster-status"
          className="field__select"
          value={row.status}
          disabled={saving}
          onChange={(e) => void setStatus(e.target.value as ClusterStatus)}
          data-testid="cluster-status"
        >
          {CLUSTER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`clusters.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field cluster-edit__notes" htmlFor="cluster-notes">
        <span className="field__label">{t('clusters.stats.notes')}</span>
        <textarea
          id="cluster-notes"
          className="field__input cluster-edit__textarea"
          value={notes}
          maxLength={2000}
          rows={2}
          placeholder={t('clusters.stats.notesPlaceholder')}
          onChange={(e) => setNotesText(e.target.value)}
          onBlur={() => notes !== row.notes && void setNotes(notes)}
          data-testid="cluster-notes"
        />
      </label>
    </div>
  )
}

/** The right-hand card: the selected 片区's figures, its rule flags explained, its package, and what can be done with it. */
export function ClusterStatsPanel() {
  const { t, lang } = useI18n()
  const { selected, select, colors, rules, canEdit, selection, setTool, showMessage, clusters } = useClusters()
  const { packages } = usePackages()
  const { open } = useClusterDialogs()

  if (!selected) {
    return (
      <section className="panel cluster-stats cluster-stats--empty" data-testid="cluster-stats-empty">
        <h2 className="panel__title">{t('clusters.stats.title')}</h2>
        <p className="cluster-stats__help">{t('clusters.stats.pick')}</p>
        {canEdit && (
          <ol className="cluster-stats__steps">
            <li>{t('clusters.stats.step1')}</li>
            <li>{t('clusters.stats.step2')}</li>
            <li>{t('clusters.stats.step3')}</li>
          </ol>
        )}
      </section>
    )
  }

  const s = selected.stats
  const band = residentsBand(selected.residents, rules)
  const money = moneyKpi(s.investmentPlannedWan, investmentScale(s.investmentPlannedWan, lang), lang)
  const area = formatFloorArea(s.floorAreaM2, lang)
  const pkg = selected.packageId === null ? null : packages.find((p) => p.id === selected.packageId)
  const locked = selected.status === 'approved'
  const members = new Set(selected.memberIds)
  const splitIds = [...selection].filter((id) => members.has(id))
  const canSplit = splitIds.length > 0 && splitIds.length === selection.size && splitIds.length < selected.memberIds.length
  const startSplit = () => {
    if (canSplit) {
      open({ kind: 'split' })
      return
    }
    setTool('lasso')
    showMessage({ tone: 'info', key: 'clusters.msg.splitHowTo', params: { name: selected.name } })
  }

  return (
    <section className="panel cluster-stats" data-testid="cluster-stats" data-cluster-id={selected.id} aria-label={selected.name}>
      <header className="cluster-stats__head">
        <Swatch color={clusterColor(colors.get(selected.id) ?? 0)} />
        <h2 className="cluster-stats__name" title={selected.name}>
          {selected.name}
        </h2>
        <StatusChip status={selected.status} />
        <button type="button" className="icon-btn cluster-stats__close" onClick={() => select(null)} aria-label={t('clusters.stats.close')} title={t('clusters.stats.close')}>
          ×
        </button>
      </header>

      <div className="cluster-stats__body">
        <div className={`cluster-residents is-${band}`} data-testid="cluster-stat-residents" data-value={selected.residents}>
          <div className="cluster-residents__label">{t('clusters.stats.residents')}</div>
          <div className="cluster-residents__value">
            {formatNumber(selected.residents, lang)}
            <span className="cluster-residents__unit">{t('clusters.stats.residentsUnit')}</span>
            <span className={`cluster-residents__band is-${band}`}>{t(`clusters.band.${band}`)}</span>
          </div>
          <ResidentsBar residents={selected.residents} rules={rules} size="md" />
          <div className="cluster-residents__bounds">
            {t('clusters.stats.bounds', { min: formatNumber(rules.minResidents, lang), max: formatNumber(rules.maxResidents, lang), target: formatNumber(rules.targetResidents, lang) })}
          </div>
        </div>

        <dl className="cluster-kpis">
          <div data-testid="cluster-stat-communities" data-value={s.communities}>
            <dt>{t('clusters.stats.communities')}</dt>
            <dd>
              {formatNumber(s.communities, lang)}
              <small>{t('clusters.stats.unitCommunities')}</small>
            </dd>
          </div>
          <div>
            <dt>{t('clusters.stats.buildings')}</dt>
            <dd>
              {formatNumber(s.buildings, lang)}
              <small>{t('clusters.stats.unitBuildings')}</small>
            </dd>
          </div>
          <div>
            <dt>{t('clusters.stats.households')}</dt>
            <dd>
              {formatNumber(s.households, lang)}
              <small>{t('clusters.stats.unitHouseholds')}</small>
            </dd>
          </div>
          <div>
            <dt>{t('clusters.stats.floorArea')}</dt>
            <dd>
              {area.value}
              <small>{area.unit}</small>
            </dd>
          </div>
          <div className="cluster-kpis__wide">
            <dt>{t('clusters.stats.investment')}</dt>
            <dd>
              {money.value}
              <small>{t(money.unitKey)}</small>
            </dd>
          </div>
        </dl>

        <h3 className="cluster-stats__section">{t('clusters.stats.stageMix')}</h3>
        <ClusterStageMix mix={s.stageMix} />

        <h3 className="cluster-stats__section">{t('clusters.stats.walking')}</h3>
        <CoverageBar label={t('clusters.stats.kindergarten')} share={s.walkingCoverage.kindergarten} />
        <CoverageBar label={t('clusters.stats.elderlyCare')} share={s.walkingCoverage.elderlyCare} />

        <h3 className="cluster-stats__section">{t('clusters.stats.rules')}</h3>
        {selected.flags.length === 0 ? (
          <div className="cluster-stats__ok">✓ {t('clusters.stats.allRules')}</div>
        ) : (
          <FlagList flags={selected.flags} rules={rules} residents={selected.residents} />
        )}

        <h3 className="cluster-stats__section">{t('clusters.stats.package')}</h3>
        <div className="cluster-stats__package" data-testid="cluster-package">
          {pkg ? <b>{pkg.name}</b> : <span className="muted-cell">{t('clusters.stats.noPackage')}</span>}
        </div>

        {canEdit && (
          <>
            <h3 className="cluster-stats__section">{t('clusters.stats.edit')}</h3>
            {locked && <Notice tone="info">{t('clusters.stats.locked')}</Notice>}
            <EditFields row={selected} />
            <div className="cluster-stats__actions">
              <button type="button" className="btn btn--small" onClick={startSplit} disabled={locked} data-testid="cluster-split" title={t('clusters.stats.splitTitle')}>
                {t('clusters.stats.split')}
              </button>
              <button
                type="button"
                className="btn btn--small"
                onClick={() => open({ kind: 'merge' })}
                disabled={locked || clusters.length < 2}
                data-testid="cluster-merge"
                title={t('clusters.stats.mergeTitle')}
              >
                {t('clusters.stats.merge')}
              </button>
              <button type="button" className="btn btn--small cluster-stats__delete" onClick={() => open({ kind: 'delete' })} disabled={locked} data-testid="cluster-delete">
                {t('clusters.stats.delete')}
              </button>
            </div>
          </>
        )}
      </div>
    </section>
  )
}
