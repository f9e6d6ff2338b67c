import type { ExpressionSpecification } from 'maplibre-gl'

/**
 * Ten 片区 colours, distinct from each other and from the red of the rule flags; neighbouring 片区 get
 * different ones (`assignClusterColors`). Fills use them translucent, outlines use the darker twin.
 */
export const CLUSTER_PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#e3b500', '#3fa3a0', '#ff8fa3', '#9c755f', '#8fbf3f', '#6f8fe0'] as const
export const CLUSTER_PALETTE_DARK = ['#2f5680', '#c4670f', '#3a7534', '#80527a', '#9c7c00', '#24716f', '#d45c74', '#6e4f3d', '#5d8a1d', '#3d5fb5'] as const

/** Communities in no 片区 (of the year), and the rule-breaking red. */
export const CLUSTER_COLORS = {
  free: '#cfcbc1',
  freeLine: '#b3ad9f',
  flag: '#d11f2a',
  /** The user's selection: the app's accent blue, a light tint over the fill. */
  selection: '#1f6fd1',
  selectionFill: '#a9cbf4',
  selected: '#0b1f33',
} as const

export function clusterColor(index: number): string {
  const n = CLUSTER_PALETTE.length
  return CLUSTER_PALETTE[((Math.round(index) % n) + n) % n]
}

export function clusterColorDark(index: number): string {
  const n = CLUSTER_PALETTE_DARK.length
  return CLUSTER_PALETTE_DARK[((Math.round(index) % n) + n) % n]
}

/** A MapLibre `match` from a numeric expression (a palette index) to the palette; `fallback` for anything else. */
export function paletteExpression(index: ExpressionSpecification, fallback: string, dark = false): ExpressionSpecification {
  const palette = dark ? CLUSTER_PALETTE_DARK : CLUSTER_PALETTE
  const pairs = palette.flatMap((c, i) => [i, c])
  // coalesce first: to-number turns a missing feature-state (null) into 0, the first colour.
  return ['match', ['to-number', ['coalesce', index, -1], -1], ...pairs, fallback] as unknown as ExpressionSpecification
}

export interface ColorGroup {
  key: string | number
  memberIds: readonly number[]
  /** A colour index to keep when no neighbour has it (the server's choice, or the one shown before). */
  preferred?: number | null
}

/**
 * A palette index per group such that groups with neighbouring members differ where the palette allows
 * (greedy, the largest groups first so they get the first choice). Keeps `preferred` when it does not clash.
 */
export function assignClusterColors(groups: readonly ColorGroup[], neighbours: ReadonlyMap<number, ReadonlySet<number>>, paletteSize = CLUSTER_PALETTE.length): Map<string | number, number> {
  const groupOf = new Map<number, string | number>()
  for (const g of groups) for (const m of g.memberIds) groupOf.set(m, g.key)
  const adjacent = new Map<string | number, Set<string | number>>()
  for (const g of groups) {
    const set = new Set<string | number>()
    for (const m of g.memberIds) {
      for (const n of neighbours.get(m) ?? []) {
        const other = groupOf.get(n)
        if (other !== undefined && other !== g.key) set.add(other)
      }
    }
    adjacent.set(g.key, set)
  }
  const order = [...groups].sort((a, b) => (adjacent.get(b.key)!.size - adjacent.get(a.key)!.size) || b.memberIds.length - a.memberIds.length || String(a.key).localeCompare(String(b.key)))
  const out = new Map<string | number, number>()
  const usage = new Array<number>(paletteSize).fill(0)
  for (const g of order) {
    const taken = new Set<number>()
    for (const other of adjacent.get(g.key)!) {
      const c = out.get(other)
      if (c !== undefined) taken.add(c)
    }
    let pick: number
    if (g.preferred !== undefined && g.preferred !== null && g.preferred >= 0 && !taken.has(g.preferred % paletteSize)) pick = g.preferred % paletteSize
    else {
      // The least used free colour, so the map does not fill up with the first few.
      let best = -1
      for (let c = 0; c < paletteSize; c++) if (!taken.has(c) && (best < 0 || usage[c] < usage[best])) best = c
      pick = best >= 0 ? best : usage.indexOf(Math.min(...usage))
    }
    out.set(g.key, pick)
    usage[pick] += 1
  }
  return out
}
