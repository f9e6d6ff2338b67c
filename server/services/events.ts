import type { ServerEvent } from '../../core/contracts/schedule.js'
import type { Database, Queryable } from '../db/types.js'

/** The NOTIFY channel every API process listens on for server-push events. */
export const EVENTS_CHANNEL = 'renewmap_events'

/**
 * Queues an event inside the caller's transaction: PostgreSQL delivers a NOTIFY only when the transaction
 * commits (and never when it rolls back), to every process listening, so no one hears of a write that did
 * not happen.
 */
export async function notifyEvent(tx: Queryable, event: ServerEvent): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify(event)])
}

type Listener = (event: ServerEvent) => void

/**
 * Fans database notifications out to the server-push connections of this process. It listens only while
 * someone is subscribed (a dedicated connection on server PostgreSQL), and stops a while after the last one
 * leaves, so processes without open battle maps hold no extra connection.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>()
  private stop: (() => Promise<void>) | null = null
  private starting: Promise<void> | null = null
  private idleTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Database,
    private readonly log: (m: string) => void = (m) => console.error(m),
    private readonly idleMs = 30_000,
  ) {}

  /** Adds a listener; resolves once notifications are flowing. Returns the function that removes it. */
  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener)
    if (this.idleTimer) {
      clearTimeout(this.idleTimer)
      this.idleTimer = null
    }
    await this.ensureListening()
    return () => {
      this.listeners.delete(listener)
      if (this.listeners.size === 0 && !this.idleTimer) {
        this.idleTimer = setTimeout(() => {
          this.idleTimer = null
          if (this.listeners.size === 0) void this.close()
        }, this.idleMs)
        this.idleTimer.unref()
      }
    }
  }

  get subscribers(): number {
    return this.listeners.size
  }

  private ensureListening(): Promise<void> {
    if (this.stop) return Promise.resolve()
    this.starting ??= this.db
      .listen(EVENTS_CHANNEL, (payload) => this.dispatch(payload))
      .then((stop) => {
        this.stop = stop
      })
      .finally(() => {
        this.starting = null
      })
    return this.starting
  }

  private dispatch(payload: string): void {
    let event: ServerEvent
    try {
      event = JSON.parse(payload) as ServerEvent
    } catch {
      this.log(`[events] ignoring a notification that is not JSON: ${payload.slice(0, 80)}`)
      return
    }
    for (const l of [...this.listeners]) {
      try {
        l(event)
      } catch (e) {
        this.log(`[events] a listener failed: ${(e as Error).message}`)
      }
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    if (this.starting) await this.starting.catch(() => undefined)
    const stop = this.stop
    this.stop = null
    await stop?.().catch(() => undefined)
  }
}
