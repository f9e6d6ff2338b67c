import { describe, expect, it } from 'vitest'
import type { Principal } from '../../core/auth/roles.js'
import { scopeNoticeParams, scopePlaces } from '../../client/features/communities/detail/scope-notice.js'
import { createTranslator } from '../../client/i18n/i18n-context.js'

const street: Principal = { id: 5, username: 'jd', displayName: '街道填报员', role: 'street_staff', districtId: 1, streetId: 11 }
const district: Principal = { id: 4, username: 'qj', displayName: '区级填报员', role: 'district_staff', districtId: 1, streetId: null }
const leader: Principal = { id: 3, username: 'ld', displayName: '领导', role: 'leader', districtId: null, streetId: null }
const own = { districtName: '东城区', streetName: '东华门街道' }

const sameDistrictOtherStreet = { districtId: 1, districtName: '东城区', streetId: 12, streetName: '景山街道' }
const otherDistrict = { districtId: 2, districtName: '西城区', streetId: 21, streetName: '西长安街街道' }
const inside = { districtId: 1, districtName: '东城区', streetId: 11, streetName: '东华门街道' }

describe('the out-of-scope notice', () => {
  it('names the community’s street and the street the user answers for', () => {
    expect(scopeNoticeParams(street, sameDistrictOtherStreet, own, '?')).toEqual({ community: '景山街道', own: '东华门街道' })
    const zh = createTranslator('zh')
    expect(zh('scope.notice', scopeNoticeParams(street, sameDistrictOtherStreet, own, '?')!)).toBe(
      '该小区属于「景山街道」，不在您的填报范围（您负责：东华门街道），不能上报进度。',
    )
  })

  it('adds the district when the street lies in another district', () => {
    expect(scopeNoticeParams(street, otherDistrict, own, '?')).toEqual({ community: '西城区 西长安街街道', own: '东华门街道' })
  })

  it('speaks of districts to district staff', () => {
    expect(scopeNoticeParams(district, otherDistrict, own, '?')).toEqual({ community: '西城区', own: '东城区' })
    expect(scopeNoticeParams(district, sameDistrictOtherStreet, own, '?')).toBeNull()
  })

  it('shows nothing inside the user’s area or to city-wide roles', () => {
    expect(scopeNoticeParams(street, inside, own, '?')).toBeNull()
    expect(scopeNoticeParams(leader, otherDistrict, own, '?')).toBeNull()
  })

  it('falls back to a generic name while the user’s area is still loading', () => {
    expect(scopePlaces(street, sameDistrictOtherStreet, { districtName: null, streetName: null }, '您所在的辖区').own).toBe('您所在的辖区')
  })
})
