import { cropToAspect, type MapShot } from './capture.js'
import type { PaperSize } from './pdf.js'
import { metresPerPixel, pickScaleBar } from './scale-bar.js'

/** Print resolution: 150 dpi is sharp on paper and keeps an A3 page under ~5 megapixels. */
const DPI = 150
const PAGE_MM: Record<PaperSize, [number, number]> = { a4: [297, 210], a3: [420, 297] }

/** The page's size in pixels at the print resolution (landscape). */
export function pagePixels(paper: PaperSize): { width: number; height: number } {
  const [w, h] = PAGE_MM[paper]
  return { width: Math.round((w / 25.4) * DPI), height: Math.round((h / 25.4) * DPI) }
}

export interface LegendEntry {
  label: string
  color: string
  /** A filled box, a thick outline (late), or a faint box (outside the plan). */
  kind: 'fill' | 'outline' | 'faint'
}

export interface PrintSpec {
  paper: PaperSize
  title: string
  /** Scope, date and plan year, under the title. */
  subtitle: string
  /** 审图号 text, printed bottom left when given. */
  shenhao: string
  /** Data source note (演示数据（虚构） for the demo). */
  source: string
  madeBy: string
  legendTitle: string
  legend: LegendEntry[]
  northLabel: string
  /** CSS font-family list of the page (CJK fonts included). */
  fontFamily: string
}

const INK = '#1d2a39'
const MUTED = '#5b6878'

/**
 * Lays out the print on a canvas: title and subtitle, the map picture (the part between the panels, widened
 * to fill its frame), legend, scale bar (from the map's zoom and latitude, through the crop's scaling),
 * north arrow (turned by the map's bearing), 审图号, source note and maker.
 */
export function composePrint(shot: MapShot, spec: PrintSpec): HTMLCanvasElement {
  const { width: W, height: H } = pagePixels(spec.paper)
  const u = W / 1754 // layout unit: 1 px of an A4 page
  const canvas = document.createElement('canvas')
  canvas.width = W
  canvas.height = H
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2D canvas')
  const font = (weight: number, px: number) => `${weight} ${Math.round(px * u)}px ${spec.fontFamily}`

  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, W, H)

  // Title and subtitle.
  const margin = 56 * u
  ctx.textAlign = 'center'
  ctx.textBaseline = 'alphabetic'
  ctx.fillStyle = INK
  ctx.font = font(700, 46)
  ctx.fillText(spec.title, W / 2, margin + 44 * u, W - 2 * margin)
  ctx.font = font(400, 22)
  ctx.fillStyle = MUTED
  ctx.fillText(spec.subtitle, W / 2, margin + 86 * u, W - 2 * margin)

  // The map frame and the picture, cropped to cover it.
  const frame = { x: margin, y: margin + 112 * u, w: W - 2 * margin, h: H - margin - 112 * u - 70 * u }
  // The part of the map the user framed between the panels, widened to the frame's shape.
  const crop = cropToAspect(shot.focus, shot.image.width, shot.image.height, frame.w / frame.h)
  const scale = frame.w / crop.w
  ctx.save()
  ctx.beginPath()
  ctx.rect(frame.x, frame.y, frame.w, frame.h)
  ctx.clip()
  ctx.fillStyle = '#e8e6df'
  ctx.fillRect(frame.x, frame.y, frame.w, frame.h)
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(shot.image, crop.x, crop.y, crop.w, crop.h, frame.x, frame.y, frame.w, frame.h)
  ctx.restore()
  ctx.strokeStyle = INK
  ctx.lineWidth = 2 * u
  ctx.strokeRect(frame.x, frame.y, frame.w, frame.h)

  drawLegend(ctx, spec, frame, u, font)
  // Ground metres per page pixel: per CSS pixel of the map, over the device ratio, over the crop's scale.
  const metresPerPagePx = metresPerPixel(shot.zoom, shot.centerLat) / shot.pixelRatio / scale
  drawScaleBar(ctx, metresPerPagePx, frame, u, font)
  drawNorthArrow(ctx, shot.bearing, spec.northLabel, frame, u, font)

  // Footer: 审图号 left, source and maker right.
  const footY = frame.y + frame.h + 40 * u
  ctx.textBaseline = 'alphabetic'
  ctx.font = font(400, 20)
  ctx.fillStyle = INK
  ctx.textAlign = 'left'
  if (spec.shenhao.trim()) ctx.fillText(spec.shenhao.trim(), frame.x, footY, frame.w / 2)
  ctx.textAlign = 'right'
  ctx.fillStyle = MUTED
  ctx.fillText(`${spec.source}    ${spec.madeBy}`, frame.x + frame.w, footY, frame.w / 2)
  return canvas
}

type Frame = { x: number; y: number; w: number; h: number }
type FontFn = (weight: number, px: number) => string

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath()
  ctx.moveTo(x + r, y)
  ctx.arcTo(x + w, y, x + w, y + h, r)
  ctx.arcTo(x + w, y + h, x, y + h, r)
  ctx.arcTo(x, y + h, x, y, r)
  ctx.arcTo(x, y, x + w, y, r)
  ctx.closePath()
}

