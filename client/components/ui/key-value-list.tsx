import type { ReactNode } from 'react'

/** Two-column attribute list (label on the left, value on the right). */
export function KeyValueList({ items }: { items: { label: string; value: ReactNode; key?: string }[] }) {
  return (
    <dl className="kv">
      {items.map((item) => (
        <div className="kv__row" key={item.key ?? item.label}>
          <dt className="kv__label">{item.label}</dt>
          <dd className="kv__value">{item.value}</dd>
        </div>
      ))}
    </dl>
  )
}
