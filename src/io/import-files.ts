import type { ErrorCode } from '../shared/errors';
import { AppError, toAppError } from '../shared/errors';
import { checkChinaExtent } from './china-extent';
import { coordinateTextFormat } from './coordinate-text.format';
import type { FormatContext } from './format.registry';
import { FORMATS, registerFormat } from './format.registry';
import { geoJsonFormat } from './geojson.format';
import {
  type ImportFile,
  type ImportInput,
  type ImportNote,
  type ImportOptions,
  type ImportResult,
  isDeferred,
  isSourceFile,
  type SourceFile,
} from './import.types';
import { NoteCollector } from './import-notes';
import { shapefileFormat } from './shapefile.registration';
import type { InflateBudget, ZipEntry, ZipLimits } from './zip.reader';
import {
  compressedEntry,
  DEFAULT_ZIP_LIMITS,
  deflatedCopy,
  isJunkEntry,
  looksLikeZip,
  readZipDirectory,
  readZipEntryAsync,
} from './zip.reader';

registerFormat(shapefileFormat);
registerFormat(geoJsonFormat);
registerFormat(coordinateTextFormat);

/** Largest total input accepted (bytes): beyond it the browser tab itself is at risk. */
export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

/** Extensions read from inside a zip; everything else is listed as ignored without inflating it. */
const WANTED_IN_ZIP = /\.(shp|dbf|shx|prj|cpg|geojson|json|txt)$/i;

const NOTE_TO_ERROR: Partial<Record<ImportNote['code'], ErrorCode>> = {
  'shp-truncated': 'file-incomplete',
  'shp-empty': 'file-incomplete',
  'crs-unknown': 'crs-unknown',
  'crs-needs-datum': 'crs-needs-datum',
  'geometry-unsupported-type': 'file-unsupported',
  'geometry-not-polygon': 'file-unsupported',
};

function cancelledCheck(signal: AbortSignal | undefined): () => void {
  return () => {
    if (signal?.aborted)
      throw new AppError('import-cancelled', 'The import was cancelled; nothing was stored.');
  };
}

/**
 * Promise.all that waits for every promise to settle before it rejects with the first failure, so
 * that no inflation keeps running (or rejects unheard) once the import has failed.
 */
async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** Unpacks zips (with caps) into a flat list of files; junk and unread entries become notes. */
async function expandZips(
  files: readonly SourceFile[],
  notes: NoteCollector,
  limits: ZipLimits,
  check: () => void,
): Promise<{ files: ImportFile[]; junkOnly: string[] }> {
  const out: ImportFile[] = [];
  const junkOnly: string[] = [];
  for (const file of files) {
    const isZip = /\.zip$/i.test(file.name) || looksLikeZip(file.bytes);
    if (!isZip) {
      out.push(file);
      continue;
    }
    if (file.bytes.length === 0)
      throw new AppError('file-incomplete', `${file.name} is empty (0 bytes). Get the file again.`, {
        file: file.name,
      });
    if (!looksLikeZip(file.bytes)) {
      throw new AppError(
        'file-unsupported',
        `${file.name} is not a zip archive (it does not start like one). Check the file.`,
        { file: file.name },
      );
    }
    const entries = readZipDirectory(file.bytes, limits);
    const budget: InflateBudget = { inflated: 0, limit: limits.maxTotalBytes };
    // The entries inflate together (a shapefile's .shp and .dbf are ~25 MB each in a county): the
    // platform's streams interleave, and each still counts against the one budget as it streams.
    const inflating: Promise<SourceFile>[] = [];
    check();
    let useful = 0;
    let junk = 0;
    for (const entry of entries) {
      if (entry.isDirectory) continue;
      if (isJunkEntry(entry.path)) {
        junk++;
        continue;
      }
      if (!WANTED_IN_ZIP.test(entry.path)) {
        notes.add({
          code: 'zip-entry-ignored',
          severity: 'info',
          message: `${entry.path}: not a file this app reads; ignored.`,
          file: file.name,
        });
        continue;
      }
      useful++;
      if (DEFERRED_IN_ZIP.test(entry.path)) {
        // Inflated when the shapefile reader asks, into a buffer it chooses (DeferredFile).
        // A damaged entry fails when it is inflated, like the others (not here, with some in flight).
        const deflated = /\.dbf$/i.test(entry.path) ? keptCopy(file.bytes, entry) : undefined;
        const bytes = file.bytes;
        out.push({
          name: entry.path,
          size: entry.uncompressedSize,
          ...(deflated ? { deflated } : {}),
          inflate: (into?: Uint8Array) => readZipEntryAsync(bytes, entry, budget, into),
          compressed: () => compressedEntry(bytes, entry, budget),
        });
        continue;
      }
      inflating.push(
        readZipEntryAsync(file.bytes, entry, budget).then((bytes) => ({
          name: entry.path,
          bytes,
          owned: true,
        })),
      );
    }
    out.push(...(await settleAll(inflating)));
    if (useful === 0) {
      if (junk > 0) junkOnly.push(file.name);
      else if (entries.length === 0)
        throw new AppError('file-unsupported', `${file.name} is an empty zip archive.`, { file: file.name });
    }
  }
  return { files: out, junkOnly };
}

