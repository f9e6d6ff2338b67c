import type { Position } from '../../core/domain/geo.js'
import type { RoadInput } from '../../core/network/types.js'

// ---- an independent, deliberately simple reference: its own haversine, its own graph, O(V²) Dijkstra ----

export function refHaversine(a: Position, b: Position): number {
  const r = Math.PI / 180
  const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h))
}

/** Graph from lines, joined where they share a vertex exactly; vertices keyed by their printed coordinates. */
export function refGraph(roads: RoadInput[]) {
  const keyOf = (p: Position) => `${p[0].toFixed(7)}|${p[1].toFixed(7)}`
  const ids = new Map<string, number>()
  const pos: Position[] = []
  const adj: Map<number, number>[] = []
  const node = (p: Position) => {
    const k = keyOf(p)
    if (!ids.has(k)) {
      ids.set(k, pos.length)
      pos.push(p)
      adj.push(new Map())
    }
    return ids.get(k)!
  }
  for (const r of roads) {
    if (!r.walkable) continue
    for (let i = 1; i < r.coordinates.length; i++) {
      const a = node(r.coordinates[i - 1])
      const b = node(r.coordinates[i])
      if (a === b) continue
      const w = refHaversine(pos[a], pos[b])
      adj[a].set(b, Math.min(adj[a].get(b) ?? Infinity, w))
      adj[b].set(a, Math.min(adj[b].get(a) ?? Infinity, w))
    }
  }
  return { pos, adj, node: (p: Position) => ids.get(keyOf(p)) }
}

export function refDijkstra(adj: Map<number, number>[], sources: Map<number, number>): number[] {
  const dist = adj.map((_, i) => sources.get(i) ?? Infinity)
  const done = adj.map(() => false)
  for (;;) {
    let u = -1
    for (let i = 0; i < dist.length; i++) if (!done[i] && dist[i] < Infinity && (u < 0 || dist[i] < dist[u])) u = i
    if (u < 0) return dist
    done[u] = true
    for (const [v, w] of adj[u]) if (dist[u] + w < dist[v]) dist[v] = dist[u] + w
  }
}

/** Seeded PRNG (mulberry32) so generated networks are the same on every run. */
export function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

