import type { ReactNode } from 'react'

export function DetailSection({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="detail-section">
      <header className="detail-section__header">
        <h3 className="detail-section__title">{title}</h3>
        {aside}
      </header>
      {children}
    </section>
  )
}
