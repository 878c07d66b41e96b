/**
 * The demo county's physical layout in local metres around the county seat: the urban grid,
 * villages, karst hills and the river, and the lots carved from them. Lots never overlap: each
 * comes from a convex cell of a partition, eroded by a gap and only then given irregular edges
 * that stay inside the erosion distance.
 */
import {
  ccw,
  centroid,
  clipHalfPlane,
  cw,
  distanceToRing,
  insetConvex,
  nearRing,
  type Pt,
  pointInRing,
  type Ring,
  ringArea,
  ringsIntersect,
  rotate,
  selfIntersects,
  signedArea,
} from './planar';
import type { Random } from './random';

/** Where a lot lies; drives its attributes. */
export type Zone = 'old-town' | 'town' | 'park-national' | 'park-provincial' | 'village' | 'rural';

/** A parcel's geometry in metres: polygons as [outer, ...holes]. */
export interface Lot {
  polygons: Ring[][];
  zone: Zone;
  /** Index of the village (for village lots) or -1. */
  village: number;
  /** Distance of the centroid from the county seat centre, metres. */
  radius: number;
  /** Polar angle of the centroid, radians. */
  angle: number;
  center: Pt;
  /** Straight-edged (surveyed) outline: candidates for sliver construction. */
  straight: boolean;
  /** Planar area, m² (outer minus holes). */
  area: number;
}

/** A village: its centre, its township sector, and whether it is the township seat (镇区). */
export interface Village {
  center: Pt;
  township: number;
  seat: boolean;
}

/** Static features of the landscape used by both the lots and the control layers. */
export interface Landscape {
  /** Radius of the urban development boundary at polar angle θ. */
  boundaryRadius(theta: number): number;
  /** Radius up to which urban lots are laid out (differs from the boundary in a few lobes). */
  builtRadius(theta: number): number;
  hills: { center: Pt; ring: Ring; name: string; inTown: boolean }[];
  river: { left: Ring; right: Ring; centerX(y: number): number; halfWidth(y: number): number };
  parks: { center: Pt; ring: Ring; level: 'national' | 'provincial'; name: string }[];
  villages: Village[];
}

const TAU = Math.PI * 2;

function angleDiff(a: number, b: number): number {
  let d = (a - b) % TAU;
  if (d > Math.PI) d -= TAU;
  if (d < -Math.PI) d += TAU;
  return d;
}

/** A smooth irregular closed outline around `center`, radius r(θ), sampled at `n` vertices. */
export function radialRing(center: Pt, n: number, radius: (theta: number) => number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const t = (i / n) * TAU;
    const r = radius(t);
    ring.push([center[0] + r * Math.cos(t), center[1] + r * Math.sin(t)]);
  }
  return ring;
}

/** Smooth periodic noise: a few random harmonics. */
function harmonics(random: Random, amplitude: number, orders: number[]): (theta: number) => number {
  const terms = orders.map((k) => ({
    k,
    a: (amplitude * random.range(0.5, 1)) / k ** 0.6,
    p: random.range(0, TAU),
  }));
  return (theta) => {
    let s = 0;
    for (const term of terms) s += term.a * Math.sin(term.k * theta + term.p);
    return s;
  };
}

