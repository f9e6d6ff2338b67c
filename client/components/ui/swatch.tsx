export function Swatch({ color, shape = 'square', hollow = false }: { color: string; shape?: 'square' | 'circle'; hollow?: boolean }) {
  return (
    <span
      className={`swatch swatch--${shape}`}
      style={hollow ? { borderColor: color, background: 'transparent' } : { background: color, borderColor: color }}
      aria-hidden="true"
    />
  )
}
