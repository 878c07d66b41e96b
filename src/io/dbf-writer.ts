import { encodeGbk } from './gbk-encoder';
import type {
  AttributeValue,
  DbfEncoding,
  DbfField,
  FieldSpec,
  ShapefileFeature,
  ShapefileNotes,
} from './shapefile-writer.types';

const MAX_C_LENGTH = 254;
const MAX_N_LENGTH = 20;
const MAX_DECIMALS = 8;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;
/** dBase language driver id for code page 936 (GBK); there is none for UTF-8. */
const LDID_GBK = 0x4d;
/** Distinct non-ASCII texts kept encoded per write (owners, places, labels repeat across a county). */
const MAX_CACHED_TEXTS = 200_000;

type Encoder = (text: string) => Uint8Array;

const silentNotes = (): ShapefileNotes => ({
  unencodableCharacters: 0,
  truncatedValues: 0,
  overflowedNumbers: 0,
  nullGeometries: 0,
});

function makeEncoder(encoding: DbfEncoding, notes: ShapefileNotes): Encoder {
  if (encoding === 'utf-8') {
    const utf8 = new TextEncoder();
    return (text) => utf8.encode(text);
  }
  return (text) => {
    const { bytes, unencodable } = encodeGbk(text);
    notes.unencodableCharacters += unencodable;
    return bytes;
  };
}

/**
 * Text in the DBF's encoding with the costs taken out of the common cases: ASCII is written byte
 * for byte without encoding, and other texts are encoded once per write (for sizing and writing).
 */
class TextCells {
  private readonly cache = new Map<string, { bytes: Uint8Array; unencodable: number }>();
  private readonly counted: ShapefileNotes = silentNotes();
  private readonly countingEncoder: Encoder;

  constructor(
    private readonly encoding: DbfEncoding,
    private readonly notes: ShapefileNotes,
  ) {
    this.countingEncoder = makeEncoder(encoding, notes);
  }

  private encoded(text: string): { bytes: Uint8Array; unencodable: number } {
    let hit = this.cache.get(text);
    if (hit === undefined) {
      const before = this.counted.unencodableCharacters;
      const bytes = makeEncoder(this.encoding, this.counted)(text);
      hit = { bytes, unencodable: this.counted.unencodableCharacters - before };
      if (this.cache.size < MAX_CACHED_TEXTS) this.cache.set(text, hit);
    }
    return hit;
  }

  /** Encoded length in bytes. */
  byteLength(text: string): number {
    return isAscii(text) ? text.length : this.encoded(text).bytes.length;
  }

  /** Writes `text` at `at`, cut to `max` bytes at a character boundary; true when cut. */
  write(text: string, target: Uint8Array, at: number, max: number): boolean {
    if (isAscii(text)) {
      const length = Math.min(text.length, max);
      for (let i = 0; i < length; i++) target[at + i] = text.charCodeAt(i);
      return text.length > max;
    }
    const { bytes, unencodable } = this.encoded(text);
    if (bytes.length <= max) {
      this.notes.unencodableCharacters += unencodable;
      target.set(bytes, at);
      return false;
    }
    const fitted = fitText(text, max, this.countingEncoder);
    target.set(fitted.bytes, at);
    return fitted.cut;
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * Cuts encoded text to at most `max` bytes without splitting a character: the last kept byte
 * must end a character, which is decided by re-encoding character prefixes.
 */
function fitText(text: string, max: number, encode: Encoder): { bytes: Uint8Array; cut: boolean } {
  const bytes = encode(text);
  if (bytes.length <= max) return { bytes, cut: false };
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (encode(chars.slice(0, mid).join('')).length <= max) low = mid;
    else high = mid - 1;
  }
  return { bytes: encode(chars.slice(0, low).join('')), cut: true };
}

/**
 * DBF field names for `wanted` names: at most 10 bytes in the encoding, cut at a character
 * boundary; a name equal (case-insensitively, as DBF readers compare) to an earlier one gets a
 * numeric suffix `_1`, `_2`, … on its cut base. Control characters become '_'; an empty name
 * becomes FIELD.
 */
export function dbfFieldNames(wanted: string[], encoding: DbfEncoding): string[] {
  const encode = makeEncoder(encoding, silentNotes());
  const decoder = new TextDecoder(encoding);
  const cut = (text: string, max: number): string => decoder.decode(fitText(text, max, encode).bytes);
  const taken = new Set<string>();
  return wanted.map((raw) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip
    const clean = raw.replace(/[\u0000-\u001f\u007f]/g, '_').trim() || 'FIELD';
    let name = cut(clean, 10);
    for (let n = 1; taken.has(name.toUpperCase()); n++) {
      const suffix = `_${n}`;
      name = cut(clean, 10 - suffix.length) + suffix;
    }
    taken.add(name.toUpperCase());
    return name;
  });
}