/** Builds hills, river, parks, villages and the radial functions of the town. */
export function buildLandscape(random: Random): Landscape {
  const townNoise = harmonics(random, 260, [2, 3, 5, 7, 11, 17]);
  const boundaryRadius = (theta: number): number =>
    2500 +
    townNoise(theta) +
    1500 * Math.exp(-((angleDiff(theta, 0.05) / 0.38) ** 2)) +
    1500 * Math.exp(-((angleDiff(theta, -2.3) / 0.34) ** 2)) +
    // fine crenellation: the boundary follows field and road lines in reality
    18 * Math.sin(97 * theta) +
    9 * Math.sin(233 * theta + 1);
  // Sprawl lobes where building went beyond the line, and a setback elsewhere.
  const builtRadius = (theta: number): number =>
    boundaryRadius(theta) - 40 + 320 * Math.max(0, Math.sin(3 * theta + 0.7)) ** 6;

  const hillSpecs: [Pt, number, string][] = [
    [[-600, 950], 230, '西山'],
    [[950, -1150], 260, '象鼻山'],
    [[1750, 1500], 190, '独秀峰'],
    [[-1450, -700], 160, '伏波山'],
    [[6800, 6200], 1500, '尧山'],
    [[5600, -7200], 1300, '海洋山'],
  ];
  const hills = hillSpecs.map(([center, r, name]) => {
    const noise = harmonics(random, r * 0.18, [3, 4, 7]);
    const n = r > 1000 ? 360 : 120;
    return { center, ring: radialRing(center, n, (t) => r + noise(t)), name, inTown: r < 1000 };
  });

  const centerX = (y: number): number =>
    -2900 + 700 * Math.sin(y / 1900 + 0.4) + 300 * Math.sin(y / 700 + 1.1);
  const halfWidth = (y: number): number => 48 + 18 * Math.sin(y / 1300);
  const left: Ring = [];
  const right: Ring = [];
  for (let y = -11000; y <= 11000; y += 25) {
    left.push([centerX(y) - halfWidth(y), y]);
    right.push([centerX(y) + halfWidth(y), y]);
  }

  const parkNoise1 = harmonics(random, 160, [2, 3, 5, 9]);
  const parkNoise2 = harmonics(random, 120, [2, 3, 5, 9]);
  const parks: Landscape['parks'] = [
    {
      center: [3150, 150],
      ring: radialRing([3150, 150], 240, (t) => 980 + parkNoise1(t)),
      level: 'national',
      name: '漓源经济技术开发区',
    },
    {
      center: [-2050, -2250],
      ring: radialRing([-2050, -2250], 200, (t) => 880 + parkNoise2(t)),
      level: 'provincial',
      name: '漓源县城南工业园区',
    },
  ];

  const villages: Village[] = [];
  const townships = 7;
  for (let attempt = 0; attempt < 4000 && villages.length < 22; attempt++) {
    const r = random.range(4300, 10000);
    const t = random.range(0, TAU);
    const c: Pt = [r * Math.cos(t), r * Math.sin(t)];
    if (r < boundaryRadius(t) + 900) continue;
    if (Math.abs(c[0] - centerX(c[1])) < 450) continue;
    if (
      hills.some((h) => !h.inTown && distanceToRing(c, h.ring) < 400) ||
      hills.some((h) => pointInRing(c, h.ring))
    )
      continue;
    if (villages.some((v) => Math.hypot(v.center[0] - c[0], v.center[1] - c[1]) < 1400)) continue;
    const township = Math.floor((((t % TAU) + TAU) % TAU) / (TAU / townships));
    villages.push({ center: c, township, seat: false });
  }
  // The village nearest the county seat in each township sector hosts the township government.
  for (let k = 0; k < townships; k++) {
    let best: Village | undefined;
    for (const v of villages) {
      if (v.township !== k) continue;
      if (!best || Math.hypot(...v.center) < Math.hypot(...best.center)) best = v;
    }
    if (best) best.seat = true;
  }
  return { boundaryRadius, builtRadius, hills, river: { left, right, centerX, halfWidth }, parks, villages };
}

/** True when a ring comes within `margin` metres of the river or the hills (or crosses them). */
function touchesNature(ring: Ring, landscape: Landscape, margin: number): boolean {
  let sign = 0;
  for (const p of ring) {
    const s = p[0] - landscape.river.centerX(p[1]);
    if (Math.abs(s) < landscape.river.halfWidth(p[1]) + margin) return true;
    const sg = Math.sign(s);
    if (sign !== 0 && sg !== sign) return true;
    sign = sg;
  }
  for (const hill of landscape.hills) {
    if (Math.hypot(ring[0]![0] - hill.center[0], ring[0]![1] - hill.center[1]) > 4000) continue;
    if (ringsIntersect(ring, hill.ring)) return true;
    if (ring.some((p) => nearRing(p, hill.ring, margin))) return true;
  }
  return false;
}

