/**
 * Repair phase of `proposeClusters`: groups left below the minimum after growth, smallest first, are merged
 * into a neighbouring group when the sum fits, else take boundary members from neighbours that stay at or
 * above the minimum, else are shared out among neighbours with room (undone unless every member finds one).
 */
import type { Workspace } from './propose-workspace.js'

/** Groups below the minimum: merge into a neighbour, take members from neighbours, or share out among neighbours with room. */
export function repair(ws: Workspace): void {
  const lists = membersOf(ws)
  const order = lists.map((_, r) => r).filter((r) => ws.cnt[r] > 0 && ws.sum[r] < ws.min)
  order.sort((a, b) => ws.sum[a] - ws.sum[b] || a - b)
  for (const r of order) {
    if (ws.cnt[r] === 0 || ws.sum[r] >= ws.min) continue
    if (mergeIntoNeighbour(ws, r, lists)) continue
    takeFromNeighbours(ws, r, lists)
    if (ws.sum[r] >= ws.min) continue
    shareOut(ws, r, lists)
  }
}

function mergeIntoNeighbour(ws: Workspace, r: number, lists: number[][]): boolean {
  let best = -1
  let bestDelta = Infinity
  for (const b of neighbourRegions(ws, r, lists[r])) {
    if (ws.sum[r] + ws.sum[b] > ws.max) continue
    const merged = ws.termOf(ws.cnt[r] + ws.cnt[b], ws.sum[r] + ws.sum[b], ws.sA[r] + ws.sA[b], ws.sX[r] + ws.sX[b], ws.sY[r] + ws.sY[b], ws.sQ[r] + ws.sQ[b])
    const delta = merged - ws.term(r) - ws.term(b)
    if (delta < bestDelta) {
      bestDelta = delta
      best = b
    }
  }
  if (best < 0) return false
  for (const v of lists[r]) {
    ws.remove(v)
    ws.add(v, best)
    lists[best].push(v)
  }
  lists[r] = []
  return true
}

function takeFromNeighbours(ws: Workspace, r: number, lists: number[][]): void {
  const { wOff, wAdj, fixed, res } = ws.p
  for (;;) {
    const cands: { v: number; b: number; delta: number }[] = []
    const g = ws.nextGen()
    for (const m of lists[r]) {
      for (let e = wOff[m]; e < wOff[m + 1]; e++) {
        const v = wAdj[e]
        const b = ws.regionOf[v]
        if (fixed[v] || b < 0 || b === r || ws.stamp[v] === g) continue
        ws.stamp[v] = g
        if (ws.sum[b] - res[v] < ws.min || ws.sum[r] + res[v] > ws.max) continue
        cands.push({ v, b, delta: ws.termWith(r, v, 1) + ws.termWith(b, v, -1) - ws.term(r) - ws.term(b) })
      }
    }
    cands.sort((a, b) => a.delta - b.delta || a.v - b.v)
    const pick = cands.find((c) => ws.connectedWithout(c.b, c.v))
    if (!pick) return
    move(ws, pick.v, pick.b, r, lists)
    if (ws.sum[r] >= ws.min) return
  }
}

function move(ws: Workspace, v: number, from: number, to: number, lists: number[][]): void {
  ws.remove(v)
  ws.add(v, to)
  const i = lists[from].indexOf(v)
  lists[from].splice(i, 1)
  lists[to].push(v)
}

/** Moves every member of r into neighbouring groups with room; undone unless all of them find one. */
function shareOut(ws: Workspace, r: number, lists: number[][]): void {
  const { wOff, wAdj, fixed, res } = ws.p
  const moved: { v: number; to: number }[] = []
  let pending = lists[r].slice()
  let progress = true
  while (pending.length && progress) {
    progress = false
    const rest: number[] = []
    for (const v of pending) {
      let best = -1
      let bestDelta = Infinity
      for (let e = wOff[v]; e < wOff[v + 1]; e++) {
        const u = wAdj[e]
        const b = ws.regionOf[u]
        if (fixed[u] || b < 0 || b === r || ws.sum[b] + res[v] > ws.max) continue
        const delta = ws.termWith(b, v, 1) - ws.term(b)
        if (delta < bestDelta || (delta === bestDelta && b < best)) {
          bestDelta = delta
          best = b
        }
      }
      if (best < 0) rest.push(v)
      else {
        move(ws, v, r, best, lists)
        moved.push({ v, to: best })
        progress = true
      }
    }
    pending = rest
  }
  if (pending.length === 0) return
  for (let k = moved.length - 1; k >= 0; k--) move(ws, moved[k].v, moved[k].to, r, lists)
}

/** The distinct groups next to the members of r (excluding r and the fixed ones), ascending. */
function neighbourRegions(ws: Workspace, r: number, members: readonly number[]): number[] {
  const { wOff, wAdj, fixed } = ws.p
  const out: number[] = []
  for (const m of members) {
    for (let e = wOff[m]; e < wOff[m + 1]; e++) {
      const u = wAdj[e]
      if (fixed[u]) continue
      const b = ws.regionOf[u]
      if (b >= 0 && b !== r && !out.includes(b)) out.push(b)
    }
  }
  return out.sort((a, b) => a - b)
}

function membersOf(ws: Workspace): number[][] {
  const lists: number[][] = Array.from({ length: ws.regions }, () => [])
  for (let v = 0; v < ws.p.n; v++) if (ws.regionOf[v] >= 0 && !ws.p.fixed[v]) lists[ws.regionOf[v]].push(v)
  return lists
}
