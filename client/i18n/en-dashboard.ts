import type { zhDashboard } from './zh-dashboard.js'

/** English messages of the dashboard pages. */
export const enDashboard: Record<keyof typeof zhDashboard, string> = {
  'nav.dashboard': 'Dashboard',
}
