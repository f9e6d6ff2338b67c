import type { ClusterRow, ClusterStatus } from '../../../core/contracts/clusters.js'

/**
 * Undo and redo of the user's own 片区 changes in this session. Every change is already saved on the
 * server, so undo is not a local rewind: it is a new write (or a few) that takes the affected 片区 from the
 * state the change left them in back to the state before, and is audited like any other change. Pure:
 * the page runs the planned steps against the API.
 */

/** One 片区 as a change found or left it (the content undo and redo restore). */
export interface ClusterSnapshot {
  id: number
  name: string
  status: ClusterStatus
  notes: string
  /** Sorted ascending. */
  memberIds: number[]
  version: number
  /** The tender package it was in (so undoing a delete puts it back there). */
  packageId?: number | null
}

export type CommandKind = 'create' | 'members' | 'split' | 'merge' | 'delete' | 'rename' | 'status' | 'notes' | 'accept'

/** A change the user made: the affected 片区 before (changed or deleted) and after (changed or created). */
export interface ClusterCommand {
  kind: CommandKind
  /** What the change was about, for the button's tooltip (a 片区's name, or a count). */
  subject: string
  before: ClusterSnapshot[]
  after: ClusterSnapshot[]
}

export interface CommandStack {
  done: readonly ClusterCommand[]
  undone: readonly ClusterCommand[]
  /**
   * Ids of 片区 that an undo or redo re-created under a new id (old → new), so older commands still find
   * them.
   */
  aliases: ReadonlyMap<number, number>
}

export const EMPTY_STACK: CommandStack = { done: [], undone: [], aliases: new Map() }

/** How many changes the stack keeps (the oldest fall off). */
export const STACK_LIMIT = 100

export function snapshotOf(row: Pick<ClusterRow, 'id' | 'name' | 'status' | 'notes' | 'memberIds' | 'version'> & { packageId?: number | null }): ClusterSnapshot {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    notes: row.notes,
    memberIds: [...row.memberIds].sort((a, b) => a - b),
    version: row.version,
    packageId: row.packageId ?? null,
  }
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false
  const sa = [...a].sort((x, y) => x - y)
  const sb = [...b].sort((x, y) => x - y)
  return sa.every((v, i) => v === sb[i])
}

/** Whether two snapshots hold the same content (name, status, notes, members); versions are ignored. */
export function sameContent(a: Omit<ClusterSnapshot, 'id' | 'version'>, b: Omit<ClusterSnapshot, 'id' | 'version'>): boolean {
  return a.name === b.name && a.status === b.status && a.notes === b.notes && sameMembers(a.memberIds, b.memberIds)
}

/**
 * The command for one saved change, from the 片区 lists before and after it. Only 片区 the change
 * touched count: those named in `scope.ids` and those holding any of `scope.members` before or after (a
 * 片区 that lost members to a new one). Null when nothing changed.
 */
export function diffCommand(
  kind: CommandKind,
  subject: string,
  beforeRows: readonly ClusterRow[],
  afterRows: readonly ClusterRow[],
  scope: { ids: Iterable<number>; members: Iterable<number> },
): ClusterCommand | null {
  const ids = new Set(scope.ids)
  const members = new Set(scope.members)
  const relevant = (r: Pick<ClusterRow, 'id' | 'memberIds'>) => ids.has(r.id) || r.memberIds.some((m) => members.has(m))
  // A 片区 on both sides counts when either side touched the change, so both halves are kept.
  const beforeById = new Map(beforeRows.map((r) => [r.id, snapshotOf(r)]))
  const afterById = new Map(afterRows.map((r) => [r.id, snapshotOf(r)]))
  const before: ClusterSnapshot[] = []
  const after: ClusterSnapshot[] = []
  for (const b of beforeById.values()) {
    const a = afterById.get(b.id)
    if (!relevant(b) && !(a && relevant(a))) continue
    if (!a || !sameContent(a, b)) before.push(b)
  }
  for (const a of afterById.values()) {
    const b = beforeById.get(a.id)
    if (!relevant(a) && !(b && relevant(b))) continue
    if (!b || !sameContent(a, b)) after.push(a)
  }
  if (before.length === 0 && after.length === 0) return null
  const byId = (x: ClusterSnapshot, y: ClusterSnapshot) => x.id - y.id
  return { kind, subject, before: before.sort(byId), after: after.sort(byId) }
}

/** The stack with a new change on top; the redo list is dropped (a new change ends the redo history). */
export function recordCommand(stack: CommandStack, command: ClusterCommand, limit = STACK_LIMIT): CommandStack {
  const done = [...stack.done, command]
  return { done: done.length > limit ? done.slice(done.length - limit) : done, undone: [], aliases: stack.aliases }
}

export function peekUndo(stack: CommandStack): ClusterCommand | null {
  return stack.done[stack.done.length - 1] ?? null
}

export function peekRedo(stack: CommandStack): ClusterCommand | null {
  return stack.undone[stack.undone.length - 1] ?? null
}

/** After the top change was undone on the server: it moves to the redo list. */
export function commitUndo(stack: CommandStack): CommandStack {
  const top = peekUndo(stack)
  if (!top) return stack
  return { done: stack.done.slice(0, -1), undone: [...stack.undone, top], aliases: stack.aliases }
}

