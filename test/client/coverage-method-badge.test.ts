import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { CoverageResponse } from '../../core/contracts/coverage.js'
import { MethodBadge } from '../../client/features/coverage/coverage-results.js'
import { I18nProvider } from '../../client/i18n/i18n-context.js'

const base = {
  type: 'clinic',
  profile: 'standard',
  walkSpeedMps: 1,
  thresholdMinutes: 15,
  includePlanned: true,
  rows: [],
  summary: {} as CoverageResponse['summary'],
} as const

const render = (coverage: Partial<CoverageResponse>) =>
  renderToStaticMarkup(createElement(I18nProvider, null, createElement(MethodBadge, { coverage: { ...base, ...coverage } as CoverageResponse })))

describe('the method badge', () => {
  it('says the walk was measured along the streets when the network was used', () => {
    const html = render({ method: 'network', detourFactor: null })
    expect(html).toContain('data-method="network"')
    expect(html).toContain('沿路网步行距离')
    expect(html).not.toContain('仅供参考')
  })

  it('warns that a straight-line estimate is only indicative, with its detour factor', () => {
    const html = render({ method: 'straight-line', detourFactor: 1.3 })
    expect(html).toContain('coverage-method--straight')
    expect(html).toContain('直线距离 × 1.3（未加载路网，仅供参考）')
  })
})
