/**
 * A small Mapbox Vector Tile 2.1 encoder: one layer of features whose geometry is already in integer tile
 * coordinates (clipped, snapped, rings oriented). Property values are typed the way ST_AsMVT types them
 * (integer → uint_value / sint_value, number → double_value), so both encoders decode to the same values.
 */
import type { FieldType } from './layers.js'

export type PropertyValue = string | number | boolean | null | undefined

export interface MvtFeatureInput {
  id: number
  /** Geometry in tile coordinates, GeoJSON-shaped; anything else is skipped. */
  geometry: { type: string; coordinates: unknown }
  /** Values aligned with the layer's fields; null and undefined are left out, as ST_AsMVT leaves out NULL. */
  values: readonly PropertyValue[]
}

export interface MvtLayerInput {
  name: string
  extent: number
  fields: readonly { name: string; type: FieldType }[]
  features: Iterable<MvtFeatureInput>
}

const enum GeomType {
  Point = 1,
  LineString = 2,
  Polygon = 3,
}

/** Growable protobuf writer (wire types 0, 1 and 2 are all MVT needs). */
class ProtoWriter {
  buf: Buffer
  pos = 0
  constructor(size = 4096) {
    this.buf = Buffer.allocUnsafe(size)
  }
  private ensure(n: number) {
    if (this.pos + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.pos + n) size *= 2
    const next = Buffer.allocUnsafe(size)
    this.buf.copy(next, 0, 0, this.pos)
    this.buf = next
  }
  varint(v: number) {
    this.ensure(10)
    // Values up to 2^53; the low 7 bits are taken arithmetically above 2^31 where bit operators would truncate.
    while (v > 0x7fffffff) {
      this.buf[this.pos++] = (v % 128) | 0x80
      v = Math.floor(v / 128)
    }
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80
      v >>>= 7
    }
    this.buf[this.pos++] = v
  }
  tag(field: number, wire: number) {
    this.varint((field << 3) | wire)
  }
  varintField(field: number, v: number) {
    this.tag(field, 0)
    this.varint(v)
  }
  doubleField(field: number, v: number) {
    this.tag(field, 1)
    this.ensure(8)
    this.buf.writeDoubleLE(v, this.pos)
    this.pos += 8
  }
  stringField(field: number, s: string) {
    const len = Buffer.byteLength(s, 'utf8')
    this.tag(field, 2)
    this.varint(len)
    this.ensure(len)
    this.pos += this.buf.write(s, this.pos, len, 'utf8')
  }
  bytesField(field: number, bytes: Uint8Array) {
    this.tag(field, 2)
    this.varint(bytes.length)
    this.ensure(bytes.length)
    this.buf.set(bytes, this.pos)
    this.pos += bytes.length
  }
  /** Appends bytes that are already encoded fields. */
  raw(bytes: Uint8Array) {
    this.ensure(bytes.length)
    this.buf.set(bytes, this.pos)
    this.pos += bytes.length
  }
  packedVarintField(field: number, values: readonly number[]) {
    if (values.length === 0) return
    let len = 0
    for (const v of values) len += varintLength(v)
    this.tag(field, 2)
    this.varint(len)
    for (const v of values) this.varint(v)
  }
  finish(): Buffer {
    return this.buf.subarray(0, this.pos)
  }
}

function varintLength(v: number): number {
  let n = 1
  while (v >= 0x80) {
    v = Math.floor(v / 128)
    n++
  }
  return n
}

/** Shoelace area of a closed ring, in square tile units. */
function ringArea(pts: readonly XY[]): number {
  let s = 0
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) s += (pts[j][0] - pts[i][0]) * (pts[i][1] + pts[j][1])
  return s / 2
}

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1)
const command = (id: number, count: number) => (id & 0x7) | (count << 3)

type XY = readonly [number, number]

