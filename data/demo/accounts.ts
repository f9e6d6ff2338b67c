import type { Role } from '../../core/auth/roles.js'

/**
 * The demo city's accounts, one per role, listed on the login page in demo mode only. Scoped accounts
 * answer for the first district (by id) and the first street of that district.
 */
export interface DemoAccountSpec {
  username: string
  password: string
  role: Role
  displayName: { zh: string; en: string }
  scope: 'none' | 'first_district' | 'first_street'
}

export const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  { username: 'demo-admin', password: 'Qinghe-Admin-2026', role: 'admin', displayName: { zh: '演示管理员', en: 'Demo administrator' }, scope: 'none' },
  { username: 'planner', password: 'Qinghe-Guihua-2026', role: 'planner', displayName: { zh: '李规划（演示）', en: 'Li, planner (demo)' }, scope: 'none' },
  { username: 'leader', password: 'Qinghe-Lingdao-2026', role: 'leader', displayName: { zh: '王领导（演示）', en: 'Wang, leader (demo)' }, scope: 'none' },
  { username: 'analyst', password: 'Qinghe-Fenxi-2026', role: 'analyst', displayName: { zh: '赵分析（演示）', en: 'Zhao, analyst (demo)' }, scope: 'none' },
  { username: 'district', password: 'Qinghe-Quji-2026', role: 'district_staff', displayName: { zh: '陈区级（演示）', en: 'Chen, district staff (demo)' }, scope: 'first_district' },
  { username: 'street', password: 'Qinghe-Jiedao-2026', role: 'street_staff', displayName: { zh: '刘街道（演示）', en: 'Liu, street staff (demo)' }, scope: 'first_street' },
]
