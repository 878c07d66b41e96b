import type { BBox, PolygonGeometry, Ring } from './geometry.types';

/**
 * A one-ring polygon whose positions are a range of a flat x, y array (a shapefile's coordinates as
 * read, reprojected in place). Most parcels of an imported county are one ring, and building them
 * as GeoJSON (an array per position: 1.34 M small arrays for 100k parcels) was a fifth of reading
 * the county and most of the garbage collection that followed. So the shapefile reader hands such a
 * polygon over as a `FlatRingPolygon`: an ordinary Polygon (`type`, `coordinates`) whose
 * `coordinates` are built on first read, and which the import's hot steps — validation, area, the
 * overlay's first test, packing for storage — read from the flat array instead.
 *
 * It behaves as a plain Polygon everywhere: `coordinates` is an own enumerable property (a getter
 * that replaces itself with the built value), so spreading, JSON, structured clone and deep equality
 * all see the GeoJSON. Once `coordinates` has been read (or set), the flat view is dropped:
 * whatever is done to the arrays from then on is what counts.
 */
export interface FlatRing {
  /** x0, y0, x1, y1, … ; the ring is positions start … end − 1 (closed: the last repeats the first). */
  readonly coords: Float64Array;
  readonly start: number;
  readonly end: number;
  /**
   * Set by the validator when it found the ring clean (closed, ≥ 4 positions, finite, within
   * ±180 / ±90, no repeated consecutive position, counter-clockwise, touching itself nowhere):
   * the area guard then need not check it again.
   */
  clean?: boolean;
}

const FLAT = Symbol('flat ring');

type WithFlat = PolygonGeometry & { [FLAT]?: FlatRing };

/** The ring's positions as GeoJSON. */
function ringOf(flat: FlatRing): Ring {
  const { coords, start, end } = flat;
  const ring: Ring = new Array(end - start);
  for (let k = 0, v = start; v < end; k++, v++)
    ring[k] = [coords[v * 2] as number, coords[v * 2 + 1] as number];
  return ring;
}

function readCoordinates(this: WithFlat): Ring[] {
  const flat = this[FLAT];
  const value = flat ? [ringOf(flat)] : [];
  settle(this, value);
  return value;
}
function writeCoordinates(this: WithFlat, value: Ring[]): void {
  settle(this, value);
}
/** One getter and setter for all: no closure per polygon. */
const LAZY_COORDINATES: PropertyDescriptor = {
  get: readCoordinates,
  set: writeCoordinates,
  enumerable: true,
  configurable: true,
};

/** A Polygon of one ring, positions `start` … `end − 1` of `coords` (not copied: keep them unchanged). */
export function flatRingPolygon(coords: Float64Array, start: number, end: number): PolygonGeometry {
  const geometry = { type: 'Polygon' } as WithFlat;
  Object.defineProperty(geometry, 'coordinates', LAZY_COORDINATES);
  Object.defineProperty(geometry, FLAT, {
    value: { coords, start, end },
    writable: true,
    enumerable: false,
    configurable: true,
  });
  return geometry;
}

/** Makes `coordinates` a plain data property holding `value`, and forgets the flat view. */
function settle(geometry: WithFlat, value: Ring[]): void {
  Object.defineProperty(geometry, 'coordinates', {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  geometry[FLAT] = undefined;
}

/** The flat ring of a polygon not yet read as GeoJSON; undefined for any other geometry. */
export function flatRingOf(geometry: unknown): FlatRing | undefined {
  return typeof geometry === 'object' && geometry !== null ? (geometry as WithFlat)[FLAT] : undefined;
}

/** Bounding box of a flat ring (as ringBounds gives for its GeoJSON). */
export function flatRingBounds(flat: FlatRing): BBox {
  const { coords, start, end } = flat;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let v = start; v < end; v++) {
    const x = coords[v * 2] as number;
    const y = coords[v * 2 + 1] as number;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** Twice the signed area of the ring, summed in the order signedArea2 sums its GeoJSON. */
export function flatSignedArea2(coords: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start, j = end - 1; i < end; j = i++) {
    sum +=
      ((coords[2 * j] as number) - (coords[2 * i] as number)) *
      ((coords[2 * j + 1] as number) + (coords[2 * i + 1] as number));
  }
  return sum;
}

/** Reverses positions start … end − 1 of a flat array in place. */
export function reverseFlatRange(coords: Float64Array, start: number, end: number): void {
  for (let i = start, j = end - 1; i < j; i++, j--) {
    const x = coords[i * 2] as number;
    const y = coords[i * 2 + 1] as number;
    coords[i * 2] = coords[j * 2] as number;
    coords[i * 2 + 1] = coords[j * 2 + 1] as number;
    coords[j * 2] = x;
    coords[j * 2 + 1] = y;
  }
}
