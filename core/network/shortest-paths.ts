import type { NetworkLocation, WalkNetwork } from './types.js'

/** A binary min-heap of (key, node) pairs in typed arrays; stale entries are skipped by the caller (lazy decrease-key). */
export class NodeHeap {
  private keys: Float64Array
  private nodes: Uint32Array
  size = 0
  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity)
    this.nodes = new Uint32Array(capacity)
  }
  clear(): void {
    this.size = 0
  }
  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2)
      keys.set(this.keys)
      const nodes = new Uint32Array(this.nodes.length * 2)
      nodes.set(this.nodes)
      this.keys = keys
      this.nodes = nodes
    }
    let i = this.size++
    const keys = this.keys
    const nodes = this.nodes
    while (i > 0) {
      const parent = (i - 1) >> 1
      const pk = keys[parent]
      // Ties go to the lower node id so searches are deterministic.
      if (pk < key || (pk === key && nodes[parent] <= node)) break
      keys[i] = pk
      nodes[i] = nodes[parent]
      i = parent
    }
    keys[i] = key
    nodes[i] = node
  }
  /** Key of the top entry (call only when size > 0). */
  topKey(): number {
    return this.keys[0]
  }
  /** Removes the top entry and returns its node. */
  pop(): number {
    const keys = this.keys
    const nodes = this.nodes
    const top = nodes[0]
    const n = --this.size
    if (n > 0) {
      const key = keys[n]
      const node = nodes[n]
      let i = 0
      for (;;) {
        let c = 2 * i + 1
        if (c >= n) break
        const r = c + 1
        if (r < n && (keys[r] < keys[c] || (keys[r] === keys[c] && nodes[r] < nodes[c]))) c = r
        if (keys[c] > key || (keys[c] === key && nodes[c] >= node)) break
        keys[i] = keys[c]
        nodes[i] = nodes[c]
        i = c
      }
      keys[i] = key
      nodes[i] = node
    }
    return top
  }
}

/** Where searches start: node, initial metres, and the label (e.g. facility index) it carries. */
export interface Seeds {
  nodes: ArrayLike<number>
  costsM: ArrayLike<number>
  labels: ArrayLike<number>
}

/**
 * Reusable arrays for many bounded searches over one network: only the nodes a search touched are reset,
 * so a thousand small searches cost their own size, not a thousand times the network's.
 */
export class SearchWorkspace {
  readonly distM: Float64Array
  readonly label: Int32Array
  readonly pred: Int32Array
  readonly heap = new NodeHeap(4096)
  /** Which chains the current search has filled in (compared with `searchId`). */
  readonly chainStamp: Int32Array
  searchId = 0
  private touched: Uint32Array
  private touchedCount = 0
  constructor(readonly net: WalkNetwork) {
    this.distM = new Float64Array(net.nodeCount).fill(Infinity)
    this.label = new Int32Array(net.nodeCount).fill(-1)
    this.pred = new Int32Array(net.nodeCount).fill(-1)
    this.touched = new Uint32Array(Math.max(16, Math.min(net.nodeCount, 4096)))
    this.chainStamp = new Int32Array(net.chains.chainCount).fill(-1)
  }
  /** How many nodes the last search reached. */
  get reachedCount(): number {
    return this.touchedCount
  }
  /** Nodes reached by the last search, in the order they were first touched. */
  reachedNodes(): Uint32Array {
    return this.touched.subarray(0, this.touchedCount)
  }
  touch(n: number): void {
    if (this.touchedCount === this.touched.length) {
      const t = new Uint32Array(Math.min(this.net.nodeCount, this.touched.length * 2))
      t.set(this.touched)
      this.touched = t
    }
    this.touched[this.touchedCount++] = n
  }
  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const n = this.touched[i]
      this.distM[n] = Infinity
      this.label[n] = -1
      this.pred[n] = -1
    }
    this.touchedCount = 0
    this.heap.clear()
    this.searchId++
  }
}

export interface SearchOptions {
  /** Nodes farther than this are not reached (metres; default unlimited). */
  maxDistM?: number
  /** Keep each node's predecessor for `pathTo` (searches every vertex, several times slower). */
  withPaths?: boolean
}

/**
 * Multi-source Dijkstra: every node gets the distance (metres) to its nearest seed and that seed's label.
 * One search answers "nearest facility" for all places at once. It runs over junctions and chains (see
 * chains.ts) and fills the chain nodes afterwards; `withPaths` searches every vertex and keeps
 * predecessors instead. Results live in the workspace until its next search.
 */
