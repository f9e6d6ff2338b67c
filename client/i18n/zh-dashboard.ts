/** Chinese messages of the dashboard pages (merged into `zh`, the source of keys). */
export const zhDashboard = {
  'nav.dashboard': '进度看板',
}
