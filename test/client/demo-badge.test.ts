import { describe, expect, it } from 'vitest'
import { stripBadgePrefix } from '../../client/app/demo-badge.js'

describe('the demo badge label', () => {
  it('does not repeat "演示数据" when the dataset label already starts with it', () => {
    expect(stripBadgePrefix('演示数据：虚构城市「清河市」', '演示数据')).toBe('虚构城市「清河市」')
    expect(stripBadgePrefix('Demo data: the fictional city of Qinghe', 'Demo data')).toBe('the fictional city of Qinghe')
  })

  it('keeps a label that names the dataset some other way', () => {
    expect(stripBadgePrefix('清河市 2026 年样例', '演示数据')).toBe('清河市 2026 年样例')
  })
})
