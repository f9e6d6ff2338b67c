import { describe, expect, it } from 'vitest'
import type { ClusterRow, ClusterStatus } from '../../core/contracts/clusters.js'
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
  type CommandStack,
  type TransitionStep,
} from '../../client/features/clusters/command-stack.js'

function row(id: number, name: string, memberIds: number[], version = 1, status: ClusterStatus = 'draft'): ClusterRow {
  return {
    id,
    name,
    year: 2026,
    status,
    notes: '',
    version,
    memberIds,
    residents: memberIds.length * 1000,
    stats: {
      communities: memberIds.length,
      buildings: 0,
      households: 0,
      residents: memberIds.length * 1000,
      floorAreaM2: 0,
      investmentPlannedWan: 0,
      stageMix: {},
      walkingCoverage: { kindergarten: null, elderlyCare: null },
    },
    flags: [],
    packageId: null,
    labelPoint: null,
    updatedAt: '2026-05-01T00:00:00Z',
  }
}

/**
 * A stand-in for the server: applies steps as the API would (versions bump, a new 片区 gets the next id,
 * members taken from another 片区 move, stale versions are refused).
 */
class FakeServer {
  nextId = 100
  writes = 0
  constructor(public rows: ClusterRow[]) {}
  apply(step: TransitionStep): number | null {
    this.writes += 1
    if (step.kind === 'create') {
      const id = this.nextId++
      this.claim(step.body.memberIds, id)
      this.rows.push({ ...row(id, step.body.name, [...step.body.memberIds].sort((a, b) => a - b)), status: step.body.status, notes: step.body.notes })
      return id
    }
    const cur = this.rows.find((r) => r.id === step.id)
    if (!cur) throw new Error('404')
    if (cur.version !== step.version) throw new Error('409')
    if (step.kind === 'delete') {
      this.rows = this.rows.filter((r) => r.id !== step.id)
      return null
    }
    if (step.body.memberIds) this.claim(step.body.memberIds, cur.id)
    Object.assign(cur, step.body, { version: cur.version + 1 })
    if (step.body.memberIds) cur.memberIds = [...step.body.memberIds].sort((a, b) => a - b)
    return null
  }
  private claim(memberIds: readonly number[], forId: number) {
    for (const r of this.rows) {
      if (r.id === forId) continue
      const left = r.memberIds.filter((m) => !memberIds.includes(m))
      if (left.length !== r.memberIds.length) {
        r.memberIds = left
        r.version += 1
      }
    }
    this.rows = this.rows.filter((r) => r.memberIds.length > 0)
  }
  content() {
    return this.rows
      .map((r) => `${r.name}:${r.status}:${r.memberIds.join(',')}`)
      .sort()
      .join(' | ')
  }
  snapshot(): ClusterRow[] {
    return this.rows.map((r) => ({ ...r, memberIds: [...r.memberIds] }))
  }
}

/** Runs one undo or redo against the fake server, as the page does. */
function run(server: FakeServer, stack: CommandStack, direction: 'undo' | 'redo'): CommandStack {
  const command = direction === 'undo' ? peekUndo(stack)! : peekRedo(stack)!
  const from = direction === 'undo' ? command.after : command.before
  const to = direction === 'undo' ? command.before : command.after
  const plan = planTransition(from, to, server.snapshot(), stack)
  expect(plan.conflicts).toEqual([])
  let next = stack
  for (const step of plan.steps) {
    const created = server.apply(step)
    if (created !== null) next = withAlias(next, step.snapshotId, created)
  }
  return direction === 'undo' ? commitUndo(next) : commitRedo(next)
}