function drawLegend(ctx: CanvasRenderingContext2D, spec: PrintSpec, frame: Frame, u: number, font: FontFn): void {
  const pad = 16 * u
  const row = 32 * u
  const box = { w: 30 * u, h: 20 * u }
  ctx.font = font(400, 20)
  const textW = Math.max(...spec.legend.map((e) => ctx.measureText(e.label).width), 0)
  ctx.font = font(700, 21)
  const titleW = ctx.measureText(spec.legendTitle).width
  const w = Math.max(titleW, box.w + 12 * u + textW) + 2 * pad
  const h = pad * 2 + 30 * u + spec.legend.length * row
  const x = frame.x + 20 * u
  const y = frame.y + frame.h - 20 * u - h
  ctx.save()
  ctx.fillStyle = 'rgba(255,255,255,0.93)'
  ctx.strokeStyle = '#9aa5b1'
  ctx.lineWidth = 1.5 * u
  roundRect(ctx, x, y, w, h, 8 * u)
  ctx.fill()
  ctx.stroke()
  ctx.fillStyle = INK
  ctx.textAlign = 'left'
  ctx.textBaseline = 'middle'
  ctx.fillText(spec.legendTitle, x + pad, y + pad + 12 * u)
  ctx.font = font(400, 20)
  spec.legend.forEach((e, i) => {
    const cy = y + pad + 30 * u + i * row + row / 2
    const bx = x + pad
    const by = cy - box.h / 2
    if (e.kind === 'outline') {
      ctx.fillStyle = '#ffffff'
      ctx.fillRect(bx, by, box.w, box.h)
      ctx.strokeStyle = e.color
      ctx.lineWidth = 4 * u
      ctx.strokeRect(bx + 2 * u, by + 2 * u, box.w - 4 * u, box.h - 4 * u)
    } else {
      ctx.globalAlpha = e.kind === 'faint' ? 0.5 : 0.9
      ctx.fillStyle = e.color
      ctx.fillRect(bx, by, box.w, box.h)
      ctx.globalAlpha = 1
      ctx.strokeStyle = 'rgba(0,0,0,0.25)'
      ctx.lineWidth = 1 * u
      ctx.strokeRect(bx, by, box.w, box.h)
    }
    ctx.fillStyle = INK
    ctx.fillText(e.label, bx + box.w + 12 * u, cy)
  })
  ctx.restore()
}

function drawScaleBar(ctx: CanvasRenderingContext2D, metresPerPagePx: number, frame: Frame, u: number, font: FontFn): void {
  const bar = pickScaleBar(metresPerPagePx, 260 * u)
  if (!bar) return
  const pad = 14 * u
  const barH = 10 * u
  const w = bar.lengthPx + 2 * pad
  const h = 64 * u
  const x = frame.x + frame.w - 20 * u - w
  const y = frame.y + frame.h - 20 * u - h
  ctx.save()
  ctx.fillStyle = 'rgba(255,255,255,0.93)'
  ctx.strokeStyle = '#9aa5b1'
  ctx.lineWidth = 1.5 * u
  roundRect(ctx, x, y, w, h, 8 * u)
  ctx.fill()
  ctx.stroke()
  // Four alternating segments, the length written above the right end.
  const bx = x + pad
  const by = y + h - pad - barH
  for (let i = 0; i < 4; i++) {
    ctx.fillStyle = i % 2 === 0 ? INK : '#ffffff'
    ctx.fillRect(bx + (i * bar.lengthPx) / 4, by, bar.lengthPx / 4, barH)
  }
  ctx.strokeStyle = INK
  ctx.lineWidth = 1.5 * u
  ctx.strokeRect(bx, by, bar.lengthPx, barH)
  ctx.fillStyle = INK
  ctx.font = font(400, 18)
  ctx.textBaseline = 'bottom'
  ctx.textAlign = 'left'
  ctx.fillText('0', bx - 4 * u, by - 4 * u)
  ctx.textAlign = 'right'
  ctx.fillText(bar.label, bx + bar.lengthPx + 4 * u, by - 4 * u)
  ctx.restore()
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, bearingDeg: number, label: string, frame: Frame, u: number, font: FontFn): void {
  const r = 34 * u
  const cx = frame.x + frame.w - 30 * u - r
  const cy = frame.y + 30 * u + r + 8 * u
  ctx.save()
  ctx.fillStyle = 'rgba(255,255,255,0.93)'
  ctx.strokeStyle = '#9aa5b1'
  ctx.lineWidth = 1.5 * u
  ctx.beginPath()
  ctx.arc(cx, cy, r + 10 * u, 0, Math.PI * 2)
  ctx.fill()
  ctx.stroke()
  ctx.translate(cx, cy)
  // North on the page is the map's bearing turned back: a map rotated clockwise shows north to the left.
  ctx.rotate((-bearingDeg * Math.PI) / 180)
  ctx.beginPath()
  ctx.moveTo(0, -r + 22 * u)
  ctx.lineTo(13 * u, r - 6 * u)
  ctx.lineTo(0, r - 16 * u)
  ctx.closePath()
  ctx.fillStyle = '#ffffff'
  ctx.strokeStyle = INK
  ctx.lineWidth = 2 * u
  ctx.fill()
  ctx.stroke()
  ctx.beginPath()
  ctx.moveTo(0, -r + 22 * u)
  ctx.lineTo(-13 * u, r - 6 * u)
  ctx.lineTo(0, r - 16 * u)
  ctx.closePath()
  ctx.fillStyle = INK
  ctx.fill()
  ctx.stroke()
  ctx.fillStyle = INK
  ctx.font = font(700, 20)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillText(label, 0, -r + 4 * u)
  ctx.restore()
}
