/**
 * Writes polygon layers as an ESRI shapefile (.shp/.shx/.dbf/.prj/.cpg), optionally zipped. Used
 * by the export of parcels (issue 7) and by scripts/demo-data.ts for the bundled GBK sample.
 *
 * Geometry: shape type 5 (Polygon), rings in ESRI order (outer clockwise, holes counter-clockwise
 * in the x/y plane), every ring closed. Attributes: dBase III with field names of at most 10 bytes
 * in the chosen encoding, mapped predictably (see `dbfFieldNames`), and types C, N, D, L.
 */
import { zipSync } from 'fflate';
import type { MultiPolygonGeometry, PolygonGeometry, Position } from '../geo/geometry.types';
import { encodeGbk } from './gbk-encoder';

/** An attribute value as the writer accepts it. */
export type AttributeValue = string | number | boolean | null | undefined;

/** dBase field types the writer produces: text, number, date (YYYYMMDD), logical. */
export type DbfFieldType = 'C' | 'N' | 'D' | 'L';

/** How one property becomes a DBF field; anything left out is inferred from the values. */
export interface FieldSpec {
  /** Property name in the features. */
  property: string;
  /** DBF field name wanted (truncated to 10 bytes and made unique if needed). */
  name?: string;
  type?: DbfFieldType;
  /** Field width in bytes (C ≤ 254, N ≤ 20). */
  length?: number;
  /** Decimal places (N only). */
  decimals?: number;
}

/** A field as written. */
export interface DbfField {
  property: string;
  name: string;
  type: DbfFieldType;
  length: number;
  decimals: number;
}

/** One feature to write: an area geometry (or none, written as a null shape) and its attributes. */
export interface ShapefileFeature {
  geometry: PolygonGeometry | MultiPolygonGeometry | null;
  properties: Record<string, AttributeValue>;
}

/** The features to write and, optionally, how their properties become DBF fields. */
export interface ShapefileLayer {
  features: ShapefileFeature[];
  /** Fields to write, in order; omitted: every property seen, in order of first appearance. */
  fields?: FieldSpec[];
}

/** DBF text encoding: GBK for ArcGIS users in China (the default of the export), or UTF-8. */
export type DbfEncoding = 'gbk' | 'utf-8';

/** Encoding, projection and .prj of the output. */
export interface ShapefileOptions {
  encoding: DbfEncoding;
  /** Contents of the .prj (ESRI WKT). */
  prj: string;
  /** Maps lon/lat to the output plane (e.g. Gauss-Kruger); identity when omitted. */
  project?: (lon: number, lat: number) => [number, number];
  /** Date written in the DBF header (and the zip entries); defaults to now. */
  lastUpdate?: Date;
}

/** What the user should hear about: values that did not fit as they were. */
export interface ShapefileNotes {
  /** Characters that had no code in the encoding and were written as '?'. */
  unencodableCharacters: number;
  /** Text values cut at 254 bytes (or the given field length). */
  truncatedValues: number;
  /** Numbers too wide for their field, written as blanks. */
  overflowedNumbers: number;
  /** Features with no geometry, written as null shapes. */
  nullGeometries: number;
}

/** The bytes of each part, the field mapping to show the user, and notes on lossy writes. */
export interface ShapefileFiles {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
  prj: Uint8Array;
  cpg: Uint8Array;
  /** Property name → DBF field name. */
  fieldMap: Record<string, string>;
  fields: DbfField[];
  notes: ShapefileNotes;
}

const SHAPE_NULL = 0;
const SHAPE_POLYGON = 5;
const MAX_C_LENGTH = 254;
const MAX_N_LENGTH = 20;
const MAX_DECIMALS = 8;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;
/** dBase language driver id for code page 936 (GBK); there is none for UTF-8. */
const LDID_GBK = 0x4d;

