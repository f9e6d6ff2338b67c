import type { RoadClass } from '../../core/domain/community.js'
import { lerp, type XY } from './geometry.js'
import type { Lattice } from './lattice.js'
import { chineseNumber, RIVER_NAME, roadNameCandidates, UniqueNames } from './names.js'
import type { RoadPlan } from './blocks.js'
import type { Rng } from './random.js'
import { crossingsWithBank, isInWideZone, type River } from './water.js'

/**
 * The road network: lattice roads cut where they meet the river, bridges on a few arterials, a footpath
 * along each bank joining the cut ends, merged into junction-to-junction lines. Lines meet only at shared
 * vertices, so a network engine can node on coordinates exactly.
 */
export interface RoadLine {
  nodes: number[]
  name: string | null
  roadClass: RoadClass
  walkable: boolean
  bridge: boolean
}

interface Edge { a: number; b: number; cls: RoadClass; group: string | null; bridge: boolean }

const BRIDGE_NAMES = ['人民桥', '解放桥', '清河大桥', '新华桥', '胜利桥', '和平桥', '文昌桥']
const RING_NAMES = { west: '西环路', east: '东环路', south: '南环路', north: '北环快速路' }

function addNode(lat: Lattice, p: XY): number {
  lat.nodes.push(p)
  return lat.nodes.length - 1
}

/** Crossings of segment ab with both wide banks, ascending, tagged with the bank they lie on. */
function bankCrossings(river: River, a: XY, b: XY): { t: number; bank: 'N' | 'S' }[] {
  const north = crossingsWithBank(river, river.wideNorth, a, b).map((t) => ({ t, bank: 'N' as const }))
  const south = crossingsWithBank(river, river.wideSouth, a, b).map((t) => ({ t, bank: 'S' as const }))
  return [...north, ...south].sort((p, q) => p.t - q.t)
}

/** Interior arterial lines running south–north that cross the river exactly once: bridge sites. */
function chooseBridgeGroups(rng: Rng, lat: Lattice, river: River): string[] {
  const eligible: string[] = []
  for (const i of lat.arterialU.slice(1, -1)) {
    let crossings = 0
    for (let j = 0; j < lat.nv; j++) crossings += bankCrossings(river, lat.nodes[lat.id(i, j)], lat.nodes[lat.id(i, j + 1)]).length
    const endsOutside = !isInWideZone(river, lat.nodes[lat.id(i, 0)]) && !isInWideZone(river, lat.nodes[lat.id(i, lat.nv)])
    if (crossings === 2 && endsOutside) eligible.push(`u${i}`)
  }
  const count = Math.min(eligible.length, rng.int(3, 5))
  const chosen: string[] = []
  for (let k = 0; k < count; k++) {
    const at = Math.min(eligible.length - 1, Math.floor(((k + rng.uniform(0.3, 0.7)) * eligible.length) / count))
    if (!chosen.includes(eligible[at])) chosen.push(eligible[at])
  }
  return chosen
}

/**
 * Cuts every edge at the river's road margin. Pieces outside are kept; pieces inside survive only on
 * bridge lines, as bridges. Returns the kept edges and the cut nodes on each bank.
 */
function cutEdgesAtRiver(lat: Lattice, river: River, edges: Edge[], bridgeGroups: string[]) {
  const kept: Edge[] = []
  const cuts: Record<'N' | 'S', { x: number; id: number }[]> = { N: [], S: [] }
  for (const e of edges) {
    const a = lat.nodes[e.a]
    const b = lat.nodes[e.b]
    const crossings = bankCrossings(river, a, b)
    if (crossings.length === 0) {
      if (!isInWideZone(river, lerp(a, b, 0.5))) kept.push(e)
      else if (e.group && bridgeGroups.includes(e.group)) kept.push({ ...e, bridge: true, group: `bridge:${e.group}` })
      continue
    }
    const stops = [{ t: 0, id: e.a }]
    for (const c of crossings) {
      const p = lerp(a, b, c.t)
      const id = addNode(lat, p)
      cuts[c.bank].push({ x: p[0], id })
      stops.push({ t: c.t, id })
    }
    stops.push({ t: 1, id: e.b })
    for (let k = 0; k < stops.length - 1; k++) {
      const mid = lerp(a, b, (stops[k].t + stops[k + 1].t) / 2)
      const piece: Edge = { ...e, a: stops[k].id, b: stops[k + 1].id }
      if (!isInWideZone(river, mid)) kept.push(piece)
      else if (e.group && bridgeGroups.includes(e.group)) kept.push({ ...piece, bridge: true, group: `bridge:${e.group}` })
    }
  }
  return { kept, cuts }
}

/** The riverside footpath on one bank: pieces of the bank line between consecutive cut nodes. */
function bankPaths(lat: Lattice, bank: readonly XY[], cuts: { x: number; id: number }[], group: string): Edge[] {
  const sorted = cuts.slice().sort((p, q) => p.x - q.x)
  const edges: Edge[] = []
  for (let k = 0; k < sorted.length - 1; k++) {
    const from = sorted[k]
    const to = sorted[k + 1]
    let prev = from.id
    for (const p of bank) {
      if (p[0] <= from.x + 0.5 || p[0] >= to.x - 0.5) continue
      const id = addNode(lat, p)
      edges.push({ a: prev, b: id, cls: 'footpath', group, bridge: false })
      prev = id
    }
    edges.push({ a: prev, b: to.id, cls: 'footpath', group, bridge: false })
  }
  return edges
}

