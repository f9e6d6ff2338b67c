/**
 * Text-to-JS parsers shared by both backends, so a row reads the same from PGlite and from pg:
 * bigint and numeric as numbers, dates as 'YYYY-MM-DD' strings (no time-zone shift), timestamps as ISO strings.
 */
export const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
} as const

const toIso = (v: string) => {
  const d = new Date(v.includes('T') ? v : v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))
  return Number.isNaN(d.getTime()) ? v : d.toISOString()
}

export const TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  [OID.int8]: (v) => Number(v),
  [OID.numeric]: (v) => Number(v),
  [OID.date]: (v) => v,
  [OID.timestamp]: (v) => toIso(v + 'Z'),
  [OID.timestamptz]: toIso,
}