describe('recording a change', () => {
  it('keeps the 片区 a new one took members from, on both sides', () => {
    const before = [row(1, '东关', [1, 2, 3], 4), row(2, '西园', [7, 8], 2)]
    const after = [row(1, '东关', [1], 5), row(2, '西园', [7, 8], 2), row(3, '新片区', [2, 3], 1)]
    const cmd = diffCommand('create', '新片区', before, after, { ids: [3], members: [2, 3] })!
    expect(cmd.before.map((s) => [s.id, s.memberIds])).toEqual([[1, [1, 2, 3]]])
    expect(cmd.after.map((s) => [s.id, s.memberIds])).toEqual([
      [1, [1]],
      [3, [2, 3]],
    ])
  })

  it('leaves out 片区 the change did not touch, even if someone else changed them meanwhile', () => {
    const before = [row(1, 'A', [1, 2]), row(2, 'B', [5])]
    const after = [row(1, 'A', [1, 2, 3], 2), row(2, 'B renamed', [5], 2)]
    const cmd = diffCommand('members', 'A', before, after, { ids: [1], members: [3] })!
    expect(cmd.before.map((s) => s.id)).toEqual([1])
    expect(cmd.after.map((s) => s.id)).toEqual([1])
  })

  it('undoing the delete of a packaged 片区 re-creates it in its package', () => {
    const packaged = { ...row(7, '七号片区', [1, 2]), packageId: 3 }
    const command = diffCommand('delete', '七号片区', [packaged], [], { ids: [7], members: [1, 2] })!
    const plan = planTransition(command.after, command.before, [], EMPTY_STACK)
    expect(plan.steps).toEqual([{ kind: 'create', snapshotId: 7, name: '七号片区', body: { name: '七号片区', status: 'draft', notes: '', memberIds: [1, 2], packageId: 3 } }])
  })

  it('is no command at all when nothing changed', () => {
    const rows = [row(1, 'A', [1])]
    expect(diffCommand('rename', 'A', rows, rows, { ids: [1], members: [] })).toBeNull()
  })

  it('a new change drops what could have been redone, and the oldest fall off past the limit', () => {
    const c = (n: number): ClusterCommand => ({ kind: 'rename', subject: String(n), before: [], after: [] })
    let stack = recordCommand(recordCommand(EMPTY_STACK, c(1)), c(2))
    stack = commitUndo(stack)
    expect(peekRedo(stack)?.subject).toBe('2')
    stack = recordCommand(stack, c(3))
    expect(peekRedo(stack)).toBeNull()
    expect(stack.done.map((x) => x.subject)).toEqual(['1', '3'])
    let long = EMPTY_STACK
    for (let i = 0; i < 5; i++) long = recordCommand(long, c(i), 3)
    expect(long.done.map((x) => x.subject)).toEqual(['2', '3', '4'])
  })
})

