import type { LayerRole, ParcelFacts } from '../domain/parcel';
import type { CrsDescription } from '../geo/crs/crs.types';
import type { AreaGeometry } from '../geo/geometry.types';
import type { ValidityCode } from '../geo/validity/polygon.validator';
import type { ShpAside, ShpAsideRequest } from './shp-aside';
import type { DeflatedBytes } from './zip.reader';

/** A file handed to the importer: a name (for extension and layer name) and its bytes. */
export interface SourceFile {
  name: string;
  bytes: Uint8Array;
  /** For a .dbf read from a zip: its bytes as they were deflated there (see `deflatedCopy`). */
  deflated?: Blob;
  /**
   * True when `bytes` belong to this import alone (a zip entry it inflated, a file it read from a
   * Blob), so a reader may overwrite them as it goes (readShp's `inPlace`).
   */
  owned?: boolean;
}

/**
 * A zip entry left deflated until its reader asks for it: a shapefile's `.shp` and `.dbf`. The
 * shapefile reader inflates the `.dbf` into a buffer big enough for either, decodes its rows, and
 * then inflates the `.shp` into the same buffer (importShapefileLayer): a county then writes one
 * buffer of fresh memory instead of two, and fresh memory is what the read pays for most.
 */
export interface DeferredFile {
  name: string;
  /** Its size inflated, as the zip declares it (within the zip reader's caps). */
  size: number;
  /** For a .dbf: its bytes as they were deflated in the zip (see `deflatedCopy`). */
  deflated?: Blob;
  /**
   * Inflates it (under the zip's caps, errors as AppErrors) into the start of `into` when that is
   * at least `size` long: a buffer the import owns and no longer needs.
   */
  inflate(into?: Uint8Array): Promise<Uint8Array>;
  /**
   * Instead of `inflate`: its raw deflate stream and declared size (`compressedEntry`), for a reader
   * that inflates it on another thread. Undefined for an entry stored uncompressed.
   */
  compressed?(): { deflated: Uint8Array; size: number } | undefined;
}

/** A file as the formats receive it: read, or a zip entry still to inflate. */
export type ImportFile = SourceFile | DeferredFile;

/**
 * Below this size a zipped .shp is inflated and read in the import worker itself: handing it to
 * another thread (ImportOptions.readShpAside) costs more than it saves.
 */
export const SHP_ASIDE_MIN_BYTES = 4 * 2 ** 20;

/** Whether a file is a zip entry still to inflate. */
export const isDeferred = (file: ImportFile): file is DeferredFile => 'inflate' in file;

/** A part's bytes: read already, or inflated now. */
export const bytesOf = async (file: ImportFile): Promise<Uint8Array> =>
  isDeferred(file) ? file.inflate() : file.bytes;

/** A file the user picked or dropped, not read yet (a DOM File fits). */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * What an import session is given: bytes already read, or a picked file that the session reads
 * itself — in the app, a File goes to the import worker as a handle and is read there, so the UI
 * thread neither reads nor copies a county's 20 MB (copying it to the worker was a 100 ms task).
 */
export type ImportInput = SourceFile | PickedFile;

/**
 * Whether an input is bytes in hand. Not `'bytes' in input`: a DOM File has a `bytes()` method
 * (Chromium 132+), so only the value tells.
 */
export const isSourceFile = (input: ImportInput | { bytes?: unknown }): input is SourceFile =>
  (input as { bytes?: unknown }).bytes instanceof Uint8Array;

/**
 * Codes of import notes. Each names a problem the user can act on (or a decision they should
 * know about); the UI translates by code and shows `message` as the fallback.
 */
export type ImportNoteCode =
  | ValidityCode
  | 'encoding-used'
  | 'encoding-mismatch'
  | 'crs-used'
  | 'crs-assumed'
  | 'crs-guessed'
  | 'crs-prefix-removed'
  | 'crs-prefix-added'
  | 'crs-zone-mismatch'
  | 'crs-axes-swapped'
  | 'crs-unknown'
  | 'crs-needs-datum'
  | 'crs-outside-china'
  | 'zip-entry-ignored'
  | 'zip-entry-name-undecodable'
  | 'shp-truncated'
  | 'shp-header-length-mismatch'
  | 'shp-record-invalid'
  | 'shp-empty'
  | 'shx-missing'
  | 'shx-invalid'
  | 'dbf-missing'
  | 'dbf-invalid'
  | 'dbf-record-count-clamped'
  | 'dbf-record-length-mismatch'
  | 'dbf-truncated'
  | 'count-mismatch'
  | 'geometry-null'
  | 'geometry-zm-dropped'
  | 'geometry-unsupported-type'
  | 'geometry-not-polygon'
  | 'geometry-extra-dimensions'
  | 'geometry-string-numbers'
  | 'geojson-nested-collection'
  | 'geojson-unknown-type'
  | 'geojson-missing-properties'
  | 'geojson-crs-member'
  | 'text-line-invalid'
  | 'text-parcel-invalid'
  | 'text-header-value'
  | 'layer-empty'
  | 'part-missing'
  | 'geometry-type-refused'
  | 'area-invalid';

