/**
 * The constraint hints: what the member list being edited would be (the selection as a new 片区, the
 * selected 片区 with it or without it, or the 片区 alone), checked with the server (debounced; nothing
 * saved). A saved 片区 shows its own figures without asking.
 */
import { useEffect, useMemo, useState } from 'react'
import type { ClusterCheckResponse, ClusterFlag, ClusterRow } from '../../../core/contracts/clusters.js'
import { clusterApi } from '../../api/cluster-endpoints.js'
import { sortedIds } from './cluster-state.js'

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

/** The member list the hints are about, or null when there is nothing to check. */
export function hintSubject(
  selection: ReadonlySet<number>,
  selected: ClusterRow | null,
  membership: ReadonlyMap<number, number>,
  canEdit: boolean,
): HintSubject | null {
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
}

export function useClusterHints(opts: {
  year: number
  selection: ReadonlySet<number>
  selected: ClusterRow | null
  membership: ReadonlyMap<number, number>
  canEdit: boolean
}): Hints | null {
  const { year, selection, selected, membership, canEdit } = opts
  const subject = useMemo(() => hintSubject(selection, selected, membership, canEdit), [selection, selected, membership, canEdit])

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

  return useMemo<Hints | null>(() => {
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
}
