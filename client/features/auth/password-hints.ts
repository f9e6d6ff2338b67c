import { checkPassword, type PasswordPolicy, type PasswordProblem } from '../../../core/auth/password-policy.js'
import type { Translate } from '../../i18n/i18n-context.js'

/** One line of the live checklist under the new-password field. */
export interface PasswordRule {
  id: 'length' | 'classes' | 'common' | 'username'
  met: boolean
}

/**
 * The policy as a checklist, each rule ticked or not for the password typed so far. The common-password
 * list stays on the server; only trivial runs (12345678, aaaaaaaa) are caught here.
 */
export function passwordRules(pw: string, policy: PasswordPolicy, username: string): PasswordRule[] {
  const problems = checkPassword(pw, policy, { username })
  const broken = new Set(problems.map((p) => p.code))
  const rules: PasswordRule[] = [{ id: 'length', met: pw.length > 0 && !broken.has('too_short') && !broken.has('too_long') }]
  if (policy.minCharClasses > 0) rules.push({ id: 'classes', met: pw.length > 0 && !broken.has('char_classes') })
  if (policy.rejectCommon) rules.push({ id: 'common', met: pw.length > 0 && !broken.has('common') })
  if (policy.rejectUsername) rules.push({ id: 'username', met: pw.length > 0 && !broken.has('contains_username') })
  return rules
}

/** The problems from a 400 password_rejected, or none when the details are not the expected shape. */
export function rejectedProblems(details: unknown): PasswordProblem[] {
  const problems = typeof details === 'object' && details !== null ? (details as { problems?: unknown }).problems : undefined
  if (!Array.isArray(problems)) return []
  return problems.filter((p): p is PasswordProblem => typeof p === 'object' && p !== null && typeof (p as { code?: unknown }).code === 'string')
}

/** One broken password rule in the interface language (sign-up by an admin, or a user changing theirs). */
export function passwordProblemText(p: PasswordProblem, t: Translate): string {
  switch (p.code) {
    case 'too_short':
      return t('password.problem.too_short', { min: p.min })
    case 'too_long':
      return t('password.problem.too_long', { max: p.max })
    case 'common':
      return t('password.problem.common')
    case 'contains_username':
      return t('password.problem.contains_username')
    case 'char_classes':
      return t('password.problem.char_classes', { required: p.required, found: p.found })
    case 'same_as_current':
      return t('password.problem.same_as_current')
    default:
      return t('password.problem.other')
  }
}
