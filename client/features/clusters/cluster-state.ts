/**
 * The 片区 mode's state shapes and the pure helpers around them: what the list request is in, the
 * defaults shown before it answers, and the membership map with the changes still being saved applied.
 * No React, no requests.
 */
import { DEFAULT_CLUSTER_RULES, type ClusterListResponse, type ClusterRow } from '../../../core/contracts/clusters.js'
import { ApiError } from '../../api/http.js'
import { membershipOf } from './cluster-rows.js'

export type ClusterTool = 'none' | 'lasso'
export type ClusterRules = ClusterListResponse['rules']

export type ListState = { status: 'loading' } | { status: 'ready'; list: ClusterListResponse } | { status: 'error'; error: ApiError; list?: ClusterListResponse }

/** Which 片区 each community is being moved to (null: out of any) while the change is saved. */
export type PendingMembership = ReadonlyMap<number, number | null>

export const NO_CLUSTERS: ClusterRow[] = []
export const DEFAULT_RULES: ClusterRules = { ...DEFAULT_CLUSTER_RULES }

export function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('client', err instanceof Error ? err.message : String(err), null, '')
}

export function sortedIds(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b)
}

/** The 片区 shown: the loaded list's, the last list's while an error shows, else none. */
export function clustersOf(listState: ListState): readonly ClusterRow[] {
  return listState.status === 'ready' ? listState.list.clusters : (listState.status === 'error' && listState.list?.clusters) || NO_CLUSTERS
}

/** The rules the list came with, or the defaults until it is loaded. */
export function rulesOf(listState: ListState): ClusterRules {
  return listState.status === 'ready' ? listState.list.rules : DEFAULT_RULES
}

/** The 片区 with this id in a list; a 404 error if it is gone (so a write fails as the server would). */
export function rowIn(list: ClusterListResponse, id: number | null): ClusterRow {
  const row = list.clusters.find((c) => c.id === id)
  if (!row) throw new ApiError('not_found', `片区 ${id} is gone`, 404, '')
  return row
}

/** Which 片区 holds each community, with the changes being saved already applied. */
export function membershipWithPending(clusters: readonly ClusterRow[], pending: PendingMembership): Map<number, number> {
  const m = membershipOf(clusters)
  for (const [communityId, clusterId] of pending) {
    if (clusterId === null) m.delete(communityId)
    else m.set(communityId, clusterId)
  }
  return m
}
