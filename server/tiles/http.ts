/**
 * The tile routes on raw node:http, in front of Express: GET/HEAD /tiles/{source}/{z}/{x}/{y}.mvt and
 * /tiles/{source}.json. A cache hit is a Map lookup and one writeHead with headers prepared when the tile was
 * cached; everything else (gzip, ETag) was done once, on the miss.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { isConnectionError } from '../db/postgres.js'
import { DatabaseUnavailableError } from '../db/types.js'
import { TileError, type TileSource, type TileSourceRegistry } from './source.js'
import { MAX_ZOOM, MIN_ZOOM } from './sql.js'

export const TILE_ROUTE_PREFIX = '/tiles'
export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile'
// Private: tiles are served to signed-in users only, so shared caches must not keep them.
export const TILE_CACHE_CONTROL = 'private, max-age=60'

const gzip = promisify(zlib.gzip)

/** A tile ready to send: both encodings and the header lists for each response. */
export interface TileEntry {
  /** Uncompressed tile, or null for an empty tile (204). */
  body: Buffer | null
  gzip: Buffer | null
  etag: string | null
  /** The gzip representation is a different byte sequence, so it has its own strong ETag. */
  gzipEtag: string | null
  identityHeaders: string[]
  gzipHeaders: string[]
  notModifiedHeaders: string[]
  gzipNotModifiedHeaders: string[]
}

const EMPTY_HEADERS = ['Cache-Control', TILE_CACHE_CONTROL, 'Vary', 'Accept-Encoding']

export const EMPTY_TILE: TileEntry = {
  body: null,
  gzip: null,
  etag: null,
  gzipEtag: null,
  identityHeaders: EMPTY_HEADERS,
  gzipHeaders: EMPTY_HEADERS,
  notModifiedHeaders: EMPTY_HEADERS,
  gzipNotModifiedHeaders: EMPTY_HEADERS,
}

/** Strong ETag: a quoted hash of the uncompressed bytes. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`
}

export async function buildTileEntry(body: Buffer | null): Promise<TileEntry> {
  if (!body) return EMPTY_TILE
  const gz = await gzip(body)
  const etag = etagOf(body)
  const gzipEtag = `${etag.slice(0, -1)}-gz"`
  const common = ['Content-Type', MVT_CONTENT_TYPE, 'Cache-Control', TILE_CACHE_CONTROL, 'Vary', 'Accept-Encoding']
  return {
    body,
    gzip: gz,
    etag,
    gzipEtag,
    identityHeaders: [...common, 'ETag', etag, 'Content-Length', String(body.length)],
    gzipHeaders: [...common, 'ETag', gzipEtag, 'Content-Encoding', 'gzip', 'Content-Length', String(gz.length)],
    notModifiedHeaders: ['Cache-Control', TILE_CACHE_CONTROL, 'Vary', 'Accept-Encoding', 'ETag', etag],
    gzipNotModifiedHeaders: ['Cache-Control', TILE_CACHE_CONTROL, 'Vary', 'Accept-Encoding', 'ETag', gzipEtag],
  }
}

export interface TileHttpContext {
  registry: TileSourceRegistry
  /** The entry at once on a cache hit, or a promise of it on a miss. */
  lookup(source: TileSource, z: number, x: number, y: number): TileEntry | Promise<TileEntry>
  log: (m: string) => void
  /** Decides whether the request may read tiles (true) or how to refuse it; may answer later (a session lookup). */
  gate?: TileGate
}

export type TileGateResult = true | { status: number; code: string; message: string }
export type TileGate = (req: IncomingMessage) => TileGateResult | Promise<TileGateResult>

const TILE_PATH = /^\/tiles\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\.mvt$/
const TILEJSON_PATH = /^\/tiles\/([^/]+)\.json$/
const DIGITS = /^\d{1,10}$/
const HOST = /^[A-Za-z0-9.\-_:[\]]{1,255}$/

