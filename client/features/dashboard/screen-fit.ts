/** The large screen's design size: everything is laid out for a 1920×1080 wall display. */
export const STAGE_W = 1920
export const STAGE_H = 1080

export interface StageFit {
  scaleX: number
  scaleY: number
  /** Offset of the stage's top-left corner in the viewport (px). */
  left: number
  top: number
}

/**
 * How to scale the 1920×1080 stage into a viewport. Near 16:9 (aspect within `tolerance`) each axis scales on
 * its own so the stage fills the display edge to edge, the slight stretch invisible; further off it scales
 * uniformly and is centred, so text is never visibly squashed.
 */
export function fitStage(viewportW: number, viewportH: number, opts: { width?: number; height?: number; tolerance?: number } = {}): StageFit {
  const { width = STAGE_W, height = STAGE_H, tolerance = 0.08 } = opts
  if (!(viewportW > 0 && viewportH > 0)) return { scaleX: 1, scaleY: 1, left: 0, top: 0 }
  const sx = viewportW / width
  const sy = viewportH / height
  if (Math.abs(sx / sy - 1) <= tolerance) return { scaleX: sx, scaleY: sy, left: 0, top: 0 }
  const s = Math.min(sx, sy)
  return { scaleX: s, scaleY: s, left: (viewportW - width * s) / 2, top: (viewportH - height * s) / 2 }
}
