import type { ApiErrorBody } from '../../core/contracts/common.js'

/** An API failure with the server's error code, or 'network' / 'bad_response' when there was no usable answer. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
    readonly url: string,
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

/** GET a JSON resource. The only fetch in the client goes through here. */
export async function getJson<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  const url = withQuery(path, params)
  let res: Response
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json, application/geo+json' } })
  } catch (err) {
    if (signal?.aborted) throw err
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
  if (!res.ok) {
    if (isErrorBody(body)) throw new ApiError(body.error.code, body.error.message, res.status, url)
    throw new ApiError('http_' + res.status, `${res.status} ${res.statusText}`, res.status, url)
  }
  return body as T
}
