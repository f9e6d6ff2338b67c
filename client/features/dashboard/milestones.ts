import type { MilestoneStatus } from '../../../core/contracts/schedule.js'
import { formatNumber, type Lang } from '../../i18n/format.js'
import type { Translate } from '../../i18n/i18n-context.js'

export type MilestoneState = 'met' | 'upcoming' | 'due_today' | 'overdue'

/**
 * Where a milestone stands: met once every community meets it (whatever the date), otherwise counting
 * down to its due date, due today, or overdue by `days`.
 */
export function milestoneState(m: Pick<MilestoneStatus, 'daysLeft' | 'met' | 'total'>): { state: MilestoneState; days: number } {
  if (m.total > 0 && m.met >= m.total) return { state: 'met', days: Math.max(0, m.daysLeft) }
  if (m.daysLeft > 0) return { state: 'upcoming', days: m.daysLeft }
  if (m.daysLeft === 0) return { state: 'due_today', days: 0 }
  return { state: 'overdue', days: -m.daysLeft }
}

/** Share of communities meeting it (0–1). */
export function milestoneShare(m: Pick<MilestoneStatus, 'met' | 'total'>): number {
  return m.total > 0 ? Math.min(1, m.met / m.total) : 0
}

/** The next milestone still ahead (due today or later, not yet met), earliest first; null when none is. */
export function nextMilestone<M extends Pick<MilestoneStatus, 'daysLeft' | 'met' | 'total' | 'date'>>(milestones: readonly M[]): M | null {
  let best: M | null = null
  for (const m of milestones) {
    const { state } = milestoneState(m)
    if (state !== 'upcoming' && state !== 'due_today') continue
    if (!best || m.date < best.date) best = m
  }
  return best
}

/** '还剩 14 天', '今天到期', '已过期 16 天' or '已达成'. */
export function milestoneText(m: Pick<MilestoneStatus, 'daysLeft' | 'met' | 'total'>, t: Translate, lang: Lang): string {
  const { state, days } = milestoneState(m)
  switch (state) {
    case 'met':
      return t('dashboard.milestone.met')
    case 'due_today':
      return t('dashboard.milestone.dueToday')
    case 'upcoming':
      return t('dashboard.milestone.daysLeft', { n: formatNumber(days, lang) })
    case 'overdue':
      return t('dashboard.milestone.overdue', { n: formatNumber(days, lang) })
  }
}
