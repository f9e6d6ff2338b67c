import { ApiError } from '../../api/http.js'
import type { Translate } from '../../i18n/i18n-context.js'
import { passwordProblemText, rejectedProblems } from '../auth/password-hints.js'

/** A failure as the admin screens show it: one sentence, and the broken rules for a rejected password. */
export interface UserErrorMessage {
  message: string
  items: string[]
}

/**
 * The localized message for a failed user-account call. Version conflicts are not handled here: the page
 * shows them in their own dialog with the current record.
 */
export function describeUserError(err: unknown, t: Translate, ctx: { username?: string } = {}): UserErrorMessage {
  if (!(err instanceof ApiError)) return { message: t('admin.error.generic', { message: String(err) }), items: [] }
  switch (err.code) {
    case 'password_rejected':
      return { message: t('admin.error.password_rejected'), items: rejectedProblems(err.details).map((p) => passwordProblemText(p, t)) }
    case 'username_taken':
      return { message: t('admin.error.username_taken', { username: ctx.username ?? '' }), items: [] }
    case 'invalid_scope':
      return { message: t('admin.error.invalid_scope'), items: [] }
    case 'cannot_disable_self':
      return { message: t('admin.error.cannot_disable_self'), items: [] }
    case 'last_admin':
      return { message: t('admin.error.last_admin'), items: [] }
    case 'version_conflict':
      return { message: t('admin.error.version_conflict'), items: [] }
    case 'not_found':
      return { message: t('admin.error.not_found'), items: [] }
    case 'invalid_request':
      return { message: t('admin.error.invalid_request', { message: err.message }), items: [] }
    case 'network':
      return { message: t('admin.error.network'), items: [] }
  }
  if (err.status === 403) return { message: t('admin.error.forbidden'), items: [] }
  if (err.status === 401) return { message: t('admin.error.unauthenticated'), items: [] }
  if (err.status === 429) return { message: t('admin.error.throttled'), items: [] }
  return { message: t('admin.error.generic', { message: err.message }), items: [] }
}