describe('undo and redo as new writes', () => {
  it('undoing a new 片区 deletes it and gives the old one its members back; redo creates it again', () => {
    const server = new FakeServer([row(1, '东关', [1, 2, 3], 4)])
    const before = server.snapshot()
    server.apply({ kind: 'create', snapshotId: 0, name: '新片区', body: { name: '新片区', status: 'draft', notes: '', memberIds: [2, 3] } })
    const cmd = diffCommand('create', '新片区', before, server.snapshot(), { ids: [100], members: [2, 3] })!
    let stack = recordCommand(EMPTY_STACK, cmd)
    const edited = server.content()

    stack = run(server, stack, 'undo')
    expect(server.content()).toBe('东关:draft:1,2,3')
    stack = run(server, stack, 'redo')
    expect(server.content()).toBe(edited)
    expect(peekUndo(stack)).toBe(cmd)
  })

  it('undoing a delete re-creates the 片区 under a new id, and an older change still finds it', () => {
    const server = new FakeServer([row(1, 'A', [1, 2], 1)])
    let stack = EMPTY_STACK
    // 1: rename A → B
    let before = server.snapshot()
    server.apply({ kind: 'patch', snapshotId: 1, id: 1, version: 1, name: 'A', body: { name: 'B' } })
    stack = recordCommand(stack, diffCommand('rename', 'B', before, server.snapshot(), { ids: [1], members: [] })!)
    // 2: delete B
    before = server.snapshot()
    server.apply({ kind: 'delete', snapshotId: 1, id: 1, version: 2, name: 'B' })
    stack = recordCommand(stack, diffCommand('delete', 'B', before, server.snapshot(), { ids: [1], members: [] })!)
    expect(server.rows).toEqual([])

    stack = run(server, stack, 'undo') // B comes back as id 100
    expect(server.content()).toBe('B:draft:1,2')
    expect(resolveId(stack, 1)).toBe(100)
    stack = run(server, stack, 'undo') // the rename is undone on id 100
    expect(server.content()).toBe('A:draft:1,2')
    expect(server.rows[0].id).toBe(100)
    stack = run(server, stack, 'redo')
    stack = run(server, stack, 'redo')
    expect(server.rows).toEqual([])
  })

  it('undoing a merge brings the merged 片区 back with its members, shrinking the other first', () => {
    const server = new FakeServer([row(1, 'A', [1, 2], 3), row(2, 'B', [5, 6], 7)])
    const before = server.snapshot()
    // The server's merge: A takes B's members, B is deleted.
    server.rows = [{ ...server.rows[0], memberIds: [1, 2, 5, 6], version: 4 }]
    const stack = recordCommand(EMPTY_STACK, diffCommand('merge', 'A', before, server.snapshot(), { ids: [1, 2], members: [] })!)
    const plan = planTransition(peekUndo(stack)!.after, peekUndo(stack)!.before, server.snapshot(), stack)
    expect(plan.steps.map((s) => s.kind)).toEqual(['patch', 'create'])
    run(server, stack, 'undo')
    expect(server.content()).toBe('A:draft:1,2 | B:draft:5,6')
    expect(server.writes).toBe(2)
  })

  it('a 片区 someone else changed since is not overwritten: its write goes first with the old version', () => {
    const server = new FakeServer([row(1, 'A', [1, 2], 1)])
    const before = server.snapshot()
    server.apply({ kind: 'patch', snapshotId: 1, id: 1, version: 1, name: 'A', body: { memberIds: [1, 2, 3] } })
    const stack = recordCommand(EMPTY_STACK, diffCommand('members', 'A', before, server.snapshot(), { ids: [1], members: [3] })!)
    // Someone else renames it.
    server.apply({ kind: 'patch', snapshotId: 1, id: 1, version: 2, name: 'A', body: { name: 'A2' } })
    const plan = planTransition(peekUndo(stack)!.after, peekUndo(stack)!.before, server.snapshot(), stack)
    expect(plan.conflicts).toEqual([{ kind: 'changed', snapshotId: 1, name: 'A' }])
    expect(plan.steps[0]).toMatchObject({ kind: 'patch', id: 1, version: 2 })
    expect(() => server.apply(plan.steps[0])).toThrow('409')
  })

  it('says when a community the undo needs now sits in a 片区 someone else made', () => {
    const server = new FakeServer([row(1, 'A', [1, 2, 3], 1)])
    const before = server.snapshot()
    server.apply({ kind: 'patch', snapshotId: 1, id: 1, version: 1, name: 'A', body: { memberIds: [1, 2] } })
    const stack = recordCommand(EMPTY_STACK, diffCommand('members', 'A', before, server.snapshot(), { ids: [1], members: [3] })!)
    server.rows.push(row(9, 'C', [3], 1))
    const plan = planTransition(peekUndo(stack)!.after, peekUndo(stack)!.before, server.snapshot(), stack)
    expect(plan.conflicts).toEqual([{ kind: 'taken', communityId: 3, clusterId: 9, clusterName: 'C' }])
  })

  it('says when the 片区 to restore is gone', () => {
    const server = new FakeServer([row(1, 'A', [1], 1)])
    const before = server.snapshot()
    server.apply({ kind: 'patch', snapshotId: 1, id: 1, version: 1, name: 'A', body: { name: 'B' } })
    const stack = recordCommand(EMPTY_STACK, diffCommand('rename', 'B', before, server.snapshot(), { ids: [1], members: [] })!)
    server.rows = []
    const plan = planTransition(peekUndo(stack)!.after, peekUndo(stack)!.before, server.snapshot(), stack)
    expect(plan.conflicts[0]).toMatchObject({ kind: 'gone', name: 'B' })
  })

  it('undoing accepted proposals deletes every 片区 they created', () => {
    const server = new FakeServer([])
    const before = server.snapshot()
    server.apply({ kind: 'create', snapshotId: 0, name: 'P1', body: { name: 'P1', status: 'proposed', notes: '', memberIds: [1, 2] } })
    server.apply({ kind: 'create', snapshotId: 0, name: 'P2', body: { name: 'P2', status: 'proposed', notes: '', memberIds: [3] } })
    const stack = recordCommand(EMPTY_STACK, diffCommand('accept', '2', before, server.snapshot(), { ids: [100, 101], members: [1, 2, 3] })!)
    run(server, stack, 'undo')
    expect(server.rows).toEqual([])
  })
})
