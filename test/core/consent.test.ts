import { describe, expect, it } from 'vitest'
import { computeConsent } from '../../core/domain/consent.js'

describe('the consent survey precondition', () => {
  it('is met at exactly 2/3 consulted and 3/4 of those agreeing', () => {
    const c = computeConsent({ ownersTotal: 300, ownersConsulted: 200, ownersAgreeing: 150 })
    expect(c.consultedOk).toBe(true)
    expect(c.agreeingOk).toBe(true)
    expect(c.consultedShare).toBeCloseTo(2 / 3)
    expect(c.agreeingShare).toBeCloseTo(0.75)
  })

  it('fails one owner short of either threshold', () => {
    expect(computeConsent({ ownersTotal: 300, ownersConsulted: 199, ownersAgreeing: 199 }).consultedOk).toBe(false)
    expect(computeConsent({ ownersTotal: 300, ownersConsulted: 200, ownersAgreeing: 149 }).agreeingOk).toBe(false)
  })

  it('has no shares and passes nothing before anyone is consulted', () => {
    const c = computeConsent({ ownersTotal: 120, ownersConsulted: 0, ownersAgreeing: 0 })
    expect(c.agreeingShare).toBeNull()
    expect(c.consultedOk).toBe(false)
    expect(c.agreeingOk).toBe(false)
  })
})
