import { Inflate } from 'fflate';
import { AppError } from '../shared/errors';

/** Limits that keep a hostile or broken archive from costing more than the import is worth. */
export interface ZipLimits {
  /** Sum of uncompressed sizes the archive may declare and actually inflate (default 512 MiB). */
  maxTotalBytes: number;
  /** Entries in the central directory (default 10,000). */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 512 * 1024 * 1024, maxEntries: 10_000 };

/** One central-directory entry. */
export interface ZipEntry {
  /** Path inside the archive, '/'-separated. */
  path: string;
  compressedSize: number;
  uncompressedSize: number;
  method: number;
  localHeaderOffset: number;
  isDirectory: boolean;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/**
 * Deflate expands at most ~1032:1, so a 16 KiB push can emit at most ~16.5 MiB past a cap; smaller
 * pushes cost fflate a window copy each (4 KiB pushes made a 22 MB county zip 3× slower).
 */
const CHUNK = 16 * 1024;

/** True when the bytes start like a zip (local header or empty-archive EOCD). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) &&
    (bytes[3] === 4 || bytes[3] === 6)
  );
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
let gbk: TextDecoder | undefined;

/** Entry names: UTF-8 when flagged or valid, else GBK (Windows zips in China write GBK names unflagged). */
function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(bytes);
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    gbk ??= new TextDecoder('gbk');
    return gbk.decode(bytes);
  }
}

