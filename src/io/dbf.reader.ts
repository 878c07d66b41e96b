import { AppError } from '../shared/errors';
import { normalizeEncodingLabel } from './encoding';

/** One DBF field descriptor. */
export interface DbfField {
  name: string;
  /** C text, N/F number, D date, L logical; others are read as text. */
  type: string;
  length: number;
  decimals: number;
  /** Byte offset of the field within a record (after the deletion flag). */
  offset: number;
}

/** Header facts checked against the real file length before any record loop. */
export interface DbfHeader {
  declaredRecords: number;
  /** Records actually present in the file (≤ declared). */
  records: number;
  headerLength: number;
  recordLength: number;
  ldid: number;
  /** Raw name bytes of each field, decoded later with the layer's encoding. */
  fieldNameBytes: Uint8Array[];
  fieldTypes: string[];
  fieldLengths: number[];
  fieldDecimals: number[];
  /** Problems found, for notes: clamped count, record length mismatch. */
  problems: { kind: 'clamped' | 'record-length' | 'truncated'; message: string }[];
}

/**
 * Reads and sanity-checks a DBF header. A record count the file cannot hold (0xFFFFFFFF in a
 * 261-byte file, RELIABILITY §0.2) is clamped to what is there, with a problem reported, before
 * any loop runs; a header that does not fit at all is an AppError.
 */
export function readDbfHeader(bytes: Uint8Array): DbfHeader {
  if (bytes.length < 33)
    throw new AppError(
      'import-failed',
      'The .dbf file is too short to be a dBASE table; export the layer again.',
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declaredRecords = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const ldid = bytes[29] as number;
  if (headerLength < 33 || headerLength > bytes.length) {
    throw new AppError(
      'import-failed',
      `The .dbf header is damaged (header length ${headerLength} in a ${bytes.length}-byte file); export the layer again.`,
    );
  }
  const fieldNameBytes: Uint8Array[] = [];
  const fieldTypes: string[] = [];
  const fieldLengths: number[] = [];
  const fieldDecimals: number[] = [];
  for (let p = 32; p + 32 <= headerLength && bytes[p] !== 0x0d; p += 32) {
    let nameEnd = p;
    while (nameEnd < p + 11 && bytes[nameEnd] !== 0) nameEnd++;
    fieldNameBytes.push(bytes.subarray(p, nameEnd));
    fieldTypes.push(String.fromCharCode(bytes[p + 11] as number).toUpperCase());
    fieldLengths.push(bytes[p + 16] as number);
    fieldDecimals.push(bytes[p + 17] as number);
  }
  const problems: DbfHeader['problems'] = [];
  const sum = 1 + fieldLengths.reduce((a, b) => a + b, 0);
  let effectiveRecordLength = recordLength;
  if (recordLength !== sum) {
    problems.push({
      kind: 'record-length',
      message: `The .dbf header says records of ${recordLength} bytes but its fields add up to ${sum}; read by the fields.`,
    });
    effectiveRecordLength = sum;
  }
  const available =
    effectiveRecordLength > 0 ? Math.floor((bytes.length - headerLength) / effectiveRecordLength) : 0;
  let records = declaredRecords;
  if (declaredRecords > available) {
    records = available;
    problems.push({
      kind: declaredRecords > available * 2 + 16 ? 'clamped' : 'truncated',
      message: `The .dbf header claims ${declaredRecords} records but the file holds only ${available}; read ${available}.`,
    });
  }
  return {
    declaredRecords,
    records,
    headerLength,
    recordLength: effectiveRecordLength,
    ldid,
    fieldNameBytes,
    fieldTypes,
    fieldLengths,
    fieldDecimals,
    problems,
  };
}

/** Decoded DBF: field list and one null-prototype object per record. */
export interface DbfTable {
  fields: DbfField[];
  records: Record<string, unknown>[];
  encoding: string;
  header: DbfHeader;
}

/** Bytes of all text cells, to decide the encoding on what will actually be decoded. */
export function dbfTextSample(bytes: Uint8Array, header: DbfHeader, maxBytes = 256 * 1024): Uint8Array {
  const parts: Uint8Array[] = [...header.fieldNameBytes];
  let size = 0;
  const offsets: number[] = [];
  let o = 1;
  for (const len of header.fieldLengths) {
    offsets.push(o);
    o += len;
  }
  for (let r = 0; r < header.records && size < maxBytes; r++) {
    const base = header.headerLength + r * header.recordLength;
    for (let f = 0; f < header.fieldTypes.length; f++) {
      if (header.fieldTypes[f] !== 'C') continue;
      const start = base + (offsets[f] as number);
      const cell = bytes.subarray(start, start + (header.fieldLengths[f] as number));
      parts.push(cell);
      size += cell.length;
    }
  }
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length + 1, 0));
  let w = 0;
  for (const p of parts) {
    out.set(p, w);
    w += p.length;
    out[w++] = 0x20; // a separator so a multi-byte character cannot straddle two cells
  }
  return out;
}

