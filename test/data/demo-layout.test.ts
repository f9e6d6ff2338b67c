import { describe, expect, it } from 'vitest'
import { generateDemoCity } from '../../data/demo/generate.js'
import {
  candidatePairs,
  distanceToSegmentM,
  isSimpleClosedRing,
  lineTouchesRing,
  pointInMultiPolygon,
  pointInRing,
  ringArea,
  ringBox,
  ringsIntersect,
  segBox,
  segmentsTouch,
  type Pt,
  type Seg,
} from './geo-checks.js'

const ds = generateDemoCity()
const outer = (geom: { coordinates: Pt[][][] }) => geom.coordinates[0][0]
const allPolygons = [
  ...ds.districts.map((d) => ({ what: `district ${d.id}`, geom: d.geom })),
  ...ds.streets.map((s) => ({ what: `street ${s.id}`, geom: s.geom })),
  ...ds.communities.map((c) => ({ what: `community ${c.id}`, geom: c.geom })),
  ...ds.water.map((w) => ({ what: `water ${w.id}`, geom: w.geom })),
]

describe('demo city layout', () => {
  it('draws every polygon as closed, simple, counter-clockwise shells with clockwise holes inside them', () => {
    const bad: string[] = []
    for (const { what, geom } of allPolygons) {
      for (const rings of geom.coordinates as Pt[][][]) {
        if (!rings.every(isSimpleClosedRing) || ringArea(rings[0]) <= 0) bad.push(what)
        for (const hole of rings.slice(1)) if (ringArea(hole) >= 0 || !pointInRing(hole[0], rings[0])) bad.push(`${what} hole`)
      }
    }
    expect(bad).toEqual([])
  })

  it('gives communities 5 to 12 vertices and 1 to 12 hectares', () => {
    const mPerDegLon = 94_650
    const mPerDegLat = 110_880
    for (const c of ds.communities) {
      const ring = outer(c.geom)
      expect(ring.length - 1).toBeGreaterThanOrEqual(5)
      expect(ring.length - 1).toBeLessThanOrEqual(12)
      const ha = (ringArea(ring) * mPerDegLon * mPerDegLat) / 10_000
      expect(ha).toBeGreaterThan(0.95)
      expect(ha).toBeLessThan(12.5)
    }
  })

  it('never lets two communities overlap or touch', () => {
    const rings = ds.communities.map((c) => outer(c.geom))
    const pairs = candidatePairs(rings.map(ringBox), 0.005)
    const touching = pairs.filter(([i, j]) => ringsIntersect(rings[i], rings[j])).map(([i, j]) => [ds.communities[i].id, ds.communities[j].id])
    expect(touching).toEqual([])
  })

  it('keeps communities clear of every road by a few metres', () => {
    const rings = ds.communities.map((c) => outer(c.geom))
    const segs: Seg[] = ds.roads.flatMap((r) => r.geom.coordinates.slice(1).map((p, k) => [r.geom.coordinates[k] as Pt, p as Pt] as Seg))
    // Grow each community box by about 4 m so near misses count as contacts too.
    const grow = (b: number[]) => [b[0] - 4.2e-5, b[1] - 3.6e-5, b[2] + 4.2e-5, b[3] + 3.6e-5] as [number, number, number, number]
    const boxes = [...rings.map((r) => grow(ringBox(r))), ...segs.map(segBox)]
    const hits = candidatePairs(boxes, 0.004)
      .filter(([i, j]) => i < rings.length && j >= rings.length)
      .filter(([i, j]) => {
        const [a, b] = segs[j - rings.length]
        const ring = rings[i]
        return lineTouchesRing([a, b], ring) || ring.some((p) => distanceToSegmentM(p, a, b) < 4)
      })
    expect(hits.map(([i]) => ds.communities[i].id)).toEqual([])
  })

  it('keeps each community inside the street it is assigned to', () => {
    const streets = new Map(ds.streets.map((s) => [s.id, s]))
    const outside: number[] = []
    for (const c of ds.communities) {
      const street = streets.get(c.streetId)!
      const ring = outer(c.geom)
      const inside = ring.every((p) => pointInMultiPolygon(p, street.geom.coordinates as Pt[][][]))
      const boundary = (street.geom.coordinates as Pt[][][]).flat()
      const touchesBoundary = boundary.some((r) => r.slice(1).some((q, k) => ring.slice(1).some((p, m) => segmentsTouch(ring[m], p, r[k], q))))
      if (!inside || touchesBoundary) outside.push(c.id)
      expect(ds.streets.find((s) => s.id === c.streetId)!.districtId).toBe(c.districtId)
    }
    expect(outside).toEqual([])
  })

  it('tiles the city with streets: every sampled point of the city lies in exactly one street and one district', () => {
    const [x0, y0, x1, y1] = ringBox(ds.districts.flatMap((d) => outer(d.geom)))
    let state = 12345
    const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648)
    let inCity = 0
    for (let k = 0; k < 3000; k++) {
      const p: Pt = [x0 + rand() * (x1 - x0), y0 + rand() * (y1 - y0)]
      const inStreets = ds.streets.filter((s) => pointInMultiPolygon(p, s.geom.coordinates as Pt[][][]))
      const inDistricts = ds.districts.filter((d) => pointInMultiPolygon(p, d.geom.coordinates as Pt[][][]))
      expect(inStreets.length).toBeLessThanOrEqual(1)
      expect(inDistricts.length).toBe(inStreets.length)
      if (inStreets.length === 1) {
        inCity++
        expect(inStreets[0].districtId).toBe(inDistricts[0].id)
      }
    }
    expect(inCity).toBeGreaterThan(2000)
  })

  it('makes each district exactly the union of its streets (equal areas)', () => {
    const area = (geom: { coordinates: Pt[][][] }) => geom.coordinates.reduce((s, rings) => s + rings.reduce((t, r) => t + ringArea(r), 0), 0)
    for (const d of ds.districts) {
      const streets = ds.streets.filter((s) => s.districtId === d.id)
      expect(streets.length).toBeGreaterThanOrEqual(3)
      const sum = streets.reduce((s, st) => s + area(st.geom as { coordinates: Pt[][][] }), 0)
      expect(Math.abs(sum - area(d.geom as { coordinates: Pt[][][] })) / sum).toBeLessThan(1e-9)
    }
  })

  it('forms one connected walking network from the walkable roads, joined at shared vertices', () => {
    const parent = new Map<string, string>()
    const find = (k: string): string => {
      let r = k
      while (parent.get(r) !== r) r = parent.get(r)!
      parent.set(k, r)
      return r
    }
    const add = (k: string) => parent.has(k) || parent.set(k, k)
    for (const r of ds.roads.filter((x) => x.walkable)) {
      const keys = r.geom.coordinates.map((p) => `${p[0]},${p[1]}`)
      keys.forEach(add)
      for (let k = 1; k < keys.length; k++) {
        const a = find(keys[0])
        const b = find(keys[k])
        if (a !== b) parent.set(a, b)
      }
    }
    const roots = new Set([...parent.keys()].map(find))
    expect(roots.size).toBe(1)
  })

  it('lets roads meet only at shared vertices, never crossing mid-segment', () => {
    const segs: { seg: Seg; road: number }[] = []
    for (const r of ds.roads) for (let k = 0; k < r.geom.coordinates.length - 1; k++) segs.push({ seg: [r.geom.coordinates[k] as Pt, r.geom.coordinates[k + 1] as Pt], road: r.id })
    const same = (p: Pt, q: Pt) => p[0] === q[0] && p[1] === q[1]
    const bad: number[][] = []
    for (const [i, j] of candidatePairs(segs.map((s) => segBox(s.seg)), 0.004)) {
      const [a, b] = segs[i].seg
      const [c, d] = segs[j].seg
      if (!segmentsTouch(a, b, c, d)) continue
      const shared = [a, b].filter((p) => same(p, c) || same(p, d)).length
      // Touching segments must share exactly one endpoint and otherwise stay apart.
      const apart = shared === 1 && !(same(a, c) && same(b, d)) && !(same(a, d) && same(b, c))
      if (!apart) bad.push([segs[i].road, segs[j].road])
    }
    expect(bad).toEqual([])
  })

  it('splits every road at every junction, so junctions are always line ends', () => {
    const uses = new Map<string, number>()
    for (const r of ds.roads) for (const p of r.geom.coordinates) uses.set(`${p[0]},${p[1]}`, (uses.get(`${p[0]},${p[1]}`) ?? 0) + 1)
    const interiorJunctions = ds.roads.filter((r) => r.geom.coordinates.slice(1, -1).some((p) => uses.get(`${p[0]},${p[1]}`)! > 1))
    expect(interiorJunctions.map((r) => r.id)).toEqual([])
  })

  it('has arterial, secondary, local and footpath roads with natural names, a few bridges and a non-walkable expressway', () => {
    const byClass = (c: string) => ds.roads.filter((r) => r.roadClass === c)
    for (const c of ['arterial', 'secondary', 'local', 'footpath']) expect(byClass(c).length).toBeGreaterThan(100)
    const bridges = ds.roads.filter((r) => r.bridge)
    expect(bridges.length).toBeGreaterThanOrEqual(3)
    expect(bridges.length).toBeLessThanOrEqual(5)
    expect(bridges.every((b) => b.walkable && b.name?.endsWith('桥'))).toBe(true)
    expect(ds.roads.some((r) => !r.walkable)).toBe(true)
    expect(ds.roads.filter((r) => !r.walkable).length).toBeLessThan(ds.roads.length * 0.05)
    for (const r of byClass('arterial')) expect(r.name).toMatch(/(路|大道|桥)$/)
    for (const r of [...byClass('secondary'), ...byClass('local')]) expect(r.name).toMatch(/(路|街|巷)$/)
  })

  it('keeps non-bridge roads, communities and facilities out of the water', () => {
    const waterRings = ds.water.map((w) => outer(w.geom))
    const wet: string[] = []
    for (const ring of waterRings) {
      const box = ringBox(ring)
      const near = (b: number[]) => b[0] <= box[2] && box[0] <= b[2] && b[1] <= box[3] && box[1] <= b[3]
      for (const r of ds.roads) {
        if (r.bridge || !near(ringBox(r.geom.coordinates as Pt[]))) continue
        if (lineTouchesRing(r.geom.coordinates as Pt[], ring)) wet.push(`road ${r.id}`)
      }
      for (const c of ds.communities) {
        const cr = outer(c.geom)
        if (near(ringBox(cr)) && ringsIntersect(cr, ring)) wet.push(`community ${c.id}`)
      }
      for (const f of ds.facilities) if (pointInRing(f.geom.coordinates as Pt, ring)) wet.push(`facility ${f.id}`)
    }
    expect(wet).toEqual([])
    expect(ds.roads.filter((r) => r.bridge).every((b) => waterRings.some((ring) => lineTouchesRing(b.geom.coordinates as Pt[], ring)))).toBe(true)
  })

  it('has a river 80–150 m wide crossing the city and a small lake', () => {
    const river = ds.water.find((w) => w.kind === 'river')!
    const lake = ds.water.find((w) => w.kind === 'lake')
    expect(river.name).toBe('清河')
    expect(lake).toBeDefined()
    const ring = outer(river.geom)
    const box = ringBox(ring)
    const city = ringBox(ds.districts.flatMap((d) => outer(d.geom)))
    expect(box[0]).toBeLessThan(city[0])
    expect(box[2]).toBeGreaterThan(city[2])
    // For a long thin band, mean width ≈ 2 · area / perimeter.
    const m = (p: Pt): Pt => [p[0] * 94_650, p[1] * 110_880]
    const perimeterM = ring.slice(1).reduce((s, p, k) => s + Math.hypot(m(p)[0] - m(ring[k])[0], m(p)[1] - m(ring[k])[1]), 0)
    const widthM = (2 * ringArea(ring.map(m))) / perimeterM
    expect(widthM).toBeGreaterThan(80)
    expect(widthM).toBeLessThan(150)
  })

  it('places every facility inside the city', () => {
    for (const f of ds.facilities) {
      expect(ds.districts.some((d) => d.id === f.districtId && pointInMultiPolygon(f.geom.coordinates as Pt, d.geom.coordinates as Pt[][][]))).toBe(true)
    }
  })
})
