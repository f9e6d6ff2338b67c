/**
 * Password rules as data. The default follows NIST SP 800-63B / OWASP ASVS 2.1 (length and a
 * common-password check, no forced composition or rotation); the `dengbao` profile adds the composition,
 * rotation and lockout rules many 等保 2.0 assessments ask for.
 */
export interface PasswordPolicy {
  minLength: number
  maxLength: number
  /** Refuse passwords found in the common-password list or made of one repeated or sequential run. */
  rejectCommon: boolean
  /** Refuse passwords containing the username (case-insensitive). */
  rejectUsername: boolean
  /** How many of the four character classes (lower, upper, digit, symbol) are required; 0 = no rule. */
  minCharClasses: number
  /** Days after which a password must be changed at the next login; 0 = never. */
  maxAgeDays: number
  /** Failed logins in a row after which the account is locked; 0 = no lockout (throttling still applies). */
  lockoutAttempts: number
  lockoutMinutes: number
}

export const PASSWORD_POLICIES = {
  standard: {
    minLength: 8,
    maxLength: 128,
    rejectCommon: true,
    rejectUsername: true,
    minCharClasses: 0,
    maxAgeDays: 0,
    lockoutAttempts: 0,
    lockoutMinutes: 0,
  },
  dengbao: {
    minLength: 8,
    maxLength: 128,
    rejectCommon: true,
    rejectUsername: true,
    minCharClasses: 3,
    maxAgeDays: 90,
    lockoutAttempts: 5,
    lockoutMinutes: 30,
  },
} as const satisfies Record<string, PasswordPolicy>
export type PasswordPolicyName = keyof typeof PASSWORD_POLICIES

export type PasswordProblem =
  | { code: 'too_short'; min: number }
  | { code: 'too_long'; max: number }
  | { code: 'common' }
  | { code: 'contains_username' }
  | { code: 'char_classes'; required: number; found: number }
  /** Only when changing a password: the new one equals the current one. */
  | { code: 'same_as_current' }

/** Counts the character classes present: lower-case, upper-case, digits, anything else. */
export function countCharClasses(pw: string): number {
  let n = 0
  if (/[a-z]/.test(pw)) n++
  if (/[A-Z]/.test(pw)) n++
  if (/[0-9]/.test(pw)) n++
  if (/[^A-Za-z0-9]/.test(pw)) n++
  return n
}

/** One character repeated, or a run that steps by +1 or -1 throughout (12345678, abcdefgh, 87654321). */
export function isTrivialRun(pw: string): boolean {
  if (pw.length < 2) return true
  const cps = Array.from(pw.toLowerCase(), (c) => c.codePointAt(0)!)
  const step = cps[1] - cps[0]
  if (step !== 0 && step !== 1 && step !== -1) return false
  for (let i = 2; i < cps.length; i++) if (cps[i] - cps[i - 1] !== step) return false
  return true
}

export interface PasswordCheckOptions {
  username?: string
  /** Lower-cased common passwords. The client may omit it (the server always checks). */
  isCommon?: (lowerCased: string) => boolean
}

/** Every rule the password breaks (empty when acceptable). Length counts Unicode code points. */
export function checkPassword(pw: string, policy: PasswordPolicy, opts: PasswordCheckOptions = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = []
  const length = Array.from(pw).length
  if (length < policy.minLength) problems.push({ code: 'too_short', min: policy.minLength })
  if (length > policy.maxLength) problems.push({ code: 'too_long', max: policy.maxLength })
  if (policy.rejectCommon && (isTrivialRun(pw) || opts.isCommon?.(pw.toLowerCase()))) problems.push({ code: 'common' })
  const user = opts.username?.trim().toLowerCase()
  if (policy.rejectUsername && user && user.length >= 3 && pw.toLowerCase().includes(user)) problems.push({ code: 'contains_username' })
  if (policy.minCharClasses > 0) {
    const found = countCharClasses(pw)
    if (found < policy.minCharClasses) problems.push({ code: 'char_classes', required: policy.minCharClasses, found })
  }
  return problems
}