/**
 * Reads the central directory with our own end-of-central-directory search (bounded to the last
 * 64 KiB + 22 bytes), so a truncated download is a 'file-incomplete' error at once — shpjs's unzip
 * loops forever on it (RELIABILITY §0.1). Declared sizes are capped before anything is inflated.
 */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  if (len < EOCD_MIN) {
    throw new AppError(
      'file-incomplete',
      'The zip file is incomplete (too short). Download or copy it again.',
      {
        bytes: len,
      },
    );
  }
  let eocd = -1;
  const lowest = Math.max(0, len - EOCD_MIN - MAX_COMMENT);
  for (let i = len - EOCD_MIN; i >= lowest; i--) {
    if (view.getUint32(i, true) === SIG_EOCD && i + EOCD_MIN + view.getUint16(i + 20, true) <= len) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new AppError(
      'file-incomplete',
      'The zip file is incomplete: its table of contents is missing (interrupted download or copy). Get the file again.',
    );
  }
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new AppError(
      'file-too-large',
      'ZIP64 archives (over 4 GB or 65,535 entries) are not supported. Split the data.',
    );
  }
  if (count > limits.maxEntries) {
    throw new AppError(
      'file-too-large',
      `The zip holds ${count} entries; at most ${limits.maxEntries} are accepted. Zip only the layers to import.`,
      { entries: count, limit: limits.maxEntries },
    );
  }
  if (cdOffset + cdSize > eocd) {
    throw new AppError(
      'file-incomplete',
      'The zip file is incomplete or damaged (table of contents out of place). Get the file again.',
    );
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let declaredTotal = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== SIG_CENTRAL) {
      throw new AppError(
        'file-incomplete',
        'The zip file is damaged (broken table of contents). Get the file again.',
      );
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen > eocd)
      throw new AppError('file-incomplete', 'The zip file is damaged (entry name out of range).');
    const path = decodeName(bytes.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0).replace(
      /\\/g,
      '/',
    );
    declaredTotal += uncompressedSize;
    if (declaredTotal > limits.maxTotalBytes) {
      throw new AppError(
        'file-too-large',
        `The zip unpacks to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB (declared). Import fewer layers at a time.`,
        { declared: declaredTotal, limit: limits.maxTotalBytes },
      );
    }
    entries.push({
      path,
      compressedSize,
      uncompressedSize,
      method,
      localHeaderOffset,
      isDirectory: path.endsWith('/'),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Running count of inflated bytes across one archive; the cap is enforced against actual output. */
export interface InflateBudget {
  inflated: number;
  readonly limit: number;
}

/**
 * Inflates one entry, counting every output byte as it streams: an archive that declares small
 * sizes but inflates more (a lying zip bomb) stops at its declared size or the budget, whichever
 * comes first, before it can eat memory. Uses the platform's DecompressionStream('deflate-raw')
 * (native zlib: ~25× faster than fflate's streaming Inflate, whose cost is per pushed chunk) and
 * falls back to fflate in 16 KiB pushes where it is missing.
 */
export async function readZipEntryAsync(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  /**
   * A buffer the caller owns and no longer needs, at least the entry's size: the entry is inflated
   * into its start (memory already written costs nothing more to write; see importShapefileLayer).
   */
  into?: Uint8Array,
): Promise<Uint8Array> {
  const data = entryData(bytes, entry, budget);
  if (!(data instanceof Uint8Array && entry.method === 8)) return data;
  const sink = new EntrySink(entry, budget, into);
  if (typeof DecompressionStream === 'function') await inflateNative(data, sink);
  else inflateFflate(data, sink);
  return sink.finish();
}

/**
 * Synchronous twin of `readZipEntryAsync` (fflate in 16 KiB pushes, same limits); for callers that
 * cannot await, such as backup restore. Slower on large entries.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const data = entryData(bytes, entry, budget);
  if (entry.method !== 8) return data;
  const sink = new EntrySink(entry, budget);
  inflateFflate(data, sink);
  return sink.finish();
}

/**
 * A copy of a deflated entry's compressed bytes (raw deflate, as they sit in the zip), or undefined
 * for a stored entry: how a layer's .dbf is kept for a later re-decode at a fraction of its size
 * (a county's 25.6 MB DBF is 3.6 MB deflated). `inflateKept` gives the bytes back.
 *
 * A Blob, not an array: IndexedDB stores a Blob in a value as a reference to bytes the browser
 * already holds, where it serialises, tries to compress and wraps an array on the writing thread.
 * In Chromium from a worker, the put of a layer's kept 3.6 MB took 0.3–5 ms instead of 37–55 ms
 * (and 36–97 ms inside a county's import), for about the same cost to make as the copy it replaces.
 */
export function deflatedCopy(bytes: Uint8Array, entry: ZipEntry): Blob | undefined {
  if (entry.method !== 8) return undefined;
  const data = entryData(bytes, entry, { inflated: 0, limit: Number.POSITIVE_INFINITY });
  return new Blob([data as Uint8Array<ArrayBuffer>]);
}

/**
 * A deflated entry's raw deflate stream (a view into `bytes`) and its declared size, for a reader
 * that inflates it elsewhere (another thread) with `inflateKept`, which stops at that size. The
 * declared size counts against `budget` now, as if inflated. Undefined for a stored entry; a
 * damaged local header or an exceeded cap throws as `readZipEntryAsync` does.
 */
export function compressedEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
): (DeflatedBytes & { deflated: Uint8Array }) | undefined {
  if (entry.method !== 8) return undefined;
  const deflated = entryData(bytes, entry, budget);
  budget.inflated += entry.uncompressedSize;
  if (budget.inflated > budget.limit) throw budgetError(budget);
  return { deflated, size: entry.uncompressedSize };
}

/** Bytes kept deflated (`deflatedCopy`), and their size inflated. */
export interface DeflatedBytes {
  /** A Blob; an array in what builds before the Blob stored (both are read). */
  deflated: Blob | Uint8Array;
  size: number;
}

/**
 * Inflates bytes kept by `deflatedCopy` under the same guards as an entry: no more than `size`
 * bytes come out, and a stream that ends short or is damaged is an AppError naming `name`.
 */
export async function inflateKept(kept: DeflatedBytes, name: string): Promise<Uint8Array> {
  const sink = new EntrySink({ path: name, uncompressedSize: kept.size }, { inflated: 0, limit: kept.size });
  const data =
    kept.deflated instanceof Uint8Array ? kept.deflated : new Uint8Array(await kept.deflated.arrayBuffer());
  if (typeof DecompressionStream === 'function') await inflateNative(data, sink);
  else inflateFflate(data, sink);
  return sink.finish();
}

/** Checks an entry's local header and returns its compressed bytes (or a copy of stored bytes). */
function entryData(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = entry.localHeaderOffset;
  if (h + 30 > bytes.length || view.getUint32(h, true) !== SIG_LOCAL) {
    throw new AppError(
      'file-incomplete',
      `The zip entry ${entry.path} is damaged or missing. Get the file again.`,
    );
  }
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) {
    throw new AppError('file-incomplete', `The zip entry ${entry.path} is cut short. Get the file again.`);
  }
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) {
      throw new AppError('import-failed', `The zip entry ${entry.path} is damaged (stored sizes differ).`);
    }
    budget.inflated += data.length;
    if (budget.inflated > budget.limit) throw budgetError(budget);
    return data.slice();
  }
  if (entry.method !== 8) {
    throw new AppError(
      'file-unsupported',
      `The zip entry ${entry.path} uses compression method ${entry.method}; re-zip it with standard (deflate) compression.`,
    );
  }
  return data;
}

