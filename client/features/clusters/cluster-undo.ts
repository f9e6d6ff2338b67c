/**
 * Undo and redo in the 片区 mode: the top change of the command stack (command-stack.ts) is planned against
 * the list the server has now and run as new writes, in the write queue like any edit. A conflict that
 * blocks it, or a failed write, leaves a message instead.
 */
import { useCallback, type Dispatch, type RefObject, type SetStateAction } from 'react'
import type { ClusterListResponse } from '../../../core/contracts/clusters.js'
import { clusterApi } from '../../api/cluster-endpoints.js'
import { commitRedo, commitUndo, peekRedo, peekUndo, planTransition, resolveId, withAlias, type CommandStack } from './command-stack.js'
import { describeTransitionConflict, describeWriteError, type UserMessage } from './write-errors.js'

/** Runs a job after the writes queued before it (whether they failed or not). */
export type Enqueue = <T>(job: () => Promise<T>) => Promise<T>

export interface UndoContext {
  enqueue: Enqueue
  reloadList: () => Promise<ClusterListResponse>
  yearRef: RefObject<number>
  stackRef: RefObject<CommandStack>
  setStack: Dispatch<SetStateAction<CommandStack>>
  setSelectedId: Dispatch<SetStateAction<number | null>>
  setMessage: Dispatch<SetStateAction<UserMessage | null>>
}

export function useUndoRedo(ctx: UndoContext): { undo: () => void; redo: () => void } {
  const { enqueue, reloadList, yearRef, stackRef, setStack, setSelectedId, setMessage } = ctx

  const runTransition = useCallback(
    (direction: 'undo' | 'redo') =>
      enqueue(async () => {
        const current = stackRef.current
        const command = direction === 'undo' ? peekUndo(current) : peekRedo(current)
        if (!command) return
        let list: ClusterListResponse
        try {
          list = await reloadList()
        } catch (err) {
          setMessage(describeWriteError(err, command.subject))
          return
        }
        const from = direction === 'undo' ? command.after : command.before
        const to = direction === 'undo' ? command.before : command.after
        const plan = planTransition(from, to, list.clusters, current)
        const blocking = plan.conflicts.find((c) => c.kind !== 'changed')
        if (blocking) {
          setMessage(describeTransitionConflict(blocking))
          return
        }
        let next = current
        try {
          for (const step of plan.steps) {
            if (step.kind === 'delete') await clusterApi.remove(step.id, step.version)
            else if (step.kind === 'patch') await clusterApi.patch(step.id, { version: step.version, ...step.body })
            else {
              const row = await clusterApi.create({ year: yearRef.current, ...step.body })
              next = withAlias(next, step.snapshotId, row.id)
            }
          }
        } catch (err) {
          console.warn(`[clusters] ${direction} failed:`, err)
          const aliases = next.aliases
          setStack((s) => ({ ...s, aliases }))
          setMessage(describeWriteError(err, command.subject))
          await reloadList().catch(() => undefined)
          return
        }
        const fresh = await reloadList().catch(() => null)
        // Keep a 片区 of the change selected: the one selected if it is still there, else the only one restored.
        if (fresh) {
          const ids = to.map((snap) => resolveId(next, snap.id)).filter((id) => fresh.clusters.some((c) => c.id === id))
          setSelectedId((cur) => (cur !== null && fresh.clusters.some((c) => c.id === cur) ? cur : ids.length === 1 ? ids[0] : cur))
        }
        const aliases = next.aliases
        setStack((s) => {
          const base = { ...s, aliases }
          return direction === 'undo' ? commitUndo(base) : commitRedo(base)
        })
        setMessage({ tone: 'success', key: direction === 'undo' ? 'clusters.undo.done' : 'clusters.redo.done', command: { kind: command.kind, subject: command.subject } })
      }),
    // The refs and state setters are stable.
    [enqueue, reloadList],
  )
  const undo = useCallback(() => void runTransition('undo'), [runTransition])
  const redo = useCallback(() => void runTransition('redo'), [runTransition])
  return { undo, redo }
}