/** A user-actionable problem found during import. Problems are notes, not throws. */
export interface ImportNote {
  code: ImportNoteCode;
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** Source file and layer the note concerns. */
  file?: string;
  layer?: string;
  /** 1-based record numbers (first 100) or a 1-based line number for text formats. */
  records?: number[];
  line?: number;
  /** How many records/lines are concerned in total (records lists only the first ones). */
  count?: number;
}

/** One imported feature: lon/lat geometry (RFC 7946 winding) and its attributes as they came. */
export interface ImportedFeature {
  geometry: AreaGeometry;
  /** Null-prototype object: hostile keys such as `__proto__` stay plain own keys. */
  properties: Record<string, unknown>;
  /** 1-based record (or parcel) number in the source, for notes and re-decoding. */
  record: number;
  /** Unrepaired validity problems (the feature is kept so the user can see and fix it). */
  problems?: ValidityCode[];
}

/** How the layer's text was decoded and how that was decided. */
export interface EncodingInfo {
  encoding: string;
  source: 'user' | 'cpg' | 'ldid' | 'detected' | 'bom' | 'not-applicable';
  /** The `.cpg` text or language-driver byte that was read, for the report. */
  declared?: string;
}

/** One layer of an import. */
export interface ImportedLayer {
  name: string;
  /** Files the layer came from (zip entry paths or file names). */
  sourceFiles: string[];
  format: 'shapefile' | 'geojson' | 'coordinate-text';
  /** Geometry type of the source before conversion ('Polygon', 'Point', 'PolygonZ' …). */
  sourceGeometryType: string;
  features: ImportedFeature[];
  /** The source CRS used for reprojection; features are always lon/lat. */
  crs: CrsDescription;
  /** True when the CRS is a guess the user should confirm. */
  crsNeedsConfirmation: boolean;
  encoding: EncodingInfo;
  fieldNames: string[];
  roleGuess: LayerRole;
  fieldMapping: FieldMapping;
  featuresRead: number;
  featuresSkipped: number;
  /**
   * The raw `.dbf` bytes so the layer can be re-decoded in another encoding (`decodeDbf`), when
   * they were not deflated in a zip (loose files, a stored entry).
   */
  dbf?: Uint8Array;
  /** The `.dbf` as it was deflated in the zip, and its size: what is stored for a re-decode. */
  dbfDeflated?: DeflatedBytes;
  /** Lon/lat extent of the imported features. */
  bbox?: [number, number, number, number];
}

/** Maps a ParcelFacts key to the source field that fills it. */
export type FieldMapping = Partial<Record<keyof ParcelFacts, string>>;

/** What an import returns: layers and the notes (problems and decisions) for the report. */
export interface ImportResult {
  layers: ImportedLayer[];
  notes: ImportNote[];
}

/** Progress of an import, for the progress bar (fraction 0–1 and a stage name). */
export interface ImportProgress {
  stage: 'unzip' | 'parse' | 'reproject' | 'validate' | 'done';
  fraction: number;
  file?: string;
}

/** Options of `importFiles`. */
export interface ImportOptions {
  /** Force the text encoding of DBF and coordinate-text files (any TextDecoder label, or 936 …). */
  encoding?: string;
  /** Use this CRS instead of the declared/guessed one: a CrsDescription, 'EPSG:4527' or WKT. */
  crsOverride?: CrsDescription | string;
  /** 3 or 7 datum parameters to accept Xian 1980 / Beijing 1954 data. */
  towgs84?: readonly number[];
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /**
   * Inflates, reads and places (CRS, reprojection) a large zipped .shp elsewhere (the import's .shp
   * reader thread) while the layer's .dbf is inflated and decoded here: `readCompressedShp` on
   * another thread.
   */
  readShpAside?: (request: ShpAsideRequest) => Promise<ShpAside>;
}
