import type { ValidityCode } from '../geo/validity/polygon.validator';
import type { DbfTable } from './dbf.reader';
import { dbfTextSample, decodeDbf, readDbfHeader } from './dbf.reader';
import { chooseEncoding } from './encoding';
import { checkFeature, featuresBbox } from './feature-check';
import { guessFieldMapping, guessRole } from './field-mapping';
import type {
  EncodingInfo,
  ImportedFeature,
  ImportedLayer,
  ImportFile,
  ImportNote,
  ImportOptions,
} from './import.types';
import { bytesOf, isDeferred } from './import.types';
import type { NoteCollector } from './import-notes';
import {
  baseShapeType,
  RECORD_INVALID,
  RECORD_NULL,
  readShp,
  readShxRecordCount,
  SHAPE_TYPE_NAMES,
  type ShpData,
} from './shp.reader';
import { type PlacedShp, placeShp, readShpAside } from './shp-aside';
import { assemblePolygon } from './shp-polygons';

/** The parts of one shapefile layer found among the input files. */
export interface ShapefileParts {
  /** Path without extension, e.g. 'data/宗地'. */
  base: string;
  shp?: ImportFile;
  dbf?: ImportFile;
  shx?: ImportFile;
  prj?: ImportFile;
  cpg?: ImportFile;
}

const PART_EXTENSIONS = ['shp', 'dbf', 'shx', 'prj', 'cpg'] as const;
type PartExtension = (typeof PART_EXTENSIONS)[number];

