/** Adjacency in CSR form: the slots of node n are offsets[n] .. offsets[n+1]. */
export interface SymmetricCsr {
  offsets: Uint32Array
  target: Uint32Array
  /** Which link (edge, chain) each slot came from. */
  link: Uint32Array
  lengthM: Float64Array
}

/** Lists every link (a–b, metres) at both of its ends, in link order; a loop (a = b) appears twice at a. */
export function buildSymmetricCsr(nodeCount: number, from: ArrayLike<number>, to: ArrayLike<number>, lengthM: ArrayLike<number>): SymmetricCsr {
  const links = from.length
  const offsets = new Uint32Array(nodeCount + 1)
  for (let e = 0; e < links; e++) {
    offsets[from[e] + 1]++
    offsets[to[e] + 1]++
  }
  for (let i = 0; i < nodeCount; i++) offsets[i + 1] += offsets[i]
  const fill = offsets.slice(0, nodeCount)
  const target = new Uint32Array(links * 2)
  const link = new Uint32Array(links * 2)
  const length = new Float64Array(links * 2)
  for (let e = 0; e < links; e++) {
    const a = from[e]
    const b = to[e]
    let k = fill[a]++
    target[k] = b
    link[k] = e
    length[k] = lengthM[e]
    k = fill[b]++
    target[k] = a
    link[k] = e
    length[k] = lengthM[e]
  }
  return { offsets, target, link, lengthM: length }
}
