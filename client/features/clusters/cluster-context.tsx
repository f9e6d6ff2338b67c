import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import {
  DEFAULT_CLUSTER_RULES,
  type ClusterCheckResponse,
  type ClusterFlag,
  type ClusterGeoJson,
  type ClusterListResponse,
  type ClusterRow,
  type ClusterStatus,
} from '../../../core/contracts/clusters.js'
import { clusterApi } from '../../api/cluster-endpoints.js'
import { ApiError } from '../../api/http.js'
import { useRequest, type Request } from '../../api/use-request.js'
import type { CommunityCollection } from '../../api/endpoints.js'
import { useMeta } from '../../app/meta-context.js'
import { useSession } from '../../app/session-context.js'
import { assignClusterColors } from '../../layers/cluster-colors.js'
import {
  EMPTY_STACK,
  commitRedo,
  commitUndo,
  diffCommand,
  peekRedo,
  peekUndo,
  planTransition,
  recordCommand,
  resolveId,
  withAlias,
  type ClusterCommand,
  type CommandKind,
  type CommandStack,
} from './command-stack.js'
import { approximateNeighbours, buildCommunityIndex, type CommunityIndex } from './community-index.js'
import { membershipOf } from './cluster-rows.js'
import { describeTransitionConflict, describeWriteError, type UserMessage } from './write-errors.js'

export type ClusterTool = 'none' | 'lasso'
export type ClusterRules = ClusterListResponse['rules']

/** What the constraint hints are about: the selection as a new 片区, the selected 片区 with it, or the 片区 alone. */
export type HintSubject =
  | { kind: 'selection'; memberIds: number[] }
  | { kind: 'merged'; memberIds: number[]; clusterId: number; name: string }
  | { kind: 'remaining'; memberIds: number[]; clusterId: number; name: string }
  | { kind: 'cluster'; memberIds: number[]; clusterId: number; name: string; saved: boolean }

export interface Hints {
  subject: HintSubject
  /** Checking with the server (the last answer, if any, still shows). */
  checking: boolean
  residents: number | null
  communities: number
  flags: ClusterFlag[]
  takenBy: ClusterCheckResponse['takenBy']
  failed: boolean
}

export type ListState = { status: 'loading' } | { status: 'ready'; list: ClusterListResponse } | { status: 'error'; error: ApiError; list?: ClusterListResponse }

interface ClustersValue {
  year: number
  setYear: (year: number) => void
  years: number[]
  rules: ClusterRules
  listState: ListState
  clusters: readonly ClusterRow[]
  retry: () => void
  /** Bumped after every reload of the list (packages reload with it). */
  revision: number
  outlines: ClusterGeoJson | undefined
  communities: Request<CommunityCollection>
  index: CommunityIndex
  neighbours: ReadonlyMap<number, ReadonlySet<number>>
  /** Palette index of each 片区. */
  colors: ReadonlyMap<number, number>
  /** Which 片区 holds each community, with changes being saved already applied. */
  membership: ReadonlyMap<number, number>
  canEdit: boolean
  selectedId: number | null
  selected: ClusterRow | null
  select: (id: number | null, opts?: { frame?: boolean }) => void
  selection: ReadonlySet<number>
  setSelection: (next: ReadonlySet<number>) => void
  tool: ClusterTool
  setTool: (tool: ClusterTool) => void
  hints: Hints | null
  saving: boolean
  message: UserMessage | null
  dismissMessage: () => void
  showMessage: (m: UserMessage) => void
  /** The map has drawn the mode's first view (framed, tiles loaded): the page reads as ready only then. */
  mapSettled: boolean
  setMapSettled: (settled: boolean) => void
  /** A request to frame communities on the map. */
  frame: { ids: number[]; seq: number } | null
  frameCommunities: (ids: Iterable<number>) => void
  // edits (each saved at once, each undoable)
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
  undoCommand: ClusterCommand | null
  redoCommand: ClusterCommand | null
  undo: () => void
  redo: () => void
}

