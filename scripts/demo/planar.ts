/**
 * Plane geometry in local metres (x east, y north) for the demo generator. The county is built
 * in metres so gaps, slivers and insets have real sizes, and mapped to lon/lat only at the end.
 * Rings are open (first point not repeated) and outer rings are counter-clockwise.
 */
/** A point in local metres. */
export type Pt = [number, number];
/** An open ring (first point not repeated). */
export type Ring = Pt[];

/** Signed area (positive when counter-clockwise). */
export function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

/** Area of a ring regardless of orientation. */
export function ringArea(ring: Ring): number {
  return Math.abs(signedArea(ring));
}

/** Ring in counter-clockwise order. */
export function ccw(ring: Ring): Ring {
  return signedArea(ring) < 0 ? [...ring].reverse() : ring;
}

/** Ring in clockwise order. */
export function cw(ring: Ring): Ring {
  return signedArea(ring) > 0 ? [...ring].reverse() : ring;
}

/** Area-weighted centroid of a ring. */
export function centroid(ring: Ring): Pt {
  let cx = 0;
  let cy = 0;
  let a2 = 0;
  const o = ring[0]!;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % ring.length]!;
    const px = p[0] - o[0];
    const py = p[1] - o[1];
    const qx = q[0] - o[0];
    const qy = q[1] - o[1];
    const c = px * qy - qx * py;
    a2 += c;
    cx += (px + qx) * c;
    cy += (py + qy) * c;
  }
  if (a2 === 0) return [o[0], o[1]];
  return [o[0] + cx / (3 * a2), o[1] + cy / (3 * a2)];
}

/** Axis-aligned bounding box [minX, minY, maxX, maxY]. */
export function ringBox(ring: Ring): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Keeps the part of a convex polygon on the left of the directed line through `p` along `d`,
 * shifted left by `offset` (Sutherland–Hodgman against one half-plane).
 */
export function clipHalfPlane(ring: Ring, p: Pt, d: Pt, offset = 0): Ring {
  const len = Math.hypot(d[0], d[1]);
  const nx = -d[1] / len;
  const ny = d[0] / len;
  const side = (v: Pt): number => (v[0] - p[0]) * nx + (v[1] - p[1]) * ny - offset;
  const out: Ring = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    const sa = side(a);
    const sb = side(b);
    if (sa >= 0) out.push(a);
    if (sa >= 0 !== sb >= 0) {
      const t = sa / (sa - sb);
      out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
    }
  }
  return out;
}

/** Splits a convex polygon by the line through `p` along `d` into [left, right]. */
export function splitConvex(ring: Ring, p: Pt, d: Pt): [Ring, Ring] {
  return [clipHalfPlane(ring, p, d), clipHalfPlane(ring, p, [-d[0], -d[1]])];
}

/**
 * Erodes a counter-clockwise convex polygon by `distance`: the intersection of its edges'
 * half-planes moved inwards. Every point of the result is at least `distance` from the outline,
 * which is what keeps neighbouring parcels apart after jitter.
 */
export function insetConvex(ring: Ring, distance: number): Ring {
  let out = ring;
  for (let i = 0; i < ring.length && out.length >= 3; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    out = clipHalfPlane(out, a, [b[0] - a[0], b[1] - a[1]], distance);
  }
  return out.length >= 3 ? removeShortEdges(out, 0.5) : [];
}

/** Drops vertices closer than `minLength` to their predecessor. */
export function removeShortEdges(ring: Ring, minLength: number): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= minLength) out.push(p);
  }
  while (out.length > 1) {
    const first = out[0]!;
    const last = out[out.length - 1]!;
    if (Math.hypot(first[0] - last[0], first[1] - last[1]) >= minLength) break;
    out.pop();
  }
  return out;
}

/** Point in polygon (even–odd rule) for one ring. */
export function pointInRing(pt: Pt, ring: Ring): boolean {
  let inside = false;
  const [x, y] = pt;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

function orient(a: Pt, b: Pt, c: Pt): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function onSegment(a: Pt, b: Pt, c: Pt): boolean {
  return (
    Math.min(a[0], b[0]) <= c[0] &&
    c[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= c[1] &&
    c[1] <= Math.max(a[1], b[1])
  );
}

/** True when segments ab and cd share any point (touching counts). */
export function segmentsIntersect(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && onSegment(c, d, a)) return true;
  if (d2 === 0 && onSegment(c, d, b)) return true;
  if (d3 === 0 && onSegment(a, b, c)) return true;
  if (d4 === 0 && onSegment(a, b, d)) return true;
  return false;
}

/** True when a ring crosses or touches itself (non-adjacent edges meet). */
export function selfIntersects(ring: Ring): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsIntersect(a, b, ring[j]!, ring[(j + 1) % n]!)) return true;
    }
  }
  return false;
}

function boxesOverlap(a: [number, number, number, number], b: [number, number, number, number]): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** True when two simple rings share any point (edges cross/touch or one contains the other). */
export function ringsIntersect(a: Ring, b: Ring): boolean {
  if (!boxesOverlap(ringBox(a), ringBox(b))) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = a[(i + 1) % a.length]!;
    const segBox: [number, number, number, number] = [
      Math.min(p[0], q[0]),
      Math.min(p[1], q[1]),
      Math.max(p[0], q[0]),
      Math.max(p[1], q[1]),
    ];
    for (let j = 0; j < b.length; j++) {
      const r = b[j]!;
      const s = b[(j + 1) % b.length]!;
      if (
        segBox[0] > Math.max(r[0], s[0]) ||
        segBox[2] < Math.min(r[0], s[0]) ||
        segBox[1] > Math.max(r[1], s[1]) ||
        segBox[3] < Math.min(r[1], s[1])
      )
        continue;
      if (segmentsIntersect(p, q, r, s)) return true;
    }
  }
  return pointInRing(a[0]!, b) || pointInRing(b[0]!, a);
}

/** Distance from a point to segment ab. */
export function distanceToSegment(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Distance from a point to a ring's outline. */
export function distanceToRing(p: Pt, ring: Ring): number {
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const d = distanceToSegment(p, ring[i]!, ring[(i + 1) % ring.length]!);
    if (d < best) best = d;
  }
  return best;
}

/** True when `p` is closer than `margin` to the ring's outline; skips far segments cheaply. */
export function nearRing(p: Pt, ring: Ring, margin: number): boolean {
  const [x, y] = p;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    if (
      (a[0] < x - margin && b[0] < x - margin) ||
      (a[0] > x + margin && b[0] > x + margin) ||
      (a[1] < y - margin && b[1] < y - margin) ||
      (a[1] > y + margin && b[1] > y + margin)
    )
      continue;
    if (distanceToSegment(p, a, b) < margin) return true;
  }
  return false;
}

/** Rotates a point by `angle` radians around `origin`. */
export function rotate(p: Pt, angle: number, origin: Pt = [0, 0]): Pt {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const x = p[0] - origin[0];
  const y = p[1] - origin[1];
  return [origin[0] + x * c - y * s, origin[1] + x * s + y * c];
}
