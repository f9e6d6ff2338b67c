import { describe, expect, it } from 'vitest'
import { communityQueryParams } from '../../client/api/endpoints.js'
import { withQuery } from '../../client/api/http.js'

describe('API query strings', () => {
  it('drops empty parameters and keeps list commas readable', () => {
    const params = communityQueryParams({ district: [1, 2], stage: ['construction', 'design'], bbox: [117.1, 31.8, 117.3, 31.9] })
    expect(withQuery('/api/summary', params)).toBe('/api/summary?district=1,2&stage=construction,design&bbox=117.1,31.8,117.3,31.9')
    expect(withQuery('/api/summary', communityQueryParams({}))).toBe('/api/summary')
  })
})
