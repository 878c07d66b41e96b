import type { AreaGeometry, Position, Ring } from '../geometry.types';
import { bboxOf, polygonsOf } from '../geometry.types';
import { distanceToSegment, LocalPlane, pointInRings, signedArea2, type XY } from './local-plane';
import { type GraphNode, PlanarGraph, pruneDangling, traceFaces } from './planar-graph';

export type SplitError =
  /** The line has fewer than two distinct points. */
  | 'line-too-short'
  /** The line does not reach the parcel at all. */
  | 'line-misses'
  /** The line touches or enters the parcel but does not cut it in two (e.g. only a vertex). */
  | 'line-not-through';

export type SplitResult = { ok: true; parts: AreaGeometry[] } | { ok: false; error: SplitError };

interface PlaneRing {
  xy: XY[];
  lonLat: XY[];
}

function openRing(ring: Ring): XY[] {
  const pts = ring.map((p) => [p[0] as number, p[1] as number] as XY);
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (pts.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) pts.pop();
  return pts;
}

function closed(ring: XY[]): Position[] {
  const first = ring[0];
  return first ? [...ring, [first[0], first[1]]] : [];
}

/** A point just left of the face's longest edge: inside the (counter-clockwise) face. */
function interiorPoint(ring: readonly XY[]): XY {
  let best = 0;
  let bestLength = -1;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as XY;
    const b = ring[(i + 1) % ring.length] as XY;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (length > bestLength) {
      bestLength = length;
      best = i;
    }
  }
  const a = ring[best] as XY;
  const b = ring[(best + 1) % ring.length] as XY;
  const offset = Math.min(1e-3, bestLength * 1e-3) / bestLength;
  return [(a[0] + b[0]) / 2 - (b[1] - a[1]) * offset, (a[1] + b[1]) / 2 + (b[0] - a[0]) * offset];
}

/** Which side of the line (its nearest segment) a point lies on: 1 left, -1 right. */
function sideOf(point: XY, line: readonly XY[]): number {
  let best = Infinity;
  let side = 1;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as XY;
    const b = line[i] as XY;
    const d = distanceToSegment(point, a, b);
    if (d < best) {
      best = d;
      side = (b[0] - a[0]) * (point[1] - a[1]) - (b[1] - a[1]) * (point[0] - a[0]) >= 0 ? 1 : -1;
    }
  }
  return side;
}

function centroidOf(ring: readonly XY[]): XY {
  let x = 0;
  let y = 0;
  for (const p of ring) {
    x += p[0];
    y += p[1];
  }
  return [x / ring.length, y / ring.length];
}

/**
 * Splits a parcel (Polygon or MultiPolygon, lon/lat) along a polyline. The work is done in the
 * local equal-area plane (local-plane.ts): the parcel's rings and the line are noded into one
 * planar graph, the line's loose ends are pruned, and every face inside the parcel becomes a
 * part. Vertices of the parcel are kept exactly; new vertices lie on its edges, so the parts'
 * ellipsoidal areas sum to the whole. Holes the line does not touch stay with the part around
 * them; a hole the line crosses opens into the parts' boundaries. Parts of a MultiPolygon the line
 * does not touch join the cut piece on the same side of the line (nearest one).
 */
