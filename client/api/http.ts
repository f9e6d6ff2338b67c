import type { ApiErrorBody } from '../../core/contracts/common.js'

/** An API failure with the server's error code, or 'network' / 'bad_response' when there was no usable answer. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
    readonly url: string,
    /** The server's `error.details` (e.g. the current record of a version conflict). */
    readonly details?: unknown,
    /** Seconds from a Retry-After header (throttled logins, a server starting). */
    readonly retryAfterS?: number,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export type QueryParams = Record<string, string | number | undefined | null>

/** Appends the defined parameters to a path; values are URL-encoded, commas in lists kept readable. */
export function withQuery(path: string, params?: QueryParams): string {
  if (!params) return path
  const parts: string[] = []
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value)).replace(/%2C/g, ',')}`)
  }
  return parts.length ? `${path}?${parts.join('&')}` : path
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && typeof (body as ApiErrorBody).error?.message === 'string'
}

// The session's CSRF token (from login or /api/auth/me), sent with every write.
let csrfToken: string | null = null
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

// Told when the server says the session is gone (expired, logged out elsewhere, user disabled).
type UnauthenticatedListener = (err: ApiError) => void
const unauthenticatedListeners = new Set<UnauthenticatedListener>()
export function onUnauthenticated(fn: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(fn)
  return () => unauthenticatedListeners.delete(fn)
}

/** Paths whose 401 is an answer, not a lost session (a wrong password, or asking whether one is signed in). */
const AUTH_PROBES = ['/api/auth/login', '/api/auth/me', '/api/auth/password']

/** `answers`: statuses whose JSON body is the answer rather than an error (a 422 that carries a report). */
async function send<T>(url: string, init: RequestInit, answers: readonly number[] = []): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, { credentials: 'same-origin', ...init })
  } catch (err) {
    if (init.signal?.aborted) throw err
    throw new ApiError('network', err instanceof Error ? err.message : String(err), null, url)
  }
  let body: unknown = null
  const text = await res.text()
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      throw new ApiError('bad_response', `${res.status} ${res.statusText}: response is not JSON`, res.status, url)
    }
  }
  if (!res.ok && !(answers.includes(res.status) && body !== null && !isErrorBody(body))) {
    const retryAfter = Number(res.headers.get('retry-after'))
    const retryAfterS = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined
    const err = isErrorBody(body)
      ? new ApiError(body.error.code, body.error.message, res.status, url, body.error.details, retryAfterS)
      : new ApiError('http_' + res.status, `${res.status} ${res.statusText}`, res.status, url, undefined, retryAfterS)
    if (res.status === 401 && !AUTH_PROBES.some((p) => url.startsWith(p))) unauthenticatedListeners.forEach((fn) => fn(err))
    throw err
  }
  return body as T
}

/** GET a JSON resource. Every fetch in the client goes through this module. */
export async function getJson<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  return send<T>(withQuery(path, params), { signal, headers: { Accept: 'application/json, application/geo+json' } })
}

/** A write (POST/PATCH/PUT/DELETE) with a JSON body, carrying the CSRF token. Resolves to the JSON answer (null for 204). */
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken
  return send<T>(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
}

/**
 * A POST whose body is a file as is (an upload), carrying the CSRF token. Resolves to the JSON answer, also
 * for the statuses in `answers` (e.g. 422 with a validation report); other failures throw ApiError.
 */
export async function sendFile<T>(path: string, file: Blob, contentType = file.type || 'application/octet-stream', answers: readonly number[] = []): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': contentType }
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken
  return send<T>(path, { method: 'POST', headers, body: file }, answers)
}

/** Downloads a file from a GET endpoint (exports) by letting the browser follow a link; the cookie goes along. */
export function downloadUrl(path: string, params?: QueryParams): string {
  return withQuery(path, params)
}
