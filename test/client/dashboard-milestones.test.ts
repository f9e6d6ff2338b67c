import { describe, expect, it } from 'vitest'
import { createTranslator } from '../../client/i18n/i18n-context.js'
import { milestoneShare, milestoneState, milestoneText, nextMilestone } from '../../client/features/dashboard/milestones.js'

const zh = createTranslator('zh')
const en = createTranslator('en')
const m = (id: string, date: string, daysLeft: number, met: number, total = 307) => ({ id, date, daysLeft, met, total })

describe('milestone countdown', () => {
  it('counts down to a milestone still ahead', () => {
    expect(milestoneState(m('a', '2026-11-30', 14, 27))).toEqual({ state: 'upcoming', days: 14 })
    expect(milestoneText(m('a', '2026-11-30', 14, 27), zh, 'zh')).toBe('还剩 14 天')
    expect(milestoneText(m('a', '2026-11-30', 14, 27), en, 'en')).toBe('14 days left')
  })

  it('says a milestone is due today on its date', () => {
    expect(milestoneText(m('a', '2026-11-16', 0, 27), zh, 'zh')).toBe('今天到期')
  })

  it('says how many days a missed milestone is overdue', () => {
    expect(milestoneState(m('a', '2026-10-31', -16, 142))).toEqual({ state: 'overdue', days: 16 })
    expect(milestoneText(m('a', '2026-10-31', -16, 142), zh, 'zh')).toBe('已过期 16 天')
    expect(milestoneText(m('a', '2026-10-31', -1230, 142), en, 'en')).toBe('1,230 days overdue')
  })

  it('calls a milestone met once every community meets it, before or after its date', () => {
    expect(milestoneText(m('a', '2026-03-31', -230, 307), zh, 'zh')).toBe('已达成')
    expect(milestoneState(m('a', '2026-12-31', 45, 307)).state).toBe('met')
  })

  it('does not call an empty programme met', () => {
    expect(milestoneState(m('a', '2026-12-31', 5, 0, 0)).state).toBe('upcoming')
    expect(milestoneShare({ met: 0, total: 0 })).toBe(0)
  })

  it('picks the earliest milestone still ahead and not met as the next one', () => {
    const list = [m('late', '2026-12-31', 45, 3), m('past', '2026-10-31', -16, 142), m('soon', '2026-11-30', 14, 27), m('done', '2026-11-20', 4, 307)]
    expect(nextMilestone(list)?.id).toBe('soon')
    expect(nextMilestone([m('past', '2026-10-31', -16, 142)])).toBeNull()
  })
})
