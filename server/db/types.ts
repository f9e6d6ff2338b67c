export type { Database, DatabaseKind, Queryable, Row } from '../../core/ports/database.js'

/** Raised when the database cannot be reached; the HTTP layer turns it into 503. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError'
  constructor(message: string, override readonly cause?: unknown) {
    super(message)
  }
}
