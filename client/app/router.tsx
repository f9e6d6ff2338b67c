import { useCallback, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

/** The pages of the app; anything else is "not found". */
export const ROUTES = {
  map: '/',
  coverage: '/coverage',
  clusters: '/clusters',
  battle: '/battle',
  dashboard: '/dashboard',
  screen: '/screen',
  gantt: '/gantt',
  progress: '/progress',
  users: '/admin/users',
  audit: '/admin/audit',
  password: '/account/password',
} as const
export type RoutePath = (typeof ROUTES)[keyof typeof ROUTES]

// pushState fires no event; this one tells subscribers that the path changed from inside the app.
const NAVIGATE_EVENT = 'renewmap:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

/** The path without a trailing slash ('/admin/users/' → '/admin/users'); '/' stays. */
export function normalizePath(pathname: string): string {
  const p = pathname.replace(/\/+$/, '')
  return p === '' ? '/' : p
}

const readPath = () => normalizePath(window.location.pathname)

/** Moves to a path inside the app (history API, no reload); the query string and hash are kept as given. */
export function navigate(to: string): void {
  const here = window.location.pathname + window.location.search + window.location.hash
  if (to === here) return
  window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

/** The current path and a way to move to another one. */
export function useRoute(): { path: string; navigate(path: string): void } {
  const path = useSyncExternalStore(subscribe, readPath, () => '/')
  return { path, navigate }
}

/** True for a click the browser should handle itself (new tab, download, another window). */
function isModifiedClick(e: MouseEvent<HTMLAnchorElement>): boolean {
  return e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.defaultPrevented
}

/** An in-app link: a real <a href> (open in new tab works) that navigates without a reload. */
export function Link({ to, onClick, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const handleClick = useCallback(
    (e: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(e)
      if (isModifiedClick(e) || (rest.target && rest.target !== '_self')) return
      e.preventDefault()
      navigate(to)
    },
    [onClick, to, rest.target],
  )
  return <a href={to} onClick={handleClick} {...rest} />
}