export function splitByLine(geometry: AreaGeometry, line: readonly Position[]): SplitResult {
  const lineLonLat = line.map((p) => [p[0] as number, p[1] as number] as XY);
  const distinct = lineLonLat.filter(
    (p, i) => i === 0 || p[0] !== lineLonLat[i - 1]?.[0] || p[1] !== lineLonLat[i - 1]?.[1],
  );
  if (distinct.length < 2) return { ok: false, error: 'line-too-short' };
  const plane = new LocalPlane(bboxOf(geometry));
  const polygons: PlaneRing[][] = polygonsOf(geometry).map((polygon) =>
    polygon.map((ring) => {
      const lonLat = openRing(ring);
      return { lonLat, xy: lonLat.map((p) => plane.forward(p[0], p[1])) };
    }),
  );

  const graph = new PlanarGraph();
  // Ring sources are numbered polygon * 1e6 + ring: one id per ring for the "touched" bookkeeping.
  const ringNodes = new Map<number, number[]>();
  polygons.forEach((polygon, pi) => {
    polygon.forEach((ring, ri) => {
      const source = pi * 1e6 + ri;
      const ids = ring.xy.map((xy, k) => graph.node(xy, ring.lonLat[k] as XY, true));
      ringNodes.set(source, ids);
      for (let k = 0; k < ids.length; k++)
        graph.addSegment(ids[k] as number, ids[(k + 1) % ids.length] as number, source);
    });
  });
  const lineXY = distinct.map((p) => plane.forward(p[0], p[1]));
  const lineIds = distinct.map((p, k) => graph.node(lineXY[k] as XY, p, true));
  for (let k = 1; k < lineIds.length; k++)
    graph.addSegment(lineIds[k - 1] as number, lineIds[k] as number, -1);
  graph.cutLine();
  const onLine = new Set(lineIds);
  for (const [source, ids] of ringNodes)
    if (ids.some((id) => onLine.has(id))) graph.touchedSources.add(source);
  if (graph.touchedSources.size === 0) return { ok: false, error: 'line-misses' };

  // Only polygons the line touches are cut; the others are kept whole.
  const touchedPolygons = new Set([...graph.touchedSources].map((s) => Math.floor(s / 1e6)));
  let edges = pruneDangling(
    graph.edges((source) => source === -1 || touchedPolygons.has(Math.floor(source / 1e6))),
  );
  // A line edge with the same face on both sides (a tail into a hole, a bridge between rings)
  // divides nothing: drop it, and the loose ends it leaves, until none is left.
  for (;;) {
    const bridges = new Set<string>();
    for (const face of traceFaces(graph.nodes, edges)) {
      const seen = new Set<string>();
      for (let k = 0; k < face.length; k++) {
        const u = face[k] as number;
        const v = face[(k + 1) % face.length] as number;
        if (seen.has(`${v}>${u}`)) bridges.add(u < v ? `${u}-${v}` : `${v}-${u}`);
        seen.add(`${u}>${v}`);
      }
    }
    const next = edges.filter((e) => !(e.line && bridges.has(e.a < e.b ? `${e.a}-${e.b}` : `${e.b}-${e.a}`)));
    if (next.length === edges.length) break;
    edges = pruneDangling(next);
  }
  const parcelRings = polygons.flatMap((polygon) => polygon.map((r) => r.xy));
  const cycles = traceFaces(graph.nodes, edges)
    .map((ids) => ids.map((id) => graph.nodes[id] as GraphNode))
    .filter((nodes) => nodes.length >= 3)
    .map((nodes) => {
      const xy = nodes.map((n) => n.xy);
      const area2 = signedArea2(xy);
      return { nodes, xy, area2, kept: area2 > 0 && pointInRings(interiorPoint(xy), parcelRings) };
    });
  const bounded = cycles.filter((c) => c.area2 > 0);
  const faces = bounded.filter((c) => c.kept).map((c) => c.nodes);
  const touchedCount = touchedPolygons.size;
  if (faces.length <= touchedCount) return { ok: false, error: 'line-not-through' };

  const toLonLat = (node: GraphNode): XY =>
    node.exact ? node.lonLat : plane.inverse(node.xy[0], node.xy[1], node.lonLat);
  const pieces: { outer: XY[]; holes: Position[][]; polygons: Position[][][]; side: number; centre: XY }[] =
    faces.map((nodes) => {
      const xy = nodes.map((n) => n.xy);
      return {
        outer: xy,
        holes: [],
        polygons: [],
        side: sideOf(interiorPoint(xy), lineXY),
        centre: centroidOf(xy),
      };
    });
  const lonLatFaces = faces.map((nodes) => nodes.map(toLonLat));

  polygons.forEach((polygon, pi) => {
    if (!touchedPolygons.has(pi)) {
      // A part of a MultiPolygon the line does not reach: kept whole, with the piece on its side.
      const outer = polygon[0] as PlaneRing;
      const centre = centroidOf(outer.xy);
      const side = sideOf(interiorPoint(outer.xy), lineXY);
      const candidates = pieces.filter((p) => p.side === side);
      const pool = candidates.length > 0 ? candidates : pieces;
      let target = pool[0];
      let best = Infinity;
      for (const piece of pool) {
        const d = Math.hypot(piece.centre[0] - centre[0], piece.centre[1] - centre[1]);
        if (d < best) {
          best = d;
          target = piece;
        }
      }
      target?.polygons.push(polygon.map((r) => closed(r.lonLat)));
      return;
    }
  });
  // Components nested in a face (holes the line does not reach): the clockwise outline of each is
  // a hole of the smallest face around it, when that face is part of the parcel.
  for (const cycle of cycles) {
    if (cycle.area2 >= 0) continue;
    const probe = cycle.xy[0] as XY;
    let around: (typeof bounded)[number] | undefined;
    for (const face of bounded) {
      if (face.nodes.includes(cycle.nodes[0] as GraphNode)) continue;
      if (!pointInRings(probe, [face.xy])) continue;
      if (!around || face.area2 < around.area2) around = face;
    }
    if (!around?.kept) continue;
    const piece = pieces[faces.indexOf(around.nodes)];
    piece?.holes.push(closed(cycle.nodes.map(toLonLat)));
  }

  const parts: AreaGeometry[] = pieces.map((piece, i) => {
    const main: Position[][] = [closed(lonLatFaces[i] as XY[]), ...piece.holes.map(orientHole)];
    const all = [main, ...piece.polygons];
    return all.length === 1
      ? { type: 'Polygon', coordinates: main }
      : { type: 'MultiPolygon', coordinates: all };
  });
  return { ok: true, parts };
}

/** Holes run clockwise (RFC 7946); the input's winding is not trusted. */
function orientHole(ring: Position[]): Position[] {
  const xy = ring.map((p) => [p[0] as number, p[1] as number] as XY);
  return signedArea2(xy) > 0 ? [...ring].reverse() : ring;
}
