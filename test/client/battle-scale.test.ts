import { describe, expect, it } from 'vitest'
import { cropToAspect } from '../../client/features/battle/print/capture.js'
import { formatDistance, metresPerPixel, pickScaleBar } from '../../client/features/battle/print/scale-bar.js'

describe('metres per pixel on a MapLibre map', () => {
  it('is the equator divided over the 512-px world at zoom 0', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78271.517, 2)
  })

  it('halves with each zoom level', () => {
    expect(metresPerPixel(13, 0)).toBeCloseTo(9.5546, 3)
    expect(metresPerPixel(14, 0)).toBeCloseTo(4.7773, 3)
  })

  it('shrinks with the cosine of the latitude', () => {
    expect(metresPerPixel(10, 60)).toBeCloseTo(76.4370 / 2, 3)
    // The demo city at 31.85° N, zoom 12: 19.1093 m × cos 31.85° (0.84943) ≈ 16.232 m.
    expect(metresPerPixel(12, 31.85)).toBeCloseTo(16.232, 2)
  })
})

describe('the scale bar', () => {
  it('takes the longest 1-2-5 length that fits', () => {
    expect(pickScaleBar(10, 100)).toEqual({ lengthM: 1000, lengthPx: 100, label: '1 km' })
    expect(pickScaleBar(7, 100)).toMatchObject({ lengthM: 500, label: '500 m' })
    expect(pickScaleBar(7, 100)!.lengthPx).toBeCloseTo(71.43, 2)
    expect(pickScaleBar(3, 100)).toMatchObject({ lengthM: 200, lengthPx: 200 / 3 })
    expect(pickScaleBar(16.232, 150)).toMatchObject({ lengthM: 2000, label: '2 km' })
    expect(pickScaleBar(0.05, 120)).toMatchObject({ lengthM: 5, label: '5 m' })
  })

  it('never comes out longer than the room given', () => {
    for (const mpp of [0.3, 1, 2.7, 9.55, 16.2, 38.2, 152.9, 1234]) {
      for (const max of [60, 100, 180, 333]) {
        const bar = pickScaleBar(mpp, max)!
        expect(bar.lengthPx).toBeLessThanOrEqual(max + 1e-6)
        expect(bar.lengthPx).toBeGreaterThan(max / 5 - 1e-6)
        expect(String(bar.lengthM / 10 ** Math.floor(Math.log10(bar.lengthM)))).toMatch(/^[125]$/)
      }
    }
  })

  it('returns nothing for a degenerate scale', () => {
    expect(pickScaleBar(0, 100)).toBeNull()
    expect(pickScaleBar(Number.NaN, 100)).toBeNull()
    expect(pickScaleBar(10, 0)).toBeNull()
  })

  it('reads lengths in metres and kilometres', () => {
    expect(formatDistance(500)).toBe('500 m')
    expect(formatDistance(2000)).toBe('2 km')
    expect(formatDistance(2500)).toBe('2.5 km')
  })
})

describe('the print crop', () => {
  it('widens the part between the panels to the frame around its centre', () => {
    // A 1440×800 map with the panels leaving x 360–1200, y 80–720 free; an A4 frame is about 1.64 wide.
    const crop = cropToAspect({ x: 360, y: 80, w: 840, h: 640 }, 1440, 800, 1.64)
    expect(crop.w / crop.h).toBeCloseTo(1.64, 6)
    expect(crop.h).toBe(640)
    expect(crop.x + crop.w / 2).toBeCloseTo(780, 6)
    expect(crop.y).toBe(80)
  })

  it('stays inside the picture, shifting and then shrinking', () => {
    const shifted = cropToAspect({ x: 0, y: 0, w: 400, h: 400 }, 1440, 800, 2)
    expect(shifted).toEqual({ x: 0, y: 0, w: 800, h: 400 })
    const shrunk = cropToAspect({ x: 0, y: 0, w: 1440, h: 800 }, 1440, 800, 3)
    expect(shrunk.w).toBeCloseTo(1440, 6)
    expect(shrunk.h).toBeCloseTo(480, 6)
    expect(shrunk.y).toBeCloseTo(160, 6)
  })
})
