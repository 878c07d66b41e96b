/**
 * Writes polygon layers as an ESRI shapefile (.shp/.shx/.dbf/.prj/.cpg), optionally zipped. Used
 * by the export of parcels (issue 7) and by scripts/demo-data.ts for the bundled GBK sample.
 *
 * Geometry: shape type 5 (Polygon), rings in ESRI order (outer clockwise, holes counter-clockwise
 * in the x/y plane), every ring closed. Attributes: dBase III with field names of at most 10 bytes
 * in the chosen encoding, mapped predictably (see `dbfFieldNames`), and types C, N, D, L.
 */
import { zipSync } from 'fflate';
import { dbfFieldNames, resolveDbfFields, writeDbf } from './dbf-writer';
import type {
  FieldSpec,
  ShapefileFiles,
  ShapefileLayer,
  ShapefileNotes,
  ShapefileOptions,
} from './shapefile-writer.types';
import { writeShapes } from './shp-writer';

export { dbfFieldNames } from './dbf-writer';
export type {
  AttributeValue,
  DbfEncoding,
  DbfField,
  DbfFieldType,
  FieldSpec,
  ShapefileFeature,
  ShapefileFiles,
  ShapefileLayer,
  ShapefileNotes,
  ShapefileOptions,
} from './shapefile-writer.types';

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

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

/** Writes a polygon layer as the parts of a shapefile. */
export function writeShapefile(layer: ShapefileLayer, options: ShapefileOptions): ShapefileFiles {
  const notes: ShapefileNotes = {
    unencodableCharacters: 0,
    truncatedValues: 0,
    overflowedNumbers: 0,
    nullGeometries: 0,
  };
  const specs = fieldSpecs(layer);
  const names = dbfFieldNames(
    specs.map((s) => s.name ?? s.property),
    options.encoding,
  );
  const fields = resolveDbfFields(specs, names, layer.features, options.encoding);
  const dbf = writeDbf(layer.features, fields, options.encoding, options.lastUpdate ?? new Date(), notes);
  const { shp, shx } = writeShapes(layer.features, options, notes);
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
export function zipShapefile(
  files: ShapefileFiles,
  name: string,
  lastUpdate: Date = new Date(),
  /**
   * Deflate level of the .shp (fflate, 0–9). Coordinates barely compress: level 1 is a third
   * faster than the default 6 for about 1 % more bytes. The default keeps the demo zip identical.
   */
  geometryLevel: DeflateLevel = 6,
): Uint8Array {
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
      [`${name}.shp`]: [files.shp, { level: geometryLevel }],
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
