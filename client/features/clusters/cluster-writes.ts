/**
 * The 片区 mode's edits: each is saved at once, one write at a time and in order, with the version the
 * server has now; the list is reloaded after it and the change recorded on the command stack so it can
 * be undone (cluster-undo.ts). A failed write shows a message and reloads the list.
 */
import { useCallback, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react'
import type { ClusterListResponse, ClusterRow, ClusterStatus } from '../../../core/contracts/clusters.js'
import { clusterApi } from '../../api/cluster-endpoints.js'
import { diffCommand, recordCommand, type CommandKind, type CommandStack } from './command-stack.js'
import { rowIn, sortedIds, type PendingMembership } from './cluster-state.js'
import { useUndoRedo, type Enqueue } from './cluster-undo.js'
import { describeWriteError, type UserMessage } from './write-errors.js'

/** The edits the mode offers (each saved at once, each undoable). */
export interface ClusterWrites {
  saving: boolean
  createCluster: (name: string, memberIds: number[]) => Promise<boolean>
  toggleMember: (communityId: number) => void
  addSelectionToSelected: () => Promise<boolean>
  removeSelectionFromSelected: () => Promise<boolean>
  rename: (name: string) => Promise<boolean>
  setStatus: (status: ClusterStatus) => Promise<boolean>
  setNotes: (notes: string) => Promise<boolean>
  split: (name: string) => Promise<boolean>
  merge: (otherId: number) => Promise<boolean>
  remove: () => Promise<boolean>
  acceptProposals: (clusters: { name: string; memberIds: number[] }[], status: 'draft' | 'proposed') => Promise<boolean>
  /** Reloads the list after a write elsewhere (packages). */
  reload: () => Promise<ClusterListResponse | null>
  undo: () => void
  redo: () => void
}

/** What the edits read and change in the mode's state. */
export interface WriteContext {
  yearRef: RefObject<number>
  /** The last list loaded (null while it loads: no edit runs then). */
  listRef: RefObject<ClusterListResponse | null>
  reloadList: () => Promise<ClusterListResponse>
  stackRef: RefObject<CommandStack>
  setStack: Dispatch<SetStateAction<CommandStack>>
  setPending: Dispatch<SetStateAction<PendingMembership>>
  setSelectedId: Dispatch<SetStateAction<number | null>>
  setSelection: Dispatch<SetStateAction<ReadonlySet<number>>>
  setMessage: Dispatch<SetStateAction<UserMessage | null>>
  clusters: readonly ClusterRow[]
  selected: ClusterRow | null
  selection: ReadonlySet<number>
  membership: ReadonlyMap<number, number>
  canEdit: boolean
}

/** Saves a 片区's members as `edit` makes them from the members (and version) the server has now. */
function patchMembers(list: ClusterListResponse, id: number, edit: (memberIds: number[]) => number[]): Promise<ClusterRow> {
  const cur = rowIn(list, id)
  return clusterApi.patch(id, { version: cur.version, memberIds: edit(cur.memberIds) })
}

/** One write at a time, in order; counts the writes queued or running. */
function useWriteQueue(): { enqueue: Enqueue; saving: boolean } {
  const [busy, setBusy] = useState(0)
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  const enqueue = useCallback(<T>(job: () => Promise<T>): Promise<T> => {
    setBusy((n) => n + 1)
    const run = queue.current.then(job, job)
    queue.current = run.catch(() => undefined)
    return run.finally(() => setBusy((n) => n - 1))
  }, [])
  return { enqueue, saving: busy > 0 }
}

export function useClusterWrites(ctx: WriteContext): ClusterWrites {
  const { yearRef, listRef, reloadList, stackRef, setStack, setPending, setSelectedId, setSelection, setMessage, clusters, selected, selection, membership, canEdit } =
    ctx
  const { enqueue, saving } = useWriteQueue()

  const perform = useCallback(
    <T>(opts: {
      kind: CommandKind
      subject: string
      write: (list: ClusterListResponse) => Promise<T>
      /** The 片区 and communities the change is about (for its undo). */
      scope: (result: T, list: ClusterListResponse) => { ids: number[]; members: number[] }
      done?: (result: T) => void
      success?: UserMessage
    }): Promise<boolean> =>
      enqueue(async () => {
        const before = listRef.current
        if (!before) return false
        try {
          const result = await opts.write(before)
          const fresh = await reloadList()
          const command = diffCommand(opts.kind, opts.subject, before.clusters, fresh.clusters, opts.scope(result, before))
          if (command) setStack((s) => recordCommand(s, command))
          opts.done?.(result)
          setMessage(opts.success ?? null)
          return true
        } catch (err) {
          console.warn('[clusters] write failed:', err)
          setMessage(describeWriteError(err, opts.subject))
          await reloadList().catch(() => undefined)
          return false
        }
      }),
    [enqueue, reloadList],
  )

  const createCluster = useCallback(
    (name: string, memberIds: number[]) =>
      perform({
        kind: 'create',
        subject: name,
        write: () => clusterApi.create({ name, year: yearRef.current, status: 'draft', notes: '', memberIds: sortedIds(memberIds) }),
        scope: (row) => ({ ids: [row.id], members: memberIds }),
        done: (row) => {
          setSelectedId(row.id)
          setSelection(new Set())
        },
        success: { tone: 'success', key: 'clusters.msg.created', params: { name } },
      }),
    [perform],
  )

  const savePending = useCallback(
    (communityId: number, clusterId: number, adding: boolean) => {
      const row = listRef.current?.clusters.find((c) => c.id === clusterId)
      const name = row?.name ?? ''
      setPending((p) => new Map(p).set(communityId, adding ? clusterId : null))
      const clear = () =>
        setPending((p) => {
          const next = new Map(p)
          next.delete(communityId)
          return next
        })
      perform({
        kind: 'members',
        subject: name,
        write: (list) =>
          patchMembers(list, clusterId, (memberIds) => (adding ? sortedIds([...memberIds, communityId]) : memberIds.filter((m) => m !== communityId))),
        scope: () => ({ ids: [clusterId], members: [communityId] }),
      }).finally(clear)
    },
    [perform],
  )

  const toggleMember = useCallback(
    (communityId: number) => {
      if (!selected || !canEdit) return
      const inIt = membership.get(communityId) === selected.id
      if (inIt && selected.memberIds.filter((m) => membership.get(m) === selected.id).length <= 1) {
        setMessage({ tone: 'info', key: 'clusters.msg.lastMember', params: { name: selected.name } })
        return
      }
      savePending(communityId, selected.id, !inIt)
    },
    [selected, canEdit, membership, savePending],
  )

  const addSelectionToSelected = useCallback(() => {
    if (!selected) return Promise.resolve(false)
    const id = selected.id
    const adding = [...selection]
    return perform({
      kind: 'members',
      subject: selected.name,
      write: (list) => patchMembers(list, id, (memberIds) => sortedIds([...memberIds, ...adding])),
      scope: () => ({ ids: [id], members: adding }),
      done: () => setSelection(new Set()),
      success: { tone: 'success', key: 'clusters.msg.added', params: { n: adding.length, name: selected.name } },
    })
  }, [selected, selection, perform])

  const removeSelectionFromSelected = useCallback(() => {
    if (!selected) return Promise.resolve(false)
    const id = selected.id
    const leaving = new Set(selection)
    const remaining = selected.memberIds.filter((m) => !leaving.has(m))
    if (remaining.length === 0) {
      setMessage({ tone: 'info', key: 'clusters.msg.lastMember', params: { name: selected.name } })
      return Promise.resolve(false)
    }
    return perform({
      kind: 'members',
      subject: selected.name,
      write: (list) => patchMembers(list, id, (memberIds) => memberIds.filter((m) => !leaving.has(m))),
      scope: () => ({ ids: [id], members: [...leaving] }),
      done: () => setSelection(new Set()),
      success: { tone: 'success', key: 'clusters.msg.removed', params: { n: leaving.size, name: selected.name } },
    })
  }, [selected, selection, perform])

  const patchSelected = useCallback(
    (kind: CommandKind, body: { name?: string; status?: ClusterStatus; notes?: string }, success?: UserMessage) => {
      if (!selected) return Promise.resolve(false)
      const id = selected.id
      return perform({
        kind,
        subject: body.name ?? selected.name,
        write: (list) => clusterApi.patch(id, { version: rowIn(list, id).version, ...body }),
        scope: () => ({ ids: [id], members: [] }),
        success,
      })
    },
    [selected, perform],
  )

  const rename = useCallback((name: string) => patchSelected('rename', { name }), [patchSelected])
  const setStatus = useCallback((status: ClusterStatus) => patchSelected('status', { status }), [patchSelected])
  const setNotes = useCallback((notes: string) => patchSelected('notes', { notes }), [patchSelected])

  const split = useCallback(
    (name: string) => {
      if (!selected) return Promise.resolve(false)
      const id = selected.id
      const leaving = selected.memberIds.filter((m) => selection.has(m))
      return perform<{ original: ClusterRow; created: ClusterRow }>({
        kind: 'split',
        subject: selected.name,
        write: (list) => clusterApi.split(id, { version: rowIn(list, id).version, memberIds: leaving, name }),
        scope: (res) => ({ ids: [id, res.created.id], members: leaving }),
        done: () => setSelection(new Set()),
        success: { tone: 'success', key: 'clusters.msg.split', params: { name: selected.name, created: name } },
      })
    },
    [selected, selection, perform],
  )

  const merge = useCallback(
    (otherId: number) => {
      if (!selected) return Promise.resolve(false)
      const id = selected.id
      const otherName = clusters.find((c) => c.id === otherId)?.name ?? ''
      return perform<ClusterRow>({
        kind: 'merge',
        subject: selected.name,
        write: (list) => clusterApi.merge(id, { version: rowIn(list, id).version, otherId, otherVersion: rowIn(list, otherId).version }),
        scope: () => ({ ids: [id, otherId], members: [] }),
        done: (row) => setSelectedId(row.id),
        success: { tone: 'success', key: 'clusters.msg.merged', params: { name: selected.name, other: otherName } },
      })
    },
    [selected, clusters, perform],
  )

  const remove = useCallback(() => {
    if (!selected) return Promise.resolve(false)
    const id = selected.id
    const name = selected.name
    return perform({
      kind: 'delete',
      subject: name,
      write: async (list) => {
        await clusterApi.remove(id, rowIn(list, id).version)
        return null
      },
      scope: () => ({ ids: [id], members: [] }),
      done: () => setSelectedId(null),
      success: { tone: 'success', key: 'clusters.msg.deleted', params: { name } },
    })
  }, [selected, perform])

  const acceptProposals = useCallback(
    (list: { name: string; memberIds: number[] }[], status: 'draft' | 'proposed') =>
      perform({
        kind: 'accept',
        subject: String(list.length),
        write: () => clusterApi.accept({ year: yearRef.current, status, clusters: list.map((c) => ({ name: c.name, memberIds: sortedIds(c.memberIds) })) }),
        scope: (rows) => ({ ids: rows.map((r) => r.id), members: list.flatMap((c) => c.memberIds) }),
        success: { tone: 'success', key: 'clusters.msg.accepted', params: { n: list.length } },
      }),
    [perform],
  )

  const reload = useCallback(
    () =>
      enqueue(async () => {
        try {
          return await reloadList()
        } catch {
          return null
        }
      }),
    [enqueue, reloadList],
  )

  const { undo, redo } = useUndoRedo({ enqueue, reloadList, yearRef, stackRef, setStack, setSelectedId, setMessage })

  return {
    saving,
    createCluster,
    toggleMember,
    addSelectionToSelected,
    removeSelectionFromSelected,
    rename,
    setStatus,
    setNotes,
    split,
    merge,
    remove,
    acceptProposals,
    reload,
    undo,
    redo,
  }
}
