import type { CSSProperties } from 'react'
import type { ClusterRow, ProposalResponse } from '../../../core/contracts/clusters.js'
import { Swatch } from '../../components/ui/swatch.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { CLUSTER_COLORS, clusterColor } from '../../layers/cluster-colors.js'
import type { ClusterRules, ClusterTool } from './cluster-context.js'
import type { CommunityFacts } from './community-index.js'

export interface ClusterHover {
  id: number
  x: number
  y: number
}

const OFFSET = 14

function place(x: number, y: number): CSSProperties {
  const flip = typeof window !== 'undefined' && x > window.innerWidth - 640
  return flip ? { right: `calc(100% - ${x - OFFSET}px)`, top: y + OFFSET } : { left: x + OFFSET, top: y + OFFSET }
}

/** The hover card: the community, the 片区 it is in, and what a click would do. */
export function ClusterTooltip({
  hover,
  facts,
  owner,
  ownerColor,
  selected,
  canEdit,
  tool,
  inSelection,
  proposalKey,
  unassignedReason,
}: {
  hover: ClusterHover
  facts: CommunityFacts | undefined
  owner: ClusterRow | null
  ownerColor: number | null
  selected: ClusterRow | null
  canEdit: boolean
  tool: ClusterTool
  inSelection: boolean
  proposalKey: string | null
  unassignedReason: ProposalResponse['unassigned'][number]['reason'] | null
  rules: ClusterRules
}) {
  const { t, lang } = useI18n()
  let hint: string | null = null
  if (unassignedReason) hint = null
  else if (proposalKey) hint = t('clusters.tooltip.proposalHint')
  else if (tool === 'lasso') hint = inSelection ? t('clusters.tooltip.unselect') : t('clusters.tooltip.select')
  else if (canEdit && selected && selected.status !== 'approved') {
    if (owner?.id === selected.id) hint = t('clusters.tooltip.removeFrom', { name: selected.name })
    else if (owner) hint = t('clusters.tooltip.moveInto', { from: owner.name, name: selected.name })
    else hint = t('clusters.tooltip.addTo', { name: selected.name })
  } else if (owner) hint = owner.id === selected?.id ? null : t('clusters.tooltip.selectCluster')
  else if (canEdit) hint = inSelection ? t('clusters.tooltip.unselect') : t('clusters.tooltip.select')
  return (
    <div className="map-tooltip cluster-tooltip" style={place(hover.x, hover.y)} role="tooltip" data-testid="cluster-tooltip">
      <div className="map-tooltip__name">{facts?.name ?? '…'}</div>
      {facts && (
        <div className="map-tooltip__row">
          {facts.streetName}
          <span className="cluster-tooltip__residents">{t('clusters.residentsShort', { n: formatNumber(facts.residents, lang) })}</span>
        </div>
      )}
      <div className="map-tooltip__row cluster-tooltip__owner">
        <Swatch color={ownerColor === null ? CLUSTER_COLORS.free : clusterColor(ownerColor)} />
        {owner ? <b>{owner.name}</b> : <span>{t('clusters.tooltip.free')}</span>}
      </div>
      {unassignedReason && <div className="map-tooltip__row cluster-tooltip__warn">{t(`clusters.unassigned.${unassignedReason}`)}</div>}
      {inSelection && tool !== 'lasso' && <div className="map-tooltip__row cluster-tooltip__selected">{t('clusters.tooltip.inSelection')}</div>}
      {hint && <div className="map-tooltip__hint">{hint}</div>}
    </div>
  )
}
