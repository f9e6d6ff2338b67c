import type { TagTone } from '../../components/ui/tag.js'
import type { Translate } from '../../i18n/i18n-context.js'
import { zh, type MessageKey } from '../../i18n/zh.js'
import type { ScopeNames } from '../admin/scope-name.js'
import { formatAuditValue } from './audit-diff.js'

/** The actions the server records (the filter offers these; rows with others still show, by their code). */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.login_failed',
  'auth.password_change',
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.reset_password',
  'community.update',
  'progress.report',
  'stage.update',
  'plan_year.update',
] as const

export const AUDIT_ENTITY_TYPES = ['community', 'stage_record', 'progress_report', 'user', 'session', 'plan_year'] as const

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key)
}

/** The label of a key made from a code, or the code itself when there is no label for it. */
function labelOr(t: Translate, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback
}

export const auditActionLabel = (action: string, t: Translate) => labelOr(t, `audit.action.${action}`, action)
export const auditEntityLabel = (entityType: string, t: Translate) => labelOr(t, `audit.entity.${entityType}`, entityType)
export const roleLabel = (role: string | null, t: Translate) => (role ? labelOr(t, `role.${role}`, role) : '—')

/** Sign-in failures stand out; account changes are amber, sign-ins blue, data edits green. */
export function auditActionTone(action: string): TagTone {
  if (action === 'auth.login_failed' || action === 'user.disable') return 'bad'
  if (action.startsWith('auth.')) return 'info'
  if (action.startsWith('user.')) return 'warn'
  return 'good'
}

/**
 * The label of a diff field path: 'funding.central' reads 资金来源 · 中央补助 where both parts have labels
 * (the nested part is looked up under its parent's name, then as is).
 */
export function auditFieldLabel(path: string, t: Translate): string {
  if (path === '') return '—'
  const [head, ...rest] = path.split('.')
  const parts = [labelOr(t, `audit.field.${head}`, head)]
  for (const seg of rest) parts.push(labelOr(t, `${head}.${seg}`, seg))
  return parts.join(' · ')
}

/** Fields whose values are codes of a labelled enumeration, by the prefix of their labels. */
const ENUM_FIELDS: Record<string, string> = {
  role: 'role',
  actorRole: 'role',
  stage: 'stage',
  ownershipType: 'ownership',
  managementMode: 'management',
  libraryTier: 'tier',
}

/** A value of a diff row in words: enum codes labelled, yes/no, places by name, outlines summarised. */
export function formatAuditFieldValue(path: string, value: unknown, t: Translate, names?: ScopeNames): string {
  if (value === undefined || value === null) return '—'
  const field = path.split('.').pop() ?? path
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no')
  if (field === 'geometry' && typeof value === 'object') return t('audit.geometryValue')
  if (typeof value === 'string' && ENUM_FIELDS[field]) return labelOr(t, `${ENUM_FIELDS[field]}.${value}`, value)
  if (field === 'deficiencies' && Array.isArray(value)) {
    return value.map((d) => labelOr(t, `deficiency.${String(d)}`, String(d))).join(t('admin.listSeparator'))
  }
  if (typeof value === 'number' && names && (field === 'districtId' || field === 'streetId')) {
    const list: readonly { id: number; name: string }[] = field === 'districtId' ? names.districts : names.streets
    const name = list.find((x) => x.id === value)?.name
    return name ? `${name} (#${value})` : `#${value}`
  }
  return formatAuditValue(value)
}

/** Something to recognise the record by, from its images: a name, a username, a stage. */
export function auditSubjectOf(before: unknown, after: unknown): string | null {
  for (const img of [after, before]) {
    if (typeof img !== 'object' || img === null) continue
    const o = img as Record<string, unknown>
    for (const k of ['name', 'username', 'displayName']) if (typeof o[k] === 'string' && o[k]) return o[k] as string
  }
  return null
}