/** Recursively cuts a convex cell into lots of roughly `target` m². */
function subdivide(random: Random, cell: Ring, target: number, out: Ring[]): void {
  const area = ringArea(cell);
  if (area < target * random.range(0.8, 1.7) || area < 260) {
    out.push(cell);
    return;
  }
  // Cut across the longer extent, measured along the cell's own longest edge direction.
  let bestLen = 0;
  let axis: Pt = [1, 0];
  for (let i = 0; i < cell.length; i++) {
    const a = cell[i]!;
    const b = cell[(i + 1) % cell.length]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len > bestLen) {
      bestLen = len;
      axis = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
    }
  }
  const perp: Pt = [-axis[1], axis[0]];
  const extent = (dir: Pt): [number, number] => {
    let min = Infinity;
    let max = -Infinity;
    for (const p of cell) {
      const v = p[0] * dir[0] + p[1] * dir[1];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return [min, max];
  };
  const [a0, a1] = extent(axis);
  const [p0, p1] = extent(perp);
  const alongLonger = a1 - a0 >= p1 - p0;
  const dir = alongLonger ? axis : perp;
  const [lo, hi] = alongLonger ? [a0, a1] : [p0, p1];
  const at = lo + (hi - lo) * random.range(0.36, 0.64);
  const c = centroid(cell);
  const offsetAlong = at - (c[0] * dir[0] + c[1] * dir[1]);
  const point: Pt = [c[0] + dir[0] * offsetAlong, c[1] + dir[1] * offsetAlong];
  // The cut line runs across `dir`, tilted a little so lots are not all rectangles.
  const cut = rotate([-dir[1], dir[0]], random.range(-0.14, 0.14));
  const leftPart = clipHalfPlane(cell, point, cut);
  const rightPart = clipHalfPlane(cell, point, [-cut[0], -cut[1]]);
  if (leftPart.length < 3 || rightPart.length < 3) {
    out.push(cell);
    return;
  }
  subdivide(random, leftPart, target, out);
  subdivide(random, rightPart, target, out);
}

/**
 * Gives a convex lot irregular edges: intermediate vertices every `spacing` metres pushed across
 * the edge by less than the gap `inset`, so the outline stays inside the lot's partition cell.
 */
function roughen(random: Random, ring: Ring, inset: number, spacing: number): Ring {
  const out: Ring = [];
  const amplitude = inset * 0.8;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    out.push(a);
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const steps = Math.floor(len / spacing);
    if (steps < 1) continue;
    const nx = -(b[1] - a[1]) / len;
    const ny = (b[0] - a[0]) / len;
    for (let k = 1; k <= steps; k++) {
      if (random.chance(0.35)) continue;
      const t = (k + random.range(-0.25, 0.25)) / (steps + 1);
      const off = random.range(-amplitude, amplitude);
      out.push([a[0] + (b[0] - a[0]) * t + nx * off, a[1] + (b[1] - a[1]) * t + ny * off]);
    }
  }
  return out;
}

/** A small hole (e.g. a substation or a retained house) well inside the outer ring, or nothing. */
function holeFor(random: Random, outer: Ring): Ring | undefined {
  const c = centroid(outer);
  const size = Math.sqrt(ringArea(outer)) * random.range(0.12, 0.2);
  const angle = random.range(0, TAU);
  const hole: Ring = [];
  const n = random.int(4, 6);
  for (let i = 0; i < n; i++) {
    const t = angle + (i / n) * TAU;
    const r = size * random.range(0.8, 1.1);
    hole.push([c[0] + r * Math.cos(t), c[1] + r * Math.sin(t)]);
  }
  if (!pointInRing(c, outer)) return undefined;
  if (hole.some((p) => !pointInRing(p, outer) || distanceToRing(p, outer) < 8)) return undefined;
  return cw(hole);
}

interface CellOptions {
  zone: Zone;
  village: number;
  target: number;
  inset: number;
  occupancy: number;
}

