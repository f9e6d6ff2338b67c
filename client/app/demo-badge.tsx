import { useI18n } from '../i18n/i18n-context.js'
import { useMeta } from './meta-context.js'

/** The demo label often starts with "演示数据：" itself; the badge already says so. */
export function stripBadgePrefix(label: string, badge: string): string {
  const l = label.trim()
  if (l.toLowerCase().startsWith(badge.toLowerCase())) return l.slice(badge.length).replace(/^[\s:：·,，-]+/, '')
  return l
}

/** Says plainly that the numbers are fictional whenever the dataset is the demo city. */
export function DemoBadge() {
  const { t, lang } = useI18n()
  const meta = useMeta()
  if (!meta.isDemo) return null
  const badge = t('app.demoBadge')
  const label = stripBadgePrefix(meta.label[lang], badge)
  return (
    <span className="demo-badge" data-testid="demo-badge" title={`${meta.label[lang]} — ${t('app.demoTitle')}`}>
      <span className="demo-badge__tag">{t('app.demoBadge')}</span>
      {label && <span className="demo-badge__label">{label}</span>}
    </span>
  )
}
