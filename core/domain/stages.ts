/**
 * The stages of a community's renovation, in order (DOMAIN.md "Workflow and schedule").
 * Codes are stable identifiers stored in the database and used in the API; labels go through i18n.
 */
export const STAGES = [
  'survey', // 项目论证/摸排
  'district_plan', // 拟定计划
  'city_approval', // 计划确定
  'design', // 方案设计与审查
  'preparation', // 前期工作 (feasibility, approval, drawings, tender)
  'construction', // 项目实施
  'self_acceptance', // 自验收
  'city_acceptance', // 综合验收
  'handover', // 移交
] as const

export type Stage = (typeof STAGES)[number]

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value)
}

/** Zero-based position of a stage in the workflow. */
export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage)
}

/**
 * Stage colours: a sequential ramp from cool (early, paperwork) to warm (works) to green (done),
 * chosen so neighbouring stages stay distinguishable on the map and in charts.
 */
export const STAGE_COLORS: Record<Stage, string> = {
  survey: '#9aa5b1',
  district_plan: '#7fb3d5',
  city_approval: '#3f8fd2',
  design: '#6c5ce7',
  preparation: '#a66bd3',
  construction: '#f39c12',
  self_acceptance: '#e8663c',
  city_acceptance: '#2eaa6e',
  handover: '#167a4b',
}
