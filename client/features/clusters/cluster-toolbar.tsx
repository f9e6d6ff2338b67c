import { useEffect } from 'react'
import { ErrorBanner } from '../../components/ui/error-banner.js'
import { Notice } from '../../components/ui/notice.js'
import { useI18n, type Translate } from '../../i18n/i18n-context.js'
import { formatNumber } from '../../i18n/format.js'
import { formatDateTime } from '../../i18n/format-time.js'
import { roleLabel } from '../audit/audit-labels.js'
import { useDelayedFlag } from '../coverage/use-delayed-flag.js'
import { FlagList } from './cluster-bits.js'
import { useClusters, type Hints } from './cluster-context.js'
import { useClusterDialogs } from './cluster-dialogs.js'
import { flagCodes, residentsBand } from './cluster-flags.js'
import type { ClusterCommand } from './command-stack.js'
import type { UserMessage } from './write-errors.js'

/** "新建片区「东关街道片区」" — what an undo or redo would take back or do again. */
export function describeCommand(c: Pick<ClusterCommand, 'kind' | 'subject'>, t: Translate): string {
  return t(`clusters.command.${c.kind}`, { name: c.subject, n: c.subject })
}

function messageText(m: UserMessage, t: Translate): string {
  const params: Record<string, string | number> = { ...m.params }
  if (m.command) params.what = describeCommand(m.command, t)
  if (m.who) {
    params.who = m.who.name
    params.role = roleLabel(m.who.role, t)
    params.time = formatDateTime(m.who.at, { seconds: false })
  }
  return t(m.key, params)
}

/** Keyboard: Ctrl+Z undo, Ctrl+Shift+Z / Ctrl+Y redo, Esc steps out (lasso, selection, 片区). */
function useShortcuts() {
  const c = useClusters()
  const { canEdit, undo, redo, undoCommand, redoCommand, tool, setTool, selection, setSelection, selectedId, select } = c
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null
      if (el?.closest('input, select, textarea, [contenteditable="true"], [role="dialog"]')) return
      const mod = e.ctrlKey || e.metaKey
      if (mod && canEdit && (e.key === 'z' || e.key === 'Z')) {
        e.preventDefault()
        if (e.shiftKey) {
          if (redoCommand) redo()
        } else if (undoCommand) undo()
        return
      }
      if (mod && canEdit && (e.key === 'y' || e.key === 'Y')) {
        e.preventDefault()
        if (redoCommand) redo()
        return
      }
      if (e.key === 'Escape' && !e.defaultPrevented) {
        if (tool === 'lasso') setTool('none')
        else if (selection.size > 0) setSelection(new Set())
        else if (selectedId !== null) select(null)
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [canEdit, undo, redo, undoCommand, redoCommand, tool, setTool, selection, setSelection, selectedId, select])
}

function HintsCard({ hints }: { hints: Hints }) {
  const { t, lang } = useI18n()
  const { rules } = useClusters()
  const s = hints.subject
  const title =
    s.kind === 'selection'
      ? t('clusters.hints.selection', { n: formatNumber(s.memberIds.length, lang) })
      : s.kind === 'merged'
        ? t('clusters.hints.merged', { name: s.name })
        : s.kind === 'remaining'
          ? t('clusters.hints.remaining', { name: s.name })
          : t('clusters.hints.cluster', { name: s.name })
  const band = hints.residents === null ? null : residentsBand(hints.residents, rules)
  return (
    <div
      className={`cluster-hints ${hints.checking ? 'is-checking' : ''}`}
      data-testid="cluster-hints"
      data-flags={hints.checking ? undefined : flagCodes(hints.flags)}
      data-state={hints.checking ? 'checking' : hints.failed ? 'error' : 'ready'}
      data-residents={hints.residents ?? undefined}
      aria-live="polite"
    >
      <div className="cluster-hints__head">
        <span className="cluster-hints__title">{title}</span>
        <span className={`cluster-hints__residents ${band ? `is-${band}` : ''}`}>
          {hints.residents === null ? '…' : t('clusters.residentsShort', { n: formatNumber(hints.residents, lang) })}
          <span className="cluster-hints__bounds">
            {t('clusters.hints.bounds', { min: formatNumber(rules.minResidents, lang), max: formatNumber(rules.maxResidents, lang) })}
          </span>
        </span>
        {hints.checking && <span className="spinner__ring cluster-hints__spinner" aria-hidden="true" />}
      </div>
      {hints.failed ? (
        <div className="cluster-hints__fail">{t('clusters.hints.failed')}</div>
      ) : hints.flags.length > 0 ? (
        <FlagList flags={hints.flags} rules={rules} residents={hints.residents ?? undefined} compact />
      ) : (
        hints.residents !== null && !hints.checking && <div className="cluster-hints__ok">✓ {t('clusters.hints.ok')}</div>
      )}
      {hints.takenBy.length > 0 && (
        <div className="cluster-hints__taken">
          {t('clusters.hints.taken', {
            n: formatNumber(hints.takenBy.length, lang),
            names: [...new Set(hints.takenBy.map((x) => x.clusterName))].join(lang === 'zh' ? '、' : ', '),
          })}
        </div>
      )}
    </div>
  )
}

