import { z } from 'zod'

/** Parse result in the style of Excalidraw's restore: no throwing at the boundary. */
export type ParseResult<T> = { ok: true; data: T } | { ok: false; reason: string; issues?: { path: string; message: string }[] }

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const r = schema.safeParse(input)
  if (r.success) return { ok: true, data: r.data }
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
  return { ok: false, reason: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues }
}

/** Query-string integer (Express gives strings). */
export const intParam = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

/** 'west,south,east,north' in degrees. */
export const bboxParam = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => Number(p.trim()))
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers: west,south,east,north' })
      return z.NEVER
    }
    const [w, s2, e, n] = parts
    if (w < -180 || e > 180 || s2 < -90 || n > 90 || w >= e || s2 >= n) {
      ctx.addIssue({ code: 'custom', message: 'bbox must satisfy -180 ≤ west < east ≤ 180 and -90 ≤ south < north ≤ 90' })
      return z.NEVER
    }
    return parts as [number, number, number, number]
  })

/** A comma-separated list or a repeated parameter, as a string array. */
export const listParam = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (v) =>
      (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [v])
        .map((s) => (typeof s === 'string' ? s.trim() : s))
        .filter((s) => s !== ''),
    z.array(item).min(1),
  )

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s), 'not a real calendar date')

export interface ApiErrorBody { error: { code: string; message: string; details?: unknown } }