/** Decodes a cell: ASCII directly (most cells are codes and numbers), anything else with the decoder. */
function asciiOrDecode(bytes: Uint8Array, start: number, end: number, decoder: TextDecoder): string {
  for (let i = start; i < end; i++) {
    if ((bytes[i] as number) > 0x7f) return decoder.decode(bytes.subarray(start, end));
  }
  return asciiString(bytes, start, end);
}

/** One reusable array of char codes per cell length (a DBF cell is at most 255 bytes). */
const codeArrays: number[][] = [];

/**
 * Bytes start…end − 1, all below 0x80, as a string. The codes go through a kept plain array of that
 * length: `fromCharCode.apply` on a fresh subarray per cell took twice as long in V8 (300k code
 * cells of a county: ~140 against ~65 ms in Node).
 */
function asciiString(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n < 1) return '';
  let codes = codeArrays[n];
  if (!codes) {
    codes = new Array<number>(n).fill(0);
    codeArrays[n] = codes;
  }
  for (let i = 0; i < n; i++) codes[i] = bytes[start + i] as number;
  return String.fromCharCode.apply(null, codes);
}

/** Trims dBASE padding: trailing spaces and NULs. */
function trimEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  return end;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Parses an ASCII number cell; empty, '*'-filled or malformed cells are null. Up to 15 significant
 * digits it divides two exact integers (correctly rounded, same as Number()) without building a
 * string; longer or exponent forms fall back to Number().
 */
function parseNumber(bytes: Uint8Array, start: number, end: number): number | null {
  while (start < end && (bytes[start] === 0x20 || bytes[start] === 0)) start++;
  end = trimEnd(bytes, start, end);
  if (start === end) return null;
  let i = start;
  let negative = false;
  if (bytes[i] === 0x2d || bytes[i] === 0x2b) {
    negative = bytes[i] === 0x2d;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = bytes[i] as number;
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (fraction >= 0) fraction++;
    } else if ((c === 0x2e || c === 0x2c) && fraction < 0) {
      fraction = 0;
    } else {
      break;
    }
  }
  if (i === end && digits > 0 && digits <= 15) {
    const value = fraction > 0 ? mantissa / (POW10[fraction] as number) : mantissa;
    return negative ? -value : value;
  }
  if (bytes[start] === 0x2a) return null;
  let s = '';
  for (let k = start; k < end; k++) s += String.fromCharCode(bytes[k] as number);
  const v = Number(s.replace(',', '.'));
  return s.trim() !== '' && Number.isFinite(v) ? v : null;
}

/**
 * The class of decoded records. Its prototype is an empty, frozen object with no prototype of its
 * own, so a record inherits nothing (hostile field names such as `__proto__` or `constructor` are
 * plain own keys, as on a null-prototype object), while V8 keeps the records in fast mode with one
 * shared hidden class — `Object.create(null)` objects are hash tables, three times slower to fill.
 */
class DbfRow {}
Object.setPrototypeOf(DbfRow.prototype, null);
Reflect.deleteProperty(DbfRow.prototype, 'constructor');
Object.freeze(DbfRow.prototype);

