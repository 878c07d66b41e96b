import type { XY } from './local-plane';

/** A node of the noded graph: its plane position and its lon/lat when it is an input vertex. */
export interface GraphNode {
  xy: XY;
  /** Exact lon/lat of an input vertex; for a computed crossing, a lon/lat close to it (Newton seed). */
  lonLat: XY;
  exact: boolean;
}

/** One input segment with the points where it is cut (parameter t along it → node). */
interface Segment {
  a: number;
  b: number;
  cuts: { t: number; node: number }[];
  /** Which input it came from: a ring (index) or the cutting line (-1). */
  source: number;
}

/** Below this distance (metres) two points are one node. */
export const NODE_EPS_M = 1e-6;

/**
 * Nodes a set of rings and a polyline: every crossing, touch and collinear overlap becomes a
 * shared node, and the pieces become undirected edges. Rings are only crossed with the line
 * (the rings of a valid polygon do not cross each other), the line with itself.
 */
export class PlanarGraph {
  readonly nodes: GraphNode[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly segments: Segment[] = [];
  /** Rings (by source index) that the line crossed or touched. */
  readonly touchedSources = new Set<number>();

  node(xy: XY, lonLat: XY, exact: boolean): number {
    const key = `${Math.round(xy[0] / NODE_EPS_M)},${Math.round(xy[1] / NODE_EPS_M)}`;
    const found = this.byKey.get(key);
    if (found !== undefined) {
      const existing = this.nodes[found] as GraphNode;
      if (exact && !existing.exact) this.nodes[found] = { xy, lonLat, exact };
      return found;
    }
    this.nodes.push({ xy, lonLat, exact });
    this.byKey.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  addSegment(a: number, b: number, source: number): void {
    if (a === b) return;
    this.segments.push({ a, b, cuts: [], source });
  }

  /** Cuts every line segment (source -1) against every other segment. */
  cutLine(): void {
    const lines = this.segments.filter((s) => s.source === -1);
    for (let i = 0; i < lines.length; i++) {
      const p = lines[i] as Segment;
      for (const q of this.segments) {
        if (q === p) continue;
        if (q.source === -1 && this.segments.indexOf(q) < this.segments.indexOf(p)) continue;
        this.intersect(p, q);
      }
    }
  }

  private intersect(p: Segment, q: Segment): void {
    const P = this.nodes[p.a] as GraphNode;
    const P2 = this.nodes[p.b] as GraphNode;
    const Q = this.nodes[q.a] as GraphNode;
    const Q2 = this.nodes[q.b] as GraphNode;
    const [px, py] = P.xy;
    const rx = P2.xy[0] - px;
    const ry = P2.xy[1] - py;
    const [qx, qy] = Q.xy;
    const sx = Q2.xy[0] - qx;
    const sy = Q2.xy[1] - qy;
    const lenP = Math.hypot(rx, ry);
    const lenQ = Math.hypot(sx, sy);
    if (lenP === 0 || lenQ === 0) return;
    // Quick reject on boxes.
    if (
      Math.min(px, px + rx) > Math.max(qx, qx + sx) + NODE_EPS_M ||
      Math.max(px, px + rx) < Math.min(qx, qx + sx) - NODE_EPS_M ||
      Math.min(py, py + ry) > Math.max(qy, qy + sy) + NODE_EPS_M ||
      Math.max(py, py + ry) < Math.min(qy, qy + sy) - NODE_EPS_M
    )
      return;
    const denom = rx * sy - ry * sx;
    const wx = qx - px;
    const wy = qy - py;
    const shared = p.a === q.a || p.a === q.b || p.b === q.a || p.b === q.b;
    if (Math.abs(denom) <= 1e-12 * lenP * lenQ) {
      // Parallel: only collinear overlaps matter; each endpoint lying on the other segment cuts it.
      if (Math.abs(wx * ry - wy * rx) / lenP > NODE_EPS_M) return;
      this.endpointOn(p, q.a);
      this.endpointOn(p, q.b);
      this.endpointOn(q, p.a);
      this.endpointOn(q, p.b);
      return;
    }
    const t = (wx * sy - wy * sx) / denom;
    const u = (wx * ry - wy * rx) / denom;
    const tEps = NODE_EPS_M / lenP;
    const uEps = NODE_EPS_M / lenQ;
    if (t < -tEps || t > 1 + tEps || u < -uEps || u > 1 + uEps) return;
    let node: number;
    if (t <= tEps) node = p.a;
    else if (t >= 1 - tEps) node = p.b;
    else if (u <= uEps) node = q.a;
    else if (u >= 1 - uEps) node = q.b;
    else {
      const xy: XY = [px + t * rx, py + t * ry];
      // A ring segment's endpoints are exact input vertices: seed the inverse from them.
      const ring = q.source >= 0 ? q : p;
      const k = ring === q ? u : t;
      const A = this.nodes[ring.a] as GraphNode;
      const B = this.nodes[ring.b] as GraphNode;
      const seed: XY = [
        A.lonLat[0] + k * (B.lonLat[0] - A.lonLat[0]),
        A.lonLat[1] + k * (B.lonLat[1] - A.lonLat[1]),
      ];
      node = this.node(xy, seed, false);
    }
    if (shared && (node === p.a || node === p.b) && (node === q.a || node === q.b)) {
      if (q.source >= 0) this.touchedSources.add(q.source);
      return;
    }
    this.cut(p, Math.max(0, Math.min(1, t)), node);
    this.cut(q, Math.max(0, Math.min(1, u)), node);
  }

  /** Cuts `s` at node `n` when n lies on it (within NODE_EPS_M) strictly between its ends. */
  private endpointOn(s: Segment, n: number): void {
    if (n === s.a || n === s.b) return;
    const A = (this.nodes[s.a] as GraphNode).xy;
    const B = (this.nodes[s.b] as GraphNode).xy;
    const X = (this.nodes[n] as GraphNode).xy;
    const dx = B[0] - A[0];
    const dy = B[1] - A[1];
    const len2 = dx * dx + dy * dy;
    const t = ((X[0] - A[0]) * dx + (X[1] - A[1]) * dy) / len2;
    if (t <= 0 || t >= 1) return;
    if (Math.hypot(A[0] + t * dx - X[0], A[1] + t * dy - X[1]) > NODE_EPS_M) return;
    this.cut(s, t, n);
  }

  private cut(s: Segment, t: number, node: number): void {
    if (node === s.a || node === s.b) {
      if (s.source >= 0) this.touchedSources.add(s.source);
      return;
    }
    s.cuts.push({ t, node });
    if (s.source >= 0) this.touchedSources.add(s.source);
  }

  /** Undirected edges after cutting, deduplicated; `keep` filters by the segment's source. */
  edges(keep: (source: number) => boolean): { a: number; b: number; line: boolean }[] {
    const seen = new Map<string, { a: number; b: number; line: boolean }>();
    for (const s of this.segments) {
      if (!keep(s.source)) continue;
      const chain = [s.a, ...s.cuts.sort((x, y) => x.t - y.t).map((c) => c.node), s.b];
      for (let i = 1; i < chain.length; i++) {
        const a = chain[i - 1] as number;
        const b = chain[i] as number;
        if (a === b) continue;
        const key = a < b ? `${a}-${b}` : `${b}-${a}`;
        const existing = seen.get(key);
        if (existing) existing.line ||= s.source === -1;
        else seen.set(key, { a, b, line: s.source === -1 });
      }
    }
    return [...seen.values()];
  }
}

/** Removes edges with a free end until none is left (the line's tails outside the parcel). */
export function pruneDangling<E extends { a: number; b: number }>(edges: E[]): E[] {
  let current = edges;
  for (;;) {
    const degree = new Map<number, number>();
    for (const e of current) {
      degree.set(e.a, (degree.get(e.a) ?? 0) + 1);
      degree.set(e.b, (degree.get(e.b) ?? 0) + 1);
    }
    const next = current.filter((e) => (degree.get(e.a) ?? 0) > 1 && (degree.get(e.b) ?? 0) > 1);
    if (next.length === current.length) return next;
    current = next;
  }
}

/**
 * The minimal cycles (faces) of a planar graph: each is a node list with the face on its left,
 * so bounded faces come out counter-clockwise and the outer boundary of each component clockwise.
 */
export function traceFaces(
  nodes: readonly GraphNode[],
  edges: readonly { a: number; b: number }[],
): number[][] {
  const out = new Map<number, { to: number; angle: number }[]>();
  const add = (from: number, to: number) => {
    const a = (nodes[from] as GraphNode).xy;
    const b = (nodes[to] as GraphNode).xy;
    const list = out.get(from) ?? [];
    list.push({ to, angle: Math.atan2(b[1] - a[1], b[0] - a[0]) });
    out.set(from, list);
  };
  for (const e of edges) {
    add(e.a, e.b);
    add(e.b, e.a);
  }
  for (const list of out.values()) list.sort((x, y) => x.angle - y.angle);
  const used = new Set<string>();
  const faces: number[][] = [];
  for (const [from, list] of out) {
    for (const { to } of list) {
      if (used.has(`${from}>${to}`)) continue;
      const face: number[] = [];
      let u = from;
      let v = to;
      while (!used.has(`${u}>${v}`)) {
        used.add(`${u}>${v}`);
        face.push(u);
        const around = out.get(v) ?? [];
        const back = around.findIndex((h) => h.to === u);
        const next = around[(back - 1 + around.length) % around.length];
        if (!next) break;
        u = v;
        v = next.to;
      }
      faces.push(face);
    }
  }
  return faces;
}
