/**
 * A byte-bounded LRU of tiles with single flight: concurrent misses for one key share one computation.
 * Keys carry the source's generation, so a data change makes old entries unreachable at once; they are also
 * deleted so their bytes are freed.
 */
export class TileCache<V> {
  private readonly entries = new Map<string, { value: V; size: number }>()
  private readonly inflight = new Map<string, Promise<V>>()
  private bytes = 0
  hits = 0
  misses = 0

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (key: string, value: V) => number,
  ) {}

  /** The cached value, counted as a hit and made most recently used; undefined (a miss) otherwise. */
  get(key: string): V | undefined {
    const e = this.entries.get(key)
    if (e === undefined) {
      this.misses++
      return undefined
    }
    this.hits++
    // Map iteration order is insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key)
    this.entries.set(key, e)
    return e.value
  }

  set(key: string, value: V): void {
    const size = this.sizeOf(key, value)
    this.delete(key)
    if (size > this.maxBytes) return
    this.entries.set(key, { value, size })
    this.bytes += size
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(k)
      this.bytes -= e.size
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key)
    if (!e) return
    this.entries.delete(key)
    this.bytes -= e.size
  }

  /** Deletes every entry whose key starts with prefix. */
  deletePrefix(prefix: string): void {
    for (const [k, e] of this.entries) {
      if (!k.startsWith(prefix)) continue
      this.entries.delete(k)
      this.bytes -= e.size
    }
  }

  /**
   * Computes the value once for all concurrent callers of one key; stores it if `keep()` still holds when it
   * arrives (the data may have changed meanwhile). Failures are not cached.
   */
  load(key: string, compute: () => Promise<V>, keep: () => boolean = () => true): Promise<V> {
    const pending = this.inflight.get(key)
    if (pending) return pending
    const p = compute().then(
      (v) => {
        this.inflight.delete(key)
        if (keep()) this.set(key, v)
        return v
      },
      (e) => {
        this.inflight.delete(key)
        throw e
      },
    )
    this.inflight.set(key, p)
    return p
  }

  stats(): { hits: number; misses: number; bytes: number; entries: number } {
    return { hits: this.hits, misses: this.misses, bytes: this.bytes, entries: this.entries.size }
  }
}
