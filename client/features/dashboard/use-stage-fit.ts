import { useEffect, useState } from 'react'
import { fitStage, type StageFit } from './screen-fit.js'

/** The large screen's scaling for the current window size, updated on resize. */
export function useStageFit(): StageFit {
  const [fit, setFit] = useState<StageFit>(() => fitStage(window.innerWidth, window.innerHeight))
  useEffect(() => {
    const update = () => setFit(fitStage(window.innerWidth, window.innerHeight))
    window.addEventListener('resize', update)
    update()
    return () => window.removeEventListener('resize', update)
  }, [])
  return fit
}

/** The wall clock, ticking every second. */
export function useClock(): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 1000)
    return () => window.clearInterval(timer)
  }, [])
  return now
}
