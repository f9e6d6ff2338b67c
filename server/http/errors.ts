import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { ParseResult } from '../../core/contracts/common.js'
import { DatabaseUnavailableError } from '../db/types.js'
import { isConnectionError } from '../db/postgres.js'

/** An error the client caused or should know about; everything else is a 500 with no internals exposed. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'invalid_request', message, details)
export const notFound = (message: string) => new HttpError(404, 'not_found', message)
export const conflict = (message: string, details?: unknown) => new HttpError(409, 'version_conflict', message, details)

/** Unwraps a contract parse or throws a 400 that says which field is wrong. */
export function requireValid<T>(r: ParseResult<T>, what: string): T {
  if (r.ok) return r.data
  throw badRequest(`Invalid ${what}: ${r.reason}`, r.issues)
}

export const notFoundApi: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No API route ${req.method} ${req.path}`))
}

/** The one error handler: JSON {error:{code,message}}, never a stack trace or SQL. Logged once, here. */
export function errorHandler(log: (msg: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return
    let status = 500
    let body: { code: string; message: string; details?: unknown }
    if (err instanceof HttpError) {
      status = err.status
      body = { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) }
    } else if (err instanceof DatabaseUnavailableError || isConnectionError(err)) {
      status = 503
      res.setHeader('Retry-After', '5')
      body = { code: 'database_unavailable', message: 'The database is not reachable right now; try again shortly.' }
    } else if (err?.type === 'entity.parse.failed') {
      status = 400
      body = { code: 'invalid_json', message: 'The request body is not valid JSON.' }
    } else if (err?.type === 'entity.too.large') {
      status = 413
      body = { code: 'payload_too_large', message: 'The request body is too large.' }
    } else {
      body = { code: 'internal_error', message: 'Internal server error.' }
    }
    if (status >= 500) log(`[http] ${req.method} ${req.originalUrl} → ${status}: ${err?.stack ?? err}`)
    res.status(status).json({ error: body })
  }
}