/** Extension of a file name in lower case ('' when none). */
export function extensionOf(name: string): string {
  const base = name.split('/').pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Groups shapefile parts by their path without extension (case-insensitive extension). */
export function groupShapefileParts(files: readonly ImportFile[]): ShapefileParts[] {
  const groups = new Map<string, ShapefileParts>();
  for (const file of files) {
    const ext = extensionOf(file.name);
    if (!(PART_EXTENSIONS as readonly string[]).includes(ext)) continue;
    const base = file.name.slice(0, file.name.length - ext.length - 1);
    const key = base.toLowerCase();
    const group = groups.get(key) ?? { base };
    group[ext as PartExtension] = file;
    groups.set(key, group);
  }
  return [...groups.values()];
}

const decodeText = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

/** Options passed down from importFiles. */
export interface ShapefileImportContext {
  options: ImportOptions;
  notes: NoteCollector;
  checkCancelled: () => void;
}

/**
 * Imports one shapefile layer: own .shp and .dbf readers (shpjs hangs, over-allocates or decodes
 * GBK wrongly on the files of RELIABILITY §0), encoding by .cpg → LDID → UTF-8 check → GBK, CRS by
 * .prj fitted to the data, reprojection in bulk on the flat arrays, then per-feature validation.
 * Returns undefined (with an error note) when the layer cannot be imported.
 *
 * The .dbf is read first, and from a zip the .shp is then inflated into the buffer the .dbf was
 * inflated into (`DeferredFile`), where readShp also gathers its points: the first write to fresh
 * memory is the read's largest cost on the 2-core machine (~3.5–6.5 ms per MB), and a county's two
 * files are 56 MB. Its notes are filed where they were when the .shp came first, and a damaged
 * .dbf header still counts only once the .shp has been found sound.
 */
export async function importShapefileLayer(
  parts: ShapefileParts,
  ctx: ShapefileImportContext,
): Promise<ImportedLayer | undefined> {
  const { notes, options } = ctx;
  const layerName = (parts.base.split('/').pop() ?? parts.base) || 'layer';
  const file = parts.shp?.name ?? parts.base;
  const where = { file, layer: layerName };
  if (!parts.shp) {
    const present = PART_EXTENSIONS.filter((e) => parts[e])
      .map((e) => `.${e}`)
      .join(', ');
    notes.add({
      code: 'part-missing',
      severity: 'error',
      message: `${parts.base}: ${present} without a .shp; add the .shp file.`,
      ...where,
    });
    return undefined;
  }
  const shpFile = parts.shp;
  const aside = readShpAside(shpFile, parts.prj, options, where);
  const shpHere = aside ? undefined : shpFile;
  const attributes = await readAttributes(parts, layerName, where, options, shpHere).catch(
    (error: unknown) => ({ error }),
  );
  ctx.checkCancelled();
  const reusable = 'reusable' in attributes ? attributes.reusable : undefined;
  const read: { shp: ShpData; placed?: PlacedShp } = aside
    ? await aside
    : isDeferred(shpFile)
      ? { shp: readShp(await shpFile.inflate(reusable), { inPlace: true }) }
      : { shp: readShp(shpFile.bytes, { inPlace: shpFile.owned === true }) };
  const { shp } = read;
  const badHeader = shp.problems.find((p) => p.kind === 'bad-header');
  if (badHeader) {
    notes.add({
      code: 'shp-empty',
      severity: 'error',
      message: `${shpFile.name}: ${badHeader.message}`,
      ...where,
    });
    return undefined;
  }
  const typeName = SHAPE_TYPE_NAMES[shp.shapeType] ?? `type ${shp.shapeType}`;
  const base = baseShapeType(shp.shapeType);
  if (shp.shapeType !== 0 && base === undefined) {
    notes.add({
      code: 'geometry-unsupported-type',
      severity: 'error',
      message: `${layerName}: unsupported geometry type ${typeName}. Convert it to polygons (e.g. in QGIS or ArcGIS) and import again.`,
      ...where,
    });
    return undefined;
  }
  if (base !== undefined && base !== 5) {
    notes.add({
      code: 'geometry-not-polygon',
      severity: 'error',
      message: `${layerName} holds ${typeName} features; parcels and control layers (role ${guessRole(layerName)}) need polygons. Layer not imported.`,
      ...where,
    });
    return undefined;
  }
  ctx.checkCancelled();

  // Attributes (read above): their notes, or the damaged header's error, come in here.
  if ('error' in attributes) throw attributes.error;
  for (const note of attributes.notes) notes.add(note);
  const { table, encoding } = attributes;
  ctx.checkCancelled();

  const shxCount = parts.shx ? readShxRecordCount(await bytesOf(parts.shx)) : undefined;
  if (!parts.shx)
    notes.add({
      code: 'shx-missing',
      severity: 'info',
      message: `${layerName}: no .shx; the .shp was read on its own.`,
      ...where,
    });
  else if (shxCount === undefined || (shxCount !== shp.records && !shp.truncated)) {
    notes.add({
      code: 'shx-invalid',
      severity: 'info',
      message: `${layerName}: the .shx does not match the .shp; the .shp was read on its own.`,
      ...where,
    });
  }
  const dbfCount = table?.records.length;
  if (shp.truncated) {
    const expected = Math.max(shxCount ?? 0, table?.header.declaredRecords ?? 0);
    notes.add({
      code: 'shp-truncated',
      severity: 'error',
      message:
        expected > shp.records
          ? `${shp.records} of ${expected} records read, file truncated (${shpFile.name}). Get the complete file.`
          : `${shp.records} records read, file truncated (${shpFile.name}). Get the complete file.`,
      ...where,
      count: expected,
    });
  }
  for (const p of shp.problems) {
    if (p.kind === 'header-length-mismatch')
      notes.add({ code: 'shp-header-length-mismatch', severity: 'info', message: p.message, ...where });
    if (p.kind === 'zm-dropped')
      notes.add({
        code: 'geometry-zm-dropped',
        severity: 'info',
        message: `${layerName}: ${p.message}`,
        ...where,
      });
    if (p.kind === 'record-invalid' && p.record !== undefined) {
      notes.record(
        'shp-record-invalid',
        'warning',
        'Damaged shape records (bad part or point counts); skipped.',
        p.record,
        where,
      );
    }
  }
  if (dbfCount !== undefined && dbfCount !== shp.records && !shp.truncated) {
    notes.add({
      code: 'count-mismatch',
      severity: 'warning',
      message: `${layerName}: the .shp has ${shp.records} shapes but the .dbf has ${dbfCount} rows; attributes were paired by position (${dbfCount < shp.records ? 'shapes without a row have no attributes' : 'surplus rows were ignored'}).`,
      ...where,
      count: Math.abs(dbfCount - shp.records),
    });
  }

  // Coordinates: the CRS decided on the raw extent and the whole flat array converted at once, here
  // or already beside the .dbf's read (its notes come in here, in the same order).
  options.onProgress?.({ stage: 'reproject', fraction: 0.5, file });
  let decision: PlacedShp['decision'];
  if (read.placed) {
    for (const note of read.placed.notes) notes.add(note);
    decision = read.placed.decision;
  } else decision = placeShp(shp, parts.prj ? await bytesOf(parts.prj) : undefined, options, notes, where);
  if (!decision.ok) {
    notes.add({
      code: decision.error.code,
      severity: 'error',
      message: `${layerName}: ${decision.error.message}`,
      ...where,
    });
    return undefined;
  }
  ctx.checkCancelled();

  options.onProgress?.({ stage: 'validate', fraction: 0.7, file });
  const features: ImportedFeature[] = [];
  let skipped = 0;
  for (let r = 0; r < shp.records; r++) {
    if ((r & 0x3fff) === 0) ctx.checkCancelled();
    const recordNo = r + 1;
    const status = shp.recordStatus[r];
    if (status === RECORD_NULL) {
      notes.record('geometry-null', 'warning', 'Null (empty) shapes; skipped.', recordNo, where);
      skipped++;
      continue;
    }
    if (status === RECORD_INVALID) {
      skipped++;
      continue;
    }
    const assembled = assemblePolygon(shp, r);
    if (!assembled) {
      notes.record('empty-geometry', 'warning', 'Shapes with no points; skipped.', recordNo, where);
      skipped++;
      continue;
    }
    const extra: ValidityCode[] = [];
    if (assembled.holeWinding) {
      notes.record(
        'hole-winding',
        'info',
        'Hole wound like an outer ring, inside another ring; treated as a hole.',
        recordNo,
        where,
      );
    }
    const properties = table?.records[r] ?? (Object.create(null) as Record<string, unknown>);
    const feature = checkFeature(assembled.geometry, properties, recordNo, notes, where, extra);
    if (feature) features.push(feature);
    else skipped++;
  }
  const fieldNames = table?.fields.map((f) => f.name) ?? [];
  if (shp.records === 0)
    notes.add({
      code: 'layer-empty',
      severity: 'warning',
      message: `${layerName}: the layer has no features.`,
      ...where,
    });
  const bbox = featuresBbox(features);
  return {
    name: layerName,
    sourceFiles: PART_EXTENSIONS.flatMap((e) => (parts[e] ? [parts[e].name] : [])),
    format: 'shapefile',
    sourceGeometryType: typeName,
    features,
    crs: decision.value.crs,
    crsNeedsConfirmation: decision.value.needsConfirmation,
    encoding,
    fieldNames,
    roleGuess: guessRole(layerName, fieldNames),
    fieldMapping: guessFieldMapping(fieldNames),
    featuresRead: shp.records,
    featuresSkipped: skipped,
    ...attributes.kept,
    ...(bbox ? { bbox } : {}),
  };
}

/** The layer's attributes as readAttributes gives them. */
interface Attributes {
  table: DbfTable | undefined;
  encoding: EncodingInfo;
  /** Notes to file once the .shp is known to be sound (as when it was read first). */
  notes: ImportNote[];
  /** What the layer keeps of the .dbf for a later re-decode (ImportedLayer `dbf`/`dbfDeflated`). */
  kept: Pick<ImportedLayer, 'dbf' | 'dbfDeflated'>;
  /** The buffer the .dbf was inflated into, free again and big enough for the .shp. */
  reusable?: Uint8Array;
}

/**
 * Reads the .dbf: header checks, the encoding (user → .cpg → LDID → the text itself), the rows.
 * A .dbf still deflated in its zip is inflated into a buffer big enough for the .shp too, which
 * the .shp may then use (`reusable`) since the rows hold no reference to it: the layer keeps the
 * .dbf's deflated copy for a re-decode, not these bytes.
 */
async function readAttributes(
  parts: ShapefileParts,
  layerName: string,
  where: { file: string; layer: string },
  options: ImportOptions,
  /** The .shp when it is inflated here after the .dbf (not aside): the .dbf's buffer is made for it too. */
  shpFile: ImportFile | undefined,
): Promise<Attributes> {
  const notes: ImportNote[] = [];
  const dbfFile = parts.dbf;
  if (!dbfFile) {
    notes.push({
      code: 'dbf-missing',
      severity: 'warning',
      message: `${layerName}: no .dbf, so the features have no attributes. Add the .dbf to keep them.`,
      ...where,
    });
    return { table: undefined, encoding: { encoding: 'utf-8', source: 'not-applicable' }, notes, kept: {} };
  }
  let bytes: Uint8Array;
  let kept: Attributes['kept'];
  let reusable: Uint8Array | undefined;
  if (isDeferred(dbfFile)) {
    const shared = shpFile !== undefined && isDeferred(shpFile) && dbfFile.deflated !== undefined;
    const buffer = shared ? new Uint8Array(Math.max(dbfFile.size, shpFile.size)) : undefined;
    bytes = await dbfFile.inflate(buffer);
    reusable = shared && bytes.buffer === buffer?.buffer ? buffer : undefined;
    kept = dbfFile.deflated
      ? { dbfDeflated: { deflated: dbfFile.deflated, size: bytes.length } }
      : { dbf: bytes };
  } else {
    bytes = dbfFile.bytes;
    kept = { dbf: bytes };
  }
  const header = readDbfHeader(bytes);
  for (const p of header.problems) {
    notes.push({
      code:
        p.kind === 'record-length'
          ? 'dbf-record-length-mismatch'
          : p.kind === 'clamped'
            ? 'dbf-record-count-clamped'
            : 'dbf-truncated',
      severity: 'warning',
      message: `${dbfFile.name}: ${p.message}`,
      ...where,
    });
  }
  const cpg = parts.cpg ? decodeText(await bytesOf(parts.cpg)) : undefined;
  const chosen = chooseEncoding({
    ...(options.encoding ? { user: options.encoding } : {}),
    ...(cpg !== undefined ? { cpg } : {}),
    ldid: header.ldid,
    sample: dbfTextSample(bytes, header),
  });
  const encoding: EncodingInfo = {
    encoding: chosen.encoding,
    source: chosen.source,
    ...(chosen.declared ? { declared: chosen.declared } : {}),
  };
  if (chosen.mismatch)
    notes.push({ code: 'encoding-mismatch', severity: 'warning', message: chosen.mismatch, ...where });
  notes.push({
    code: 'encoding-used',
    severity: 'info',
    message: `Attributes decoded as ${chosen.encoding.toUpperCase()} (${
      chosen.source === 'cpg'
        ? `from the .cpg "${chosen.declared}"`
        : chosen.source === 'ldid'
          ? `from the language-driver byte ${chosen.declared}`
          : chosen.source === 'user'
            ? 'chosen by you'
            : 'detected from the text'
    }); switch the encoding if the text looks wrong.`,
    ...where,
  });
  const table = decodeDbf(bytes, chosen.encoding);
  return { table, encoding, notes, kept, ...(reusable ? { reusable } : {}) };
}
