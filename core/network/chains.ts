import { buildSymmetricCsr } from './csr.js'

/**
 * Street networks are mostly degree-2 vertices (a way's shape points between junctions). Searches run on
 * the junctions only, over "chains" (the runs of degree-2 nodes between two junctions), and then fill in
 * the chain nodes in one linear pass: the same distances as a search over every vertex, several times
 * fewer heap operations.
 */
export interface ChainIndex {
  readonly chainCount: number
  /** Junctions at both ends of each chain (equal for a loop) and its length in metres. */
  readonly chainStart: Uint32Array
  readonly chainEnd: Uint32Array
  readonly chainLengthM: Float64Array
  /** Interior nodes of chain c, from its start: chainNodes[chainNodeOffsets[c] .. chainNodeOffsets[c+1]). */
  readonly chainNodeOffsets: Uint32Array
  readonly chainNodes: Uint32Array
  /** For every node: its chain (−1 for a junction) and its distance from that chain's start (metres). */
  readonly nodeChain: Int32Array
  readonly nodePosM: Float64Array
  /** Junction adjacency over chains (CSR over all nodes; interior nodes have none; a loop is listed twice). */
  readonly jOffsets: Uint32Array
  readonly jTarget: Uint32Array
  readonly jChain: Uint32Array
  readonly jLengthM: Float64Array
}

export function buildChains(nodeCount: number, adjOffsets: Uint32Array, adjTarget: Uint32Array, adjLengthM: Float64Array): ChainIndex {
  const degree = (n: number) => adjOffsets[n + 1] - adjOffsets[n]
  const junction = new Uint8Array(nodeCount)
  for (let n = 0; n < nodeCount; n++) junction[n] = degree(n) !== 2 ? 1 : 0
  const nodeChain = new Int32Array(nodeCount).fill(-1)
  const nodePosM = new Float64Array(nodeCount)
  const starts: number[] = []
  const ends: number[] = []
  const lengths: number[] = []
  const offsets: number[] = [0]
  const interior: number[] = []
  const usedSlot = new Uint8Array(adjTarget.length)

  /** Walks from junction `from` out through adjacency slot `slot` to the next junction, recording the chain. */
  const walk = (from: number, slot: number) => {
    const c = starts.length
    usedSlot[slot] = 1
    let prev = from
    let cur = adjTarget[slot]
    let pos = adjLengthM[slot]
    while (!junction[cur]) {
      nodeChain[cur] = c
      nodePosM[cur] = pos
      interior.push(cur)
      const k0 = adjOffsets[cur]
      // Degree 2: the slot that does not lead back (there are no parallel edges: the builder removed them).
      const next = adjTarget[k0] === prev ? k0 + 1 : k0
      usedSlot[k0] = usedSlot[k0 + 1] = 1
      prev = cur
      cur = adjTarget[next]
      pos += adjLengthM[next]
    }
    // Mark the slot at the far junction that comes back along this chain, so it is not walked again.
    for (let k = adjOffsets[cur]; k < adjOffsets[cur + 1]; k++) {
      if (adjTarget[k] === prev && !usedSlot[k] && (prev !== from || k !== slot)) {
        usedSlot[k] = 1
        break
      }
    }
    starts.push(from)
    ends.push(cur)
    lengths.push(pos)
    offsets.push(interior.length)
  }

  for (let j = 0; j < nodeCount; j++) {
    if (!junction[j]) continue
    for (let k = adjOffsets[j]; k < adjOffsets[j + 1]; k++) if (!usedSlot[k]) walk(j, k)
  }
  // Rings of degree-2 nodes with no junction at all: make their lowest node a junction.
  for (let n = 0; n < nodeCount; n++) {
    if (junction[n] || nodeChain[n] >= 0) continue
    junction[n] = 1
    walk(n, adjOffsets[n])
  }

  const chainCount = starts.length
  const chainStart = Uint32Array.from(starts)
  const chainEnd = Uint32Array.from(ends)
  const chainLengthM = Float64Array.from(lengths)
  // Loops (start = end) stay in the lists: relaxing one never improves its junction, but a search that
  // reaches the junction finds the loop's nodes there.
  const { offsets: jOffsets, target: jTarget, link: jChain, lengthM: jLengthM } = buildSymmetricCsr(nodeCount, chainStart, chainEnd, chainLengthM)
  return {
    chainCount,
    chainStart,
    chainEnd,
    chainLengthM,
    chainNodeOffsets: Uint32Array.from(offsets),
    chainNodes: Uint32Array.from(interior),
    nodeChain,
    nodePosM,
    jOffsets,
    jTarget,
    jChain,
    jLengthM,
  }
}