/**
 * Zip entries left deflated until the shapefile reader asks for them (`DeferredFile`): it inflates
 * a layer's .dbf first and its .shp into the same buffer. Every other entry is inflated here, so
 * only a deferred .dbf carries the deflated copy a layer keeps for a re-decode.
 */
const DEFERRED_IN_ZIP = /\.(shp|dbf)$/i;

/** deflatedCopy, or undefined when the entry's header is damaged (its inflate then says so). */
function keptCopy(bytes: Uint8Array, entry: ZipEntry): Blob | undefined {
  try {
    return deflatedCopy(bytes, entry);
  } catch {
    return undefined;
  }
}

/** A file's bytes for a format that reads bytes (only .shp/.dbf entries are deferred). */
async function readNow(file: ImportFile): Promise<SourceFile> {
  return isDeferred(file) ? { name: file.name, bytes: await file.inflate(), owned: true } : file;
}

/** The inputs' bytes (picked files read now). */
export async function readImportInputs(files: readonly ImportInput[]): Promise<SourceFile[]> {
  return Promise.all(
    files.map(async (f) =>
      isSourceFile(f) ? f : { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), owned: true },
    ),
  );
}

/**
 * The one entry point of the importers. Takes the files the user dropped or picked (zips, loose
 * shapefile parts, GeoJSON, coordinate text), unpacks zips under size and entry caps, hands each
 * file to the format that claims it, and returns layers in lon/lat with every problem as a note.
 * Pure: no DOM, no storage, so it runs in a Worker (under a watchdog that can terminate it).
 * Throws only AppError: 'file-incomplete', 'file-too-large', 'file-unsupported', 'crs-unknown',
 * 'crs-needs-datum', 'import-cancelled' or 'import-failed', each with a message saying what to do.
 */
export async function importFiles(files: SourceFile[], options: ImportOptions = {}): Promise<ImportResult> {
  const check = cancelledCheck(options.signal);
  try {
    check();
    if (files.length === 0)
      throw new AppError(
        'file-unsupported',
        'No files were given. Choose a zipped shapefile, its parts, a GeoJSON or a coordinate text file.',
      );
    const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
    if (total > MAX_INPUT_BYTES) {
      throw new AppError(
        'file-too-large',
        `The files total ${Math.round(total / 1048576)} MB; at most ${MAX_INPUT_BYTES / 1048576} MB can be imported at once. Split the data.`,
        { bytes: total },
      );
    }
    const notes = new NoteCollector();
    options.onProgress?.({ stage: 'unzip', fraction: 0 });
    const { files: flat, junkOnly } = await expandZips(files, notes, DEFAULT_ZIP_LIMITS, check);
    const ctx: FormatContext = { options, notes, checkCancelled: check };
    const claimed = new Map<string, ImportFile[]>();
    for (const file of flat) {
      const format = FORMATS.find((f) => f.claims(file));
      if (!format) {
        notes.add({
          code: 'zip-entry-ignored',
          severity: 'info',
          message: `${file.name}: not a file this app reads; ignored.`,
          file: file.name,
        });
        continue;
      }
      const list = claimed.get(format.id) ?? [];
      list.push(file);
      claimed.set(format.id, list);
    }
    if (claimed.size === 0) {
      if (junkOnly.length > 0) {
        throw new AppError(
          'file-unsupported',
          `${junkOnly.join(', ')} holds only macOS metadata (__MACOSX) and no layer. Zip the data files themselves.`,
        );
      }
      if (files.length === 1 && files[0]?.bytes.length === 0)
        throw new AppError('file-incomplete', `${files[0].name} is empty (0 bytes).`);
      const zipped = files.some((f) => looksLikeZip(f.bytes));
      throw new AppError(
        'file-unsupported',
        zipped
          ? 'The zip holds no shapefile (.shp), GeoJSON or coordinate text file. Check that the right archive was chosen.'
          : 'No file here is a format this app reads: use a zipped shapefile, .shp with .dbf/.shx/.prj, .geojson/.json or a coordinate .txt.',
      );
    }
    const layers = [];
    for (const format of FORMATS) {
      const list = claimed.get(format.id);
      if (!list) continue;
      options.onProgress?.({ stage: 'parse', fraction: 0.1, file: list[0]?.name });
      if (format.id === 'shapefile') layers.push(...(await format.read(list, ctx)));
      else layers.push(...format.read(await Promise.all(list.map(readNow)), ctx));
    }
    if (layers.length === 0) {
      const errors = notes.notes.filter((n) => n.severity === 'error');
      const first = errors[0];
      const code = (first && NOTE_TO_ERROR[first.code]) ?? 'import-failed';
      const message =
        errors.length > 0
          ? errors
              .slice(0, 5)
              .map((n) => n.message)
              .join(' ')
          : 'No layer could be imported.';
      throw new AppError(code, message, { problems: errors.length });
    }
    for (const layer of layers) {
      const outside = checkChinaExtent(layer);
      if (outside) notes.add(outside);
    }
    options.onProgress?.({ stage: 'done', fraction: 1 });
    return { layers, notes: notes.notes };
  } catch (e) {
    // Libraries throw strings and RangeErrors; the UI receives only AppErrors.
    throw toAppError(e, 'import-failed');
  }
}
