import type { ExpressionSpecification } from 'maplibre-gl'
import { STAGES, STAGE_COLORS } from '../../core/domain/stages.js'

/** Fallback for features whose stage code is unknown to this client. */
export const UNKNOWN_STAGE_COLOR = '#b8b8b8'

/** A MapLibre `match` on the tile property `stage` giving STAGE_COLORS. */
export function stageColorExpression(): ExpressionSpecification {
  const pairs = STAGES.flatMap((s) => [s, STAGE_COLORS[s]])
  return ['match', ['get', 'stage'], ...pairs, UNKNOWN_STAGE_COLOR] as unknown as ExpressionSpecification
}

/** '#rrggbb' → [r, g, b, a] for deck.gl accessors. */
export function hexToRgba(hex: string, alpha = 255): [number, number, number, number] {
  const h = hex.replace('#', '')
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h
  const n = parseInt(full, 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha]
}
