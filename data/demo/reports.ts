import type { ProgressReportInput } from '../../core/domain/entities.js'
import { STAGES, type Stage } from '../../core/domain/stages.js'
import type { Rng } from './random.js'
import { isoOf, stageStateAt, type Day, type Span } from './schedule.js'

/**
 * Weekly progress reports (每周调度): every Monday for the weeks before asOf, each community in the
 * year's plan reports its stage and progress. Reports are snapshots of the simulated timeline, so they
 * never go backwards, and the last one is the community's current state.
 */

/** Notes by stage: [lowest progress %, phrasings]. The highest threshold not above the progress applies. */
const NOTES: Record<Stage, [number, string[]][]> = {
  survey: [[0, ['入户摸排启动', '发放改造意愿调查表']], [50, ['意愿调查回收过半', '摸排问题清单整理中']], [100, ['摸排完成，问题清单已上报']]],
  district_plan: [[0, ['区级改造计划编制中']], [60, ['改造计划征求街道意见']], [100, ['区级计划已报市领导小组']]],
  city_approval: [[0, ['等待市级计划审定']], [50, ['市领导小组审议中']], [100, ['已列入年度改造计划']]],
  design: [
    [0, ['设计单位现场踏勘', '设计方案编制中']],
    [40, ['设计方案征求居民意见', '方案联审准备中']],
    [80, ['方案联审已通过，公示中']],
    [100, ['设计方案公示期满']],
  ],
  preparation: [
    [0, ['施工图设计中', '可研报告编制中']],
    [40, ['施工图审查中', '概算评审中']],
    [70, ['招标公告已发布', '打包招标评标中']],
    [100, ['已确定施工单位，进场准备']],
  ],
  construction: [
    [0, ['施工单位进场，围挡搭设', '管线改造开工']],
    [15, ['雨污分流管道开挖中', '供水管网改造中']],
    [35, ['管线改造完成约四成', '强弱电线缆入地施工中']],
    [55, ['管线改造完成约六成', '燃气管道更换中']],
    [70, ['外立面施工中', '屋面防水施工中']],
    [85, ['道路黑化施工中', '楼道粉刷及单元门更换']],
    [95, ['绿化及停车位施划收尾', '零星工程收尾']],
    [100, ['主体工程完工']],
  ],
  self_acceptance: [[0, ['区住建局组织自验收']], [50, ['自验收问题整改中']], [100, ['自验收通过']]],
  city_acceptance: [[0, ['综合验收资料准备']], [50, ['市级综合验收现场检查']], [100, ['综合验收通过']]],
  handover: [[0, ['移交物业企业管理', '长效管理机制建立中']], [100, ['已移交，进入长效管理']]],
}

const DELAY_CAUSES = ['雨季施工受阻', '管线迁改协调', '部分居民意见分歧', '材料供应延误', '施工单位人手不足', '燃气接驳排期']

function noteFor(rng: Rng, stage: Stage, pct: number, late: boolean, cause: string): string {
  const tiers = NOTES[stage]
  let phrases = tiers[0][1]
  for (const [min, p] of tiers) if (pct >= min) phrases = p
  const base = rng.pick(phrases)
  return late ? `${base}；受${cause}影响，进度滞后于计划` : base
}

/** The Mondays of the `weeks` weeks up to and including asOf (asOf must be a Monday). */
export function reportMondays(asOf: Day, weeks: number): Day[] {
  return Array.from({ length: weeks }, (_, k) => asOf - 7 * (weeks - 1 - k))
}

export interface ReportSubject { communityId: number; planned: readonly Span[]; actual: readonly Span[]; reporter: string }

/** Weekly reports for every subject, ordered by date and then community. */
export function buildWeeklyReports(rng: Rng, subjects: readonly ReportSubject[], mondays: readonly Day[]): ProgressReportInput[] {
  const causes = new Map(subjects.map((s) => [s.communityId, rng.pick(DELAY_CAUSES)]))
  const out: ProgressReportInput[] = []
  for (const day of mondays) {
    for (const s of subjects) {
      const state = stageStateAt(s.actual, day)
      const stage = STAGES[state.index]
      const late = state.pct < 100 && s.planned[state.index].end < day
      out.push({
        communityId: s.communityId,
        stage,
        progressPct: state.pct,
        reportDate: isoOf(day),
        note: noteFor(rng, stage, state.pct, late, causes.get(s.communityId)!),
        reportedBy: s.reporter,
      })
    }
  }
  return out
}
