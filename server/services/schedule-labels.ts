import { STAGES, type Stage } from '../../core/domain/stages.js'
import type { ScheduleStatus } from '../../core/schedule/status.js'

/**
 * Stage and status names for server-made files (templates, reports). The server cannot import the client's
 * i18n, so the stage names here repeat client/i18n/{zh,en}.ts `stage.*`; keep them in step.
 */
export type Lang = 'zh' | 'en'

export const STAGE_LABELS: Record<Lang, Record<Stage, string>> = {
  zh: {
    survey: '摸排论证',
    district_plan: '拟定计划',
    city_approval: '计划确定',
    design: '方案设计',
    preparation: '前期工作',
    construction: '项目实施',
    self_acceptance: '自验收',
    city_acceptance: '综合验收',
    handover: '移交管理',
  },
  en: {
    survey: 'Survey',
    district_plan: 'District plan',
    city_approval: 'City approval',
    design: 'Design & review',
    preparation: 'Preparation',
    construction: 'Construction',
    self_acceptance: 'Self-acceptance',
    city_acceptance: 'City acceptance',
    handover: 'Handover',
  },
}

export const STATUS_LABELS: Record<Lang, Record<ScheduleStatus, string>> = {
  zh: { not_started: '未开工', on_track: '正常推进', at_risk: '存在风险', late: '滞后', done: '已完成' },
  en: { not_started: 'Not started', on_track: 'On track', at_risk: 'At risk', late: 'Late', done: 'Done' },
}

export const stageLabel = (stage: Stage, lang: Lang): string => STAGE_LABELS[lang][stage]

/** Other names people write for a stage (the policy documents' wording, see core/domain/stages.ts). */
const STAGE_ALIASES: Record<string, Stage> = {
  项目论证: 'survey',
  摸排: 'survey',
  '项目论证/摸排': 'survey',
  方案设计与审查: 'design',
  移交: 'handover',
  design: 'design',
  'design and review': 'design',
  'self acceptance': 'self_acceptance',
}

const normaliseLabel = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ')

const STAGE_BY_TEXT: Map<string, Stage> = (() => {
  const m = new Map<string, Stage>()
  for (const s of STAGES) {
    m.set(normaliseLabel(s), s)
    m.set(normaliseLabel(STAGE_LABELS.zh[s]), s)
    m.set(normaliseLabel(STAGE_LABELS.en[s]), s)
  }
  for (const [text, s] of Object.entries(STAGE_ALIASES)) m.set(normaliseLabel(text), s)
  return m
})()

/** A stage from what a person typed in a sheet: its code, its Chinese or English name (any case); null otherwise. */
export function parseStageLabel(text: string): Stage | null {
  return STAGE_BY_TEXT.get(normaliseLabel(text)) ?? null
}
