import { describe, expect, it } from 'vitest'
import { PASSWORD_POLICIES, checkPassword, countCharClasses, isTrivialRun, type PasswordPolicy } from '../../core/auth/password-policy.js'
import { isCommonPassword } from '../../server/auth/common-passwords.js'

const standard: PasswordPolicy = PASSWORD_POLICIES.standard
const dengbao = PASSWORD_POLICIES.dengbao
const codes = (pw: string, policy = standard, username?: string) =>
  checkPassword(pw, policy, { username, isCommon: isCommonPassword }).map((p) => p.code)

describe('the password policy', () => {
  it('accepts a long passphrase without forcing symbols by default', () => {
    expect(codes('清河老旧小区改造')).toEqual([])
    expect(codes('river bridge lantern')).toEqual([])
  })

  it('refuses short passwords, counting Chinese characters as one each', () => {
    expect(codes('Ab3$xyz')).toEqual(['too_short'])
    expect(codes('改造改造改造改')).toEqual(['too_short'])
  })

  it('refuses common passwords, including ones common in China, in any letter case', () => {
    for (const pw of ['password', '12345678', 'Qwerty123', '1qaz2wsx', 'woaini1314', '88888888', 'Admin123']) expect(codes(pw)).toContain('common')
  })

  it('refuses runs and repeats that are not in any list', () => {
    expect(isTrivialRun('abcdefghij')).toBe(true)
    expect(isTrivialRun('9876543210')).toBe(true)
    expect(isTrivialRun('zzzzzzzzzz')).toBe(true)
    expect(isTrivialRun('abcdefgz')).toBe(false)
    expect(codes('mnopqrstuv')).toContain('common')
  })

  it('refuses a password that contains the username', () => {
    expect(codes('liuxiaoming-2026', standard, 'LiuXiaoMing')).toContain('contains_username')
  })

  it('adds composition for the 等保 profile, and nothing for the default', () => {
    expect(countCharClasses('abcDEF12')).toBe(3)
    expect(codes('longlowercasepassphrase', dengbao)).toEqual(['char_classes'])
    expect(codes('Long-Lowercase-7', dengbao)).toEqual([])
    expect(codes('longlowercasepassphrase', standard)).toEqual([])
  })
})