/** A name for every naming group: whole arterial lines, runs of minor roads, bridges, bank paths. */
function nameGroups(rng: Rng, lat: Lattice, groups: Map<string, RoadClass>): Map<string, string> {
  const names = new UniqueNames()
  const out = new Map<string, string>()
  const fixed: Record<string, string> = {
    u0: RING_NAMES.west,
    [`u${lat.nu}`]: RING_NAMES.east,
    v0: RING_NAMES.south,
    [`v${lat.nv}`]: RING_NAMES.north,
    'bank:N': `${RIVER_NAME}北岸步道`,
    'bank:S': `${RIVER_NAME}南岸步道`,
  }
  const bridgeNames = rng.shuffle(BRIDGE_NAMES)
  let bridges = 0
  for (const [group, cls] of groups) {
    if (fixed[group]) out.set(group, names.take([fixed[group]]))
    else if (group.startsWith('bridge:')) out.set(group, names.take([bridgeNames[bridges++ % bridgeNames.length]]))
    else if (cls === 'footpath') continue
    else {
      const candidates = roadNameCandidates(rng, cls as 'arterial' | 'secondary' | 'local')
      const free = candidates.find((c) => !names.has(c))
      if (free) out.set(group, names.take([free]))
      else {
        // Every root taken: number it the way cities do (幸福二巷, 幸福三巷 …).
        const base = candidates[0]
        const stem = base.replace(/(大道|路|街|巷)$/, '')
        const suffix = base.slice(stem.length)
        let n = 2
        while (names.has(`${stem}${chineseNumber(n)}${suffix}`)) n++
        out.set(group, names.take([`${stem}${chineseNumber(n)}${suffix}`]))
      }
    }
  }
  return out
}

/** Joins edges through nodes where exactly two edges of identical attributes meet. */
function mergeChains(edges: readonly (Edge & { name: string | null; walkable: boolean })[]): RoadLine[] {
  const attr = (e: (typeof edges)[number]) => `${e.name}|${e.cls}|${e.walkable}|${e.bridge}`
  const incident = new Map<number, number[]>()
  edges.forEach((e, k) => {
    for (const n of [e.a, e.b]) {
      const list = incident.get(n)
      if (list) list.push(k)
      else incident.set(n, [k])
    }
  })
  const used = new Array<boolean>(edges.length).fill(false)
  const lines: RoadLine[] = []
  const extend = (nodes: number[], from: number, key: string) => {
    let cur = from
    for (;;) {
      const inc = incident.get(nodes[nodes.length - 1])!
      if (inc.length !== 2) return
      const next = inc.find((k) => k !== cur)!
      if (used[next] || attr(edges[next]) !== key) return
      used[next] = true
      const e = edges[next]
      nodes.push(e.a === nodes[nodes.length - 1] ? e.b : e.a)
      cur = next
    }
  }
  edges.forEach((e, k) => {
    if (used[k]) return
    used[k] = true
    const key = attr(e)
    const forward = [e.a, e.b]
    extend(forward, k, key)
    const backward = [e.b, e.a]
    extend(backward, k, key)
    const nodes = [...backward.slice(2).reverse(), ...forward]
    lines.push({ nodes, name: e.name, roadClass: e.cls, walkable: e.walkable, bridge: e.bridge })
  })
  return lines
}

/** Keeps only the largest connected walking network; stray walkable fragments are dropped. */
function keepLargestWalkableComponent(lines: RoadLine[]): RoadLine[] {
  const parent = new Map<number, number>()
  const find = (n: number): number => {
    let r = n
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!
    parent.set(n, r)
    return r
  }
  const union = (a: number, b: number) => {
    const ra = find(a)
    const rb = find(b)
    if (ra !== rb) parent.set(ra, rb)
  }
  for (const l of lines) if (l.walkable) for (let k = 1; k < l.nodes.length; k++) union(l.nodes[0], l.nodes[k])
  const size = new Map<number, number>()
  for (const l of lines) if (l.walkable) size.set(find(l.nodes[0]), (size.get(find(l.nodes[0])) ?? 0) + 1)
  let best = -1
  let bestSize = -1
  for (const [root, s] of size) if (s > bestSize) [best, bestSize] = [root, s]
  return lines.filter((l) => !l.walkable || find(l.nodes[0]) === best)
}

/** The road lines, and the name given to each naming group (for names like 幸福街小区). */
export function buildRoadNetwork(rng: Rng, lat: Lattice, plan: RoadPlan, river: River): { lines: RoadLine[]; groupNames: Map<string, string> } {
  const edges: Edge[] = []
  for (const [key, cls] of plan.edgeClass) {
    const [a, b] = key.split('-').map(Number)
    edges.push({ a, b, cls, group: plan.edgeGroup.get(key) ?? null, bridge: false })
  }
  const bridgeGroups = chooseBridgeGroups(rng, lat, river)
  const { kept, cuts } = cutEdgesAtRiver(lat, river, edges, bridgeGroups)
  kept.push(...bankPaths(lat, river.wideNorth, cuts.N, 'bank:N'), ...bankPaths(lat, river.wideSouth, cuts.S, 'bank:S'))

  const groups = new Map<string, RoadClass>()
  for (const e of kept) if (e.group && !groups.has(e.group)) groups.set(e.group, e.cls)
  const names = nameGroups(rng, lat, groups)
  const expressway = `v${lat.nv}`
  const named = kept.map((e) => ({
    ...e,
    name: e.group ? (names.get(e.group) ?? null) : null,
    walkable: e.group !== expressway,
  }))
  return { lines: keepLargestWalkableComponent(mergeChains(named)), groupNames: names }
}
