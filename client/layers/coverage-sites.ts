import { ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import type { SitedFacility } from '../../core/contracts/coverage.js'

export const COVERAGE_SITES_LAYER_ID = 'coverage-sites'
export const COVERAGE_SITE_LABELS_LAYER_ID = 'coverage-site-labels'

const SUGGESTED: [number, number, number, number] = [124, 58, 237, 245]
const ADOPTED: [number, number, number, number] = [71, 85, 105, 235]

export interface SiteLayerOptions {
  /** The suggestions of one siting run; keep the array between renders. */
  data: SitedFacility[]
  /** Ranks already saved as planned facilities, drawn grey; recoloured through updateTriggers. */
  adoptedRanks: ReadonlySet<number>
  /** The rank the user pointed at in the list, drawn larger. */
  highlightedRank: number | null
}

/** Suggested sites as numbered violet discs (a colour no facility type uses), the number drawn on top. */
export function createSiteLayers({ data, adoptedRanks, highlightedRank }: SiteLayerOptions) {
  const adoptedKey = [...adoptedRanks].sort((a, b) => a - b).join(',')
  const visible = data.length > 0
  return [
    new ScatterplotLayer<SitedFacility>({
      id: COVERAGE_SITES_LAYER_ID,
      data,
      visible,
      pickable: false,
      stroked: true,
      filled: true,
      radiusUnits: 'pixels',
      getRadius: (s) => (s.rank === highlightedRank ? 15 : 12),
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5,
      getPosition: (s) => [s.lon, s.lat],
      getFillColor: (s) => (adoptedRanks.has(s.rank) ? ADOPTED : SUGGESTED),
      getLineColor: [255, 255, 255, 255],
      updateTriggers: { getFillColor: [adoptedKey], getRadius: [highlightedRank] },
    }),
    new TextLayer<SitedFacility>({
      id: COVERAGE_SITE_LABELS_LAYER_ID,
      data,
      visible,
      pickable: false,
      getPosition: (s) => [s.lon, s.lat],
      // Digits only: the default ASCII character set covers them, no CJK font atlas needed.
      getText: (s) => String(s.rank),
      getSize: 13,
      sizeUnits: 'pixels',
      getColor: [255, 255, 255, 255],
      fontFamily: 'Helvetica Neue, Arial, sans-serif',
      fontWeight: 700,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
  ]
}
