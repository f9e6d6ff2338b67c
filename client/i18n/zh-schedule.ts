/** Chinese messages of the schedule pages (merged into `zh`, the source of keys). */
export const zhSchedule = {
  'nav.gantt': '进度计划',
  'nav.progress': '进度填报',

  'schedule.status.not_started': '未开始',
  'schedule.status.on_track': '正常推进',
  'schedule.status.at_risk': '存在风险',
  'schedule.status.late': '滞后',
  'schedule.status.done': '已完成',
  'schedule.daysLate': '滞后 {n} 天',
  'schedule.asOf': '截至 {date}',
  'schedule.live': '实时',
  'schedule.liveTitle': '有人填报进度时，数据在几秒内自动更新',
}
