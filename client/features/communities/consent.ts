/** The consent-survey precondition (003, 规划设计前置): at least 2/3 of owners consulted, at least 3/4 of those agree. */
export const CONSULT_THRESHOLD = 2 / 3
export const AGREE_THRESHOLD = 3 / 4

export interface ConsentStatus {
  consultedShare: number | null
  agreeingShare: number | null
  consultedOk: boolean
  agreeingOk: boolean
}

export function computeConsent(c: { ownersTotal: number; ownersConsulted: number; ownersAgreeing: number }): ConsentStatus {
  const consultedShare = c.ownersTotal > 0 ? c.ownersConsulted / c.ownersTotal : null
  const agreeingShare = c.ownersConsulted > 0 ? c.ownersAgreeing / c.ownersConsulted : null
  return {
    consultedShare,
    agreeingShare,
    // Exact integer comparison so 2 of 3 owners counts as meeting 2/3.
    consultedOk: c.ownersTotal > 0 && c.ownersConsulted * 3 >= c.ownersTotal * 2,
    agreeingOk: c.ownersConsulted > 0 && c.ownersAgreeing * 4 >= c.ownersConsulted * 3,
  }
}
