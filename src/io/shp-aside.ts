import { extentOf, swapAxesInPlace } from '../geo/crs/crs-resolve';
import { parsePrj } from '../geo/crs/prj.parser';
import { reprojectToLonLat } from '../geo/crs/reproject';
import { decideCrs } from './crs-decision';
import {
  bytesOf,
  type ImportFile,
  type ImportNote,
  type ImportOptions,
  isDeferred,
  SHP_ASIDE_MIN_BYTES,
} from './import.types';
import { NoteCollector } from './import-notes';
import { readShp, type ShpData } from './shp.reader';
import { inflateKept } from './zip.reader';

// A zipped shapefile's .shp read beside its .dbf (ImportOptions.readShpAside): on the import's .shp
// reader thread in the app, while the import worker inflates and decodes the .dbf.

const decodeText = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

/** A layer's CRS decision (decideCrs) and the notes it made. */
export interface PlacedShp {
  decision: ReturnType<typeof decideCrs>;
  notes: ImportNote[];
}

/** A .shp read beside its .dbf: its records, and its CRS decided and coordinates converted. */
export interface ShpAside {
  shp: ShpData;
  placed: PlacedShp;
}

/** What a .shp read beside its .dbf needs (ImportOptions.readShpAside). */
export interface ShpAsideRequest {
  /** The .shp's raw deflate stream and declared size (DeferredFile.compressed). */
  compressed: { deflated: Uint8Array; size: number };
  name: string;
  /** The layer's .prj, if any. */
  prj?: Uint8Array;
  options: Pick<ImportOptions, 'crsOverride' | 'towgs84'>;
  where: { file: string; layer: string };
}

/**
 * The layer's CRS decided on the .shp's raw extent (user override → .prj → the coordinates
 * themselves) and, when it can be used, the whole flat array converted to lon/lat in place.
 */
export function placeShp(
  shp: ShpData,
  prj: Uint8Array | undefined,
  options: Pick<ImportOptions, 'crsOverride' | 'towgs84'>,
  notes: NoteCollector,
  where: { file: string; layer: string },
): PlacedShp['decision'] {
  const declared = prj ? parsePrj(decodeText(prj)) : undefined;
  const decision = decideCrs(declared, extentOf(shp.coords), options, notes, where);
  if (decision.ok) {
    if (decision.value.swapAxes) swapAxesInPlace(shp.coords);
    reprojectToLonLat(decision.value.crs, shp.coords);
  }
  return decision;
}

/**
 * A zipped .shp inflated, read (in place) and placed (CRS decided, coordinates converted) from its
 * raw deflate stream: what the import's .shp reader thread runs (ImportOptions.readShpAside), under
 * the same cap as an entry (no more than the declared size comes out).
 */
export async function readCompressedShp(request: ShpAsideRequest): Promise<ShpAside> {
  const shp = readShp(await inflateKept(request.compressed, request.name), { inPlace: true });
  return placedAside(shp, request.prj, request.options, request.where);
}

/** A .shp read, placed, with the notes of its placing kept apart (they join the report later). */
function placedAside(
  shp: ShpData,
  prj: Uint8Array | undefined,
  options: Pick<ImportOptions, 'crsOverride' | 'towgs84'>,
  where: { file: string; layer: string },
): ShpAside {
  const notes = new NoteCollector();
  return { shp, placed: { decision: placeShp(shp, prj, options, notes, where), notes: notes.notes } };
}

/**
 * A large zipped .shp handed to `options.readShpAside`, started before the .dbf is read so that
 * both inflate and parse at once, the .shp's CRS decided and its coordinates converted there too.
 * Undefined when the .shp is read here. Its failure (a damaged entry, the zip's cap) comes when it
 * is awaited, after the .dbf's, as the inflate's does.
 */
export function readShpAside(
  shpFile: ImportFile,
  prjFile: ImportFile | undefined,
  options: ImportOptions,
  where: { file: string; layer: string },
): Promise<ShpAside> | undefined {
  const read = options.readShpAside;
  if (!read || !isDeferred(shpFile) || !shpFile.compressed || shpFile.size < SHP_ASIDE_MIN_BYTES)
    return undefined;
  const compressed = shpFile.compressed;
  // Not awaited by the caller until the .dbf is read: an async function returning this promise
  // would be waited for whole.
  const aside = (async () => {
    const prj = prjFile ? await bytesOf(prjFile) : undefined;
    const stream = compressed();
    const crsOptions = {
      ...(options.crsOverride !== undefined ? { crsOverride: options.crsOverride } : {}),
      ...(options.towgs84 !== undefined ? { towgs84: options.towgs84 } : {}),
    };
    if (stream)
      return read({
        compressed: stream,
        name: shpFile.name,
        options: crsOptions,
        where,
        ...(prj ? { prj } : {}),
      });
    // A .shp stored uncompressed: nothing to inflate, read here.
    return placedAside(readShp(await shpFile.inflate(), { inPlace: true }), prj, crsOptions, where);
  })();
  aside.catch(() => {});
  return aside;
}