/** The editing bar over the map: lasso, undo and redo, what is selected and what can be done with it, the rule hints. */
export function ClusterToolbar() {
  const { t, lang } = useI18n()
  const c = useClusters()
  const { open } = useClusterDialogs()
  const { canEdit, tool, setTool, selection, setSelection, selected, index, undo, redo, undoCommand, redoCommand, saving, hints, message, dismissMessage } = c
  useShortcuts()
  const showSaving = useDelayedFlag(saving, 250)

  // Success notes go away by themselves; warnings stay until dismissed.
  useEffect(() => {
    if (!message || (message.tone !== 'success' && message.tone !== 'info')) return
    const timer = window.setTimeout(dismissMessage, message.tone === 'info' ? 8000 : 4000)
    return () => window.clearTimeout(timer)
  }, [message, dismissMessage])

  const residents = [...selection].reduce((s, id) => s + (index.byId.get(id)?.residents ?? 0), 0)
  const editable = selected !== null && selected.status !== 'approved'
  const members = new Set(selected?.memberIds ?? [])
  const selectedInside = [...selection].filter((id) => members.has(id)).length
  const selectedOutside = selection.size - selectedInside

  return (
    <div className="cluster-toolbar-stack">
      {canEdit && (
        <div className="cluster-toolbar" role="toolbar" aria-label={t('clusters.toolbar')} data-map-obstacle="top">
          <button
            type="button"
            className={`cluster-tool ${tool === 'lasso' ? 'is-active' : ''}`}
            onClick={() => setTool(tool === 'lasso' ? 'none' : 'lasso')}
            aria-pressed={tool === 'lasso'}
            title={t('clusters.lassoTitle')}
            data-testid="cluster-lasso"
          >
            <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
              <path d="M10 3c4.4 0 8 2.2 8 5s-3.6 5-8 5c-1 0-2-.1-2.8-.3M4.3 11.6C2.9 10.7 2 9.4 2 8c0-2.8 3.6-5 8-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeDasharray="3 2" />
              <path d="M6 12c-1.5.5-2 1.6-1.4 2.6.7 1 2.3 1 3-.2.4-.8.1-1.8-.6-2.4M5 15.5 4 18" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
            {t('clusters.lasso')}
          </button>
          <span className="cluster-toolbar__sep" aria-hidden="true" />
          <button
            type="button"
            className="cluster-tool"
            onClick={undo}
            disabled={!undoCommand || saving}
            title={undoCommand ? t('clusters.undoTitle', { what: describeCommand(undoCommand, t) }) : t('clusters.undoNone')}
            data-testid="cluster-undo"
          >
            <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
              <path d="M7 4 3 8l4 4M3.5 8H12a5 5 0 0 1 0 10H8" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {t('clusters.undo')}
          </button>
          <button
            type="button"
            className="cluster-tool"
            onClick={redo}
            disabled={!redoCommand || saving}
            title={redoCommand ? t('clusters.redoTitle', { what: describeCommand(redoCommand, t) }) : t('clusters.redoNone')}
            data-testid="cluster-redo"
          >
            <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
              <path d="m13 4 4 4-4 4M16.5 8H8a5 5 0 0 0 0 10h4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {t('clusters.redo')}
          </button>
          <span className={`cluster-toolbar__saving ${showSaving ? 'is-on' : ''}`} data-testid="cluster-saving" data-saving={saving ? '1' : '0'} aria-live="polite">
            {showSaving ? (
              <>
                <span className="spinner__ring" aria-hidden="true" />
                {t('clusters.saving')}
              </>
            ) : (
              t('clusters.savedAuto')
            )}
          </span>
        </div>
      )}

      {canEdit && tool === 'lasso' && selection.size === 0 && <div className="cluster-mode-chip">{t('clusters.lassoHint')}</div>}
      {canEdit && tool !== 'lasso' && editable && selection.size === 0 && (
        <div className="cluster-mode-chip" data-testid="cluster-edit-chip">
          {t('clusters.editHint', { name: selected.name })}
        </div>
      )}

      {canEdit && selection.size > 0 && (
        <div className="cluster-selection" data-testid="cluster-selection">
          <span className="cluster-selection__count" data-testid="cluster-selection-count" data-count={selection.size}>
            {t('clusters.selection.count', { n: formatNumber(selection.size, lang), residents: formatNumber(residents, lang) })}
          </span>
          <span className="cluster-selection__actions">
            <button type="button" className="btn btn--small btn--primary" onClick={() => open({ kind: 'create' })} data-testid="cluster-create-from-selection">
              {t('clusters.selection.create')}
            </button>
            {editable && selectedOutside > 0 && (
              <button type="button" className="btn btn--small" onClick={() => void c.addSelectionToSelected()} data-testid="cluster-add-selection">
                {t('clusters.selection.add', { name: selected.name })}
              </button>
            )}
            {editable && selectedInside > 0 && (
              <button type="button" className="btn btn--small" onClick={() => void c.removeSelectionFromSelected()} data-testid="cluster-remove-selection">
                {t('clusters.selection.remove', { name: selected.name })}
              </button>
            )}
            <button type="button" className="btn btn--small" onClick={() => setSelection(new Set())} data-testid="cluster-clear-selection">
              {t('clusters.selection.clear')}
            </button>
          </span>
        </div>
      )}

      {canEdit && hints && <HintsCard hints={hints} />}

      {c.communities.status === 'error' && <ErrorBanner message={t('clusters.communitiesFailed')} retryLabel={t('app.retry')} onRetry={c.communities.retry} />}

      {message && (
        <Notice tone={message.tone} onDismiss={dismissMessage} dismissLabel={t('clusters.dialog.close')} testId="cluster-message" className="cluster-message">
          {messageText(message, t)}
        </Notice>
      )}
    </div>
  )
}
