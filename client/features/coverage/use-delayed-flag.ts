import { useEffect, useState } from 'react'

/** True once `on` has stayed true for `delayMs` (so quick answers show no flicker), false as soon as it is false. */
export function useDelayedFlag(on: boolean, delayMs = 300): boolean {
  const [shown, setShown] = useState(false)
  useEffect(() => {
    if (!on) {
      setShown(false)
      return
    }
    const timer = window.setTimeout(() => setShown(true), delayMs)
    return () => window.clearTimeout(timer)
  }, [on, delayMs])
  return on && shown
}
