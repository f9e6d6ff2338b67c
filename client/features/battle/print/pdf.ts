/**
 * A one-page PDF holding one JPEG picture scaled to the page: the print of the battle map. Written by hand
 * (PDF 1.4, uncompressed objects, the JPEG embedded as it is with DCTDecode) so the client needs no PDF
 * library. The cross-reference table carries each object's exact byte offset.
 */

export interface PdfImagePage {
  /** The JPEG file's bytes (baseline or progressive, RGB). */
  jpeg: Uint8Array
  /** The picture's size in pixels. */
  widthPx: number
  heightPx: number
  /** The page's size in PDF points (1/72 inch); the picture fills it. */
  pageWidthPt: number
  pageHeightPt: number
  /** Document title (any script: written as UTF-16). */
  title?: string
  /** Creation time, for the document information. */
  createdAt?: Date
}

/** Paper sizes in points, landscape (ISO 216: A4 297 × 210 mm, A3 420 × 297 mm). */
export const PAPER_POINTS = {
  a4: { widthPt: mmToPt(297), heightPt: mmToPt(210) },
  a3: { widthPt: mmToPt(420), heightPt: mmToPt(297) },
} as const
export type PaperSize = keyof typeof PAPER_POINTS

export function mmToPt(mm: number): number {
  return (mm / 25.4) * 72
}

const latin1 = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff
  return out
}

/** A PDF text string as UTF-16BE with a byte-order mark, in hex (safe for any character). */
export function pdfTextString(s: string): string {
  let hex = 'FEFF'
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase()
  return `<${hex}>`
}

/** A PDF date: D:YYYYMMDDHHmmSSZ (UTC). */
function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`
}

const num = (n: number) => Number(n.toFixed(3)).toString()

/** Builds the PDF file. */
export function buildImagePdf(page: PdfImagePage): Uint8Array {
  const { jpeg, widthPx, heightPx, pageWidthPt, pageHeightPt } = page
  if (!(widthPx > 0 && heightPx > 0)) throw new Error('the picture needs a positive size')
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG file')
  const w = num(pageWidthPt)
  const h = num(pageHeightPt)
  const content = `q\n${w} 0 0 ${h} 0 0 cm\n/Im0 Do\nQ\n`
  const info = [`/Producer (RenewMap)`, `/CreationDate (${pdfDate(page.createdAt ?? new Date())})`]
  if (page.title) info.unshift(`/Title ${pdfTextString(page.title)}`)

  // Objects in order; the image's stream is binary and goes in between two text parts.
  const objects: (string | [string, Uint8Array, string])[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 4 0 R >> /ProcSet [/PDF /ImageC] >> /Contents 5 0 R >>`,
    [
      `<< /Type /XObject /Subtype /Image /Width ${widthPx} /Height ${heightPx} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
      jpeg,
      '\nendstream',
    ],
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
    `<< ${info.join(' ')} >>`,
  ]

  const chunks: Uint8Array[] = []
  let length = 0
  const push = (bytes: Uint8Array) => {
    chunks.push(bytes)
    length += bytes.length
  }
  // The binary comment tells transfer tools the file is not text.
  push(latin1('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'))
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(length)
    push(latin1(`${i + 1} 0 obj\n`))
    if (typeof body === 'string') push(latin1(body))
    else {
      push(latin1(body[0]))
      push(body[1])
      push(latin1(body[2]))
    }
    push(latin1('\nendobj\n'))
  })
  const xrefAt = length
  const size = objects.length + 1
  // Each entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, type, space, newline.
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`
  for (const off of offsets) xref += `${String(off).padStart(10, '0')} 00000 n \n`
  xref += `trailer\n<< /Size ${size} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`
  push(latin1(xref))

  const out = new Uint8Array(length)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
