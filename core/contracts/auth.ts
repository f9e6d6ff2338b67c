import { z } from 'zod'
import type { PasswordPolicy, PasswordProblem } from '../auth/password-policy.js'
import { ROLES, type Principal, type Role } from '../auth/roles.js'
import { intParam, isoDate } from './common.js'

export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(40, 'at most 40 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash and underscore only')
  .transform((s) => s.toLowerCase())

/** POST /api/auth/login */
export const loginSchema = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(1024) }).strict()
export type LoginBody = z.infer<typeof loginSchema>

/** POST /api/auth/password — change one's own password. */
export const changePasswordSchema = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) }).strict()
export type ChangePasswordBody = z.infer<typeof changePasswordSchema>

/** The public face of a user account (never the hash): the principal plus its administrative state. */
export interface UserAccount extends Principal {
  disabled: boolean
  mustChangePassword: boolean
  passwordChangedAt: string
  lastLoginAt: string | null
  createdAt: string
  updatedAt: string
  version: number
}

/** GET /api/auth/me and the body of a successful login. */
export interface SessionResponse {
  user: Principal
  /** Send back as the X-CSRF-Token header on every write. */
  csrfToken: string
  /** The session ends at this time whatever happens (absolute timeout), ISO UTC. */
  expiresAt: string
  idleTimeoutMinutes: number
  /** The password must be changed before anything else (a reset, or the rotation rule). */
  passwordChangeRequired: boolean
  policy: PasswordPolicy
}

/** GET /api/auth/demo-accounts — only when the demo city is loaded. */
export interface DemoAccount {
  username: string
  password: string
  role: Role
  displayName: string
  districtId: number | null
  streetId: number | null
  /** The district or street name the account answers for, for display. */
  scopeName: string | null
}

/** 400 body details when a new password breaks the policy. */
export interface PasswordRejectedDetails {
  problems: PasswordProblem[]
}

const scopeId = z.number().int().min(1).nullable().optional()

/** POST /api/users — without a password, a temporary one is generated and returned once. */
export const createUserSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(60),
    role: z.enum(ROLES),
    districtId: scopeId,
    streetId: scopeId,
    password: z.string().min(1).max(1024).optional(),
  })
  .strict()
export type CreateUserBody = z.infer<typeof createUserSchema>

/** PATCH /api/users/:id — every change carries the version the admin saw. */
export const updateUserSchema = z
  .object({
    displayName: z.string().trim().min(1).max(60).optional(),
    role: z.enum(ROLES).optional(),
    districtId: scopeId,
    streetId: scopeId,
    disabled: z.boolean().optional(),
    version: z.number().int().min(1),
  })
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'version'), 'nothing to change')
export type UpdateUserBody = z.infer<typeof updateUserSchema>

/** POST /api/users/:id/reset-password */
export const resetPasswordSchema = z.object({ version: z.number().int().min(1) }).strict()

/** The answer to creating a user or resetting a password: the temporary password is shown once. */
export interface UserWithTemporaryPassword {
  user: UserAccount
  temporaryPassword: string | null
}

export const userListQuerySchema = z.object({
  role: z.enum(ROLES).optional(),
  q: z.string().trim().min(1).max(50).optional(),
})

/** GET /api/audit — filters; dates are calendar days in China Standard Time, inclusive. */
export const auditQuerySchema = z
  .object({
    user: z.string().trim().min(1).max(100).optional(),
    action: z.string().trim().min(1).max(60).optional(),
    entityType: z.string().trim().min(1).max(40).optional(),
    entityId: z.string().trim().min(1).max(60).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: intParam(1, 1000).default(100),
    offset: intParam(0, 100_000_000).default(0),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, 'from must not be after to')
export type AuditQuery = z.infer<typeof auditQuerySchema>

/** GET /api/audit/verify */
export interface AuditVerifyResponse {
  ok: boolean
  rows: number
  headHash: string
  /** The first row whose hash or link does not match, when the chain is broken. */
  firstBrokenId: number | null
  problem: 'hash_mismatch' | 'link_mismatch' | null
}
