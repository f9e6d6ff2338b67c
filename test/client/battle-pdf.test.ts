import { describe, expect, it } from 'vitest'
import { PAPER_POINTS, buildImagePdf, pdfTextString } from '../../client/features/battle/print/pdf.js'

/** A structurally valid JPEG header: SOI, a baseline SOF0 segment with the size, a few scan bytes, EOI. */
function fakeJpeg(width: number, height: number): Uint8Array {
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
  // Bytes that look like PDF keywords must not confuse a reader that trusts /Length.
  const scan = [...'endstream endobj xref'].map((c) => c.charCodeAt(0))
  return new Uint8Array([0xff, 0xd8, ...sof, 0x00, 0x80, 0xfe, ...scan, 0xff, 0xd9])
}

/** The size a JPEG's SOF0 segment declares. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } {
  for (let i = 2; i + 8 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xc0) return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8] }
  }
  throw new Error('no SOF0')
}

const text = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('')

describe('the battle-map PDF writer', () => {
  const jpeg = fakeJpeg(1754, 1240)
  const pdf = buildImagePdf({
    jpeg,
    widthPx: 1754,
    heightPx: 1240,
    pageWidthPt: PAPER_POINTS.a4.widthPt,
    pageHeightPt: PAPER_POINTS.a4.heightPt,
    title: '清河市 老旧小区改造挂图作战图',
    createdAt: new Date('2026-06-01T08:30:00Z'),
  })
  const s = text(pdf)

  it('starts with a PDF header and a binary comment, and ends with %%EOF', () => {
    expect(s.startsWith('%PDF-1.4\n%')).toBe(true)
    expect(pdf[10]).toBeGreaterThan(127)
    expect(s.trimEnd().endsWith('%%EOF')).toBe(true)
  })

  it('points startxref at the xref table and every xref entry at its object', () => {
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)?.[1])
    expect(s.slice(startxref, startxref + 5)).toBe('xref\n')
    const header = /^xref\n0 (\d+)\n/.exec(s.slice(startxref))!
    const count = Number(header[1])
    expect(count).toBe(7)
    const table = s.slice(startxref + header[0].length, startxref + header[0].length + count * 20)
    const entries = table.match(/.{20}/gs)!
    expect(entries).toHaveLength(count)
    expect(entries[0]).toBe('0000000000 65535 f \n')
    for (let n = 1; n < count; n++) {
      expect(entries[n]).toMatch(/^\d{10} 00000 n \n$/)
      const offset = Number(entries[n].slice(0, 10))
      expect(s.slice(offset, offset + `${n} 0 obj`.length), `object ${n}`).toBe(`${n} 0 obj`)
    }
  })

  it('embeds the JPEG unchanged as a DCTDecode image of its own size, with an exact /Length', () => {
    const dict = /\/Subtype \/Image([^>]*)>>\nstream\n/.exec(s)!
    expect(dict[1]).toContain('/Filter /DCTDecode')
    expect(dict[1]).toContain('/ColorSpace /DeviceRGB')
    const width = Number(/\/Width (\d+)/.exec(dict[1])![1])
    const height = Number(/\/Height (\d+)/.exec(dict[1])![1])
    const length = Number(/\/Length (\d+)/.exec(dict[1])![1])
    const start = dict.index + dict[0].length
    const stream = pdf.slice(start, start + length)
    expect(Array.from(stream)).toEqual(Array.from(jpeg))
    expect(s.slice(start + length, start + length + 10)).toBe('\nendstream')
    expect(jpegSize(stream)).toEqual({ width, height })
    expect({ width, height }).toEqual({ width: 1754, height: 1240 })
  })

  it('draws the image over the whole landscape A4 page', () => {
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(s)!
    expect(Number(box[1])).toBeCloseTo(841.89, 2)
    expect(Number(box[2])).toBeCloseTo(595.276, 2)
    const content = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)endstream/.exec(s)!
    expect(content[2].length).toBe(Number(content[1]))
    expect(content[2]).toContain(`${box[1]} 0 0 ${box[2]} 0 0 cm`)
    expect(content[2]).toContain('/Im0 Do')
  })

  it('has a trailer naming the catalog and the information with the title in UTF-16', () => {
    const trailer = /trailer\n<< ([^>]*) >>/.exec(s)![1]
    expect(trailer).toContain('/Size 7')
    const root = Number(/\/Root (\d+) 0 R/.exec(trailer)![1])
    const info = Number(/\/Info (\d+) 0 R/.exec(trailer)![1])
    expect(s).toMatch(new RegExp(`${root} 0 obj\\n<< /Type /Catalog`))
    expect(s).toMatch(new RegExp(`${info} 0 obj\\n<< /Title <FEFF6E05`))
    expect(s).toContain('/CreationDate (D:20260601083000Z)')
  })

  it('writes text strings as UTF-16BE hex with a byte-order mark', () => {
    expect(pdfTextString('A图')).toBe('<FEFF004156FE>')
  })

  it('refuses bytes that are not a JPEG', () => {
    expect(() => buildImagePdf({ jpeg: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), widthPx: 1, heightPx: 1, pageWidthPt: 10, pageHeightPt: 10 })).toThrow()
  })
})
