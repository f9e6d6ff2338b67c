/** Enumerations for the community (小区) entity in DOMAIN.md "Entities". Codes are stored; labels are i18n. */

export const OWNERSHIP_TYPES = ['reform_housing', 'public_housing', 'work_unit', 'commercial'] as const // 房改房, 公房, 单位家属楼, 商品房
export type OwnershipType = (typeof OWNERSHIP_TYPES)[number]

export const MANAGEMENT_MODES = ['property_company', 'self_managed', 'none'] as const // 物业, 自治, 无
export type ManagementMode = (typeof MANAGEMENT_MODES)[number]

export const LIBRARY_TIERS = ['implementing', 'planning', 'reserve'] as const // 实施一批, 谋划一批, 储备一批
export type LibraryTier = (typeof LIBRARY_TIERS)[number]

/** Deficiency flags found by the survey (摸排). */
export const DEFICIENCIES = [
  'water',
  'drainage',
  'power',
  'gas',
  'heating',
  'fire_safety',
  'security',
  'roads',
  'street_lights',
  'parking',
  'greening',
  'garbage_sorting',
  'telecom',
] as const
export type Deficiency = (typeof DEFICIENCIES)[number]

/** The basic deficiencies counted for library entry (001: at least 2 of these). */
export const BASIC_DEFICIENCIES: readonly Deficiency[] = [
  'water',
  'power',
  'gas',
  'roads',
  'security',
  'street_lights',
  'parking',
  'greening',
]

export const FACILITY_TYPES = [
  'kindergarten', // 幼儿园
  'nursery', // 托育
  'elderly_care', // 养老服务站 / 日间照料
  'clinic', // 社区卫生服务站
  'meal_assistance', // 助餐
  'supermarket', // 综合超市 / 便民市场
  'express_station', // 快递驿站
  'service_center', // 党群/社区服务中心
  'fitness', // 健身 / 活动场地
  'parking_charging', // 停车与充电
] as const
export type FacilityType = (typeof FACILITY_TYPES)[number]

export const FACILITY_STATUSES = ['existing', 'planned'] as const
export type FacilityStatus = (typeof FACILITY_STATUSES)[number]

export const ROAD_CLASSES = ['arterial', 'secondary', 'local', 'footpath'] as const
export type RoadClass = (typeof ROAD_CLASSES)[number]

/** Investment and money are carried in 万元 (10,000 yuan) as the programme's reports do. */
export type WanYuan = number & { readonly __unit: 'wan_yuan' }