/** Subdivides a block cell and turns the pieces into finished lots. */
function lotsFromCell(
  random: Random,
  cell: Ring,
  options: CellOptions,
  landscape: Landscape,
  out: Lot[],
): void {
  const pieces: Ring[] = [];
  subdivide(random, ccw(cell), options.target, pieces);
  const finished: Ring[] = [];
  for (const piece of pieces) {
    if (!random.chance(options.occupancy)) continue;
    const inset = insetConvex(ccw(piece), options.inset);
    if (inset.length < 3 || ringArea(inset) < 150 || ringArea(inset) > 130000) continue;
    if (touchesNature(inset, landscape, 20)) continue;
    if (options.zone !== 'village') {
      const c = centroid(inset);
      const theta = Math.atan2(c[1], c[0]);
      if (inset.some((p) => Math.hypot(p[0], p[1]) > landscape.builtRadius(theta))) continue;
    }
    finished.push(inset);
  }
  for (let i = 0; i < finished.length; i++) {
    const base = finished[i]!;
    const straight = random.chance(0.3);
    let outer = base;
    if (!straight) {
      const rough = roughen(random, base, options.inset, random.range(12, 35));
      if (!selfIntersects(rough) && signedArea(rough) > 0) outer = rough;
    }
    const polygons: Ring[][] = [[outer]];
    if (ringArea(outer) > 6000 && random.chance(0.04)) {
      const hole = holeFor(random, outer);
      if (hole) polygons[0]!.push(hole);
    }
    // A few parcels are two separate pieces of one holding (e.g. split by a lane).
    const nextBase = finished[i + 1];
    if (nextBase && random.chance(0.012) && ringArea(base) + ringArea(nextBase) < 120000) {
      polygons.push([nextBase]);
      i++;
    }
    let area = 0;
    for (const polygon of polygons) {
      area += ringArea(polygon[0]!);
      for (const hole of polygon.slice(1)) area -= ringArea(hole);
    }
    const c = centroid(polygons[0]![0]!);
    out.push({
      polygons,
      zone: options.zone,
      village: options.village,
      radius: Math.hypot(c[0], c[1]),
      angle: Math.atan2(c[1], c[0]),
      center: c,
      straight: straight && polygons.length === 1 && polygons[0]!.length === 1,
      area,
    });
  }
}

/** Zone of an urban location. */
function urbanZone(p: Pt, landscape: Landscape): Zone {
  for (const park of landscape.parks) {
    if (pointInRing(p, park.ring)) return park.level === 'national' ? 'park-national' : 'park-provincial';
  }
  return Math.hypot(p[0], p[1]) < 950 ? 'old-town' : 'town';
}

