/** Types of the shapefile writer (`shapefile-writer.ts`, `dbf-writer.ts`, `shp-writer.ts`). */
import type { MultiPolygonGeometry, PolygonGeometry } from '../geo/geometry.types';
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
  /**
   * Maps lon/lat to the output plane in place over a flat [x0, y0, x1, y1, …] array between vertex
   * indices [from, to): the fast path for whole layers (taken over `project` when both are given).
   */
  projectInPlace?: (coords: Float64Array, from: number, to: number) => void;
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