/** Appends the command stream for one geometry; returns its MVT type, or null when nothing drawable is left. */
function encodeGeometry(geometry: MvtFeatureInput['geometry'], out: number[]): GeomType | null {
  let cx = 0
  let cy = 0
  const moveBy = (p: XY) => {
    const x = Math.round(p[0])
    const y = Math.round(p[1])
    out.push(zigzag(x - cx), zigzag(y - cy))
    cx = x
    cy = y
  }
  const line = (pts: readonly XY[]) => {
    if (pts.length < 2) return
    out.push(command(1, 1))
    moveBy(pts[0])
    out.push(command(2, pts.length - 1))
    for (let i = 1; i < pts.length; i++) moveBy(pts[i])
  }
  // The closing vertex is implied by ClosePath.
  const ring = (pts: readonly XY[]) => {
    out.push(command(1, 1))
    moveBy(pts[0])
    out.push(command(2, pts.length - 2))
    for (let i = 1; i < pts.length - 1; i++) moveBy(pts[i])
    out.push(command(7, 1))
  }
  // Rings under one square unit are left out, a polygon with its holes when its exterior is (as ST_AsMVTGeom does).
  const polygon = (rings: readonly (readonly XY[])[]) => {
    for (let i = 0; i < rings.length; i++) {
      const r = rings[i]
      if (r.length < 4 || Math.abs(ringArea(r)) < 1) {
        if (i === 0) return
        continue
      }
      ring(r)
    }
  }
  const c = geometry.coordinates as any
  switch (geometry.type) {
    case 'Point':
      out.push(command(1, 1))
      moveBy(c)
      return GeomType.Point
    case 'MultiPoint':
      if (c.length === 0) return null
      out.push(command(1, c.length))
      for (const p of c) moveBy(p)
      return GeomType.Point
    case 'LineString':
      line(c)
      return out.length ? GeomType.LineString : null
    case 'MultiLineString':
      for (const l of c) line(l)
      return out.length ? GeomType.LineString : null
    case 'Polygon':
      polygon(c)
      return out.length ? GeomType.Polygon : null
    case 'MultiPolygon':
      for (const poly of c) polygon(poly)
      return out.length ? GeomType.Polygon : null
    default:
      return null
  }
}

/** Encodes one layer as a complete tile; null when no feature has drawable geometry. */
export function encodeMvtLayer(layer: MvtLayerInput): Buffer | null {
  const values = new ProtoWriter()
  const valueIndex = new Map<string, number>()
  let valueCount = 0
  const indexOf = (type: FieldType, v: string | number | boolean): number => {
    const key = `${type === 'string' ? 's' : type === 'boolean' ? 'b' : type === 'number' ? 'd' : 'i'}${v}`
    let i = valueIndex.get(key)
    if (i !== undefined) return i
    i = valueCount++
    valueIndex.set(key, i)
    const w = new ProtoWriter(32)
    if (type === 'string') w.stringField(1, String(v))
    else if (type === 'number') w.doubleField(3, Number(v))
    else if (type === 'integer') {
      const n = Number(v)
      if (n >= 0) w.varintField(5, n)
      else w.varintField(6, zigzag(n))
    } else w.varintField(7, v ? 1 : 0)
    values.bytesField(4, w.finish())
    return i
  }

  const features = new ProtoWriter(16_384)
  const feature = new ProtoWriter(256)
  const geom: number[] = []
  const tags: number[] = []
  let count = 0
  for (const f of layer.features) {
    geom.length = 0
    const type = encodeGeometry(f.geometry, geom)
    if (type === null) continue
    tags.length = 0
    for (let k = 0; k < layer.fields.length; k++) {
      const v = f.values[k]
      if (v === null || v === undefined) continue
      tags.push(k, indexOf(layer.fields[k].type, v))
    }
    feature.pos = 0
    feature.varintField(1, f.id)
    feature.packedVarintField(2, tags)
    feature.varintField(3, type)
    feature.packedVarintField(4, geom)
    features.bytesField(2, feature.finish())
    count++
  }
  if (count === 0) return null

  const out = new ProtoWriter(features.pos + values.pos + 256)
  const body = new ProtoWriter(features.pos + values.pos + 128)
  body.stringField(1, layer.name)
  body.raw(features.finish())
  for (const fld of layer.fields) body.stringField(3, fld.name)
  body.raw(values.finish())
  body.varintField(5, layer.extent)
  body.varintField(15, 2)
  out.bytesField(3, body.finish())
  // Copied out of the oversized working buffer so a cached tile holds only its own bytes.
  return Buffer.from(out.finish())
}
