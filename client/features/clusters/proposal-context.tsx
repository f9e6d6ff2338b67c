import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ProposalRequest, ProposalResponse } from '../../../core/contracts/clusters.js'
import { clusterApi } from '../../api/cluster-endpoints.js'
import { ApiError } from '../../api/http.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { assignClusterColors } from '../../layers/cluster-colors.js'
import { useClusters } from './cluster-context.js'
import { proposalNames } from './cluster-rows.js'
import { DEFAULT_PROPOSAL_FORM, buildProposalRequest, type ProposalForm, type ProposalFormProblem } from './proposal-form.js'

/** One run of the proposal algorithm, kept so two runs can be compared. */
export interface ProposalRun {
  id: number
  form: ProposalForm
  request: ProposalRequest
  response: ProposalResponse
  /** Palette index per proposal key (neighbours differ). */
  colors: ReadonlyMap<string, number>
  /** Proposals already saved as 片区. */
  accepted: ReadonlySet<string>
}

export type RunStatus = { status: 'idle' } | { status: 'running' } | { status: 'error'; error: ApiError } | { status: 'invalid'; problem: ProposalFormProblem }

interface ProposalsValue {
  open: boolean
  setOpen: (open: boolean) => void
  form: ProposalForm
  setForm: (update: (f: ProposalForm) => ProposalForm) => void
  runStatus: RunStatus
  run: () => void
  /** The latest run and the one before it (for the side-by-side comparison). */
  current: ProposalRun | null
  previous: ProposalRun | null
  clearPrevious: () => void
  checked: ReadonlySet<string>
  toggleChecked: (key: string) => void
  setAllChecked: (on: boolean) => void
  focusedKey: string | null
  setFocusedKey: (key: string | null) => void
  acceptStatus: 'draft' | 'proposed'
  setAcceptStatus: (s: 'draft' | 'proposed') => void
  accepting: boolean
  accept: (which: 'all' | 'checked') => Promise<void>
  /** Community → palette index of the proposal it is in (the latest run, not yet accepted), while the dock is open. */
  preview: ReadonlyMap<number, number>
  /** Community → proposal key, for the map's tooltip and clicks. */
  proposalOf: ReadonlyMap<number, string>
  unassigned: ReadonlyMap<number, ProposalResponse['unassigned'][number]['reason']>
}

const ProposalsContext = createContext<ProposalsValue | null>(null)
const NO_PREVIEW: ReadonlyMap<number, number> = new Map()
const NO_KEYS: ReadonlyMap<number, string> = new Map()
const NO_UNASSIGNED: ReadonlyMap<number, ProposalResponse['unassigned'][number]['reason']> = new Map()

