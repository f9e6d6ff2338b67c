import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { SessionResponse } from '../../core/contracts/auth.js'
import { authorize, type Action, type TargetScope } from '../../core/auth/authorize.js'
import type { Principal } from '../../core/auth/roles.js'
import { authApi } from '../api/auth-endpoints.js'
import { ApiError, onUnauthenticated, setCsrfToken } from '../api/http.js'

/** Why the login page is showing: a first visit, a session the server ended, or the user's own sign-out. */
export type SignedOutNotice = 'expired' | 'signedOut' | null

/** Where the app stands with the server: still asking, signed out, unable to ask, or signed in. */
export type AuthState =
  | { status: 'checking' }
  | { status: 'anonymous'; notice: SignedOutNotice }
  | { status: 'error'; error: ApiError }
  | { status: 'signedIn'; session: SessionResponse }

/** What every signed-in screen reads: the session, the user and what they may do. */
export interface SessionValue {
  session: SessionResponse
  user: Principal
  /** Whether the user's role (and scope, given a target) allows an action; the server still decides. */
  can(action: Action, target?: TargetScope): boolean
  logout(): Promise<void>
  /** Takes a fresh session from the server (after a login or a password change, which rotates the CSRF token). */
  replaceSession(s: SessionResponse): void
}

interface AuthControl {
  state: AuthState
  signIn(s: SessionResponse): void
  /** Asks /api/auth/me again (after a failed check). */
  recheck(): void
}

const AuthContext = createContext<AuthControl | null>(null)
const SessionContext = createContext<SessionValue | null>(null)

/** The notice for a 401 the server sent on an ordinary call. */
export function noticeForUnauthenticated(code: string): SignedOutNotice {
  return code === 'session_expired' ? 'expired' : 'signedOut'
}

/**
 * Asks the server who is signed in (GET /api/auth/me) and keeps the answer: the CSRF token for writes,
 * and a way back to the login page when any call says the session is gone.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' })
  const [attempt, setAttempt] = useState(0)

  const apply = useCallback((next: AuthState) => {
    setCsrfToken(next.status === 'signedIn' ? next.session.csrfToken : null)
    setState(next)
  }, [])

  useEffect(() => {
    let current = true
    authApi.me().then(
      (session) => current && apply({ status: 'signedIn', session }),
      (err: unknown) => {
        if (!current) return
        if (err instanceof ApiError && err.status === 401) apply({ status: 'anonymous', notice: null })
        else apply({ status: 'error', error: err instanceof ApiError ? err : new ApiError('client', String(err), null, '/api/auth/me') })
      },
    )
    return () => {
      current = false
    }
  }, [attempt, apply])

  // Any call answered 401 (expired, signed out in another tab, account disabled): back to the login page.
  useEffect(
    () =>
      onUnauthenticated((err) => {
        setState((s) => {
          if (s.status !== 'signedIn') return s
          setCsrfToken(null)
          return { status: 'anonymous', notice: noticeForUnauthenticated(err.code) }
        })
      }),
    [],
  )

  const signIn = useCallback((session: SessionResponse) => apply({ status: 'signedIn', session }), [apply])
  const recheck = useCallback(() => {
    setState({ status: 'checking' })
    setAttempt((n) => n + 1)
  }, [])

  const logout = useCallback(async () => {
    try {
      await authApi.logout()
    } catch {
      // Signed out locally either way; the cookie expires on its own.
    }
    apply({ status: 'anonymous', notice: 'signedOut' })
  }, [apply])

  const control = useMemo<AuthControl>(() => ({ state, signIn, recheck }), [state, signIn, recheck])
  const session = state.status === 'signedIn' ? state.session : null
  const value = useMemo<SessionValue | null>(() => {
    if (!session) return null
    const user = session.user
    return {
      session,
      user,
      can: (action, target) => authorize(user, action, target).allowed,
      logout,
      replaceSession: signIn,
    }
  }, [session, logout, signIn])

  return (
    <AuthContext.Provider value={control}>
      <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
    </AuthContext.Provider>
  )
}

/** The sign-in state, for the gate and the login page (which render before there is a session). */
export function useAuthControl(): AuthControl {
  const value = useContext(AuthContext)
  if (!value) throw new Error('useAuthControl must be used inside <SessionProvider>')
  return value
}

/** The signed-in session; only screens rendered after sign-in may call it. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession called outside a signed-in session')
  return value
}

/** The session when there is one (for components that also render signed out). */
export function useOptionalSession(): SessionValue | null {
  return useContext(SessionContext)
}
