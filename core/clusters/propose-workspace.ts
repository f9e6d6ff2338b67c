/**
 * The search state of one restart of `proposeClusters`: the group of each community and, per group, running
 * sums (residents, members, area, area-weighted x and y, second moment) so the objective term of a group with
 * a community added or taken out costs O(1). Also the scratch arrays the phases share (growth keys and free
 * degrees, the growth heap, visit stamps, a BFS queue) and the connectivity test for boundary moves.
 * The phases themselves are in `propose-grow.ts`, `propose-repair.ts` and `propose-moves.ts`.
 */
import { Heap } from './propose-grow.js'
import { groupTerm } from './propose-moves.js'
import { TWO_PI, type Prepared } from './propose-prepare.js'

export class Workspace {
  readonly regionOf: Int32Array
  readonly p: Prepared
  readonly sum: Float64Array
  readonly cnt: Int32Array
  readonly sA: Float64Array
  readonly sX: Float64Array
  readonly sY: Float64Array
  readonly sQ: Float64Array
  /** Per-community second moment of its disc about the origin: a(x² + y²) + a²/2π. */
  readonly q: Float64Array
  readonly freeDeg: Int32Array
  readonly key: Float64Array
  readonly stamp: Uint32Array
  private gen = 0
  readonly queue: Int32Array
  /** Group ids in use: 0 … regions − 1. */
  regions = 0
  readonly heap: Heap
  readonly spacing: number
  readonly min: number
  readonly max: number
  readonly target: number

  constructor(p: Prepared) {
    this.p = p
    const n = p.n
    this.regionOf = new Int32Array(n)
    this.sum = new Float64Array(n)
    this.cnt = new Int32Array(n)
    this.sA = new Float64Array(n)
    this.sX = new Float64Array(n)
    this.sY = new Float64Array(n)
    this.sQ = new Float64Array(n)
    this.q = new Float64Array(n)
    for (let v = 0; v < n; v++) this.q[v] = p.area[v] * (p.x[v] * p.x[v] + p.y[v] * p.y[v]) + (p.area[v] * p.area[v]) / TWO_PI
    this.freeDeg = new Int32Array(n)
    this.key = new Float64Array(n)
    this.stamp = new Uint32Array(n)
    this.queue = new Int32Array(n)
    this.heap = new Heap(n + p.wAdj.length + 1)
    let a = 0
    let k = 0
    for (let v = 0; v < n; v++) if (p.active[v]) ((a += p.area[v]), k++)
    this.spacing = k ? Math.sqrt(a / k) : 100
    this.min = p.opts.minResidents
    this.max = p.opts.maxResidents
    this.target = p.opts.targetResidents
  }

  reset(): void {
    this.regionOf.fill(-1)
    this.sum.fill(0)
    this.cnt.fill(0)
    this.sA.fill(0)
    this.sX.fill(0)
    this.sY.fill(0)
    this.sQ.fill(0)
    this.regions = 0
  }

  nextGen(): number {
    if (++this.gen >= 0xfffffff0) {
      this.stamp.fill(0)
      this.gen = 1
    }
    return this.gen
  }

  add(v: number, r: number): void {
    const p = this.p
    const a = p.area[v]
    this.regionOf[v] = r
    this.sum[r] += p.res[v]
    this.cnt[r]++
    this.sA[r] += a
    this.sX[r] += a * p.x[v]
    this.sY[r] += a * p.y[v]
    this.sQ[r] += this.q[v]
  }

  remove(v: number): void {
    const p = this.p
    const r = this.regionOf[v]
    const a = p.area[v]
    this.regionOf[v] = -1
    this.sum[r] -= p.res[v]
    this.cnt[r]--
    if (this.cnt[r] === 0) {
      this.sum[r] = this.sA[r] = this.sX[r] = this.sY[r] = this.sQ[r] = 0
      return
    }
    this.sA[r] -= a
    this.sX[r] -= a * p.x[v]
    this.sY[r] -= a * p.y[v]
    this.sQ[r] -= this.q[v]
  }

  /** The objective term of a group from its sums (0 for an empty group). */
  termOf(count: number, sum: number, A: number, X: number, Y: number, Q: number): number {
    if (count <= 0) return 0
    return groupTerm(this.p.opts, this.p.lambda, sum, count > 1 ? (TWO_PI * (Q - (X * X + Y * Y) / A)) / (A * A) : 1)
  }

  term(r: number): number {
    return this.termOf(this.cnt[r], this.sum[r], this.sA[r], this.sX[r], this.sY[r], this.sQ[r])
  }

  /** Term of group r with community v added (sign +1) or taken out (sign −1). */
  termWith(r: number, v: number, sign: 1 | -1): number {
    const p = this.p
    const a = p.area[v]
    return this.termOf(this.cnt[r] + sign, this.sum[r] + sign * p.res[v], this.sA[r] + sign * a, this.sX[r] + sign * a * p.x[v], this.sY[r] + sign * a * p.y[v], this.sQ[r] + sign * this.q[v])
  }

  /** True when group r stays connected without community v (v in r). */
  connectedWithout(r: number, v: number): boolean {
    const need = this.cnt[r] - 1
    if (need <= 0) return true
    const { wOff, wAdj } = this.p
    let start = -1
    for (let e = wOff[v]; e < wOff[v + 1]; e++) {
      if (this.regionOf[wAdj[e]] === r) {
        start = wAdj[e]
        break
      }
    }
    if (start < 0) return false
    const g = this.nextGen()
    this.stamp[v] = g
    this.stamp[start] = g
    let head = 0
    let tail = 0
    this.queue[tail++] = start
    while (head < tail) {
      const u = this.queue[head++]
      for (let e = wOff[u]; e < wOff[u + 1]; e++) {
        const w = wAdj[e]
        if (this.stamp[w] === g || this.regionOf[w] !== r) continue
        this.stamp[w] = g
        this.queue[tail++] = w
        if (tail === need) return true
      }
    }
    return tail === need
  }
}