/** The proposal dialog 自动生成方案: its form, the last two runs, which proposals are ticked, and accepting them. */
export function ProposalsProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n()
  const { year, selection, neighbours, index, clusters, acceptProposals } = useClusters()
  const [open, setOpen] = useState(false)
  const [form, setFormState] = useState<ProposalForm>(DEFAULT_PROPOSAL_FORM)
  const [runStatus, setRunStatus] = useState<RunStatus>({ status: 'idle' })
  const [runs, setRuns] = useState<ProposalRun[]>([])
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set())
  const [focusedKey, setFocusedKey] = useState<string | null>(null)
  const [acceptStatus, setAcceptStatus] = useState<'draft' | 'proposed'>('proposed')
  const [accepting, setAccepting] = useState(false)
  const runSeq = useRef(0)

  // Runs belong to the year they were made for.
  useEffect(() => {
    runSeq.current += 1
    setRuns([])
    setChecked(new Set())
    setRunStatus({ status: 'idle' })
  }, [year])

  const setForm = useCallback((update: (f: ProposalForm) => ProposalForm) => setFormState(update), [])

  const run = useCallback(() => {
    const built = buildProposalRequest(form, year, [...selection])
    if (!built.ok) {
      setRunStatus({ status: 'invalid', problem: built.problem })
      return
    }
    const id = ++runSeq.current
    setRunStatus({ status: 'running' })
    const formAtRun = form
    clusterApi.proposals(built.request).then(
      (response) => {
        if (id !== runSeq.current) return
        const colors = assignClusterColors(
          response.proposals.map((p) => ({ key: p.key, memberIds: p.memberIds })),
          neighbours,
        ) as Map<string, number>
        const next: ProposalRun = { id, form: formAtRun, request: built.request, response, colors, accepted: new Set() }
        setRuns((r) => [...r.slice(-1), next])
        setChecked(new Set(response.proposals.map((p) => p.key)))
        setFocusedKey(null)
        setRunStatus({ status: 'idle' })
      },
      (err: unknown) => {
        if (id !== runSeq.current) return
        console.error('[clusters] proposals:', err)
        setRunStatus({ status: 'error', error: err instanceof ApiError ? err : new ApiError('client', String(err), null, '') })
      },
    )
  }, [form, year, selection, neighbours])

  const current = runs[runs.length - 1] ?? null
  const previous = runs.length > 1 ? runs[runs.length - 2] : null
  const clearPrevious = useCallback(() => setRuns((r) => r.slice(-1)), [])

  const toggleChecked = useCallback((key: string) => {
    setChecked((c) => {
      const next = new Set(c)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  }, [])
  const setAllChecked = useCallback(
    (on: boolean) => setChecked(on && current ? new Set(current.response.proposals.filter((p) => !current.accepted.has(p.key)).map((p) => p.key)) : new Set()),
    [current],
  )

  const accept = useCallback(
    async (which: 'all' | 'checked') => {
      if (!current) return
      const chosen = current.response.proposals.filter((p) => !current.accepted.has(p.key) && (which === 'all' || checked.has(p.key)))
      if (chosen.length === 0) return
      const names = proposalNames(
        chosen,
        (id) => index.byId.get(id)?.streetName ?? null,
        clusters.map((c) => c.name),
        (street, n) => t('clusters.proposal.nameFormat', { street: street || t('clusters.proposal.nameFallback'), n }),
      )
      setAccepting(true)
      const ok = await acceptProposals(
        chosen.map((p) => ({ name: names.get(p.key) ?? p.key, memberIds: p.memberIds })),
        acceptStatus,
      )
      setAccepting(false)
      if (!ok) return
      const keys = new Set(chosen.map((p) => p.key))
      setRuns((r) => r.map((x) => (x.id === current.id ? { ...x, accepted: new Set([...x.accepted, ...keys]) } : x)))
      setChecked((c) => new Set([...c].filter((k) => !keys.has(k))))
    },
    [current, checked, index, clusters, t, acceptProposals, acceptStatus],
  )

  const { preview, proposalOf, unassigned } = useMemo(() => {
    if (!open || !current) return { preview: NO_PREVIEW, proposalOf: NO_KEYS, unassigned: NO_UNASSIGNED }
    const p = new Map<number, number>()
    const k = new Map<number, string>()
    for (const proposal of current.response.proposals) {
      if (current.accepted.has(proposal.key)) continue
      const color = current.colors.get(proposal.key) ?? 0
      for (const id of proposal.memberIds) {
        p.set(id, color)
        k.set(id, proposal.key)
      }
    }
    return { preview: p, proposalOf: k, unassigned: new Map(current.response.unassigned.map((u) => [u.communityId, u.reason])) }
  }, [open, current])

  const value = useMemo<ProposalsValue>(
    () => ({
      open,
      setOpen,
      form,
      setForm,
      runStatus,
      run,
      current,
      previous,
      clearPrevious,
      checked,
      toggleChecked,
      setAllChecked,
      focusedKey,
      setFocusedKey,
      acceptStatus,
      setAcceptStatus,
      accepting,
      accept,
      preview,
      proposalOf,
      unassigned,
    }),
    [open, form, setForm, runStatus, run, current, previous, clearPrevious, checked, toggleChecked, setAllChecked, focusedKey, acceptStatus, accepting, accept, preview, proposalOf, unassigned],
  )
  return <ProposalsContext.Provider value={value}>{children}</ProposalsContext.Provider>
}

export function useProposals(): ProposalsValue {
  const value = useContext(ProposalsContext)
  if (!value) throw new Error('useProposals must be used inside <ProposalsProvider>')
  return value
}
