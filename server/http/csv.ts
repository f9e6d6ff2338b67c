/**
 * One CSV field: quoted when needed, and a leading = + - @ (or tab/CR) neutralised with an apostrophe so a
 * spreadsheet never runs it as a formula (CSV injection).
 */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** A whole CSV document with a UTF-8 BOM (Excel on Chinese Windows needs it to read UTF-8) and CRLF lines. */
export function csvDocument(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}