const ClustersContext = createContext<ClustersValue | null>(null)
const NO_CLUSTERS: ClusterRow[] = []
const DEFAULT_RULES: ClusterRules = { ...DEFAULT_CLUSTER_RULES }

function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('client', err instanceof Error ? err.message : String(err), null, '')
}

function sortedIds(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b)
}

/** The 片区 mode's state: the year's 片区, the user's selection and tools, every edit saved at once with undo. */
export function ClustersProvider({ children }: { children: ReactNode }) {
  const meta = useMeta()
  const { can } = useSession()
  const canEdit = can('cluster.edit')
  const [year, setYearState] = useState(meta.planYear)
  const years = useMemo(() => [meta.planYear - 1, meta.planYear, meta.planYear + 1], [meta.planYear])
  const [listState, setListState] = useState<ListState>({ status: 'loading' })
  const [outlines, setOutlines] = useState<ClusterGeoJson | undefined>(undefined)
  const [revision, setRevision] = useState(0)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [selection, setSelectionState] = useState<ReadonlySet<number>>(new Set())
  const [tool, setTool] = useState<ClusterTool>('none')
  const [pending, setPending] = useState<ReadonlyMap<number, number | null>>(new Map())
  const [stack, setStack] = useState<CommandStack>(EMPTY_STACK)
  const [message, setMessage] = useState<UserMessage | null>(null)
  const [busy, setBusy] = useState(0)
  const [frame, setFrame] = useState<{ ids: number[]; seq: number } | null>(null)
  const [mapSettled, setMapSettled] = useState(false)
  const frameSeq = useRef(0)

  const yearRef = useRef(year)
  yearRef.current = year
  const listRef = useRef<ClusterListResponse | null>(null)
  const stackRef = useRef(stack)
  stackRef.current = stack
  const loadSeq = useRef(0)
  const queue = useRef<Promise<unknown>>(Promise.resolve())

  /** Loads the year's 片区 (and their outlines, not awaited) again; resolves to the fresh list. */
  const reloadList = useCallback(async (): Promise<ClusterListResponse> => {
    const seq = ++loadSeq.current
    const y = yearRef.current
    clusterApi.outlines(y).then(
      (o) => {
        if (seq === loadSeq.current) setOutlines(o)
      },
      (err: unknown) => console.error('[clusters] outlines:', err),
    )
    const list = await clusterApi.list(y)
    if (seq === loadSeq.current) {
      listRef.current = list
      setListState({ status: 'ready', list })
      setRevision((r) => r + 1)
    }
    return list
  }, [])

  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    listRef.current = null
    setListState({ status: 'loading' })
    setOutlines(undefined)
    reloadList().catch((err: unknown) => {
      console.error('[clusters] list:', err)
      setListState({ status: 'error', error: toApiError(err) })
    })
  }, [year, attempt, reloadList])
  const retry = useCallback(() => setAttempt((n) => n + 1), [])

  const setYear = useCallback((y: number) => {
    setYearState(y)
    setSelectedId(null)
    setSelectionState(new Set())
    setPending(new Map())
    setStack(EMPTY_STACK)
    setMessage(null)
  }, [])

  const communities = useRequest('cluster-communities', () => clusterApi.communities())
  const index = useMemo(() => buildCommunityIndex(communities.data), [communities.data])
  const neighbours = useMemo(() => approximateNeighbours(index.list, 60), [index])

  const clusters = listState.status === 'ready' ? listState.list.clusters : (listState.status === 'error' && listState.list?.clusters) || NO_CLUSTERS
  const rules = listState.status === 'ready' ? listState.list.rules : DEFAULT_RULES

  // Colours: the server's index where it gave one, kept stable across edits, neighbours different.
  const previousColors = useRef<ReadonlyMap<number, number>>(new Map())
  const colors = useMemo(() => {
    const fromServer = new Map(outlines?.features.map((f) => [f.properties.id, f.properties.colorIndex]) ?? [])
    const next = assignClusterColors(
      clusters.map((c) => ({ key: c.id, memberIds: c.memberIds, preferred: previousColors.current.get(c.id) ?? fromServer.get(c.id) ?? null })),
      neighbours,
    ) as Map<number, number>
    previousColors.current = next
    return next
  }, [clusters, outlines, neighbours])

  const membership = useMemo(() => {
    const m = membershipOf(clusters)
    for (const [communityId, clusterId] of pending) {
      if (clusterId === null) m.delete(communityId)
      else m.set(communityId, clusterId)
    }
    return m
  }, [clusters, pending])

  const selected = useMemo(() => clusters.find((c) => c.id === selectedId) ?? null, [clusters, selectedId])
  // A 片区 that disappeared (deleted, merged away, undone) is no longer selected.
  useEffect(() => {
    if (selectedId !== null && listState.status === 'ready' && !listState.list.clusters.some((c) => c.id === selectedId)) setSelectedId(null)
  }, [selectedId, listState])

  const frameCommunities = useCallback((ids: Iterable<number>) => {
    frameSeq.current += 1
    setFrame({ ids: [...ids], seq: frameSeq.current })
  }, [])

  const select = useCallback(
    (id: number | null, opts: { frame?: boolean } = {}) => {
      setSelectedId(id)
      if (id !== null && opts.frame) {
        const row = listRef.current?.clusters.find((c) => c.id === id)
        if (row) frameCommunities(row.memberIds)
      }
    },
    [frameCommunities],
  )

  const setSelection = useCallback((next: ReadonlySet<number>) => setSelectionState(next), [])

  // ---- writes: one at a time, in order, each with the version the server has now ----

  const enqueue = useCallback(<T,>(job: () => Promise<T>): Promise<T> => {
    setBusy((n) => n + 1)
    const run = queue.current.then(job, job)
    queue.current = run.catch(() => undefined)
    return run.finally(() => setBusy((n) => n - 1))
  }, [])

  const perform = useCallback(
    <T,>(opts: {
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

  const rowIn = (list: ClusterListResponse, id: number | null): ClusterRow => {
    const row = list.clusters.find((c) => c.id === id)
    if (!row) throw new ApiError('not_found', `片区 ${id} is gone`, 404, '')
    return row
  }

  const createCluster = useCallback(
    (name: string, memberIds: number[]) =>
      perform({
        kind: 'create',
        subject: name,
        write: () => clusterApi.create({ name, year: yearRef.current, status: 'draft', notes: '', memberIds: sortedIds(memberIds) }),
        scope: (row) => ({ ids: [row.id], members: memberIds }),
        done: (row) => {
          setSelectedId(row.id)
          setSelectionState(new Set())
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
        write: (list) => {
          const cur = rowIn(list, clusterId)
          const memberIds = adding ? sortedIds([...cur.memberIds, communityId]) : cur.memberIds.filter((m) => m !== communityId)
          return clusterApi.patch(clusterId, { version: cur.version, memberIds })
        },
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
      write: (list) => {
        const cur = rowIn(list, id)
        return clusterApi.patch(id, { version: cur.version, memberIds: sortedIds([...cur.memberIds, ...adding]) })
      },
      scope: () => ({ ids: [id], members: adding }),
      done: () => setSelectionState(new Set()),
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
      write: (list) => {
        const cur = rowIn(list, id)
        return clusterApi.patch(id, { version: cur.version, memberIds: cur.memberIds.filter((m) => !leaving.has(m)) })
      },
      scope: () => ({ ids: [id], members: [...leaving] }),
      done: () => setSelectionState(new Set()),
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
        done: () => setSelectionState(new Set()),
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

  // ---- undo / redo: the inverse (or the change again) as new writes ----

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
    [enqueue, reloadList],
  )
  const undo = useCallback(() => void runTransition('undo'), [runTransition])
  const redo = useCallback(() => void runTransition('redo'), [runTransition])

  // ---- constraint hints: the server checks the member list being edited (debounced; nothing saved) ----

  const subject = useMemo<HintSubject | null>(() => {
    if (selection.size > 0 && canEdit) {
      if (selected && selected.status !== 'approved') {
        const inside = [...selection].filter((id) => selected.memberIds.includes(id))
        // All inside: what is left after taking them out (a split or a removal); else what adding them makes.
        if (inside.length === selection.size && inside.length < selected.memberIds.length) {
          return { kind: 'remaining', memberIds: selected.memberIds.filter((m) => !selection.has(m)), clusterId: selected.id, name: selected.name }
        }
        return { kind: 'merged', memberIds: sortedIds([...selected.memberIds, ...selection]), clusterId: selected.id, name: selected.name }
      }
      return { kind: 'selection', memberIds: sortedIds(selection) }
    }
    if (!selected) return null
    const memberIds = sortedIds([...membership].filter(([, c]) => c === selected.id).map(([m]) => m))
    const savedIds = sortedIds(selected.memberIds)
    const saved = memberIds.length === savedIds.length && memberIds.every((m, i) => m === savedIds[i])
    return { kind: 'cluster', memberIds, clusterId: selected.id, name: selected.name, saved }
  }, [selection, selected, membership, canEdit])

  const checkKey = subject && !(subject.kind === 'cluster' && subject.saved) ? `${year}|${subject.kind === 'selection' ? '' : subject.clusterId}|${subject.memberIds.join(',')}` : null
  const [check, setCheck] = useState<{ key: string; result: ClusterCheckResponse | null; failed: boolean } | null>(null)
  useEffect(() => {
    if (!checkKey || !subject || subject.memberIds.length === 0) return
    let current = true
    const timer = window.setTimeout(() => {
      clusterApi
        .check({ year, memberIds: subject.memberIds, clusterId: subject.kind === 'selection' ? undefined : subject.clusterId })
        .then(
          (result) => current && setCheck({ key: checkKey, result, failed: false }),
          (err: unknown) => {
            console.error('[clusters] check:', err)
            if (current) setCheck((c) => ({ key: checkKey, result: c?.result ?? null, failed: true }))
          },
        )
    }, 150)
    return () => {
      current = false
      window.clearTimeout(timer)
    }
    // subject is derived from the key's parts.
  }, [checkKey])

  const hints = useMemo<Hints | null>(() => {
    if (!subject) return null
    if (subject.kind === 'cluster' && subject.saved && selected) {
      return { subject, checking: false, residents: selected.residents, communities: selected.memberIds.length, flags: selected.flags, takenBy: [], failed: false }
    }
    const fresh = check && check.key === checkKey
    const result = check?.result ?? null
    return {
      subject,
      checking: !fresh,
      residents: result ? result.residents : null,
      communities: subject.memberIds.length,
      flags: result?.flags ?? [],
      takenBy: result?.takenBy ?? [],
      failed: Boolean(fresh && check?.failed),
    }
  }, [subject, selected, check, checkKey])

  const value = useMemo<ClustersValue>(
    () => ({
      year,
      setYear,
      years,
      rules,
      listState,
      clusters,
      retry,
      revision,
      outlines,
      communities,
      index,
      neighbours,
      colors,
      membership,
      canEdit,
      selectedId: selected ? selected.id : null,
      selected,
      select,
      selection,
      setSelection,
      tool,
      setTool,
      hints,
      saving: busy > 0,
      message,
      dismissMessage: () => setMessage(null),
      showMessage: setMessage,
      mapSettled,
      setMapSettled,
      frame,
      frameCommunities,
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
      undoCommand: peekUndo(stack),
      redoCommand: peekRedo(stack),
      undo,
      redo,
    }),
    [
      year,
      setYear,
      years,
      rules,
      listState,
      clusters,
      retry,
      revision,
      outlines,
      communities,
      index,
      neighbours,
      colors,
      membership,
      canEdit,
      selected,
      select,
      selection,
      setSelection,
      tool,
      hints,
      busy,
      message,
      mapSettled,
      setMapSettled,
      frame,
      frameCommunities,
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
      stack,
      undo,
      redo,
    ],
  )
  return <ClustersContext.Provider value={value}>{children}</ClustersContext.Provider>
}

export function useClusters(): ClustersValue {
  const value = useContext(ClustersContext)
  if (!value) throw new Error('useClusters must be used inside <ClustersProvider>')
  return value
}
