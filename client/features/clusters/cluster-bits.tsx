import type { ClusterFlag, ClusterFlagCode, ClusterStatus } from '../../../core/contracts/clusters.js'
import { Tag, type TagTone } from '../../components/ui/tag.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import type { ClusterRules } from './cluster-context.js'
import { flagDetailKey, flagDetailParams, flagLabelKey, flagSeverity, orderedFlags, residentsBand, residentsBarGeometry } from './cluster-flags.js'

const STATUS_TONE: Record<ClusterStatus, TagTone> = { draft: 'neutral', proposed: 'info', approved: 'good' }

/** 草案 / 拟定 / 已批准 as a coloured chip. */
export function StatusChip({ status }: { status: ClusterStatus }) {
  const { t } = useI18n()
  return (
    <span className="cluster-status-chip" data-status={status}>
      <Tag tone={STATUS_TONE[status]}>{t(`clusters.status.${status}`)}</Tag>
    </span>
  )
}

/** A small glyph per flag code (drawn, so it does not depend on the fonts installed). */
function FlagGlyph({ code }: { code: ClusterFlagCode }) {
  switch (code) {
    case 'not_contiguous':
      return <path d="M2 5h4v6H2zM10 5h4v6h-4z" fill="currentColor" />
    case 'below_min':
      return <path d="M8 13 3 7h3V3h4v4h3z" fill="currentColor" />
    case 'above_max':
      return <path d="m8 3 5 6h-3v4H6V9H3z" fill="currentColor" />
    case 'crosses_barrier':
      return <path d="M1 6c2-2 3-2 5 0s3 2 5 0 3-2 4-1M1 11c2-2 3-2 5 0s3 2 5 0 3-2 4-1" fill="none" stroke="currentColor" strokeWidth="1.8" />
    case 'mixed_streets':
      return <path d="M8 15V8L3 3M8 8l5-5" fill="none" stroke="currentColor" strokeWidth="2" />
    default:
      return <circle cx="8" cy="8" r="4" fill="none" stroke="currentColor" strokeWidth="2" />
  }
}

/** A round icon for a broken rule, with its plain-language name as the tooltip. */
export function FlagIcon({ flag, rules, residents }: { flag: ClusterFlag; rules: ClusterRules; residents?: number }) {
  const { t, lang } = useI18n()
  const label = t(flagLabelKey(flag.code))
  const detail = t(flagDetailKey(flag.code), flagDetailParams(flag, { rules, residents }, lang))
  return (
    <span className={`cluster-flag-icon is-${flagSeverity(flag.code)}`} title={t('clusters.flagTitle', { label, detail })} aria-label={label} role="img" data-flag={flag.code}>
      <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
        <FlagGlyph code={flag.code} />
      </svg>
    </span>
  )
}

export function FlagIcons({ flags, rules, residents }: { flags: readonly ClusterFlag[]; rules: ClusterRules; residents?: number }) {
  if (flags.length === 0) return null
  return (
    <span className="cluster-flag-icons">
      {orderedFlags(flags).map((f) => (
        <FlagIcon key={f.code} flag={f} rules={rules} residents={residents} />
      ))}
    </span>
  )
}

/** Each flag with its name and the sentence that explains it (the stats panel, the hints, proposals). */
export function FlagList({ flags, rules, residents, compact = false }: { flags: readonly ClusterFlag[]; rules: ClusterRules; residents?: number; compact?: boolean }) {
  const { t, lang } = useI18n()
  return (
    <ul className={`cluster-flag-list ${compact ? 'is-compact' : ''}`}>
      {orderedFlags(flags).map((f) => (
        <li key={f.code} className={`cluster-flag-row is-${flagSeverity(f.code)}`} data-flag={f.code}>
          <FlagIcon flag={f} rules={rules} residents={residents} />
          <span className="cluster-flag-row__text">
            <b>{t(flagLabelKey(f.code))}</b>
            <span>{t(flagDetailKey(f.code), flagDetailParams(f, { rules, residents }, lang))}</span>
          </span>
        </li>
      ))}
    </ul>
  )
}

/** Residents against the bounds: a small bar with ticks at the minimum and the maximum. */
export function ResidentsBar({ residents, rules, size = 'sm' }: { residents: number; rules: Pick<ClusterRules, 'minResidents' | 'maxResidents'>; size?: 'sm' | 'md' }) {
  const { t, lang } = useI18n()
  const g = residentsBarGeometry(residents, rules)
  const band = residentsBand(residents, rules)
  return (
    <span
      className={`cluster-residents-bar is-${band} is-${size}`}
      role="meter"
      aria-valuemin={0}
      aria-valuenow={residents}
      aria-label={t('clusters.residentsBarLabel', { n: formatNumber(residents, lang), min: formatNumber(rules.minResidents, lang), max: formatNumber(rules.maxResidents, lang) })}
    >
      <span className="cluster-residents-bar__band" style={{ left: `${g.minPct}%`, width: `${g.maxPct - g.minPct}%` }} />
      <span className="cluster-residents-bar__fill" style={{ width: `${g.fillPct}%` }} />
      <span className="cluster-residents-bar__tick" style={{ left: `${g.minPct}%` }} />
      <span className="cluster-residents-bar__tick" style={{ left: `${g.maxPct}%` }} />
    </span>
  )
}
