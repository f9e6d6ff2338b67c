import { Fragment, type ReactNode } from 'react'

export interface Column<T> {
  id: string
  header: ReactNode
  cell: (row: T) => ReactNode
  /** Extra class on the header and body cells (e.g. 'num', 'nowrap', 'actions'). */
  className?: string
  /** Fixed width, e.g. '140px' or '12%'. */
  width?: string
}

/**
 * A full-width data table with a sticky header. Rows may open a detail row underneath (`renderExpanded`
 * for the keys in `expanded`). Shows `empty` in place of the body when there are no rows.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  rowTestId,
  rowClassName,
  rowProps,
  onRowClick,
  expanded,
  renderExpanded,
  empty,
  testId,
  busy = false,
  caption,
}: {
  columns: Column<T>[]
  rows: readonly T[]
  rowKey: (row: T) => string | number
  rowTestId?: (row: T) => string
  rowClassName?: (row: T) => string
  /** Extra attributes for a row (data-* for tests, aria-expanded). */
  rowProps?: (row: T) => Record<string, string | number | boolean | undefined>
  /** Clicking a row (outside its buttons and links) calls this, e.g. to expand it. */
  onRowClick?: (row: T) => void
  expanded?: ReadonlySet<string | number>
  renderExpanded?: (row: T) => ReactNode
  empty?: ReactNode
  testId?: string
  /** Dims the rows while a newer page loads. */
  busy?: boolean
  caption?: string
}) {
  return (
    <div className={`data-table ${busy ? 'is-busy' : ''}`}>
      <table className="data-table__table" data-testid={testId} aria-busy={busy || undefined}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row)
            const open = expanded?.has(key) ?? false
            return (
              <Fragment key={key}>
                <tr
                  className={`${rowClassName?.(row) ?? ''} ${open ? 'is-expanded' : ''} ${onRowClick ? 'is-clickable' : ''}`}
                  data-testid={rowTestId?.(row)}
                  {...rowProps?.(row)}
                  onClick={
                    onRowClick &&
                    ((e) => {
                      if ((e.target as HTMLElement).closest('button, a, input, select, label')) return
                      if (window.getSelection()?.toString()) return
                      onRowClick(row)
                    })
                  }
                >
                  {columns.map((c) => (
                    <td key={c.id} className={c.className}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
                {open && renderExpanded && (
                  <tr className="data-table__detail">
                    <td colSpan={columns.length}>{renderExpanded(row)}</td>
                  </tr>
                )}
              </Fragment>
            )
          })}
          {rows.length === 0 && empty && (
            <tr className="data-table__empty">
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
