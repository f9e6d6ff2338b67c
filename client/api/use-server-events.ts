import { useEffect, useRef } from 'react'
import type { ServerEvent } from '../../core/contracts/schedule.js'

export type ServerEventHandler = (event: ServerEvent | { type: 'ready' }) => void

/**
 * Subscribes to the server-push channel (GET /api/events) while mounted. The handler gets every `progress`
 * and `plan_year` event, and `ready` each time the stream (re)connects, which is when a page should refetch
 * what it shows, since events sent while it was disconnected are not replayed. EventSource reconnects on its own.
 */
export function useServerEvents(onEvent: ServerEventHandler, enabled = true): void {
  const handler = useRef(onEvent)
  handler.current = onEvent
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return
    const source = new EventSource('/api/events', { withCredentials: true })
    const forward = (type: string) => (e: MessageEvent<string>) => {
      if (type === 'ready') return handler.current({ type: 'ready' })
      try {
        handler.current(JSON.parse(e.data) as ServerEvent)
      } catch {
        // A malformed event is dropped; the next `ready` refetches anyway.
      }
    }
    const types = ['ready', 'progress', 'plan_year'] as const
    const listeners = types.map((type) => [type, forward(type)] as const)
    for (const [type, fn] of listeners) source.addEventListener(type, fn as EventListener)
    return () => {
      for (const [type, fn] of listeners) source.removeEventListener(type, fn as EventListener)
      source.close()
    }
  }, [enabled])
}
