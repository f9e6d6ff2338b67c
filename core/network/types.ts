import type { Position } from '../domain/geo.js'
import type { ChainIndex } from './chains.js'
import type { LocalProjection } from './geodesy.js'

/** A road line as the network builder takes it (from the roads table or an import). */
export interface RoadInput {
  id: number
  coordinates: Position[]
  /** False for expressways and other roads closed to pedestrians: never part of the walking network. */
  walkable: boolean
}

/**
 * How lines connect. 'shared-vertices': OSM style, lines meet only where they share a vertex (a crossing
 * without one is a bridge or a tunnel). 'intersections': survey-style data, where lines are noded where
 * they cross and vertices closer than the snap tolerance are merged.
 */
export type NodingMode = 'shared-vertices' | 'intersections'

export interface NetworkBuildOptions {
  noding: NodingMode
  /** Vertices closer than this are one node in 'intersections' mode (metres). */
  snapToleranceM: number
}

/**
 * The walking network in typed arrays. Every edge is one straight segment between two nodes, so the
 * GeoJSON of the edges is exactly the graph the searches use. Adjacency is CSR over both directions.
 */
export interface WalkNetwork {
  readonly nodeCount: number
  readonly edgeCount: number
  readonly projection: LocalProjection
  readonly nodeLon: Float64Array
  readonly nodeLat: Float64Array
  /** Local metres (x east, y north) of each node. */
  readonly nodeX: Float64Array
  readonly nodeY: Float64Array
  /** Undirected edges: end nodes, haversine length in metres, source road id. */
  readonly edgeFrom: Uint32Array
  readonly edgeTo: Uint32Array
  readonly edgeLengthM: Float64Array
  readonly edgeRoadId: Int32Array
  /** CSR adjacency: the neighbours of node n are adjTarget[adjOffsets[n] .. adjOffsets[n+1]). */
  readonly adjOffsets: Uint32Array
  readonly adjTarget: Uint32Array
  readonly adjEdge: Uint32Array
  readonly adjLengthM: Float64Array
  /** Connected component of each node; components are numbered by decreasing size (0 is the largest). */
  readonly nodeComponent: Int32Array
  readonly componentSizes: Int32Array
  /** Total length of the edges in metres. */
  readonly totalLengthM: number
  readonly options: NetworkBuildOptions
  /** Junctions and the chains of degree-2 nodes between them, for faster searches. */
  readonly chains: ChainIndex
}

/**
 * A place on the network: a point on an edge, `offsetM` metres from its `from` node, reached from the
 * original point over a straight connector of `connectorM` metres.
 */
export interface NetworkLocation {
  edge: number
  offsetM: number
  connectorM: number
  /** The snapped point on the edge. */
  lon: number
  lat: number
}
