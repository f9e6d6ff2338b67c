import { distanceToLocation, indexSourcesByEdge, searchFromSeeds, seedsFromLocations, type SearchWorkspace } from '../network/shortest-paths.js'
import type { NetworkLocation } from '../network/types.js'

/** Which demand points each candidate site would serve: CSR arrays for the siting solver. */
export interface CoverSets {
  coverOffsets: Uint32Array
  coverIndex: Uint32Array
}

/** Packs per-candidate lists of demand indices into CSR arrays. */
export function packCoverSets(lists: readonly (readonly number[])[]): CoverSets {
  const coverOffsets = new Uint32Array(lists.length + 1)
  lists.forEach((l, j) => (coverOffsets[j + 1] = coverOffsets[j] + l.length))
  const coverIndex = new Uint32Array(coverOffsets[lists.length])
  lists.forEach((l, j) => coverIndex.set(l, coverOffsets[j]))
  return { coverOffsets, coverIndex }
}

/**
 * For each candidate, the demand points (given by index) within `limitM` metres of walking. One bounded
 * search per demand point from its entrances, not one per candidate: there are far fewer unserved
 * communities than candidate sites, and each search only touches the streets within the limit.
 */
export function computeNetworkCoverSets(
  ws: SearchWorkspace,
  demandEntrances: readonly (readonly NetworkLocation[])[],
  demandIndices: readonly number[],
  candidates: readonly (NetworkLocation | null)[],
  limitM: number,
): CoverSets {
  const { net } = ws
  // Candidates by edge in CSR arrays: the inner loop asks "any candidate on this edge?" millions of times.
  const edgeOffsets = new Uint32Array(net.edgeCount + 1)
  candidates.forEach((loc) => loc && edgeOffsets[loc.edge + 1]++)
  for (let e = 0; e < net.edgeCount; e++) edgeOffsets[e + 1] += edgeOffsets[e]
  const edgeItems = new Uint32Array(edgeOffsets[net.edgeCount])
  const fill = edgeOffsets.slice(0, net.edgeCount)
  candidates.forEach((loc, j) => loc && (edgeItems[fill[loc.edge]++] = j))

  const lists: number[][] = candidates.map(() => [])
  const stamp = new Int32Array(candidates.length).fill(-1)
  const { adjOffsets, adjEdge } = net
  for (const i of demandIndices) {
    const entrances = demandEntrances[i]
    if (entrances.length === 0) continue
    const labels = entrances.map(() => 0)
    searchFromSeeds(ws, seedsFromLocations(net, entrances, labels), { maxDistM: limitM })
    const sameEdge = indexSourcesByEdge(entrances, labels)
    const consider = (e: number) => {
      for (let k = edgeOffsets[e], end = edgeOffsets[e + 1]; k < end; k++) {
        const j = edgeItems[k]
        if (stamp[j] === i) continue
        stamp[j] = i
        if (distanceToLocation(ws, candidates[j]!, sameEdge).distM <= limitM) lists[j].push(i)
      }
    }
    for (const e of sameEdge.keys()) consider(e)
    const reached = ws.reachedNodes()
    for (let r = 0; r < reached.length; r++) {
      const n = reached[r]
      for (let k = adjOffsets[n], end = adjOffsets[n + 1]; k < end; k++) {
        const e = adjEdge[k]
        if (edgeOffsets[e] !== edgeOffsets[e + 1]) consider(e)
      }
    }
  }
  return packCoverSets(lists)
}
