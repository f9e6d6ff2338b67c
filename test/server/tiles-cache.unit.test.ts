import { describe, expect, it } from 'vitest'
import { TileCache } from '../../server/tiles/cache.js'

const bytesOf = (_key: string, v: string) => v.length

describe('tile cache', () => {
  it('evicts the least recently used tiles once it holds more bytes than allowed', () => {
    const c = new TileCache<string>(10, bytesOf)
    c.set('a', 'aaaa')
    c.set('b', 'bbbb')
    expect(c.get('a')).toBe('aaaa') // a is now more recent than b
    c.set('c', 'cccc')
    expect(c.get('b')).toBeUndefined()
    expect(c.get('a')).toBe('aaaa')
    expect(c.get('c')).toBe('cccc')
    expect(c.stats()).toEqual({ hits: 3, misses: 1, bytes: 8, entries: 2 })
  })

  it('does not keep a tile larger than the whole cache, nor anything at size 0', () => {
    const c = new TileCache<string>(3, bytesOf)
    c.set('big', 'xxxx')
    expect(c.stats().entries).toBe(0)
    const off = new TileCache<string>(0, bytesOf)
    off.set('a', 'a')
    expect(off.get('a')).toBeUndefined()
  })

  it('replacing a key counts its bytes once', () => {
    const c = new TileCache<string>(100, bytesOf)
    c.set('a', 'aaaa')
    c.set('a', 'aa')
    expect(c.stats()).toMatchObject({ bytes: 2, entries: 1 })
  })

  it('deletePrefix drops one layer and frees its bytes', () => {
    const c = new TileCache<string>(100, bytesOf)
    c.set('roads/0/1/2/3', 'rrr')
    c.set('communities/0/1/2/3', 'ccccc')
    c.set('communities/0/1/2/4', 'cc')
    c.deletePrefix('communities/')
    expect(c.stats()).toMatchObject({ bytes: 3, entries: 1 })
    expect(c.get('roads/0/1/2/3')).toBe('rrr')
  })

  it('concurrent loads of one key run the computation once and all get its value', async () => {
    const c = new TileCache<string>(100, bytesOf)
    let runs = 0
    let release!: (v: string) => void
    const compute = () => {
      runs++
      return new Promise<string>((r) => (release = r))
    }
    const all = Promise.all([c.load('k', compute), c.load('k', compute), c.load('k', compute)])
    release('tile')
    expect(await all).toEqual(['tile', 'tile', 'tile'])
    expect(runs).toBe(1)
    expect(c.get('k')).toBe('tile')
  })

  it('a failed computation is not cached: the next load tries again', async () => {
    const c = new TileCache<string>(100, bytesOf)
    await expect(c.load('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down')
    expect(await c.load('k', async () => 'ok')).toBe('ok')
  })

  it('a value computed while the data changed is returned but not stored', async () => {
    const c = new TileCache<string>(100, bytesOf)
    expect(await c.load('k', async () => 'old', () => false)).toBe('old')
    expect(c.get('k')).toBeUndefined()
  })
})