/** After the top undone change was applied again: it moves back to the undo list. */
export function commitRedo(stack: CommandStack): CommandStack {
  const top = peekRedo(stack)
  if (!top) return stack
  return { done: [...stack.done, top], undone: stack.undone.slice(0, -1), aliases: stack.aliases }
}

/** A 片区's id now, following re-creations (undoing a delete creates it again under a new id). */
export function resolveId(stack: Pick<CommandStack, 'aliases'>, id: number): number {
  let current = id
  for (let hops = 0; hops < 1000; hops++) {
    const next = stack.aliases.get(current)
    if (next === undefined) return current
    current = next
  }
  return current
}

/** The stack knowing that the 片区 once `oldId` now lives as `newId`. */
export function withAlias(stack: CommandStack, oldId: number, newId: number): CommandStack {
  if (oldId === newId) return stack
  const aliases = new Map(stack.aliases)
  aliases.set(oldId, newId)
  return { ...stack, aliases }
}

export type ClusterContent = Pick<ClusterSnapshot, 'name' | 'status' | 'notes' | 'memberIds'>

/** One server write of a transition. `snapshotId` is the id the command knows the 片区 by. */
export type TransitionStep =
  | { kind: 'delete'; snapshotId: number; id: number; version: number; name: string }
  | { kind: 'patch'; snapshotId: number; id: number; version: number; name: string; body: Partial<ClusterContent> }
  | { kind: 'create'; snapshotId: number; name: string; body: ClusterContent & { packageId?: number } }

/** Why a transition cannot run: a 片区 is not as the change left it, or a community it needs sits elsewhere now. */
export type TransitionConflict =
  | { kind: 'changed'; snapshotId: number; name: string }
  | { kind: 'gone'; snapshotId: number; name: string }
  | { kind: 'taken'; communityId: number; clusterId: number; clusterName: string }

export interface TransitionPlan {
  steps: TransitionStep[]
  conflicts: TransitionConflict[]
}

/**
 * The writes that take the 片区 from `from` (as a change left them) to `to`, given the list on the server
 * now. Shrinking writes go first so no write takes a community another one still holds (the server would
 * move it and bump the other's version). A 片区 whose content differs from `from` was changed by someone
 * else: its step keeps the version the change saw, so the server refuses it with a conflict that names who
 * (and that step goes first, so nothing else is written).
 */
export function planTransition(
  from: readonly ClusterSnapshot[],
  to: readonly ClusterSnapshot[],
  current: readonly Pick<ClusterRow, 'id' | 'name' | 'status' | 'notes' | 'memberIds' | 'version'>[],
  stack: Pick<CommandStack, 'aliases'>,
): TransitionPlan {
  const now = new Map(current.map((r) => [r.id, snapshotOf(r)]))
  const conflicts: TransitionConflict[] = []
  const stale: TransitionStep[] = []
  const deletes: TransitionStep[] = []
  const shrinks: TransitionStep[] = []
  const grows: TransitionStep[] = []
  const creates: TransitionStep[] = []
  const toIds = new Set(to.map((s) => resolveId(stack, s.id)))
  const fromIds = new Set(from.map((s) => resolveId(stack, s.id)))

  for (const f of from) {
    const id = resolveId(stack, f.id)
    const cur = now.get(id)
    const target = to.find((s) => resolveId(stack, s.id) === id)
    if (!cur) {
      conflicts.push({ kind: 'gone', snapshotId: f.id, name: f.name })
      continue
    }
    const changed = !sameContent(cur, f)
    if (changed) conflicts.push({ kind: 'changed', snapshotId: f.id, name: f.name })
    const version = changed ? f.version : cur.version
    if (!target) {
      const step: TransitionStep = { kind: 'delete', snapshotId: f.id, id, version, name: f.name }
      ;(changed ? stale : deletes).push(step)
      continue
    }
    const body: Partial<ClusterContent> = {}
    if (target.name !== cur.name) body.name = target.name
    if (target.status !== cur.status) body.status = target.status
    if (target.notes !== cur.notes) body.notes = target.notes
    if (!sameMembers(target.memberIds, cur.memberIds)) body.memberIds = [...target.memberIds]
    if (Object.keys(body).length === 0 && !changed) continue
    const step: TransitionStep = { kind: 'patch', snapshotId: f.id, id, version, name: f.name, body }
    if (changed) stale.push(step)
    else if (target.memberIds.every((m) => cur.memberIds.includes(m))) shrinks.push(step)
    else grows.push(step)
  }
  for (const t of to) {
    const id = resolveId(stack, t.id)
    if (fromIds.has(id)) continue
    const body = { name: t.name, status: t.status, notes: t.notes, memberIds: [...t.memberIds] }
    creates.push({ kind: 'create', snapshotId: t.id, name: t.name, body: t.packageId ? { ...body, packageId: t.packageId } : body })
  }

  // Communities the target needs that a 片区 outside this change holds now (someone else put them there).
  const holder = new Map<number, ClusterSnapshot>()
  for (const s of now.values()) for (const m of s.memberIds) holder.set(m, s)
  for (const t of to) {
    for (const m of t.memberIds) {
      const h = holder.get(m)
      if (h && !fromIds.has(h.id) && !toIds.has(h.id)) conflicts.push({ kind: 'taken', communityId: m, clusterId: h.id, clusterName: h.name })
    }
  }
  return { steps: [...stale, ...deletes, ...shrinks, ...grows, ...creates], conflicts }
}