type Encoder = (text: string) => Uint8Array;

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
  const silent: ShapefileNotes = {
    unencodableCharacters: 0,
    truncatedValues: 0,
    overflowedNumbers: 0,
    nullGeometries: 0,
  };
  const encode = makeEncoder(encoding, silent);
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
  return (text.split('.')[1] ?? '').length;
}

function formatNumber(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** Infers a field for `property` from the layer's values, completing what the spec gave. */
function resolveField(
  spec: FieldSpec,
  name: string,
  features: ShapefileFeature[],
  encode: Encoder,
): DbfField {
  const values = features
    .map((f) => f.properties[spec.property])
    .filter((v) => v !== null && v !== undefined);
  let type = spec.type;
  if (!type) {
    if (values.length === 0) type = 'C';
    else if (values.every((v) => typeof v === 'boolean')) type = 'L';
    else if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) type = 'N';
    else if (values.every((v) => typeof v === 'string' && ISO_DATE.test(v))) type = 'D';
    else type = 'C';
  }
  if (type === 'D') return { property: spec.property, name, type, length: 8, decimals: 0 };
  if (type === 'L') return { property: spec.property, name, type, length: 1, decimals: 0 };
  if (type === 'N') {
    const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const decimals = Math.min(
      MAX_DECIMALS,
      spec.decimals ?? numbers.reduce((max, v) => Math.max(max, fractionDigits(v)), 0),
    );
    const width = numbers.reduce((max, v) => Math.max(max, formatNumber(v, decimals).length), 1);
    return {
      property: spec.property,
      name,
      type,
      length: Math.min(MAX_N_LENGTH, spec.length ?? width),
      decimals,
    };
  }
  const longest = values.reduce<number>((max, v) => Math.max(max, encode(textOf(v)).length), 1);
  return {
    property: spec.property,
    name,
    type,
    length: Math.min(MAX_C_LENGTH, spec.length ?? longest),
    decimals: 0,
  };
}

function textOf(value: AttributeValue): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** The fields to write: given specs, or every property in order of first appearance. */
function fieldSpecs(layer: ShapefileLayer): FieldSpec[] {
  if (layer.fields) return layer.fields;
  const seen = new Set<string>();
  const specs: FieldSpec[] = [];
  for (const feature of layer.features) {
    for (const key of Object.keys(feature.properties)) {
      if (seen.has(key)) continue;
      seen.add(key);
      specs.push({ property: key });
    }
  }
  return specs;
}

function writeDbf(
  layer: ShapefileLayer,
  fields: DbfField[],
  encoding: DbfEncoding,
  date: Date,
  encode: Encoder,
  notes: ShapefileNotes,
): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((sum, f) => sum + f.length, 0);
  const count = layer.features.length;
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
    bytes.set(encode(field.name).slice(0, 10), at);
    bytes[at + 11] = field.type.charCodeAt(0);
    bytes[at + 16] = field.length;
    bytes[at + 17] = field.decimals;
  });
  bytes[headerLength - 1] = 0x0d;
  let offset = headerLength;
  for (const feature of layer.features) {
    bytes[offset] = 0x20;
    let at = offset + 1;
    for (const field of fields) {
      const cell = encodeCell(feature.properties[field.property], field, encode, notes);
      bytes.fill(0x20, at, at + field.length);
      bytes.set(cell, field.type === 'N' ? at + field.length - cell.length : at);
      at += field.length;
    }
    offset += recordLength;
  }
  bytes[offset] = 0x1a;
  return bytes;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** One cell's bytes (at most the field length); blanks for missing values. */
