import { describe, expect, it } from 'vitest'
import { approximateNeighbours } from '../../client/features/clusters/community-index.js'
import { CLUSTER_PALETTE, assignClusterColors, clusterColor, paletteExpression } from '../../client/layers/cluster-colors.js'
import { clusterCommunityPaint, clusterCommunityStates } from '../../client/layers/cluster-layers.js'

/** A row of communities 1…n, each touching the next. */
function chain(n: number): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>()
  for (let i = 1; i <= n; i++) out.set(i, new Set([i - 1, i + 1].filter((j) => j >= 1 && j <= n)))
  return out
}

describe('片区 colours', () => {
  it('neighbouring 片区 never share a colour', () => {
    const neighbours = chain(12)
    const groups = Array.from({ length: 6 }, (_, k) => ({ key: k, memberIds: [2 * k + 1, 2 * k + 2] }))
    const colors = assignClusterColors(groups, neighbours)
    for (let k = 0; k < 5; k++) expect(colors.get(k)).not.toBe(colors.get(k + 1))
  })

  it('keeps the colour a 片区 had when no neighbour took it (the map does not reshuffle after an edit)', () => {
    const neighbours = chain(4)
    const colors = assignClusterColors(
      [
        { key: 'a', memberIds: [1, 2], preferred: 7 },
        { key: 'b', memberIds: [3, 4], preferred: 2 },
      ],
      neighbours,
    )
    expect(colors.get('a')).toBe(7)
    expect(colors.get('b')).toBe(2)
  })

  it('gives up a preferred colour that a neighbour already has', () => {
    const colors = assignClusterColors(
      [
        { key: 'big', memberIds: [1, 2, 3], preferred: 4 },
        { key: 'small', memberIds: [4], preferred: 4 },
      ],
      chain(4),
    )
    expect(colors.get('big')).toBe(4)
    expect(colors.get('small')).not.toBe(4)
  })

  it('spreads colours over the palette instead of reusing the first ones', () => {
    const groups = Array.from({ length: 10 }, (_, k) => ({ key: k, memberIds: [100 + k] }))
    const colors = assignClusterColors(groups, new Map())
    expect(new Set(colors.values()).size).toBe(10)
  })

  it('wraps any index onto the palette', () => {
    expect(clusterColor(0)).toBe(CLUSTER_PALETTE[0])
    expect(clusterColor(CLUSTER_PALETTE.length + 2)).toBe(CLUSTER_PALETTE[2])
    expect(clusterColor(-1)).toBe(CLUSTER_PALETTE[CLUSTER_PALETTE.length - 1])
  })

  it('the map expression matches every palette index and falls back to grey', () => {
    const expr = paletteExpression(['feature-state', 'cl'], '#cccccc') as unknown[]
    expect(expr[0]).toBe('match')
    expect(expr.length).toBe(2 + CLUSTER_PALETTE.length * 2 + 1)
    expect(expr[expr.length - 1]).toBe('#cccccc')
  })

  it('a community with no 片区 (no feature-state at all) is grey, not the first palette colour', async () => {
    const { expression, latest } = await import('@maplibre/maplibre-gl-style-spec')
    const e = expression.createExpression(paletteExpression(['feature-state', 'cl'], '#cccccc'), latest.paint_fill['fill-color'] as never)
    if (e.result !== 'success') throw new Error('invalid expression')
    const colorFor = (state: Record<string, unknown>) => String(e.value.evaluate({ zoom: 12 } as never, { type: 'Polygon', properties: {} } as never, state as never))
    expect(colorFor({})).toBe('#cccccc')
    expect(colorFor({ cl: -1 })).toBe('#cccccc')
    expect(colorFor({ cl: 2 })).toBe(CLUSTER_PALETTE[2])
  })

  it('communities whose boxes come within the gap are neighbours', () => {
    const d = 0.0001 // ≈ 10 m
    const n = approximateNeighbours(
      [
        { id: 1, bbox: [117, 31, 117.001, 31.001] },
        { id: 2, bbox: [117.001 + d, 31, 117.002, 31.001] },
        { id: 3, bbox: [117.01, 31, 117.011, 31.001] },
      ],
      30,
    )
    expect([...n.get(1)!]).toEqual([2])
    expect(n.get(3)!.size).toBe(0)
  })
})

describe('community state on the map', () => {
  it('marks members with their 片区 colour, the selected 片区, the selection, flagged and previewed communities', () => {
    const states = clusterCommunityStates({
      membership: new Map([
        [1, 10],
        [2, 10],
        [3, 20],
      ]),
      colors: new Map([
        [10, 4],
        [20, 6],
      ]),
      selectedClusterId: 10,
      selection: new Set([3, 5]),
      flagged: new Set([2]),
      preview: new Map([[7, 1]]),
      unassigned: new Set([8]),
    })
    expect(states.get(1)).toEqual({ cl: 4, act: true, sel: false, bad: false, pv: -1, un: false })
    expect(states.get(2)).toMatchObject({ cl: 4, act: true, bad: true })
    expect(states.get(3)).toMatchObject({ cl: 6, act: false, sel: true })
    expect(states.get(5)).toMatchObject({ cl: -1, sel: true })
    expect(states.get(7)).toMatchObject({ pv: 1 })
    expect(states.get(8)).toMatchObject({ un: true })
    expect(states.has(9)).toBe(false)
  })

  it('takes over the fill, outline and point colours of the community layers', () => {
    const paint = clusterCommunityPaint({ previewing: false, focused: false })
    expect(paint.map((p) => `${p.layer}:${p.property}`)).toEqual(
      expect.arrayContaining(['communities-fill:fill-color', 'communities-outline:line-color', 'communities-points:circle-color']),
    )
  })
})

describe('the 片区 layers', () => {
  it('are valid MapLibre layers, and the community paint of every mode is valid too', async () => {
    const { validateStyleMin } = await import('@maplibre/maplibre-gl-style-spec')
    const { buildMapStyle } = await import('../../client/map/basemap-style.js')
    const { clusterLayers, CLUSTER_LABEL_SOURCE, CLUSTER_OUTLINE_SOURCE } = await import('../../client/layers/cluster-layers.js')
    const base = buildMapStyle({ basemap: null }, 'http://localhost:3000')
    const empty = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }
    for (const mode of [
      { previewing: false, focused: false },
      { previewing: false, focused: true },
      { previewing: true, focused: false },
    ]) {
      const paint = clusterCommunityPaint(mode)
      const layers = base.layers.map((l) => {
        const extra = paint.filter((p) => p.layer === l.id)
        return extra.length ? { ...l, paint: { ...(l as { paint?: object }).paint, ...Object.fromEntries(extra.map((p) => [p.property, p.value])) } } : l
      })
      const style = { ...base, sources: { ...base.sources, [CLUSTER_OUTLINE_SOURCE]: empty, [CLUSTER_LABEL_SOURCE]: empty }, layers: [...layers, ...clusterLayers()] }
      expect(validateStyleMin(style as never)).toEqual([])
    }
  })
})
