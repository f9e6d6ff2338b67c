import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ClusterGeoJson, ClusterRow } from '../../../core/contracts/clusters.js'
import { clusterApi } from '../../api/cluster-endpoints.js'
import { useRequest, type Request } from '../../api/use-request.js'
import type { CommunityCollection } from '../../api/endpoints.js'
import { useMeta } from '../../app/meta-context.js'
import { useSession } from '../../app/session-context.js'
import { assignClusterColors } from '../../layers/cluster-colors.js'
import { EMPTY_STACK, peekRedo, peekUndo, type ClusterCommand, type CommandStack } from './command-stack.js'
import { approximateNeighbours, buildCommunityIndex, type CommunityIndex } from './community-index.js'
import { useClusterHints, type Hints } from './cluster-hints.js'
import { useClusterList } from './cluster-loading.js'
import { clustersOf, membershipWithPending, rulesOf, type ClusterRules, type ClusterTool, type ListState, type PendingMembership } from './cluster-state.js'
import { useClusterWrites, type ClusterWrites } from './cluster-writes.js'
import type { UserMessage } from './write-errors.js'
import { useMemoFields } from '../../components/use-memo-fields.js'

export type { ClusterRules, ClusterTool, ListState } from './cluster-state.js'
export type { HintSubject, Hints } from './cluster-hints.js'

/** The mode's state and its edits (cluster-writes.ts: each saved at once, each undoable). */
interface ClustersValue extends ClusterWrites {
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
  message: UserMessage | null
  dismissMessage: () => void
  showMessage: (m: UserMessage) => void
  /** The map has drawn the mode's first view (framed, tiles loaded): the page reads as ready only then. */
  mapSettled: boolean
  setMapSettled: (settled: boolean) => void
  /** A request to frame communities on the map. */
  frame: { ids: number[]; seq: number } | null
  frameCommunities: (ids: Iterable<number>) => void
  undoCommand: ClusterCommand | null
  redoCommand: ClusterCommand | null
}

const ClustersContext = createContext<ClustersValue | null>(null)

/** Memoizes an object on its fields: the same object until one of them changes (its fields are its dependencies). */

/** The 片区 mode's state: the year's 片区, the user's selection and tools, every edit saved at once with undo. */
export function ClustersProvider({ children }: { children: ReactNode }) {
  const meta = useMeta()
  const { can } = useSession()
  const canEdit = can('cluster.edit')
  const [year, setYearState] = useState(meta.planYear)
  const years = useMemo(() => [meta.planYear - 1, meta.planYear, meta.planYear + 1], [meta.planYear])
  const { listState, outlines, revision, yearRef, listRef, reloadList, retry } = useClusterList(year)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [selection, setSelectionState] = useState<ReadonlySet<number>>(new Set())
  const [tool, setTool] = useState<ClusterTool>('none')
  const [pending, setPending] = useState<PendingMembership>(new Map())
  const [stack, setStack] = useState<CommandStack>(EMPTY_STACK)
  const stackRef = useRef(stack)
  stackRef.current = stack
  const [message, setMessage] = useState<UserMessage | null>(null)
  const [frame, setFrame] = useState<{ ids: number[]; seq: number } | null>(null)
  const [mapSettled, setMapSettled] = useState(false)
  const frameSeq = useRef(0)

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

  const clusters = clustersOf(listState)
  const rules = rulesOf(listState)

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

  const membership = useMemo(() => membershipWithPending(clusters, pending), [clusters, pending])

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
  const dismissMessage = useCallback(() => setMessage(null), [])

  const writes = useClusterWrites({
    yearRef,
    listRef,
    reloadList,
    stackRef,
    setStack,
    setPending,
    setSelectedId,
    setSelection: setSelectionState,
    setMessage,
    clusters,
    selected,
    selection,
    membership,
    canEdit,
  })

  const hints = useClusterHints({ year, selection, selected, membership, canEdit })

  const value = useMemoFields<ClustersValue>({
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
    message,
    dismissMessage,
    showMessage: setMessage,
    mapSettled,
    setMapSettled,
    frame,
    frameCommunities,
    ...writes,
    undoCommand: peekUndo(stack),
    redoCommand: peekRedo(stack),
  })
  return <ClustersContext.Provider value={value}>{children}</ClustersContext.Provider>
}

export function useClusters(): ClustersValue {
  const value = useContext(ClustersContext)
  if (!value) throw new Error('useClusters must be used inside <ClustersProvider>')
  return value
}
