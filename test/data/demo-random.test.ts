import { describe, expect, it } from 'vitest'
import { createRng } from '../../data/demo/random.js'

describe('the seeded random generator', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRng(42)
    const b = createRng(42)
    const seqA = Array.from({ length: 50 }, () => a.next())
    const seqB = Array.from({ length: 50 }, () => b.next())
    expect(seqA).toEqual(seqB)
  })

  it('gives a different sequence for a different seed', () => {
    const a = createRng(42)
    const b = createRng(43)
    expect(Array.from({ length: 5 }, () => a.next())).not.toEqual(Array.from({ length: 5 }, () => b.next()))
  })

  it('keeps every helper within its documented range', () => {
    const r = createRng(7)
    for (let k = 0; k < 2000; k++) {
      const u = r.next()
      expect(u).toBeGreaterThanOrEqual(0)
      expect(u).toBeLessThan(1)
      const i = r.int(3, 5)
      expect([3, 4, 5]).toContain(i)
      const x = r.uniform(-2, 2)
      expect(x).toBeGreaterThanOrEqual(-2)
      expect(x).toBeLessThan(2)
    }
  })

  it('draws every integer of a small range, roughly evenly', () => {
    const r = createRng(11)
    const counts = [0, 0, 0, 0]
    for (let k = 0; k < 8000; k++) counts[r.int(0, 3)]++
    for (const c of counts) expect(c).toBeGreaterThan(1800)
  })

  it('draws normals with about the requested mean and spread', () => {
    const r = createRng(5)
    const xs = Array.from({ length: 20000 }, () => r.normal(10, 2))
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length)
    expect(mean).toBeCloseTo(10, 1)
    expect(sd).toBeGreaterThan(1.9)
    expect(sd).toBeLessThan(2.1)
  })

  it('never picks an item of zero weight', () => {
    const r = createRng(9)
    for (let k = 0; k < 1000; k++) expect(r.weighted(['a', 'b', 'c'], [1, 0, 3])).not.toBe('b')
  })

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8]
    const out = createRng(3).shuffle(input)
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(out.slice().sort((a, b) => a - b)).toEqual(input)
  })

  it('forks independent streams that depend on the label', () => {
    const r = createRng(1)
    const a = r.fork('roads').next()
    const b = r.fork('roads').next()
    const c = r.fork('communities').next()
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })
})
