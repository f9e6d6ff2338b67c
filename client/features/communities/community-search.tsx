import { useEffect, useId, useState, type KeyboardEvent } from 'react'
import { STAGE_COLORS } from '../../../core/domain/stages.js'
import { api } from '../../api/endpoints.js'
import { useRequest } from '../../api/use-request.js'
import { useI18n } from '../../i18n/i18n-context.js'
import { useSelection } from './selection-context.js'

const DEBOUNCE_MS = 200
const MAX_RESULTS = 8

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return debounced
}

/** Find a community by part of its name or code; choosing one opens it and frames it on the map. */
export function CommunitySearch() {
  const { t } = useI18n()
  const { select } = useSelection()
  const listId = useId()
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const query = useDebounced(text.trim(), DEBOUNCE_MS)
  const results = useRequest(query ? `search:${query}` : null, () => api.searchCommunities(query, MAX_RESULTS))
  const rows = query && results.status === 'success' ? results.data.rows : []

  useEffect(() => setActive(0), [query])

  const choose = (id: number) => {
    select(id, null, { focus: true })
    setOpen(false)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      setOpen(true)
      if (rows.length) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : rows.length - 1)) % rows.length)
    } else if (e.key === 'Enter' && rows[active]) {
      e.preventDefault()
      choose(rows[active].id)
    } else if (e.key === 'Escape') {
      setOpen(false)
    }
  }

  const showList = open && query.length > 0
  return (
    <div className="search">
      <input
        type="search"
        className="search__input"
        data-testid="community-search"
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <ul className="search__results" id={listId} role="listbox" data-testid="search-results">
          {results.status === 'error' ? (
            <li className="search__empty">{t('app.loadFailed')}</li>
          ) : rows.length === 0 ? (
            <li className="search__empty">{results.status === 'loading' || query !== text.trim() ? t('search.searching') : t('search.noResults')}</li>
          ) : (
            rows.map((c, i) => (
              <li
                key={c.id}
                role="option"
                aria-selected={i === active}
                className={`search__item ${i === active ? 'is-active' : ''}`}
                // Chosen on mousedown, before the input's blur closes the list.
                onMouseDown={(e) => {
                  e.preventDefault()
                  choose(c.id)
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="search__swatch" style={{ background: STAGE_COLORS[c.stage] }} />
                <span className="search__name">{c.name}</span>
                <span className="search__meta">
                  {c.districtName} · {c.streetName} · {t(`stage.${c.stage}`)}
                </span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  )
}
