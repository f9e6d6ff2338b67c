import type { Map as MapLibreMap } from 'maplibre-gl'

/** A copy of the map's picture with what is needed to put a scale and a north arrow on it. */
export interface MapShot {
  image: HTMLCanvasElement
  /** Canvas pixels per CSS pixel (the device pixel ratio the map draws at). */
  pixelRatio: number
  zoom: number
  centerLat: number
  /** Degrees clockwise from north of the map's up direction. */
  bearing: number
  /** The part of the picture the user looks at (between the floating panels), in picture pixels. */
  focus: Rect
}

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** Insets of the map in CSS pixels (the room the floating panels take on each side). */
export interface Insets {
  top: number
  right: number
  bottom: number
  left: number
}

/**
 * Copies the map's WebGL canvas right after a frame is drawn: the map is created without
 * `preserveDrawingBuffer`, so its buffer is only readable inside the `render` event of the frame.
 */
export function captureMap(map: MapLibreMap, insets: Insets = { top: 0, right: 0, bottom: 0, left: 0 }, timeoutMs = 5000): Promise<MapShot> {
  return new Promise((resolve, reject) => {
    const onRender = () => {
      clearTimeout(timer)
      try {
        const src = map.getCanvas()
        const copy = document.createElement('canvas')
        copy.width = src.width
        copy.height = src.height
        const ctx = copy.getContext('2d')
        if (!ctx) throw new Error('no 2D canvas')
        ctx.drawImage(src, 0, 0)
        const ratio = src.clientWidth > 0 ? src.width / src.clientWidth : 1
        const focus = {
          x: insets.left * ratio,
          y: insets.top * ratio,
          w: src.width - (insets.left + insets.right) * ratio,
          h: src.height - (insets.top + insets.bottom) * ratio,
        }
        resolve({
          image: copy,
          focus: focus.w > 0 && focus.h > 0 ? focus : { x: 0, y: 0, w: src.width, h: src.height },
          pixelRatio: ratio,
          zoom: map.getZoom(),
          centerLat: map.getCenter().lat,
          bearing: map.getBearing(),
        })
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)))
      }
    }
    const timer = setTimeout(() => {
      map.off('render', onRender)
      reject(new Error('the map did not draw'))
    }, timeoutMs)
    map.once('render', onRender)
    map.triggerRepaint()
  })
}

/**
 * The part of a picture to print in a frame of the given aspect (width / height): the focus widened or
 * heightened to that aspect around its centre, kept inside the picture (shifted, then shrunk if need be).
 */
export function cropToAspect(focus: Rect, imageW: number, imageH: number, aspect: number): Rect {
  let w = focus.w
  let h = focus.h
  if (w / h < aspect) w = h * aspect
  else h = w / aspect
  // Larger than the picture: shrink, keeping the aspect.
  const shrink = Math.min(1, imageW / w, imageH / h)
  w *= shrink
  h *= shrink
  const cx = focus.x + focus.w / 2
  const cy = focus.y + focus.h / 2
  const x = Math.min(Math.max(0, cx - w / 2), imageW - w)
  const y = Math.min(Math.max(0, cy - h / 2), imageH - h)
  return { x, y, w, h }
}
