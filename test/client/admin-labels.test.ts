import { describe, expect, it } from 'vitest'
import { ROLES } from '../../core/auth/roles.js'
import { ApiError } from '../../client/api/http.js'
import { describeUserError } from '../../client/features/admin/user-errors.js'
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionLabel, auditFieldLabel, formatAuditFieldValue } from '../../client/features/audit/audit-labels.js'
import { formatDateTime, formatUtcDateTime } from '../../client/i18n/format-time.js'
import { createTranslator } from '../../client/i18n/i18n-context.js'
import { zh, type MessageKey } from '../../client/i18n/zh.js'

const zhT = createTranslator('zh')
const enT = createTranslator('en')
const apiError = (code: string, status: number, details?: unknown): ApiError => new ApiError(code, `server says ${code}`, status, '/api/users', details)

describe('admin labels', () => {
  it('label every role, audit action and record type in both languages', () => {
    const keys = [...ROLES.map((r) => `role.${r}`), ...AUDIT_ACTIONS.map((a) => `audit.action.${a}`), ...AUDIT_ENTITY_TYPES.map((e) => `audit.entity.${e}`)]
    for (const key of keys) {
      expect(key in zh, key).toBe(true)
      expect(zhT(key as MessageKey), key).toMatch(/[\u4e00-\u9fff]/)
      expect(enT(key as MessageKey), key).toMatch(/^[\x20-\x7e]+$/)
    }
    expect(zhT('role.planner')).toBe('规划人员')
  })

  it('fall back to the code for an action or field nobody labelled', () => {
    expect(auditActionLabel('cluster.merge', zhT)).toBe('cluster.merge')
    expect(auditFieldLabel('funding.central', zhT)).toBe('资金来源（万元） · 中央补助')
    expect(auditFieldLabel('mystery.part', enT)).toBe('mystery · part')
  })

  it('show enum codes, yes/no and places in words in the diff', () => {
    expect(formatAuditFieldValue('role', 'street_staff', zhT)).toBe('街道填报员')
    expect(formatAuditFieldValue('stage', 'construction', enT)).toBe('Construction')
    expect(formatAuditFieldValue('hasOwnersCommittee', true, zhT)).toBe('是')
    expect(formatAuditFieldValue('deficiencies', ['water', 'gas'], zhT)).toBe('供水、燃气')
    expect(formatAuditFieldValue('districtId', 2, enT, { districts: [{ id: 2, name: '包河区' }], streets: [] })).toBe('包河区 (#2)')
    expect(formatAuditFieldValue('geometry', { type: 'Polygon' }, enT)).toBe('(outline)')
    expect(formatAuditFieldValue('note', null, enT)).toBe('—')
  })
})

describe('user-account errors', () => {
  it('list each broken password rule', () => {
    const err = apiError('password_rejected', 400, { problems: [{ code: 'too_short', min: 12 }, { code: 'common' }, { code: 'char_classes', required: 3, found: 1 }] })
    expect(describeUserError(err, zhT)).toEqual({
      message: '初始密码不符合密码规则：',
      items: ['至少 12 个字符', '过于常见或容易猜到', '须包含大写字母、小写字母、数字、符号中的至少 3 类（当前 1 类）'],
    })
  })

  it('explain the refusals the server gives for accounts', () => {
    expect(describeUserError(apiError('username_taken', 409), enT, { username: 'li.wei' }).message).toBe('The username li.wei is already taken; choose another')
    expect(describeUserError(apiError('last_admin', 400), zhT).message).toContain('最后一个启用的系统管理员')
    expect(describeUserError(apiError('cannot_disable_self', 400), zhT).message).toBe('不能停用自己的账号')
    expect(describeUserError(apiError('invalid_scope', 400), enT).message).toMatch(/district staff need a district/)
    expect(describeUserError(apiError('forbidden', 403), enT).message).toBe('You do not have permission to do this')
    expect(describeUserError(new ApiError('network', 'fetch failed', null, '/api/users'), zhT).message).toBe('无法连接服务器，请检查网络后重试')
    expect(describeUserError(apiError('teapot', 418), enT).message).toBe('The operation failed: server says teapot')
  })
})

describe('timestamps in tables', () => {
  it('read as local time, with UTC for the tooltip', () => {
    expect(formatDateTime('2026-03-05T16:04:09Z', { timeZone: 'Asia/Shanghai' })).toBe('2026-03-06 00:04:09')
    expect(formatDateTime('2026-03-05T16:04:09Z', { timeZone: 'Asia/Shanghai', seconds: false })).toBe('2026-03-06 00:04')
    expect(formatUtcDateTime('2026-03-05T16:04:09.123Z')).toBe('2026-03-05 16:04:09 UTC')
    expect(formatDateTime(null)).toBe('—')
    expect(formatDateTime('not a date')).toBe('—')
  })
})
