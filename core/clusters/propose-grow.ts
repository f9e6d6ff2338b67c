/**
 * Growth phase of `proposeClusters`: seeds from the periphery (the free community with the fewest free
 * neighbours, ties broken by the restart's random key), each group grown one community at a time toward the
 * target and never past the maximum, preferring candidates near the group's centre, well linked into it and
 * with few free neighbours. Also the binary heap that orders the seeds.
 */
import type { Workspace } from './propose-workspace.js'

/** Growth scores a candidate by distance to the group's centre (in typical spacings), minus links into the group, plus its free neighbours. */
const LINK_WEIGHT = 0.6
const FREE_WEIGHT = 0.35
const NOISE_WEIGHT = 0.5

/** Growth from the periphery toward the target, never past the maximum. */
export function growFromPeriphery(ws: Workspace, rand: () => number): void {
  const p = ws.p
  const { n, active, fixed, wOff, wAdj } = p
  for (let v = 0; v < n; v++) ws.key[v] = rand()
  const heap = ws.heap
  heap.clear()
  for (let v = 0; v < n; v++) {
    if (!active[v] || fixed[v]) continue
    let d = 0
    for (let e = wOff[v]; e < wOff[v + 1]; e++) if (!fixed[wAdj[e]]) d++
    ws.freeDeg[v] = d
    heap.push(v, d + ws.key[v])
  }
  const members: number[] = []
  while (heap.size > 0) {
    const prio = heap.topPriority()
    const s = heap.pop()
    if (ws.regionOf[s] >= 0 || prio !== ws.freeDeg[s] + ws.key[s]) continue
    const r = ws.regions++
    members.length = 0
    assign(ws, s, r)
    members.push(s)
    for (;;) {
      const u = bestCandidate(ws, r, members)
      if (u < 0) break
      assign(ws, u, r)
      members.push(u)
    }
  }
}

function assign(ws: Workspace, v: number, r: number): void {
  const { wOff, wAdj, fixed } = ws.p
  ws.add(v, r)
  for (let e = wOff[v]; e < wOff[v + 1]; e++) {
    const w = wAdj[e]
    if (fixed[w] || ws.regionOf[w] >= 0) continue
    ws.freeDeg[w]--
    ws.heap.push(w, ws.freeDeg[w] + ws.key[w])
  }
}

/** The unassigned neighbour to add next, or -1 when the group should stop. */
function bestCandidate(ws: Workspace, r: number, members: readonly number[]): number {
  const p = ws.p
  const { wOff, wAdj, fixed, res } = p
  const s = ws.sum[r]
  const T = ws.target
  if (s >= T) return -1
  const cx = ws.sX[r] / ws.sA[r]
  const cy = ws.sY[r] / ws.sA[r]
  const g = ws.nextGen()
  let best = -1
  let bestScore = Infinity
  for (const m of members) {
    for (let e = wOff[m]; e < wOff[m + 1]; e++) {
      const u = wAdj[e]
      if (fixed[u] || ws.regionOf[u] >= 0 || ws.stamp[u] === g) continue
      ws.stamp[u] = g
      const after = s + res[u]
      if (after > ws.max) continue
      // Past the minimum, only steps that bring the group nearer the target.
      if (s >= ws.min && Math.abs(after - T) >= Math.abs(s - T)) continue
      let links = 0
      for (let f = wOff[u]; f < wOff[u + 1]; f++) if (ws.regionOf[wAdj[f]] === r) links++
      const score = Math.hypot(p.x[u] - cx, p.y[u] - cy) / ws.spacing - LINK_WEIGHT * links + FREE_WEIGHT * ws.freeDeg[u] + NOISE_WEIGHT * ws.key[u]
      if (score < bestScore || (score === bestScore && u < best)) {
        bestScore = score
        best = u
      }
    }
  }
  return best
}

/** A binary min-heap of (item, priority) in typed arrays, with room for every push of one growth pass. */
export class Heap {
  private readonly items: Int32Array
  private readonly prio: Float64Array
  size = 0
  constructor(capacity: number) {
    this.items = new Int32Array(capacity)
    this.prio = new Float64Array(capacity)
  }
  clear(): void {
    this.size = 0
  }
  push(item: number, priority: number): void {
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.prio[parent] < priority || (this.prio[parent] === priority && this.items[parent] <= item)) break
      this.items[i] = this.items[parent]
      this.prio[i] = this.prio[parent]
      i = parent
    }
    this.items[i] = item
    this.prio[i] = priority
  }
  topPriority(): number {
    return this.prio[0]
  }
  pop(): number {
    const top = this.items[0]
    const lastItem = this.items[--this.size]
    const lastPrio = this.prio[this.size]
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= this.size) break
      if (c + 1 < this.size && (this.prio[c + 1] < this.prio[c] || (this.prio[c + 1] === this.prio[c] && this.items[c + 1] < this.items[c]))) c++
      if (lastPrio < this.prio[c] || (lastPrio === this.prio[c] && lastItem <= this.items[c])) break
      this.items[i] = this.items[c]
      this.prio[i] = this.prio[c]
      i = c
    }
    this.items[i] = lastItem
    this.prio[i] = lastPrio
    return top
  }
}
