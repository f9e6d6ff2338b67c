/** Checks the form before sending: a percentage from 0 to 100 and a date that is not in the future. */
export function validateProgressInput(pctText: string, date: string, today: string): 'invalidPct' | 'invalidDate' | 'futureDate' | null {
  const pct = Number(pctText.trim())
  if (pctText.trim() === '' || !Number.isFinite(pct) || pct < 0 || pct > 100) return 'invalidPct'
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'invalidDate'
  if (date > today) return 'futureDate'
  return null
}
