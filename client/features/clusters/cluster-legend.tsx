import { useI18n } from '../../i18n/i18n-context.js'
import { CLUSTER_COLORS, CLUSTER_PALETTE } from '../../layers/cluster-colors.js'
import { useClusters } from './cluster-context.js'
import { useProposals } from './proposal-context.js'

/** What the colours and lines on the map mean in this mode. */
export function ClusterLegend() {
  const { t } = useI18n()
  const { canEdit } = useClusters()
  const { preview, unassigned } = useProposals()
  const previewing = preview.size > 0
  return (
    <section className="panel cluster-legend" data-testid="cluster-legend" aria-label={t('clusters.legend.title')}>
      <h3 className="legend__title">{previewing ? t('clusters.legend.previewTitle') : t('clusters.legend.title')}</h3>
      <ul className="cluster-legend__list">
        <li>
          <span className="cluster-legend__palette" aria-hidden="true">
            {CLUSTER_PALETTE.slice(0, 6).map((c) => (
              <i key={c} style={{ background: c }} />
            ))}
          </span>
          {previewing ? t('clusters.legend.proposals') : t('clusters.legend.clusters')}
        </li>
        {previewing && (
          <li>
            <i className="cluster-legend__line is-dashed" aria-hidden="true" />
            {t('clusters.legend.previewLine')}
          </li>
        )}
        {previewing && unassigned.size > 0 && (
          <li>
            <i className="cluster-legend__line is-dashed is-unassigned" aria-hidden="true" />
            {t('clusters.legend.unassigned')}
          </li>
        )}
        {!previewing && (
          <li>
            <i className="cluster-legend__line is-outline" aria-hidden="true" />
            {t('clusters.legend.outline')}
          </li>
        )}
        <li>
          <i className="cluster-legend__fill" style={{ background: CLUSTER_COLORS.free }} aria-hidden="true" />
          {t('clusters.legend.free')}
        </li>
        {canEdit && (
          <li>
            <i className="cluster-legend__line is-selection" aria-hidden="true" />
            {t('clusters.legend.selection')}
          </li>
        )}
        <li>
          <i className="cluster-legend__line is-flag" aria-hidden="true" />
          {t('clusters.legend.flag')}
        </li>
      </ul>
    </section>
  )
}
