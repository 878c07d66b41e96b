import type { BBox, PolygonGeometry, Ring } from './geometry.types';

/**
 * A one-ring polygon whose positions are a range of a flat x, y array (the coordinates an importer
 * read, reprojected in place). Most parcels of an imported county are one ring, and building them
 * as GeoJSON (an array per position: 1.34 M small arrays for 100k parcels) was a fifth of reading
 * the county and most of the garbage collection that followed. So the shapefile and GeoJSON readers
 * hand such a polygon over as a `FlatRingPolygon`: an ordinary Polygon (`type`, `coordinates`) whose
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
  /** Its bounds, once asked for (validation, area, each overlay role and the extent checks ask). */
  bounds?: Readonly<BBox>;
}

/**
 * The polygon itself. A class only to hold the flat view in a private field: a symbol-keyed
 * property defined non-enumerable cost ~1 µs per polygon in V8 (0.1 s for a county), this nothing.
 * Its own properties are those of a GeoJSON Polygon (`type`, then `coordinates`); a structured clone
 * of it is a plain one. Only its class tells it apart (toStrictEqual would; the chunk packer, which
 * accepts plain objects only, accepts it too).
 */
export class FlatRingPolygon {
  type = 'Polygon' as const;
  declare coordinates: Ring[];
  #flat: FlatRing | undefined;

  constructor(flat: FlatRing) {
    Object.defineProperty(this, 'coordinates', LAZY_COORDINATES);
    this.#flat = flat;
  }

  /** The flat view; undefined once `coordinates` has been read or set. */
  static flatOf(geometry: object): FlatRing | undefined {
    return #flat in geometry ? geometry.#flat : undefined;
  }

  /** Builds (or takes) the GeoJSON, makes `coordinates` a plain data property, forgets the flat view. */
  static settle(geometry: FlatRingPolygon, value?: Ring[]): Ring[] {
    const flat = geometry.#flat;
    const coordinates = value ?? (flat ? [flatPositions(flat.coords, flat.start, flat.end)] : []);
    Object.defineProperty(geometry, 'coordinates', {
      value: coordinates,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    geometry.#flat = undefined;
    return coordinates;
  }
}

/** Positions start … end − 1 of a flat x, y array as a GeoJSON ring. */
export function flatPositions(coords: Float64Array, start: number, end: number): Ring {
  const ring: Ring = new Array(end - start);
  for (let k = 0, v = start; v < end; k++, v++)
    ring[k] = [coords[v * 2] as number, coords[v * 2 + 1] as number];
  return ring;
}

/** One getter and setter for all: no closure per polygon. */
const LAZY_COORDINATES: PropertyDescriptor = {
  get(this: FlatRingPolygon): Ring[] {
    return FlatRingPolygon.settle(this);
  },
  set(this: FlatRingPolygon, value: Ring[]): void {
    FlatRingPolygon.settle(this, value);
  },
  enumerable: true,
  configurable: true,
};

/** A Polygon of one ring, positions `start` … `end − 1` of `coords` (not copied: keep them unchanged). */
export function flatRingPolygon(coords: Float64Array, start: number, end: number): PolygonGeometry {
  return new FlatRingPolygon({ coords, start, end });
}

/** The flat ring of a polygon not yet read as GeoJSON; undefined for any other geometry. */
export function flatRingOf(geometry: unknown): FlatRing | undefined {
  return geometry instanceof FlatRingPolygon ? FlatRingPolygon.flatOf(geometry) : undefined;
}

/** Bounding box of a flat ring (as ringBounds gives for its GeoJSON), computed once. */
export function flatRingBounds(flat: FlatRing): Readonly<BBox> {
  if (flat.bounds) return flat.bounds;
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
  flat.bounds = [minX, minY, maxX, maxY];
  return flat.bounds;
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
