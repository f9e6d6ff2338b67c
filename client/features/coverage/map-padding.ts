/** Which edge of the map a floating panel covers. */
export type ObstacleSide = 'left' | 'right' | 'bottom' | 'top'

export interface Box {
  left: number
  top: number
  right: number
  bottom: number
}

export interface Padding {
  top: number
  bottom: number
  left: number
  right: number
}

/**
 * Camera padding that keeps framed things out from under the floating panels: each panel pushes its edge
 * in by the part of the map it covers plus `marginPx`. If the panels leave less than `minFreePx` of map,
 * the padding shrinks back so the camera still has room.
 */
export function paddingFromObstacles(
  map: Box,
  obstacles: readonly { side: ObstacleSide; box: Box }[],
  marginPx = 16,
  minFreePx = 160,
): Padding {
  const pad: Padding = { top: marginPx, bottom: marginPx, left: marginPx, right: marginPx }
  for (const { side, box } of obstacles) {
    if (box.right <= box.left || box.bottom <= box.top) continue // hidden
    if (side === 'left') pad.left = Math.max(pad.left, box.right - map.left + marginPx)
    if (side === 'right') pad.right = Math.max(pad.right, map.right - box.left + marginPx)
    if (side === 'bottom') pad.bottom = Math.max(pad.bottom, map.bottom - box.top + marginPx)
    if (side === 'top') pad.top = Math.max(pad.top, box.bottom - map.top + marginPx)
  }
  const fit = (a: keyof Padding, b: keyof Padding, size: number) => {
    const over = pad[a] + pad[b] + minFreePx - size
    if (over <= 0) return
    const total = pad[a] + pad[b]
    pad[a] = Math.max(0, Math.round(pad[a] - (over * pad[a]) / total))
    pad[b] = Math.max(0, Math.round(pad[b] - (over * pad[b]) / total))
  }
  fit('left', 'right', map.right - map.left)
  fit('top', 'bottom', map.bottom - map.top)
  return pad
}

/** The padding for a map container, from the elements marked `data-map-obstacle="left|right|bottom|top"`. */
export function readMapPadding(container: HTMLElement): Padding {
  const map = container.getBoundingClientRect()
  const obstacles = [...document.querySelectorAll<HTMLElement>('[data-map-obstacle]')].map((el) => ({
    side: el.dataset.mapObstacle as ObstacleSide,
    box: el.getBoundingClientRect(),
  }))
  return paddingFromObstacles(map, obstacles)
}
