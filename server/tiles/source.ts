/** A tile source (Martin-style): what the routes know about a layer, and nothing about its table. */

export interface VectorLayerJson {
  id: string
  fields: Record<string, string>
  minzoom: number
  maxzoom: number
}

/** TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */
export interface TileJson {
  tilejson: '3.0.0'
  name: string
  scheme: 'xyz'
  tiles: string[]
  minzoom: number
  maxzoom: number
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number]
  vector_layers: VectorLayerJson[]
}

export interface TileSource {
  readonly id: string
  /** Property name → "String" | "Number" | "Boolean". */
  readonly fields: Readonly<Record<string, string>>
  readonly minzoom: number
  readonly maxzoom: number
  /** baseUrl is where the tile routes live, e.g. "https://example.org/tiles". */
  tileJson(baseUrl: string): Promise<TileJson>
  /** The encoded (uncompressed) tile, or null when it holds no feature. */
  getTile(z: number, x: number, y: number): Promise<Buffer | null>
  /** Forgets what the source derived from its data (bounds) after the data changed. */
  invalidate(): void
}

/** The sources by id; the HTTP layer looks layers up here and never names a table. */
export class TileSourceRegistry {
  private readonly byId = new Map<string, TileSource>()
  constructor(sources: Iterable<TileSource>) {
    for (const s of sources) {
      if (this.byId.has(s.id)) throw new Error(`Duplicate tile source id "${s.id}"`)
      this.byId.set(s.id, s)
    }
  }
  get(id: string): TileSource | undefined {
    return this.byId.get(id)
  }
  ids(): string[] {
    return [...this.byId.keys()]
  }
}

/** A failure while producing a tile or TileJSON, with where it happened; `cause` is the original error. */
export class TileError extends Error {
  override readonly name = 'TileError'
  /** Set once the error has been logged, so requests sharing one computation log it once. */
  logged = false
  constructor(
    readonly source: string,
    readonly tile: { z: number; x: number; y: number } | null,
    override readonly cause: unknown,
  ) {
    const where = tile ? `${source}/${tile.z}/${tile.x}/${tile.y}` : `${source} TileJSON`
    super(`${where}: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}
