import type { ConflictDetails } from '../../../../core/contracts/responses.js'
import type { Community } from '../../../../core/domain/entities.js'
import type { ApiError } from '../../../api/http.js'
import type { Translate } from '../../../i18n/i18n-context.js'
import type { ScopeNoticeParams } from './scope-notice.js'

/** Why a write to a community failed, as the panel explains it. */
export type WriteFailure =
  | { kind: 'forbidden_scope' }
  | { kind: 'forbidden' }
  | { kind: 'csrf' }
  | { kind: 'password_change' }
  | { kind: 'conflict'; details: ConflictDetails<Community> }
  | { kind: 'invalid' }
  | { kind: 'not_found' }
  | { kind: 'network' }
  | { kind: 'other'; code: string }

/** The conflict details of a 409, or null when the body does not carry a current record. */
export function conflictDetailsOf(err: ApiError): ConflictDetails<Community> | null {
  const d = err.details as Partial<ConflictDetails<Community>> | undefined
  if (!d || typeof d !== 'object' || !d.current || typeof d.current !== 'object' || typeof d.current.version !== 'number') return null
  return { current: d.current, lastChange: d.lastChange ?? null }
}

export function classifyWriteError(err: ApiError): WriteFailure {
  switch (err.code) {
    case 'forbidden_scope':
      return { kind: 'forbidden_scope' }
    case 'forbidden':
      return { kind: 'forbidden' }
    case 'csrf':
      return { kind: 'csrf' }
    case 'password_change_required':
      return { kind: 'password_change' }
    case 'version_conflict': {
      const details = conflictDetailsOf(err)
      return details ? { kind: 'conflict', details } : { kind: 'other', code: err.code }
    }
    case 'invalid_request':
    case 'invalid_json':
      return { kind: 'invalid' }
    case 'not_found':
      return { kind: 'not_found' }
    case 'network':
      return { kind: 'network' }
    default:
      return { kind: 'other', code: err.code }
  }
}

/**
 * A failed write in words. `scope` names the community's place and the user's own, for a refusal on
 * scope; a version conflict has its own box and gets a generic line here.
 */
export function writeFailureText(f: WriteFailure, t: Translate, ctx: { roleLabel: string; scope: ScopeNoticeParams }): string {
  switch (f.kind) {
    case 'forbidden_scope':
      return t('scope.notice', { community: ctx.scope.community, own: ctx.scope.own })
    case 'forbidden':
      return t('write.forbidden', { role: ctx.roleLabel })
    case 'csrf':
      return t('write.csrf')
    case 'password_change':
      return t('write.passwordChange')
    case 'invalid':
      return t('write.invalid')
    case 'not_found':
      return t('write.notFound')
    case 'network':
      return t('write.network')
    case 'conflict':
      return t('conflict.title')
    case 'other':
      return t('write.failed', { code: f.code })
  }
}