/** Collects inflated chunks into the declared-size buffer, enforcing both limits on every chunk. */
class EntrySink {
  readonly out: Uint8Array;
  written = 0;
  failure: AppError | undefined;
  constructor(
    private readonly entry: Pick<ZipEntry, 'path' | 'uncompressedSize'>,
    private readonly budget: InflateBudget,
    into?: Uint8Array,
  ) {
    this.out =
      into && into.length >= entry.uncompressedSize
        ? into.subarray(0, entry.uncompressedSize)
        : new Uint8Array(entry.uncompressedSize);
  }
  /** False once a limit is hit (the caller stops feeding). */
  accept(chunk: Uint8Array): boolean {
    if (this.failure) return false;
    this.budget.inflated += chunk.length;
    if (this.written + chunk.length > this.out.length) {
      this.failure = new AppError(
        'file-too-large',
        `The zip entry ${this.entry.path} unpacks to more than the ${this.entry.uncompressedSize} bytes it declares (damaged or a zip bomb); import stopped.`,
        { inflated: this.budget.inflated, declared: this.entry.uncompressedSize },
      );
      return false;
    }
    if (this.budget.inflated > this.budget.limit) {
      this.failure = budgetError(this.budget);
      return false;
    }
    this.out.set(chunk, this.written);
    this.written += chunk.length;
    return true;
  }
  damaged(cause: unknown): AppError {
    return new AppError(
      'file-incomplete',
      `The zip entry ${this.entry.path} is damaged or cut short (${cause instanceof Error ? cause.message : 'inflate failed'}). Get the file again.`,
      {},
      cause,
    );
  }
  finish(): Uint8Array {
    if (this.failure) throw this.failure;
    if (this.written !== this.entry.uncompressedSize) {
      throw new AppError(
        'file-incomplete',
        `The zip entry ${this.entry.path} is shorter than declared (${this.written} of ${this.entry.uncompressedSize} bytes). Get the file again.`,
      );
    }
    return this.out;
  }
}

async function inflateNative(data: Uint8Array, sink: EntrySink): Promise<void> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // Rejections here resurface through the reader; swallow them so none goes unhandled on cancel.
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (!sink.accept(value)) {
        await reader.cancel().catch(() => undefined);
        return;
      }
    }
  } catch (e) {
    if (!sink.failure) throw sink.damaged(e);
  }
}

function inflateFflate(data: Uint8Array, sink: EntrySink): void {
  const inflater = new Inflate((chunk) => {
    sink.accept(chunk);
  });
  try {
    for (let off = 0; off < data.length && !sink.failure; off += CHUNK) {
      inflater.push(data.subarray(off, Math.min(off + CHUNK, data.length)), off + CHUNK >= data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (!sink.failure) throw sink.damaged(e);
  }
}

function budgetError(budget: InflateBudget): AppError {
  return new AppError(
    'file-too-large',
    `The zip unpacks to more than ${Math.round(budget.limit / 1048576)} MB; import stopped. Import fewer layers at a time.`,
    { inflated: budget.inflated, limit: budget.limit },
  );
}

/** Entries worth reading: not folders, not macOS resource forks (`__MACOSX/`, `._x`). */
export function isJunkEntry(path: string): boolean {
  const base = path.split('/').pop() ?? '';
  return (
    path.startsWith('__MACOSX/') ||
    path.includes('/__MACOSX/') ||
    base.startsWith('._') ||
    base === '.DS_Store' ||
    base === 'Thumbs.db'
  );
}