function sendJson(res: ServerResponse, status: number, body: unknown, headers: string[] = [], head = false) {
  const text = JSON.stringify(body)
  res.writeHead(status, ['Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(text)), ...headers])
  res.end(head ? undefined : text)
}

function sendError(res: ServerResponse, status: number, code: string, message: string, headers: string[] = []) {
  if (res.headersSent) {
    res.destroy()
    return
  }
  sendJson(res, status, { error: { code, message } }, headers)
}

/** The one place tile errors are logged (once per error, however many requests shared it) and answered. */
function sendFailure(res: ServerResponse, err: unknown, log: (m: string) => void) {
  const tileError = err instanceof TileError ? err : null
  const cause = tileError ? tileError.cause : err
  const unavailable = cause instanceof DatabaseUnavailableError || isConnectionError(cause)
  if (!tileError?.logged) {
    if (tileError) tileError.logged = true
    // TileError's message names the source and tile; an outage needs one line, anything else its stack.
    const stack = unavailable ? '' : `\n${(cause as Error)?.stack ?? ''}`
    log(`[tiles] ${(err as Error)?.message ?? String(err)}${stack}`)
  }
  if (unavailable) {
    sendError(res, 503, 'database_unavailable', 'The database is not reachable right now; try again shortly.', ['Retry-After', '5'])
  } else {
    sendError(res, 500, 'internal_error', 'Internal server error.')
  }
}

/** Weak comparison, as If-None-Match uses: W/ prefixes are ignored; "*" matches any tile. */
export function etagMatches(header: string, etag: string): boolean {
  if (header === etag) return true
  for (let part of header.split(',')) {
    part = part.trim()
    if (part === '*') return true
    if (part.startsWith('W/')) part = part.slice(2)
    if (part === etag) return true
  }
  return false
}

/** True when Accept-Encoding admits gzip (not refused with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined || !header.includes('gzip')) return false
  if (!header.includes('q=')) return true
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().split(';')
    if (coding.trim().toLowerCase() !== 'gzip' && coding.trim().toLowerCase() !== 'x-gzip') continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  }
  return false
}

const firstValue = (v: string | string[] | undefined): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v
  return s?.split(',')[0]?.trim() || undefined
}

/** The origin the client used, so TileJSON tile URLs work behind a reverse proxy (X-Forwarded-Proto/Host). */
export function requestOrigin(req: IncomingMessage): string {
  const fwdProto = firstValue(req.headers['x-forwarded-proto'])?.toLowerCase()
  const proto = fwdProto === 'http' || fwdProto === 'https' ? fwdProto : (req.socket as TLSSocket).encrypted ? 'https' : 'http'
  const fwdHost = firstValue(req.headers['x-forwarded-host'])
  const host = [fwdHost, req.headers.host].find((h) => h !== undefined && HOST.test(h)) ?? 'localhost'
  return `${proto}://${host}`
}

function sendTile(req: IncomingMessage, res: ServerResponse, e: TileEntry) {
  if (e.body === null) {
    res.writeHead(204, e.identityHeaders)
    res.end()
    return
  }
  const gz = acceptsGzip(req.headers['accept-encoding'])
  const inm = req.headers['if-none-match']
  if (inm !== undefined && etagMatches(inm, gz ? e.gzipEtag! : e.etag!)) {
    res.writeHead(304, gz ? e.gzipNotModifiedHeaders : e.notModifiedHeaders)
    res.end()
    return
  }
  res.writeHead(200, gz ? e.gzipHeaders : e.identityHeaders)
  res.end(req.method === 'HEAD' ? undefined : gz ? e.gzip : e.body)
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function parseCoordinate(s: string): number {
  return DIGITS.test(s) ? Number(s) : NaN
}

export function createTileHandler(ctx: TileHttpContext): (req: IncomingMessage, res: ServerResponse) => boolean {
  const notFoundSource = (res: ServerResponse, id: string) =>
    sendError(res, 404, 'not_found', `No tile layer "${id}"; layers: ${ctx.registry.ids().join(', ')}`)

  const serve = (req: IncomingMessage, res: ServerResponse, url: string) => {
    const q = url.indexOf('?')
    const path = q === -1 ? url : url.slice(0, q)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed on tiles`, ['Allow', 'GET, HEAD'])
      return
    }

    const m = TILE_PATH.exec(path)
    if (m !== null) {
      const id = decodeSegment(m[1])
      const source = ctx.registry.get(id)
      if (source === undefined) {
        notFoundSource(res, id)
        return
      }
      const z = parseCoordinate(m[2])
      const x = parseCoordinate(m[3])
      const y = parseCoordinate(m[4])
      if (!(z >= MIN_ZOOM && z <= MAX_ZOOM)) {
        sendError(res, 400, 'invalid_request', `Zoom must be an integer from ${MIN_ZOOM} to ${MAX_ZOOM}, got "${m[2]}"`)
        return
      }
      const n = 2 ** z
      if (!(x < n) || !(y < n)) {
        sendError(res, 400, 'invalid_request', `x and y must be integers from 0 to ${n - 1} at zoom ${z}, got "${m[3]}" and "${m[4]}"`)
        return
      }
      const r = ctx.lookup(source, z, x, y)
      if (r instanceof Promise) r.then((e) => sendTile(req, res, e), (err) => sendFailure(res, err, ctx.log))
      else sendTile(req, res, r)
      return
    }

    const j = TILEJSON_PATH.exec(path)
    if (j !== null) {
      const id = decodeSegment(j[1])
      const source = ctx.registry.get(id)
      if (source === undefined) {
        notFoundSource(res, id)
        return
      }
      source.tileJson(`${requestOrigin(req)}${TILE_ROUTE_PREFIX}`).then(
        (json) =>
          sendJson(res, 200, json, ['Cache-Control', TILE_CACHE_CONTROL, 'Vary', 'X-Forwarded-Proto, X-Forwarded-Host'], req.method === 'HEAD'),
        (err) => sendFailure(res, new TileError(id, null, err), ctx.log),
      )
      return
    }

    sendError(res, 404, 'not_found', `No tile route ${path}; use /tiles/{layer}/{z}/{x}/{y}.mvt or /tiles/{layer}.json`)
  }

  const deny = (res: ServerResponse, r: Exclude<TileGateResult, true>) => sendError(res, r.status, r.code, r.message, ['Cache-Control', 'no-store'])

  return (req, res) => {
    const url = req.url
    if (url === undefined || !url.startsWith('/tiles/')) return false
    const g = ctx.gate ? ctx.gate(req) : true
    if (g === true) serve(req, res, url)
    else if (g instanceof Promise) g.then((r) => (r === true ? serve(req, res, url) : deny(res, r)), (err) => sendFailure(res, err, ctx.log))
    else deny(res, g)
    return true
  }
}
