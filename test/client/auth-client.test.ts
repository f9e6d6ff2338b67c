import { describe, expect, it } from 'vitest'
import { PASSWORD_POLICIES } from '../../core/auth/password-policy.js'
import { ApiError } from '../../client/api/http.js'
import { noticeForUnauthenticated } from '../../client/app/session-context.js'
import { normalizePath } from '../../client/app/router.js'
import { classifyLoginError, secondsUntil } from '../../client/features/auth/login-errors.js'
import { passwordRules, rejectedProblems } from '../../client/features/auth/password-hints.js'
import { validateProgressInput } from '../../client/features/communities/detail/progress-input.js'
import { classifyWriteError, writeFailureText } from '../../client/features/communities/detail/write-errors.js'
import { createTranslator } from '../../client/i18n/i18n-context.js'
import { withTileRevision } from '../../client/map/reload-tiles.js'

const apiError = (code: string, status: number, details?: unknown, retryAfterS?: number) => new ApiError(code, code, status, '/api/x', details, retryAfterS)

describe('login failures', () => {
  it('count down a throttle from the Retry-After header, or from the details without one', () => {
    expect(classifyLoginError(apiError('login_throttled', 429, { retryAfterSeconds: 30 }, 12), 1_000)).toEqual({ kind: 'throttled', retryAtMs: 13_000 })
    expect(classifyLoginError(apiError('login_throttled', 429, { retryAfterSeconds: 30 }), 1_000)).toEqual({ kind: 'throttled', retryAtMs: 31_000 })
    expect(secondsUntil(13_000, 11_500)).toBe(2)
    expect(secondsUntil(13_000, 14_000)).toBe(0)
  })

  it('tell a locked account (with its end) from a disabled one and a wrong password', () => {
    expect(classifyLoginError(apiError('account_locked', 423, { lockedUntil: '2026-07-01T08:30:00Z' }), 0)).toEqual({ kind: 'locked', until: '2026-07-01T08:30:00Z' })
    expect(classifyLoginError(apiError('account_locked', 423), 0)).toEqual({ kind: 'locked', until: null })
    expect(classifyLoginError(apiError('account_disabled', 403), 0)).toEqual({ kind: 'disabled' })
    expect(classifyLoginError(apiError('invalid_credentials', 401), 0)).toEqual({ kind: 'invalid' })
  })

  it('bring an expired session back to the login page with its own notice', () => {
    expect(noticeForUnauthenticated('session_expired')).toBe('expired')
    expect(noticeForUnauthenticated('unauthenticated')).toBe('signedOut')
  })
})

describe('password hints', () => {
  it('tick off the rules as the password grows', () => {
    const policy = PASSWORD_POLICIES.dengbao
    expect(passwordRules('', policy, 'wangwei').every((r) => !r.met)).toBe(true)
    const weak = passwordRules('wangwei1', policy, 'wangwei')
    expect(weak.find((r) => r.id === 'length')?.met).toBe(true)
    expect(weak.find((r) => r.id === 'username')?.met).toBe(false)
    expect(weak.find((r) => r.id === 'classes')?.met).toBe(false)
    expect(passwordRules('Harbour-Lights-9', policy, 'wangwei').every((r) => r.met)).toBe(true)
  })

  it('show the class rule only when the policy has one', () => {
    expect(passwordRules('x', PASSWORD_POLICIES.standard, 'u').map((r) => r.id)).toEqual(['length', 'common', 'username'])
  })

  it('read the server’s problems and ignore a malformed body', () => {
    expect(rejectedProblems({ problems: [{ code: 'common' }, 'junk'] })).toEqual([{ code: 'common' }])
    expect(rejectedProblems(null)).toEqual([])
  })
})

describe('community writes', () => {
  it('explain a refusal on scope by naming both places', () => {
    const zh = createTranslator('zh')
    const text = writeFailureText(classifyWriteError(apiError('forbidden_scope', 403)), zh, {
      roleLabel: '街道填报员',
      scope: { community: '景山街道', own: '东华门街道' },
    })
    expect(text).toBe('该小区属于「景山街道」，不在您的填报范围（您负责：东华门街道），不能上报进度。')
  })

  it('carry the current record of a version conflict', () => {
    const current = { id: 1, version: 4, name: 'x' }
    const f = classifyWriteError(apiError('version_conflict', 409, { current, lastChange: null }))
    expect(f).toEqual({ kind: 'conflict', details: { current, lastChange: null } })
    expect(classifyWriteError(apiError('version_conflict', 409, {})).kind).toBe('other')
  })

  it('check a report before sending it', () => {
    expect(validateProgressInput('55', '2026-06-01', '2026-06-30')).toBeNull()
    expect(validateProgressInput('101', '2026-06-01', '2026-06-30')).toBe('invalidPct')
    expect(validateProgressInput('', '2026-06-01', '2026-06-30')).toBe('invalidPct')
    expect(validateProgressInput('5', '', '2026-06-30')).toBe('invalidDate')
    expect(validateProgressInput('5', '2026-07-01', '2026-06-30')).toBe('futureDate')
  })
})

describe('routing and tiles', () => {
  it('treat a trailing slash as the same page', () => {
    expect(normalizePath('/admin/users/')).toBe('/admin/users')
    expect(normalizePath('')).toBe('/')
  })

  it('bust the tile cache after an edit without mangling the URL template', () => {
    expect(withTileRevision('http://h/tiles/communities/{z}/{x}/{y}.mvt', 2)).toBe('http://h/tiles/communities/{z}/{x}/{y}.mvt?rev=2')
    expect(withTileRevision('http://h/t/{z}/{x}/{y}.mvt?v=abc&rev=2', 3)).toBe('http://h/t/{z}/{x}/{y}.mvt?v=abc&rev=3')
  })
})

describe('password problems in words', () => {
  it('names every rule the server can report, including reusing the current password', async () => {
    const { passwordProblemText } = await import('../../client/features/auth/password-hints.js')
    const { createTranslator } = await import('../../client/i18n/i18n-context.js')
    const t = createTranslator('zh')
    expect(passwordProblemText({ code: 'same_as_current' }, t)).toBe('新密码不能与当前密码相同')
    expect(passwordProblemText({ code: 'char_classes', required: 3, found: 2 }, t)).toContain('3')
  })
})