/** An empty attribute record of that class, for other importers' rows too (GeoJSON properties). */
export const newAttributeRow = (): Record<string, unknown> => new DbfRow() as Record<string, unknown>;

/**
 * Repeated cell values (用途 codes, categories, dates, town names) are decoded once per column:
 * a small table keyed by a hash of the cell's bytes, checked byte for byte, gives back the same
 * string. A column whose values rarely repeat (parcel codes, owners) stops using it after a trial.
 */
class ColumnCache {
  private readonly starts = new Int32Array(512).fill(-1);
  private readonly lengths = new Int32Array(512);
  private readonly values: unknown[] = new Array(512);
  private lookups = 0;
  private hits = 0;
  active = true;

  constructor(private readonly bytes: Uint8Array) {}

  /** Slot of a cell's bytes (start, end), for get/set. */
  slot(start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (this.bytes[i] as number), 0x01000193);
    return (h ^ (h >>> 9)) & 511;
  }

  /** The cached value for these bytes, or undefined. */
  get(slot: number, start: number, end: number): unknown {
    this.lookups++;
    const s = this.starts[slot] as number;
    if (s < 0 || this.lengths[slot] !== end - start) return this.miss();
    const bytes = this.bytes;
    for (let i = 0; i < end - start; i++) if (bytes[s + i] !== bytes[start + i]) return this.miss();
    this.hits++;
    return this.values[slot];
  }

  set(slot: number, start: number, end: number, value: unknown): void {
    this.starts[slot] = start;
    this.lengths[slot] = end - start;
    this.values[slot] = value;
  }

  private miss(): undefined {
    // After a trial of 2,000 cells, a column hitting less than a quarter of the time stops looking.
    if (this.lookups === 2_000 && this.hits * 4 < this.lookups) this.active = false;
    return undefined;
  }
}

/**
 * Decodes a whole .dbf with one encoding (any TextDecoder label or code page such as '936').
 * Used on import and again when the user switches a layer's encoding: the raw buffer is kept, so
 * re-decoding is lossless. Field names keep hostile keys (`__proto__`, `constructor`) as plain
 * own keys of records that inherit nothing; duplicate names get `_2`, `_3`.
 */