/** Lays out all lots: the urban grid, then the villages. */
export function buildLots(random: Random, landscape: Landscape): Lot[] {
  const lots: Lot[] = [];
  const gridAngle = 0.21;
  // Street lines: narrow blocks in the old centre, wide ones at the edge and in the parks.
  const lines = (): number[] => {
    const pos: number[] = [0];
    for (const sign of [1, -1]) {
      let x = 0;
      while (Math.abs(x) < 5600) {
        const step = (170 + 240 * Math.min(1, Math.abs(x) / 3300)) * random.range(0.8, 1.25);
        x += sign * step;
        pos.push(x);
      }
    }
    return pos.sort((a, b) => a - b);
  };
  const xs = lines();
  const ys = lines();
  const node = new Map<string, Pt>();
  const nodeAt = (i: number, j: number): Pt => {
    const key = `${i},${j}`;
    let p = node.get(key);
    if (!p) {
      const x = xs[i]!;
      const y = ys[j]!;
      const step = Math.min(
        (xs[i + 1] ?? x + 300) - x,
        x - (xs[i - 1] ?? x - 300),
        (ys[j + 1] ?? y + 300) - y,
        y - (ys[j - 1] ?? y - 300),
      );
      p = rotate([x + random.range(-0.12, 0.12) * step, y + random.range(-0.12, 0.12) * step], gridAngle);
      node.set(key, p);
    }
    return p;
  };
  for (let i = 0; i + 1 < xs.length; i++) {
    for (let j = 0; j + 1 < ys.length; j++) {
      const cell: Ring = [nodeAt(i, j), nodeAt(i + 1, j), nodeAt(i + 1, j + 1), nodeAt(i, j + 1)];
      const c = centroid(cell);
      const theta = Math.atan2(c[1], c[0]);
      const r = Math.hypot(c[0], c[1]);
      if (r > landscape.builtRadius(theta) + 250) continue;
      const zone = urbanZone(c, landscape);
      const road = zone === 'old-town' ? random.range(7, 11) : random.range(10, 20);
      const block = insetConvex(ccw(cell), road);
      if (block.length < 3) continue;
      const target =
        zone === 'old-town'
          ? random.logRange(500, 6000)
          : zone === 'town'
            ? random.logRange(2000, 30000)
            : random.chance(0.3)
              ? random.range(80000, 130000)
              : random.logRange(5000, 60000);
      lotsFromCell(
        random,
        block,
        {
          zone,
          village: -1,
          target,
          inset: zone === 'old-town' ? random.range(1.6, 2.6) : random.range(2, 3.5),
          occupancy: zone === 'old-town' ? 0.33 : zone === 'town' ? 0.36 : 0.75,
        },
        landscape,
        lots,
      );
    }
  }
  landscape.villages.forEach((village, index) => {
    const angle = random.range(0, Math.PI);
    const nx = random.int(3, village.seat ? 6 : 4);
    const ny = random.int(2, village.seat ? 5 : 3);
    const size = random.range(60, 85);
    const jitter = new Map<string, Pt>();
    const at = (i: number, j: number): Pt => {
      const key = `${i},${j}`;
      let p = jitter.get(key);
      if (!p) {
        const local: Pt = [
          (i - nx / 2) * size + random.range(-0.12, 0.12) * size,
          (j - ny / 2) * size + random.range(-0.12, 0.12) * size,
        ];
        const rotated = rotate(local, angle);
        p = [rotated[0] + village.center[0], rotated[1] + village.center[1]];
        jitter.set(key, p);
      }
      return p;
    };
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        if (random.chance(0.15)) continue;
        const cell: Ring = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
        const block = insetConvex(ccw(cell), random.range(3, 5));
        if (block.length < 3) continue;
        // An occasional whole block: the village school or collective business land.
        const target = random.chance(0.12) ? 1e9 : random.logRange(220, 1300);
        lotsFromCell(
          random,
          block,
          { zone: 'village', village: index, target, inset: random.range(1.2, 2), occupancy: 0.25 },
          landscape,
          lots,
        );
      }
    }
  });
  placeRuralEnterprises(random, landscape, lots);
  return lots;
}

/**
 * Stand-alone construction land in the countryside: township enterprises, brickworks, collective
 * business land. Plain surveyed rectangles among the fields, outside any development boundary.
 */
function placeRuralEnterprises(random: Random, landscape: Landscape, lots: Lot[]): void {
  const placed: Pt[] = [];
  for (let attempt = 0; attempt < 3000 && placed.length < 34; attempt++) {
    const r = random.range(3600, 8800);
    const t = random.range(0, TAU);
    const c: Pt = [r * Math.cos(t), r * Math.sin(t)];
    if (r < landscape.boundaryRadius(t) + 550) continue;
    if (landscape.villages.some((v) => Math.hypot(v.center[0] - c[0], v.center[1] - c[1]) < 750)) continue;
    if (placed.some((p) => Math.hypot(p[0] - c[0], p[1] - c[1]) < 500)) continue;
    const w = random.range(70, 250);
    const h = random.range(60, 190);
    const angle = random.range(0, Math.PI);
    const ring = ccw(
      (
        [
          [-w / 2, -h / 2],
          [w / 2, -h / 2],
          [w / 2, h / 2],
          [-w / 2, h / 2],
        ] as Pt[]
      ).map((p) => {
        const q = rotate(p, angle);
        return [q[0] + c[0], q[1] + c[1]] as Pt;
      }),
    );
    if (touchesNature(ring, landscape, 60)) continue;
    if (landscape.parks.some((park) => ringsIntersect(ring, park.ring))) continue;
    let village = 0;
    let best = Infinity;
    landscape.villages.forEach((v, k) => {
      const d = Math.hypot(v.center[0] - c[0], v.center[1] - c[1]);
      if (d < best) {
        best = d;
        village = k;
      }
    });
    placed.push(c);
    lots.push({
      polygons: [[ring]],
      zone: 'rural',
      village,
      radius: r,
      angle: t,
      center: c,
      straight: true,
      area: ringArea(ring),
    });
  }
}
