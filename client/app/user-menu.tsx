import { useEffect, useId, useRef, useState } from 'react'
import type { Principal } from '../../core/auth/roles.js'
import type { OwnScopeNames } from '../features/communities/detail/scope-notice.js'
import { formatDateTime } from '../i18n/format-time.js'
import { useI18n, type Translate } from '../i18n/i18n-context.js'
import { Link, ROUTES } from './router.js'
import { useSession } from './session-context.js'
import { useUserScope } from './user-scope.js'

/** The user's area in words: the whole city, a district, or "district · street". */
export function scopeLabel(user: Principal, names: OwnScopeNames, t: Translate): string {
  if (user.role === 'street_staff') return [names.districtName, names.streetName].filter(Boolean).join(' · ') || t('scope.yourArea')
  if (user.role === 'district_staff') return names.districtName ?? t('scope.yourArea')
  return t('user.scopeCity')
}

/** The signed-in user in the header: name and role, and a menu with their area, admin links, password and sign-out. */
export function UserMenu() {
  const { t } = useI18n()
  const { user, session, can, logout } = useSession()
  const names = useUserScope()
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const menuId = useId()

  useEffect(() => {
    if (!open) return
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false)
    }
    document.addEventListener('pointerdown', onDown)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onDown)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])

  const close = () => setOpen(false)
  const initial = Array.from(user.displayName.trim() || user.username)[0]?.toUpperCase() ?? '?'
  const scope = scopeLabel(user, names, t)

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        type="button"
        className="user-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        title={t('user.menu')}
        onClick={() => setOpen((o) => !o)}
        data-testid="user-menu"
      >
        <span className={`user-menu__avatar role-bg--${user.role}`} aria-hidden="true">
          {initial}
        </span>
        <span className="user-menu__who">
          <span className="user-menu__name" data-testid="user-menu-name">
            {user.displayName}
          </span>
          <span className="user-menu__role">{t(`role.${user.role}`)}</span>
        </span>
        <svg className="user-menu__caret" viewBox="0 0 10 6" width="10" height="6" aria-hidden="true">
          <path d="M0 0l5 6 5-6z" fill="currentColor" />
        </svg>
      </button>
      {open && (
        <div className="user-menu__popup" id={menuId} role="menu">
          <div className="user-menu__head">
            <div className="user-menu__head-name">{user.displayName}</div>
            <div className="user-menu__head-meta">
              {user.username} · {t(`role.${user.role}`)}
            </div>
            <div className="user-menu__head-meta">{t('user.scopeLabel', { scope })}</div>
            <div className="user-menu__head-meta user-menu__head-meta--faint">
              {t('user.sessionUntil', { time: formatDateTime(session.expiresAt, { seconds: false }) })}
            </div>
          </div>
          <Link to={ROUTES.map} role="menuitem" className="user-menu__item" onClick={close}>
            {t('nav.map')}
          </Link>
          {can('user.read') && (
            <Link to={ROUTES.users} role="menuitem" className="user-menu__item" onClick={close} data-testid="nav-users">
              {t('nav.users')}
            </Link>
          )}
          {can('audit.read') && (
            <Link to={ROUTES.audit} role="menuitem" className="user-menu__item" onClick={close} data-testid="nav-audit">
              {t('nav.audit')}
            </Link>
          )}
          <Link to={ROUTES.password} role="menuitem" className="user-menu__item" onClick={close} data-testid="nav-password">
            {t('nav.changePassword')}
          </Link>
          <div className="user-menu__sep" role="separator" />
          <button
            type="button"
            role="menuitem"
            className="user-menu__item user-menu__item--danger"
            onClick={() => {
              close()
              void logout()
            }}
            data-testid="logout"
          >
            {t('nav.logout')}
          </button>
        </div>
      )}
    </div>
  )
}
