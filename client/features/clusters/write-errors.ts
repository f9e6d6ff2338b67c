import type { ConflictDetails } from '../../../core/contracts/responses.js'
import { ApiError } from '../../api/http.js'
import type { MessageKey } from '../../i18n/zh.js'
import type { ClusterCommand, TransitionConflict } from './command-stack.js'

/** A message for the user: a dictionary key and its parameters (translated where it is shown). */
export interface UserMessage {
  tone: 'success' | 'info' | 'warn' | 'danger'
  key: MessageKey
  params?: Record<string, string | number>
  /** Who changed it and when, for a version conflict. */
  who?: { name: string; role: string | null; at: string } | null
  /** The change an undo or redo message is about (described where it is shown). */
  command?: Pick<ClusterCommand, 'kind' | 'subject'>
}

function conflictDetails(err: ApiError): ConflictDetails<{ name?: string }> | null {
  const d = err.details as ConflictDetails<{ name?: string }> | undefined
  return d && typeof d === 'object' && 'current' in d ? d : null
}

/**
 * What to tell the user when a write failed: someone else changed the 片区 first (with who and when), an
 * approved 片区 is locked, a 片区 or package is gone, the role may not, or the server's own message.
 */
export function describeWriteError(err: unknown, subject: string): UserMessage {
  if (!(err instanceof ApiError)) return { tone: 'danger', key: 'clusters.error.failed', params: { message: String(err) } }
  if (err.status === 409 && err.code === 'version_conflict') {
    const d = conflictDetails(err)
    const last = d?.lastChange ?? null
    return {
      tone: 'warn',
      key: last ? 'clusters.error.conflictBy' : 'clusters.error.conflict',
      params: { name: d?.current?.name ?? subject },
      who: last ? { name: last.actorName, role: last.actorRole, at: last.at } : null,
    }
  }
  if (err.code === 'cluster_locked') return { tone: 'warn', key: 'clusters.error.locked', params: { name: subject } }
  if (err.status === 404) return { tone: 'warn', key: 'clusters.error.gone', params: { name: subject } }
  if (err.status === 403) return { tone: 'danger', key: 'clusters.error.forbidden' }
  if (err.code === 'network') return { tone: 'danger', key: 'clusters.error.network' }
  return { tone: 'danger', key: 'clusters.error.failed', params: { message: err.message } }
}

/** What to tell the user when an undo or redo cannot run because the 片区 moved on since. */
export function describeTransitionConflict(c: TransitionConflict): UserMessage {
  switch (c.kind) {
    case 'gone':
      return { tone: 'warn', key: 'clusters.undo.gone', params: { name: c.name } }
    case 'taken':
      return { tone: 'warn', key: 'clusters.undo.taken', params: { name: c.clusterName } }
    default:
      return { tone: 'warn', key: 'clusters.undo.changed', params: { name: c.name } }
  }
}
