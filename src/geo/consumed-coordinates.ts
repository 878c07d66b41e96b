import { flatRingOf } from './flat-ring';
import type { PackedGeometry } from './packed-geometry';

/**
 * Copies of packed geometries kept in memory already written: over an importer's own coordinate
 * array, where the rings already consumed were. For an import's hand-over to the map's worker,
 * which keeps each chunk's geometries (packed for its put, then freed) until the write ends.
 *
 * Why: a county's copies are 21 MB, and in fresh memory they cost what the first write to each
 * page costs here (~3.5–6.5 ms per MB in Chromium, 0.1–0.15 s for a county); the importer's array
 * was written when the file was read. Its place is safe to reuse when the import consumes the read
 * (the app's worker does: a commit takes the read whole):
 * - an importer's array belongs to one layer and holds its features' positions in feature order
 *   (io/shp.reader `inPlace`, io/geojson.format: rings of more than one ring copied out of it, the
 *   one-ring ones viewed in it, flat-ring.ts);
 * - the chunks come in feature order, so when a chunk is handed on, every position before the end
 *   of its last one-ring polygon belongs to a feature stored in it or before it, or left out;
 * - copies go one after another from the array's start, and only while the next ends there: a
 *   layer whose rings were repaired to more positions than they came with, a chunk with no one-ring
 *   polygon left flat, or one whose rings come from two arrays, gets a fresh copy instead.
 * Once copied over, the array's rings are no longer those features' positions: nothing may read
 * them (the import's read is gone), and moving the array's buffer to another thread moves the copies.
 */
export class ConsumedCoordinates {
  private array: Float64Array | null = null;
  /** Positions written from the array's start. */
  private written = 0;

  /**
   * A copy of `packed` (the packed form of `geometries`, in order) that does not share its arrays:
   * its coordinates over the importer's consumed ones where they fit, else fresh.
   */
  keep(packed: PackedGeometry, geometries: readonly unknown[]): PackedGeometry {
    // The three ends arrays in one buffer: a part's buffers are moved one by one (postMessage's
    // cost grows with their number).
    const { ringEnds, polygonEnds, geometryEnds } = packed;
    const ends = new Int32Array(ringEnds.length + polygonEnds.length + geometryEnds.length);
    ends.set(ringEnds);
    ends.set(polygonEnds, ringEnds.length);
    ends.set(geometryEnds, ringEnds.length + polygonEnds.length);
    const polygonsAt = ringEnds.length;
    const geometriesAt = polygonsAt + polygonEnds.length;
    return {
      coords: this.place(packed.coords, geometries) ?? copyOf(packed.coords),
      ringEnds: ends.subarray(0, polygonsAt),
      polygonEnds: ends.subarray(polygonsAt, geometriesAt),
      geometryEnds: ends.subarray(geometriesAt),
    };
  }

  /** How many positions the copies took over the importer's array (tests, benchmarks). */
  get positionsReused(): number {
    return this.written;
  }

  private place(coords: ArrayLike<number>, geometries: readonly unknown[]): Float64Array | null {
    let array: Float64Array | null = null;
    let end = -1;
    for (const geometry of geometries) {
      const flat = flatRingOf(geometry);
      if (!flat) continue;
      if (array === null) array = flat.coords;
      else if (flat.coords !== array) return null;
      if (flat.end > end) end = flat.end;
    }
    if (array === null) return null;
    if (this.array === null) this.array = array;
    else if (this.array !== array) return null;
    const count = coords.length / 2;
    if (this.written + count > end) return null;
    const place = array.subarray(this.written * 2, (this.written + count) * 2);
    place.set(coords);
    this.written += count;
    return place;
  }
}

function copyOf(array: ArrayLike<number>): ArrayLike<number> {
  return ArrayBuffer.isView(array) ? (array as Float64Array).slice() : Float64Array.from(array);
}
