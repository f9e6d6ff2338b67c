import type { ApiError } from '../../api/http.js'

/** What went wrong with a login, in the terms the page explains it. */
export type LoginFailure =
  | { kind: 'invalid' }
  | { kind: 'throttled'; retryAtMs: number }
  | { kind: 'locked'; until: string | null }
  | { kind: 'disabled' }
  | { kind: 'network' }
  | { kind: 'other'; code: string }

function detail(details: unknown, key: string): unknown {
  return typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[key] : undefined
}

/** Classifies a failed POST /api/auth/login; a throttle becomes a moment (`nowMs` + Retry-After) to count down to. */
export function classifyLoginError(err: ApiError, nowMs: number): LoginFailure {
  switch (err.code) {
    case 'invalid_credentials':
      return { kind: 'invalid' }
    case 'login_throttled': {
      const fromDetails = Number(detail(err.details, 'retryAfterSeconds'))
      const seconds = err.retryAfterS ?? (Number.isFinite(fromDetails) && fromDetails > 0 ? fromDetails : 30)
      return { kind: 'throttled', retryAtMs: nowMs + seconds * 1000 }
    }
    case 'account_locked': {
      const until = detail(err.details, 'lockedUntil')
      return { kind: 'locked', until: typeof until === 'string' ? until : null }
    }
    case 'account_disabled':
      return { kind: 'disabled' }
    case 'network':
      return { kind: 'network' }
    default:
      return { kind: 'other', code: err.code }
  }
}

/** Whole seconds left until `atMs` (never negative), rounded up so "1 s" shows until the very end. */
export function secondsUntil(atMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((atMs - nowMs) / 1000))
}
