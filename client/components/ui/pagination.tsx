/** Previous / next with "page x of y" between, for server-paged tables. Pages count from 1. */
export function Pagination({
  page,
  pageCount,
  onPage,
  pageLabel,
  prevLabel,
  nextLabel,
  disabled = false,
}: {
  page: number
  pageCount: number
  onPage: (page: number) => void
  /** The text between the buttons, e.g. 第 2 / 7 页. */
  pageLabel: string
  prevLabel: string
  nextLabel: string
  disabled?: boolean
}) {
  return (
    <nav className="pagination" aria-label={pageLabel}>
      <button type="button" className="btn btn--small" onClick={() => onPage(page - 1)} disabled={disabled || page <= 1} data-testid="page-prev">
        ‹ {prevLabel}
      </button>
      <span className="pagination__label">{pageLabel}</span>
      <button type="button" className="btn btn--small" onClick={() => onPage(page + 1)} disabled={disabled || page >= pageCount} data-testid="page-next">
        {nextLabel} ›
      </button>
    </nav>
  )
}
