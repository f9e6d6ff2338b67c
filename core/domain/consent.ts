/** The consent-survey precondition (003, 规划设计前置): at least 2/3 of owners consulted, at least 3/4 of those agree. */
export const CONSULT_THRESHOLD = 2 / 3
export const AGREE_THRESHOLD = 3 / 4

/** Thresholds as exact fractions, so that 2 of 3 owners meets 2/3; a city's policy profile may set others. */
export interface ConsentThresholds { consulted: [number, number]; agreeing: [number, number] }
export const DEFAULT_CONSENT_THRESHOLDS: ConsentThresholds = { consulted: [2, 3], agreeing: [3, 4] }

export interface ConsentStatus {
  consultedShare: number | null
  agreeingShare: number | null
  consultedOk: boolean
  agreeingOk: boolean
}

export function computeConsent(
  c: { ownersTotal: number; ownersConsulted: number; ownersAgreeing: number },
  t: ConsentThresholds = DEFAULT_CONSENT_THRESHOLDS,
): ConsentStatus {
  const consultedShare = c.ownersTotal > 0 ? c.ownersConsulted / c.ownersTotal : null
  const agreeingShare = c.ownersConsulted > 0 ? c.ownersAgreeing / c.ownersConsulted : null
  return {
    consultedShare,
    agreeingShare,
    // Integer cross-multiplication, never floating shares, at the threshold itself.
    consultedOk: c.ownersTotal > 0 && c.ownersConsulted * t.consulted[1] >= c.ownersTotal * t.consulted[0],
    agreeingOk: c.ownersConsulted > 0 && c.ownersAgreeing * t.agreeing[1] >= c.ownersConsulted * t.agreeing[0],
  }
}