export function searchFromSeeds(ws: SearchWorkspace, seeds: Seeds, opts: SearchOptions = {}): SearchWorkspace {
  return opts.withPaths ? searchEveryNode(ws, seeds, opts.maxDistM ?? Infinity) : searchJunctions(ws, seeds, opts.maxDistM ?? Infinity)
}

function searchEveryNode(ws: SearchWorkspace, seeds: Seeds, maxDistM: number): SearchWorkspace {
  const { net } = ws
  ws.reset()
  const { distM, label, pred, heap } = ws
  for (let i = 0; i < seeds.nodes.length; i++) {
    const n = seeds.nodes[i]
    const c = seeds.costsM[i]
    if (!(c <= maxDistM)) continue
    if (c < distM[n] || (c === distM[n] && seeds.labels[i] < label[n])) {
      if (distM[n] === Infinity) ws.touch(n)
      distM[n] = c
      label[n] = seeds.labels[i]
      pred[n] = -1
      heap.push(c, n)
    }
  }
  const { adjOffsets, adjTarget, adjLengthM } = net
  while (heap.size > 0) {
    const d = heap.topKey()
    const n = heap.pop()
    if (d > distM[n]) continue // stale entry
    const l = label[n]
    for (let k = adjOffsets[n], end = adjOffsets[n + 1]; k < end; k++) {
      const m = adjTarget[k]
      const nd = d + adjLengthM[k]
      if (nd > maxDistM) continue
      const old = distM[m]
      if (nd < old || (nd === old && l < label[m])) {
        if (old === Infinity) ws.touch(m)
        distM[m] = nd
        label[m] = l
        pred[m] = n
        heap.push(nd, m)
      }
    }
  }
  return ws
}

interface ChainSeed {
  posM: number
  costM: number
  label: number
}

function searchJunctions(ws: SearchWorkspace, seeds: Seeds, maxDistM: number): SearchWorkspace {
  const { chains } = ws.net
  ws.reset()
  const { distM, label, heap, chainStamp } = ws
  const { nodeChain, nodePosM, chainStart, chainEnd, chainLengthM, jOffsets, jTarget, jLengthM, jChain } = chains
  const relax = (n: number, c: number, l: number) => {
    if (!(c <= maxDistM)) return
    const old = distM[n]
    if (c < old || (c === old && l < label[n])) {
      if (old === Infinity) ws.touch(n)
      distM[n] = c
      label[n] = l
      heap.push(c, n)
    }
  }
  // A seed inside a chain starts at both of its junctions, and reaches its own chain's nodes directly.
  let seedChains: Map<number, ChainSeed[]> | null = null
  for (let i = 0; i < seeds.nodes.length; i++) {
    const n = seeds.nodes[i]
    const cost = seeds.costsM[i]
    const l = seeds.labels[i]
    const c = nodeChain[n]
    if (c < 0) {
      relax(n, cost, l)
      continue
    }
    relax(chainStart[c], cost + nodePosM[n], l)
    relax(chainEnd[c], cost + chainLengthM[c] - nodePosM[n], l)
    seedChains ??= new Map()
    const list = seedChains.get(c)
    if (list) list.push({ posM: nodePosM[n], costM: cost, label: l })
    else seedChains.set(c, [{ posM: nodePosM[n], costM: cost, label: l }])
  }
  while (heap.size > 0) {
    const d = heap.topKey()
    const n = heap.pop()
    if (d > distM[n]) continue
    const l = label[n]
    for (let k = jOffsets[n], end = jOffsets[n + 1]; k < end; k++) {
      const m = jTarget[k]
      const nd = d + jLengthM[k]
      if (nd > maxDistM) continue
      const old = distM[m]
      if (nd < old || (nd === old && l < label[m])) {
        if (old === Infinity) ws.touch(m)
        distM[m] = nd
        label[m] = l
        heap.push(nd, m)
      }
    }
  }

  const id = ws.searchId
  const fill = (c: number) => {
    if (chainStamp[c] === id) return
    chainStamp[c] = id
    const a = chainStart[c]
    const b = chainEnd[c]
    const len = chainLengthM[c]
    const da = distM[a]
    const db = distM[b]
    const la = label[a]
    const lb = label[b]
    const own = seedChains?.get(c)
    for (let k = chains.chainNodeOffsets[c], end = chains.chainNodeOffsets[c + 1]; k < end; k++) {
      const n = chains.chainNodes[k]
      const q = nodePosM[n]
      let best = da + q
      let bestLabel = la
      const viaB = db + (len - q)
      if (viaB < best || (viaB === best && lb < bestLabel)) {
        best = viaB
        bestLabel = lb
      }
      if (own) {
        for (const s of own) {
          const v = s.costM + Math.abs(q - s.posM)
          if (v < best || (v === best && s.label < bestLabel)) {
            best = v
            bestLabel = s.label
          }
        }
      }
      if (best <= maxDistM && best !== Infinity) {
        ws.touch(n)
        distM[n] = best
        label[n] = bestLabel
      }
    }
  }
  if (maxDistM === Infinity) {
    for (let c = 0; c < chains.chainCount; c++) fill(c)
  } else {
    // Only chains at a reached junction (or holding a seed) can hold reached nodes.
    const reachedJunctions = ws.reachedCount
    const reached = ws.reachedNodes()
    const junctions = reached.slice(0, reachedJunctions)
    for (let i = 0; i < junctions.length; i++) {
      const n = junctions[i]
      for (let k = jOffsets[n], end = jOffsets[n + 1]; k < end; k++) fill(jChain[k])
    }
    if (seedChains) for (const c of seedChains.keys()) fill(c)
  }
  return ws
}

