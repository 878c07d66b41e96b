/**
 * Seeded, deterministic synthetic county for benchmarks (and import benches of other modules):
 * N irregular, non-overlapping parcels of 0.2–200 亩 near 110.3°E 25.3°N (~13 positions each, ~4 %
 * with a hole), plus the three control layers at county scale: 永久基本农田 (~12,000 blobs of ~175
 * vertices, some overlapping each other), 生态保护红线 (~150 polygons of ~1,500 vertices, some holed)
 * and 城镇开发边界 (4 polygons of ~4,000 vertices). Layer counts scale with N / 100,000.
 */
import type { PolygonGeometry, Ring } from '../src/geo/geometry.types';
import { mulberry32 } from '../src/shared/seeded-random';

export interface SyntheticCounty {
  parcels: PolygonGeometry[];
  farmland: PolygonGeometry[];
  redLine: PolygonGeometry[];
  boundary: PolygonGeometry[];
  /** [minLon, minLat, maxLon, maxLat] of the parcels' extent. */
  extent: [number, number, number, number];
}

export interface SyntheticCountyOptions {
  parcels: number;
  seed?: number;
}

const ORIGIN_LON = 110.3;
const ORIGIN_LAT = 25.3;
const METRES_PER_DEG_LAT = 110_790;
const METRES_PER_DEG_LON = 111_320 * Math.cos((ORIGIN_LAT * Math.PI) / 180);
const SQUARE_METRES_PER_MU = 10_000 / 15;

const createRandom = mulberry32;

function toPosition(xMetres: number, yMetres: number): [number, number] {
  return [ORIGIN_LON + xMetres / METRES_PER_DEG_LON, ORIGIN_LAT + yMetres / METRES_PER_DEG_LAT];
}

/**
 * A star-shaped ring (angles increasing → counter-clockwise, simple by construction) around
 * (cx, cy) in metres, radius wobbling between (1 - wobble) and 1 times `radius`.
 */
function blobRing(
  random: () => number,
  cx: number,
  cy: number,
  radius: number,
  vertices: number,
  wobble: number,
  clockwise = false,
): Ring {
  const harmonics: [number, number, number][] = [];
  for (let k = 2; k <= 5; k++) harmonics.push([k, random() * 2 * Math.PI, random()]);
  const weight = harmonics.reduce((s, h) => s + h[2], 0) || 1;
  const ring: Ring = [];
  const step = (2 * Math.PI) / vertices;
  const phase = random() * 2 * Math.PI;
  for (let i = 0; i < vertices; i++) {
    const theta = phase + (clockwise ? -1 : 1) * (i + (random() - 0.5) * 0.8) * step;
    let shape = 0;
    for (const [k, shift, amplitude] of harmonics) shape += amplitude * Math.sin(k * theta + shift);
    const noise = (random() - 0.5) * 0.15;
    const r = radius * (1 - wobble * (0.5 + (0.5 * shape) / weight) + noise * wobble);
    ring.push(toPosition(cx + r * Math.cos(theta), cy + r * Math.sin(theta)));
  }
  ring.push([...(ring[0] as number[])]);
  return ring;
}

/** Generates a synthetic county; the same options always give the same coordinates. */
export function generateSyntheticCounty(options: SyntheticCountyOptions): SyntheticCounty {
  const random = createRandom(options.seed ?? 20_240_601);
  const count = options.parcels;
  const rowWidth = Math.sqrt(count) * 100;
  const parcels: PolygonGeometry[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (let i = 0; i < count; i++) {
    // Log-normal sizes around 6 亩, clipped to 0.2–200 亩 as in county inventories.
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const mu = Math.min(200, Math.max(0.2, Math.exp(Math.log(6) + 1.3 * normal)));
    const radius = Math.sqrt((mu * SQUARE_METRES_PER_MU) / Math.PI) * 1.15;
    const cell = 2 * radius + 2;
    if (x + cell > rowWidth) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const cx = x + cell / 2;
    const cy = y + cell / 2;
    x += cell;
    rowHeight = Math.max(rowHeight, cell);
    const vertices = 8 + Math.floor(random() * 9);
    const outer = blobRing(random, cx, cy, radius, vertices, 0.35);
    const coordinates: Ring[] = [outer];
    if (random() < 0.04) coordinates.push(blobRing(random, cx, cy, radius * 0.25, 6, 0.2, true));
    parcels.push({ type: 'Polygon', coordinates });
  }
  const width = rowWidth;
  const height = y + rowHeight;
  const scale = count / 100_000;

  const farmland: PolygonGeometry[] = [];
  const farmlandCount = Math.max(1, Math.round(12_000 * scale));
  for (let i = 0; i < farmlandCount; i++) {
    const radius = 60 * Math.exp(random() * Math.log(400 / 60));
    const ring = blobRing(
      random,
      random() * width,
      random() * height,
      radius,
      170 + Math.floor(random() * 10),
      0.4,
    );
    farmland.push({ type: 'Polygon', coordinates: [ring] });
  }

  const redLine: PolygonGeometry[] = [];
  const redLineCount = Math.max(2, Math.round(150 * scale));
  for (let i = 0; i < redLineCount; i++) {
    const radius = 800 + random() * 1700;
    const cx = random() * width;
    const cy = random() * height;
    const coordinates: Ring[] = [blobRing(random, cx, cy, radius, 1400 + Math.floor(random() * 220), 0.45)];
    if (random() < 0.1) coordinates.push(blobRing(random, cx, cy, radius * 0.2, 120, 0.2, true));
    redLine.push({ type: 'Polygon', coordinates });
  }

  const boundary: PolygonGeometry[] = [];
  for (let i = 0; i < 4; i++) {
    const cx = ((i % 2) + 0.5) * (width / 2);
    const cy = (Math.floor(i / 2) + 0.5) * (height / 2);
    const radius = 0.18 * Math.min(width, height) * (0.7 + random() * 0.3);
    boundary.push({ type: 'Polygon', coordinates: [blobRing(random, cx, cy, radius, 4000, 0.4)] });
  }

  const [minLon, minLat] = toPosition(0, 0);
  const [maxLon, maxLat] = toPosition(width, height);
  return { parcels, farmland, redLine, boundary, extent: [minLon, minLat, maxLon, maxLat] };
}

/** Counts positions, for reporting vertex totals in bench output. */
export function countPositions(geometries: PolygonGeometry[]): number {
  let n = 0;
  for (const g of geometries) for (const ring of g.coordinates) n += ring.length;
  return n;
}