/** Decimal digits after the point in the shortest representation of `value`. */
function fractionDigits(value: number): number {
  const text = String(Math.abs(value));
  if (text.includes('e')) {
    const [mantissa = '', exponent = '0'] = text.split('e');
    const mantissaDigits = (mantissa.split('.')[1] ?? '').length;
    return Math.max(0, mantissaDigits - Number(exponent));
  }
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

function textOf(value: AttributeValue): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** Infers a field for `property` from the layer's values, completing what the spec gave. One pass per field. */
function resolveField(
  spec: FieldSpec,
  name: string,
  features: ShapefileFeature[],
  text: TextCells,
): DbfField {
  const property = spec.property;
  let type = spec.type;
  if (!type) {
    let any = false;
    let allBoolean = true;
    let allNumber = true;
    let allDate = true;
    for (const feature of features) {
      const v = feature.properties[property];
      if (v === null || v === undefined) continue;
      any = true;
      if (typeof v !== 'boolean') allBoolean = false;
      if (typeof v !== 'number' || !Number.isFinite(v)) allNumber = false;
      if (typeof v !== 'string' || !ISO_DATE.test(v)) allDate = false;
      if (!allBoolean && !allNumber && !allDate) break;
    }
    type = !any ? 'C' : allBoolean ? 'L' : allNumber ? 'N' : allDate ? 'D' : 'C';
  }
  if (type === 'D') return { property, name, type, length: 8, decimals: 0 };
  if (type === 'L') return { property, name, type, length: 1, decimals: 0 };
  if (type === 'N') {
    let decimals = spec.decimals;
    if (decimals === undefined) {
      decimals = 0;
      for (const feature of features) {
        const v = feature.properties[property];
        if (typeof v === 'number' && Number.isFinite(v)) decimals = Math.max(decimals, fractionDigits(v));
      }
    }
    decimals = Math.min(MAX_DECIMALS, decimals);
    let width = 1;
    if (spec.length === undefined) {
      for (const feature of features) {
        const v = feature.properties[property];
        if (typeof v === 'number' && Number.isFinite(v)) width = Math.max(width, v.toFixed(decimals).length);
      }
    }
    return { property, name, type, length: Math.min(MAX_N_LENGTH, spec.length ?? width), decimals };
  }
  let longest = 1;
  if (spec.length === undefined) {
    for (const feature of features) {
      const v = feature.properties[property];
      if (v !== null && v !== undefined) longest = Math.max(longest, text.byteLength(textOf(v)));
    }
  }
  return { property, name, type, length: Math.min(MAX_C_LENGTH, spec.length ?? longest), decimals: 0 };
}

/** Writes one cell into the (blank-filled) record; blanks stay for missing values. */
function writeCell(
  value: AttributeValue,
  field: DbfField,
  bytes: Uint8Array,
  at: number,
  text: TextCells,
  notes: ShapefileNotes,
): void {
  if (value === null || value === undefined) {
    if (field.type === 'L') bytes[at] = 0x3f;
    return;
  }
  switch (field.type) {
    case 'N': {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number)) return;
      const digits = number.toFixed(field.decimals);
      if (digits.length > field.length) {
        notes.overflowedNumbers++;
        return;
      }
      const start = at + field.length - digits.length;
      for (let i = 0; i < digits.length; i++) bytes[start + i] = digits.charCodeAt(i);
      return;
    }
    case 'D': {
      const match = ISO_DATE.exec(textOf(value));
      if (!match) return;
      const date = `${match[1]}${match[2]}${match[3]}`;
      for (let i = 0; i < 8; i++) bytes[at + i] = date.charCodeAt(i);
      return;
    }
    case 'L':
      bytes[at] = (
        value === true || value === 'T' || value === 'true' ? 'T' : value === false ? 'F' : '?'
      ).charCodeAt(0);
      return;
    default:
      if (text.write(textOf(value), bytes, at, field.length)) notes.truncatedValues++;
  }
}

/** The DBF fields of a layer: the specs completed from the values (types, widths, decimals). */
export function resolveDbfFields(
  specs: FieldSpec[],
  names: string[],
  features: ShapefileFeature[],
  encoding: DbfEncoding,
): DbfField[] {
  // Sizing encodes with its own notes: unencodable characters are counted when writing cells.
  const sizing = new TextCells(encoding, silentNotes());
  return specs.map((spec, i) => resolveField(spec, names[i] as string, features, sizing));
}

/** A dBase III table of the features' attributes in the given fields. */
export function writeDbf(
  features: ShapefileFeature[],
  fields: DbfField[],
  encoding: DbfEncoding,
  date: Date,
  notes: ShapefileNotes,
): Uint8Array {
  const encodeName = makeEncoder(encoding, notes);
  const text = new TextCells(encoding, notes);
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((sum, f) => sum + f.length, 0);
  const count = features.length;
  const bytes = new Uint8Array(headerLength + recordLength * count + 1);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes[1] = date.getUTCFullYear() - 1900;
  bytes[2] = date.getUTCMonth() + 1;
  bytes[3] = date.getUTCDate();
  view.setUint32(4, count, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = encoding === 'gbk' ? LDID_GBK : 0;
  fields.forEach((field, i) => {
    const at = 32 + i * 32;
    bytes.set(encodeName(field.name).slice(0, 10), at);
    bytes[at + 11] = field.type.charCodeAt(0);
    bytes[at + 16] = field.length;
    bytes[at + 17] = field.decimals;
  });
  bytes[headerLength - 1] = 0x0d;
  // Every record starts blank (deletion flag and cells are spaces); cells overwrite their part.
  bytes.fill(0x20, headerLength, headerLength + recordLength * count);
  let offset = headerLength;
  for (const feature of features) {
    let at = offset + 1;
    for (const field of fields) {
      writeCell(feature.properties[field.property], field, bytes, at, text, notes);
      at += field.length;
    }
    offset += recordLength;
  }
  bytes[offset] = 0x1a;
  return bytes;
}
