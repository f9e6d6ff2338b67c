import type { AuditQuery, AuditVerifyResponse, CreateUserBody, DemoAccount, SessionResponse, UpdateUserBody, UserAccount, UserWithTemporaryPassword } from '../../core/contracts/auth.js'
import type { StageDatesPatch, CommunityPatch, ProgressReportBody } from '../../core/contracts/communities.js'
import type { StageRecordRow } from '../../core/contracts/responses.js'
import type { AuditEntry } from '../../core/audit/audit-entry.js'
import type { Role } from '../../core/auth/roles.js'
import type { Community, ProgressReport } from '../../core/domain/entities.js'
import type { Stage } from '../../core/domain/stages.js'
import { downloadUrl, getJson, sendJson, type QueryParams } from './http.js'

export type AuditFilters = Partial<Omit<AuditQuery, 'format'>>

const auditParams = (f: AuditFilters): QueryParams => ({ ...f })

/** Sign-in, accounts, the audit trail and the edits that need a signed-in user. */
export const authApi = {
  me: () => getJson<SessionResponse>('/api/auth/me'),
  login: (username: string, password: string) => sendJson<SessionResponse>('POST', '/api/auth/login', { username, password }),
  logout: () => sendJson<null>('POST', '/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    sendJson<SessionResponse>('POST', '/api/auth/password', { currentPassword, newPassword }),
  demoAccounts: () => getJson<DemoAccount[]>('/api/auth/demo-accounts'),

  users: (q: { role?: Role; q?: string } = {}) => getJson<UserAccount[]>('/api/users', q),
  createUser: (body: CreateUserBody) => sendJson<UserWithTemporaryPassword>('POST', '/api/users', body),
  updateUser: (id: number, body: UpdateUserBody) => sendJson<UserAccount>('PATCH', `/api/users/${id}`, body),
  resetPassword: (id: number, version: number) => sendJson<UserWithTemporaryPassword>('POST', `/api/users/${id}/reset-password`, { version }),

  audit: (f: AuditFilters) => getJson<{ total: number; rows: AuditEntry[] }>('/api/audit', auditParams(f)),
  auditCsvUrl: (f: AuditFilters) => downloadUrl('/api/audit', { ...auditParams(f), format: 'csv', limit: undefined, offset: undefined }),
  verifyAudit: () => getJson<AuditVerifyResponse>('/api/audit/verify'),

  patchCommunity: (id: number, patch: CommunityPatch) => sendJson<Community>('PATCH', `/api/communities/${id}`, patch),
  reportProgress: (id: number, body: ProgressReportBody) =>
    sendJson<{ report: ProgressReport; community: Community }>('POST', `/api/communities/${id}/progress`, body),
  patchStageDates: (id: number, stage: Stage, patch: StageDatesPatch) =>
    sendJson<StageRecordRow>('PATCH', `/api/communities/${id}/stages/${stage}`, patch),
}