function encodeCell(
  value: AttributeValue,
  field: DbfField,
  encode: Encoder,
  notes: ShapefileNotes,
): Uint8Array {
  if (value === null || value === undefined) return field.type === 'L' ? ascii('?') : new Uint8Array(0);
  switch (field.type) {
    case 'N': {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number)) return new Uint8Array(0);
      const text = formatNumber(number, field.decimals);
      if (text.length > field.length) {
        notes.overflowedNumbers++;
        return new Uint8Array(0);
      }
      return ascii(text);
    }
    case 'D': {
      const match = ISO_DATE.exec(textOf(value));
      return match ? ascii(`${match[1]}${match[2]}${match[3]}`) : new Uint8Array(0);
    }
    case 'L':
      return ascii(value === true || value === 'T' || value === 'true' ? 'T' : value === false ? 'F' : '?');
    default: {
      const { bytes, cut } = fitText(textOf(value), field.length, encode);
      if (cut) notes.truncatedValues++;
      return bytes;
    }
  }
}

type XY = [number, number];

/** Ring in the output plane, closed, in the wanted orientation (clockwise when `clockwise`). */
function planeRing(ring: Position[], project: ShapefileOptions['project'], clockwise: boolean): XY[] {
  const points: XY[] = ring.map((p) => {
    const lon = p[0] ?? 0;
    const lat = p[1] ?? 0;
    return project ? project(lon, lat) : [lon, lat];
  });
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) points.push([first[0], first[1]]);
  let twiceArea = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    twiceArea += a[0] * b[1] - b[0] * a[1];
  }
  const isClockwise = twiceArea < 0;
  return isClockwise === clockwise ? points : points.reverse();
}

/** The rings of one feature as ESRI parts: each polygon's outer ring clockwise, its holes counter-clockwise. */
function partsOf(
  geometry: PolygonGeometry | MultiPolygonGeometry,
  project: ShapefileOptions['project'],
): XY[][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const parts: XY[][] = [];
  for (const polygon of polygons) {
    polygon.forEach((ring, i) => {
      if (ring.length >= 3) parts.push(planeRing(ring, project, i === 0));
    });
  }
  return parts;
}

function writeShapes(
  layer: ShapefileLayer,
  project: ShapefileOptions['project'],
  notes: ShapefileNotes,
): { shp: Uint8Array; shx: Uint8Array } {
  const shapes = layer.features.map((f) => (f.geometry ? partsOf(f.geometry, project) : []));
  // Content length in bytes of each record (without its 8-byte header).
  const contentLengths = shapes.map((parts) => {
    if (parts.length === 0) return 4;
    const points = parts.reduce((sum, p) => sum + p.length, 0);
    return 44 + 4 * parts.length + 16 * points;
  });
  const shpLength = 100 + contentLengths.reduce((sum, n) => sum + 8 + n, 0);
  const shxLength = 100 + 8 * shapes.length;
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(shxLength);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let offset = 100;
  shapes.forEach((parts, index) => {
    const contentLength = contentLengths[index]!;
    shxView.setInt32(100 + index * 8, offset / 2, false);
    shxView.setInt32(100 + index * 8 + 4, contentLength / 2, false);
    shpView.setInt32(offset, index + 1, false);
    shpView.setInt32(offset + 4, contentLength / 2, false);
    const at = offset + 8;
    if (parts.length === 0) {
      notes.nullGeometries++;
      shpView.setInt32(at, SHAPE_NULL, true);
    } else {
      let bx0 = Infinity;
      let by0 = Infinity;
      let bx1 = -Infinity;
      let by1 = -Infinity;
      for (const part of parts) {
        for (const [x, y] of part) {
          if (x < bx0) bx0 = x;
          if (y < by0) by0 = y;
          if (x > bx1) bx1 = x;
          if (y > by1) by1 = y;
        }
      }
      minX = Math.min(minX, bx0);
      minY = Math.min(minY, by0);
      maxX = Math.max(maxX, bx1);
      maxY = Math.max(maxY, by1);
      shpView.setInt32(at, SHAPE_POLYGON, true);
      shpView.setFloat64(at + 4, bx0, true);
      shpView.setFloat64(at + 12, by0, true);
      shpView.setFloat64(at + 20, bx1, true);
      shpView.setFloat64(at + 28, by1, true);
      shpView.setInt32(at + 36, parts.length, true);
      const numPoints = parts.reduce((sum, p) => sum + p.length, 0);
      shpView.setInt32(at + 40, numPoints, true);
      let partStart = 0;
      parts.forEach((part, k) => {
        shpView.setInt32(at + 44 + 4 * k, partStart, true);
        partStart += part.length;
      });
      let p = at + 44 + 4 * parts.length;
      for (const part of parts) {
        for (const [x, y] of part) {
          shpView.setFloat64(p, x, true);
          shpView.setFloat64(p + 8, y, true);
          p += 16;
        }
      }
    }
    offset += 8 + contentLength;
  });
  // An all-null layer has no extent; zeros are what other writers put there.
  if (minX > maxX) {
    minX = 0;
    minY = 0;
    maxX = 0;
    maxY = 0;
  }
  for (const [view, length] of [
    [shpView, shpLength],
    [shxView, shxLength],
  ] as const) {
    view.setInt32(0, 9994, false);
    view.setInt32(24, length / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, SHAPE_POLYGON, true);
    view.setFloat64(36, minX, true);
    view.setFloat64(44, minY, true);
    view.setFloat64(52, maxX, true);
    view.setFloat64(60, maxY, true);
  }
  return { shp, shx };
}