/** Seeds for places on edges: each place starts at both ends of its edge, with its connector walked. */
export function seedsFromLocations(net: WalkNetwork, locations: readonly NetworkLocation[], labels: readonly number[]): Seeds {
  const nodes = new Uint32Array(locations.length * 2)
  const costsM = new Float64Array(locations.length * 2)
  const lab = new Int32Array(locations.length * 2)
  locations.forEach((loc, i) => {
    nodes[2 * i] = net.edgeFrom[loc.edge]
    costsM[2 * i] = loc.connectorM + loc.offsetM
    nodes[2 * i + 1] = net.edgeTo[loc.edge]
    costsM[2 * i + 1] = loc.connectorM + (net.edgeLengthM[loc.edge] - loc.offsetM)
    lab[2 * i] = lab[2 * i + 1] = labels[i]
  })
  return { nodes, costsM, labels: lab }
}

/** Places that sit on the same edge as a target reach it along the edge without passing a node. */
export type SameEdgeSources = Map<number, { location: NetworkLocation; label: number }[]>

export function indexSourcesByEdge(locations: readonly NetworkLocation[], labels: readonly number[]): SameEdgeSources {
  const byEdge: SameEdgeSources = new Map()
  locations.forEach((location, i) => {
    const list = byEdge.get(location.edge)
    if (list) list.push({ location, label: labels[i] })
    else byEdge.set(location.edge, [{ location, label: labels[i] }])
  })
  return byEdge
}

/**
 * Distance (metres) from the searched sources to a place on the network, including its connector, and
 * the label of the source that achieves it; label -1 when unreachable.
 */
export function distanceToLocation(ws: SearchWorkspace, loc: NetworkLocation, sameEdge?: SameEdgeSources): { distM: number; label: number } {
  const { net, distM, label } = ws
  const a = net.edgeFrom[loc.edge]
  const b = net.edgeTo[loc.edge]
  const viaA = distM[a] + loc.offsetM
  const viaB = distM[b] + (net.edgeLengthM[loc.edge] - loc.offsetM)
  let best = viaA
  let bestLabel = label[a]
  if (viaB < best || (viaB === best && label[b] >= 0 && (bestLabel < 0 || label[b] < bestLabel))) {
    best = viaB
    bestLabel = label[b]
  }
  for (const s of sameEdge?.get(loc.edge) ?? []) {
    const direct = s.location.connectorM + Math.abs(s.location.offsetM - loc.offsetM)
    if (direct < best || (direct === best && s.label < bestLabel)) {
      best = direct
      bestLabel = s.label
    }
  }
  if (best === Infinity) return { distM: Infinity, label: -1 }
  return { distM: best + loc.connectorM, label: bestLabel }
}

/** The node path from the search's source to node `target` (source first; needs a `withPaths` search); empty when unreached. */
export function pathTo(ws: SearchWorkspace, target: number): number[] {
  if (ws.distM[target] === Infinity) return []
  const path: number[] = []
  for (let n = target; n >= 0; n = ws.pred[n]) path.push(n)
  return path.reverse()
}
