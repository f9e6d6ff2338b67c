import type { ReactNode } from 'react'

export type TagTone = 'neutral' | 'good' | 'bad' | 'warn' | 'info'

export function Tag({ tone = 'neutral', children, title }: { tone?: TagTone; children: ReactNode; title?: string }) {
  return (
    <span className={`tag tag--${tone}`} title={title}>
      {children}
    </span>
  )
}