export function decodeDbf(bytes: Uint8Array, encoding: string): DbfTable {
  const header = readDbfHeader(bytes);
  const label = normalizeEncodingLabel(encoding) ?? 'utf-8';
  const decoder = new TextDecoder(label);
  const fields: DbfField[] = [];
  const seen = new Set<string>();
  let offset = 1;
  for (let f = 0; f < header.fieldNameBytes.length; f++) {
    const raw = header.fieldNameBytes[f] as Uint8Array;
    let name = asciiOrDecode(raw, 0, raw.length, decoder).trim() || `FIELD${f + 1}`;
    if (seen.has(name)) {
      let k = 2;
      while (seen.has(`${name}_${k}`)) k++;
      name = `${name}_${k}`;
    }
    seen.add(name);
    fields.push({
      name,
      type: header.fieldTypes[f] as string,
      length: header.fieldLengths[f] as number,
      decimals: header.fieldDecimals[f] as number,
      offset,
    });
    offset += header.fieldLengths[f] as number;
  }
  const fieldCount = fields.length;
  const names = fields.map((f) => f.name);
  const kinds = fields.map((f) =>
    f.type === 'N' || f.type === 'F' || f.type === 'O' ? 1 : f.type === 'D' ? 2 : f.type === 'L' ? 3 : 0,
  );
  const offsets = fields.map((f) => f.offset);
  const lengths = fields.map((f) => f.length);
  const caches = fields.map(() => new ColumnCache(bytes));
  const records: Record<string, unknown>[] = new Array(header.records);
  // Non-ASCII text cells are decoded in one TextDecoder call per table, NUL-separated (NUL is never
  // part of a GBK or UTF-8 multi-byte character): per-cell decode calls cost ~2 µs each in V8/ICU
  // and were most of the time on a 100k-row GBK table.
  let batchSize = 0;
  for (let f = 0; f < fieldCount; f++) if (kinds[f] === 0) batchSize += (lengths[f] as number) + 1;
  const batch = new Uint8Array(
    Math.min(batchSize * header.records, bytes.length + header.records * fieldCount),
  );
  let batchLength = 0;
  let slots = 0;
  // Cells waiting for the batched decode: record × field count + field, and the decoded slot, in
  // typed arrays that double when full (pushing onto plain arrays was a third of the decode on a
  // 100k-row table). At most one entry per text cell.
  let textFields = 0;
  for (let f = 0; f < fieldCount; f++) if (kinds[f] === 0) textFields++;
  let pendingCell = new Int32Array(Math.min(header.records * textFields, 1 << 16));
  let pendingSlot = new Int32Array(pendingCell.length);
  let pending = 0;
  const wait = (cell: number, slot: number): void => {
    if (pending === pendingCell.length) {
      const grown = Math.min(pendingCell.length * 2, header.records * textFields);
      const cells = new Int32Array(grown);
      cells.set(pendingCell);
      const slotsGrown = new Int32Array(grown);
      slotsGrown.set(pendingSlot);
      pendingCell = cells;
      pendingSlot = slotsGrown;
    }
    pendingCell[pending] = cell;
    pendingSlot[pending++] = slot;
  };
  for (let r = 0; r < header.records; r++) {
    const base = header.headerLength + r * header.recordLength;
    const record = new DbfRow() as Record<string, unknown>;
    for (let f = 0; f < fieldCount; f++) {
      const start = base + (offsets[f] as number);
      const end = start + (lengths[f] as number);
      const kind = kinds[f] as number;
      let value: unknown;
      if (kind === 1) {
        value = parseNumber(bytes, start, end);
      } else if (kind === 3) {
        const c = String.fromCharCode(bytes[start] as number).toUpperCase();
        value = c === 'T' || c === 'Y' ? true : c === 'F' || c === 'N' ? false : null;
      } else {
        const e = trimEnd(bytes, start, end);
        const cache = caches[f] as ColumnCache;
        const slot = cache.active ? cache.slot(start, e) : -1;
        const cached = slot >= 0 ? cache.get(slot, start, e) : undefined;
        if (cached !== undefined) {
          if (typeof cached === 'number') {
            // The same bytes are still waiting in the batch: share their decoded slot.
            wait(r * fieldCount + f, cached);
            value = '';
          } else {
            value = cached;
          }
        } else if (kind === 2) {
          const t = asciiOrDecode(bytes, start, e, decoder).trim();
          value = /^\d{8}$/.test(t)
            ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`
            : t === ''
              ? null
              : t;
          if (slot >= 0 && value !== null) cache.set(slot, start, e, value);
        } else {
          let plain = true;
          let nul = false;
          for (let i = start; i < e; i++) {
            const b = bytes[i] as number;
            if (b > 0x7f) plain = false;
            else if (b === 0) nul = true;
          }
          if (plain || nul || batchLength + (e - start) + 1 > batch.length) {
            value = plain ? asciiString(bytes, start, e) : asciiOrDecode(bytes, start, e, decoder);
            if (slot >= 0) cache.set(slot, start, e, value);
          } else {
            // A byte loop: cells are short, and a subarray + set per cell costs more.
            for (let i = start; i < e; i++) batch[batchLength++] = bytes[i] as number;
            batch[batchLength++] = 0;
            wait(r * fieldCount + f, slots);
            if (slot >= 0) cache.set(slot, start, e, slots);
            slots++;
            value = '';
          }
        }
      }
      record[names[f] as string] = value;
    }
    records[r] = record;
  }
  if (pending > 0) {
    const decoded = decoder.decode(batch.subarray(0, batchLength)).split('\u0000');
    for (let k = 0; k < pending; k++) {
      const cell = pendingCell[k] as number;
      const r = Math.floor(cell / fieldCount);
      (records[r] as Record<string, unknown>)[names[cell - r * fieldCount] as string] =
        decoded[pendingSlot[k] as number] ?? '';
    }
  }
  return { fields, records, encoding: label, header };
}