/** Writes a polygon layer as the parts of a shapefile. */
export function writeShapefile(layer: ShapefileLayer, options: ShapefileOptions): ShapefileFiles {
  const notes: ShapefileNotes = {
    unencodableCharacters: 0,
    truncatedValues: 0,
    overflowedNumbers: 0,
    nullGeometries: 0,
  };
  const encode = makeEncoder(options.encoding, notes);
  const specs = fieldSpecs(layer);
  const names = dbfFieldNames(
    specs.map((s) => s.name ?? s.property),
    options.encoding,
  );
  // Sizing encodes every value once more; unencodable characters are counted when writing cells.
  const sizingEncoder = makeEncoder(options.encoding, {
    unencodableCharacters: 0,
    truncatedValues: 0,
    overflowedNumbers: 0,
    nullGeometries: 0,
  });
  const fields = specs.map((spec, i) => resolveField(spec, names[i]!, layer.features, sizingEncoder));
  const dbf = writeDbf(layer, fields, options.encoding, options.lastUpdate ?? new Date(), encode, notes);
  const { shp, shx } = writeShapes(layer, options.project, notes);
  const text = new TextEncoder();
  return {
    shp,
    shx,
    dbf,
    prj: text.encode(options.prj),
    cpg: text.encode(options.encoding === 'gbk' ? 'GBK' : 'UTF-8'),
    fieldMap: Object.fromEntries(fields.map((f) => [f.property, f.name])),
    fields,
    notes,
  };
}

/** Zips the parts of a shapefile as `name`.shp, .shx, .dbf, .prj, .cpg. */
export function zipShapefile(files: ShapefileFiles, name: string, lastUpdate: Date = new Date()): Uint8Array {
  // fflate stamps entries in local time: rebuild the date from UTC parts so the bytes do not
  // depend on the machine's time zone.
  const mtime = new Date(
    lastUpdate.getUTCFullYear(),
    lastUpdate.getUTCMonth(),
    lastUpdate.getUTCDate(),
    12,
    0,
    0,
  );
  return zipSync(
    {
      [`${name}.shp`]: files.shp,
      [`${name}.shx`]: files.shx,
      [`${name}.dbf`]: files.dbf,
      [`${name}.prj`]: files.prj,
      [`${name}.cpg`]: files.cpg,
    },
    { mtime },
  );
}

/**
 * Writes a polygon layer as a zipped shapefile (`name`.shp …, default name "layer"). Call
 * `writeShapefile` + `zipShapefile` instead when the field map or notes are needed too.
 */
export function writeShapefileZip(
  layer: ShapefileLayer,
  options: ShapefileOptions & { name?: string },
): Uint8Array {
  return zipShapefile(writeShapefile(layer, options), options.name ?? 'layer', options.lastUpdate);
}
