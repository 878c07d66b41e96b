/**
 * The overview's dots (small parcels drawn as one point up to OVERVIEW_MAX_ZOOM), kept apart from
 * geojson-vt: cutting a z9 county view out of 100k points through geojson-vt's tile pyramid took
 * 1.1–1.4 s (every level clips every point again and builds new feature objects), while picking
 * a tile's points out of buckets and projecting them takes milliseconds. Positions are Web Mercator
 * in [0, 1] (as geojson-vt projects them); buckets are the tiles of zoom BUCKET_ZOOM.
 */
const BUCKET_ZOOM = 6;
const BUCKETS = 2 ** BUCKET_ZOOM;

/** Kinds of dot `DotMerge.kind` may give (0 … KINDS − 1). */
export const KINDS = 8;

/**
 * Crowded dots merged (see `PointOverview.tileFeatures`): `cells` across a tile (any whole number;
 * the extent must be a power of two), and each dot's kind from its tags, 0 … KINDS − 1: dots of
 * different kinds are never merged.
 */
export interface DotMerge {
  cells: number;
  kind: (tags: object) => number;
}

interface Dot {
  x: number;
  y: number;
  tags: object;
}

/** A point feature of a tile as geojson-vt gives it (what vt-pbf encodes): type 1, tile units. */
export interface TilePointFeature {
  type: 1;
  id: number;
  geometry: [number, number][];
  tags: object;
}

function mercatorX(lon: number): number {
  return lon / 360 + 0.5;
}

function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

const bucketOf = (x: number, y: number) =>
  Math.min(BUCKETS - 1, Math.floor(y * BUCKETS)) * BUCKETS + Math.min(BUCKETS - 1, Math.floor(x * BUCKETS));

export class PointOverview {
  private readonly buckets = new Map<number, Map<number, Dot>>();
  private readonly bucketById = new Map<number, number>();

  get size(): number {
    return this.bucketById.size;
  }

  has(id: number): boolean {
    return this.bucketById.has(id);
  }

  /** Adds or moves the dot of feature `id` to lon/lat with these tags. */
  set(id: number, lon: number, lat: number, tags: object): void {
    this.delete(id);
    const dot = { x: mercatorX(lon), y: mercatorY(lat), tags };
    const key = bucketOf(dot.x, dot.y);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(key, bucket);
    }
    bucket.set(id, dot);
    this.bucketById.set(id, key);
  }

  /** New tags for a dot that is here; false when it is not. */
  setTags(id: number, tags: object): boolean {
    const key = this.bucketById.get(id);
    const dot = key === undefined ? undefined : this.buckets.get(key)?.get(id);
    if (!dot) return false;
    dot.tags = tags;
    return true;
  }

  delete(id: number): boolean {
    const key = this.bucketById.get(id);
    if (key === undefined) return false;
    this.bucketById.delete(id);
    const bucket = this.buckets.get(key);
    bucket?.delete(id);
    if (bucket?.size === 0) this.buckets.delete(key);
    return true;
  }

  /**
   * The dots of tile z/x/y, in tile units of `extent`, with those within `buffer` units outside
   * it (as geojson-vt keeps them, so a dot on a tile edge is drawn whole on both sides).
   *
   * With `merge`, the tile is a grid of `merge.cells` × `merge.cells` cells and the dots of one
   * cell and kind become one dot at the cell's centre, with the id and tags of the cell's last dot
   * (the one drawn on top without merging). Dots of a kind other than 0 come after the rest, so
   * they are drawn over them. Cells are counted per tile and found in integer arithmetic, so a
   * cell is the same piece of ground in every tile of a zoom, and a dot in the buffer is drawn
   * where the neighbouring tile draws it.
   */
  tileFeatures(
    z: number,
    x: number,
    y: number,
    extent: number,
    buffer: number,
    merge?: DotMerge,
  ): TilePointFeature[] {
    const n = 2 ** z;
    const cells = merge?.cells ?? 0;
    // Merging widens the buffer to whole cells: a cell on its edge then holds the same dots here
    // as in the neighbouring tile, and both draw the same dot for it.
    const padCells = Math.ceil((buffer * cells) / extent);
    const pad = merge ? padCells / cells : buffer / extent;
    const minX = (x - pad) / n;
    const maxX = (x + 1 + pad) / n;
    const minY = (y - pad) / n;
    const maxY = (y + 1 + pad) / n;
    const out: TilePointFeature[] = [];
    // Cell indexes run from -padCells to cells + padCells: keys stay small integers.
    const offset = padCells + 1;
    const span = cells + 2 * offset + 1;
    const merged = new Map<number, TilePointFeature>();
    const fromBx = Math.max(0, Math.floor(minX * BUCKETS));
    const toBx = Math.min(BUCKETS - 1, Math.floor(maxX * BUCKETS));
    const fromBy = Math.max(0, Math.floor(minY * BUCKETS));
    const toBy = Math.min(BUCKETS - 1, Math.floor(maxY * BUCKETS));
    for (let by = fromBy; by <= toBy; by++) {
      for (let bx = fromBx; bx <= toBx; bx++) {
        const bucket = this.buckets.get(by * BUCKETS + bx);
        if (!bucket) continue;
        for (const [id, dot] of bucket) {
          if (dot.x < minX || dot.x > maxX || dot.y < minY || dot.y > maxY) continue;
          const px = Math.round(extent * (dot.x * n - x));
          const py = Math.round(extent * (dot.y * n - y));
          if (!merge) {
            out.push({ type: 1, id, geometry: [[px, py]], tags: dot.tags });
            continue;
          }
          // Integer products over a power-of-two extent: exact, so both tiles agree on a cell.
          const cx = Math.floor((px * cells) / extent);
          const cy = Math.floor((py * cells) / extent);
          const kind = merge.kind(dot.tags);
          const key = ((cy + offset) * span + cx + offset) * KINDS + kind;
          const kept = merged.get(key);
          if (kept) {
            kept.id = id;
            kept.tags = dot.tags;
          } else {
            const centre: [number, number] = [
              Math.round(((2 * cx + 1) * extent) / (2 * cells)),
              Math.round(((2 * cy + 1) * extent) / (2 * cells)),
            ];
            merged.set(key, { type: 1, id, geometry: [centre], tags: dot.tags });
          }
        }
      }
    }
    if (!merge) return out;
    for (const [key, feature] of merged) if (key % KINDS === 0) out.push(feature);
    for (const [key, feature] of merged) if (key % KINDS !== 0) out.push(feature);
    return out;
  }
}
