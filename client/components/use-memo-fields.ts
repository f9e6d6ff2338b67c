import { useMemo } from 'react'

/**
 * An object memoized on its own field values: a context value that changes exactly when one of its fields
 * does, without repeating every name in a dependency list. The object must have the same keys on every
 * render (a literal in one place), so the dependency list keeps its length.
 */
export function useMemoFields<T extends object>(fields: T): T {
  return useMemo(() => fields, Object.values(fields))
}
