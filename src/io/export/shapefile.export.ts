import { label } from '../../domain/labels';
import type { ParcelFacts, ParcelRecord } from '../../domain/parcel';
import { squareMetresToHectares, squareMetresToMu } from '../../domain/units';
import type {
  AttributeValue,
  DbfEncoding,
  DbfFieldType,
  FieldSpec,
  ShapefileFeature,
  ShapefileNotes,
} from '../shapefile-writer';
import { dbfFieldNames, writeShapefile, zipShapefile } from '../shapefile-writer';
import type { ExportCrs } from './export-crs';
import { exportPrj, exportProjectionInPlace } from './export-crs';
import type { ExportedParcelFields } from './landstock-fields';
import { defineKey, emptyAttributes, splitExportedProperties } from './landstock-fields';

export interface ShapefileExportOptions {
  /** DBF text encoding: 'gbk' (default for ArcGIS users, with a GBK .cpg and LDID 0x4D) or 'utf-8'. */
  encoding: DbfEncoding;
  crs: ExportCrs;
  /** Base name of the files inside the zip (default 'parcels'). */
  name?: string;
  /** Include the imported attributes (default true). */
  includeOriginal?: boolean;
  /** Stamped in the DBF header and zip entries; defaults to now (pass one for reproducible bytes). */
  lastUpdate?: Date;
}

/** One DBF column of the export: where it came from and the name it got. */
export interface ExportedField {
  /** Original attribute name, or our `ls_` key (see landstock-fields.ts). */
  property: string;
  dbfName: string;
  origin: 'original' | 'landstock';
  type: DbfFieldType;
  length: number;
  decimals: number;
}

export interface ShapefileExport {
  zip: Uint8Array;
  /** Every column, original name → DBF name, in file order (for the export dialog to list). */
  fields: ExportedField[];
  /** Original names that could not keep their name (over 10 bytes, or clashing after the cut). */
  renamed: { property: string; dbfName: string }[];
  notes: ShapefileNotes;
}

type FactKey = keyof ParcelFacts;

/**
 * Our columns: `ls_` key → DBF name (ASCII, ≤ 10 bytes, fixed so a re-import recognises them).
 * Core columns are always written; the others only when some parcel has a value.
 */
const CORE_COLUMNS: ReadonlyArray<readonly [string, string, Omit<FieldSpec, 'property' | 'name'>?]> = [
  ['ls_id', 'LS_ID', { type: 'C' }],
  ['ls_layer_id', 'LS_LAYER', { type: 'C' }],
  ['ls_category', 'LS_CAT', { type: 'C' }],
  ['ls_category_zh', 'LS_CAT_ZH', { type: 'C' }],
  ['ls_status', 'LS_STATUS', { type: 'C' }],
  ['ls_status_zh', 'LS_STAT_ZH', { type: 'C' }],
  ['ls_area_m2', 'LS_AREA_M2', { type: 'N', decimals: 2 }],
  ['ls_area_mu', 'LS_AREA_MU', { type: 'N', decimals: 4 }],
  ['ls_area_ha', 'LS_AREA_HA', { type: 'N', decimals: 6 }],
  ['ls_version', 'LS_VERSION', { type: 'N', decimals: 0 }],
  // ISO date-times must stay text: the writer would otherwise take them for dates and drop the time.
  ['ls_updated_at', 'LS_UPD_AT', { type: 'C' }],
  ['ls_updated_by', 'LS_UPD_BY', { type: 'C' }],
];
const OPTIONAL_COLUMNS: ReadonlyArray<readonly [string, string, Omit<FieldSpec, 'property' | 'name'>?]> = [
  ['ls_sub_type', 'LS_SUBTYPE', { type: 'C' }],
  ['ls_idle_cause', 'LS_IDLE', { type: 'C' }],
  ['ls_disposal_method', 'LS_DISP', { type: 'C' }],
  ['ls_disposal_date', 'LS_DISP_DT'],
  ['ls_notes', 'LS_NOTES', { type: 'C' }],
  ['ls_conflicts', 'LS_CONFL', { type: 'C' }],
];
const FACT_COLUMNS: ReadonlyArray<readonly [FactKey, string]> = [
  ['code', 'LS_F_CODE'],
  ['owner', 'LS_F_OWNER'],
  ['location', 'LS_F_LOC'],
  ['township', 'LS_F_TOWN'],
  ['landUse', 'LS_F_USE'],
  ['landUseCode', 'LS_F_USECD'],
  ['approvalNumber', 'LS_F_APNO'],
  ['approvalDate', 'LS_F_APDT'],
  ['expropriationDate', 'LS_F_EXDT'],
  ['supplyDate', 'LS_F_SUDT'],
  ['agreedStartDate', 'LS_F_AGDT'],
  ['actualStartDate', 'LS_F_STDT'],
  ['completionDate', 'LS_F_CPDT'],
  ['stopDate', 'LS_F_SPDT'],
  ['declaredAreaM2', 'LS_F_DCM2'],
  ['approvedAreaM2', 'LS_F_APM2'],
  ['suppliedAreaM2', 'LS_F_SUM2'],
  ['totalInvestment', 'LS_F_TINV'],
  ['investedAmount', 'LS_F_INV'],
  ['developedAreaM2', 'LS_F_DVM2'],
  ['floorAreaRatio', 'LS_F_FAR'],
  ['floors', 'LS_F_FLRS'],
  ['adminFacilityAreaM2', 'LS_F_ADM2'],
  ['parkLevel', 'LS_F_PARK'],
  ['industrial', 'LS_F_IND'],
  ['inefficientReason', 'LS_F_INEF'],
  ['rural', 'LS_F_RURAL'],
  ['ruralStockType', 'LS_F_RTYPE'],
  ['leftoverPlot', 'LS_F_LEFT'],
  ['keyProject', 'LS_F_KEY'],
  ['courtSeized', 'LS_F_COURT'],
];

/** DBF name of ours → `ls_` key, for reading an exported shapefile back. */
const DBF_TO_LANDSTOCK: ReadonlyMap<string, string> = new Map([
  ...[...CORE_COLUMNS, ...OPTIONAL_COLUMNS].map(([key, dbf]) => [dbf, key] as [string, string]),
  ...FACT_COLUMNS.map(([key, dbf]) => [dbf, `ls_fact_${key}`] as [string, string]),
]);

const PURE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A DBF cell can hold only primitives: nested GeoJSON values go in as JSON text. */
function primitive(value: unknown): AttributeValue {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return JSON.stringify(value) ?? String(value);
}

/** Conflict summary in Chinese ("永久基本农田:冲突 1.23"), for people opening the table in ArcGIS. */
function conflictSummary(record: ParcelRecord): string | undefined {
  const parts = (record.overlay ?? [])
    .filter((c) => c.verdict === 'conflict' || c.verdict === 'outside')
    .map(
      (c) =>
        `${label('zh-CN', 'layerRole', c.role)}:${label('zh-CN', 'overlayVerdict', c.verdict)} ${squareMetresToMu(c.insideM2).toFixed(2)}`,
    );
  return parts.length > 0 ? parts.join('、') : undefined;
}

/** Every column of ours, in the order of CORE, OPTIONAL and FACT columns: `ls_` key → DBF name. */
const ALL_OUR_COLUMNS: ReadonlyArray<readonly [string, string, Omit<FieldSpec, 'property' | 'name'>?]> = [
  ...CORE_COLUMNS,
  ...OPTIONAL_COLUMNS,
  ...FACT_COLUMNS.map(([key, dbf]) => [`ls_fact_${key}`, dbf] as const),
];
const ALWAYS_WRITTEN = CORE_COLUMNS.length;

/** Our values of a record, aligned with ALL_OUR_COLUMNS. */
function ourValues(
  record: ParcelRecord,
  zh: (kind: 'category' | 'status', code: string) => string,
): AttributeValue[] {
  const values: AttributeValue[] = [
    record.id,
    record.layerId,
    record.category,
    zh('category', record.category),
    record.status,
    zh('status', record.status),
    record.areaM2,
    squareMetresToMu(record.areaM2),
    squareMetresToHectares(record.areaM2),
    record.version,
    record.updatedAt,
    record.updatedBy,
    record.subType,
    record.idleCause,
    record.disposal?.method,
    record.disposal?.date,
    record.notes,
    conflictSummary(record),
  ];
  const facts = record.facts as Record<string, unknown>;
  for (const [key] of FACT_COLUMNS) values.push(primitive(facts[key]));
  return values;
}

/**
 * The attributes of one exported feature. Its prototype is an empty frozen object with no
 * prototype (as dbf.reader's rows): hostile names like `__proto__` are plain own keys, and V8
 * keeps the rows in fast mode — `Object.create(null)` objects are slow hash tables.
 */
class ExportRow {}
Object.setPrototypeOf(ExportRow.prototype, null);
Reflect.deleteProperty(ExportRow.prototype, 'constructor');
Object.freeze(ExportRow.prototype);

/** Type of an original column: text as soon as one value is text that is not a plain date. */
function originalType(records: readonly ParcelRecord[], key: string): DbfFieldType | undefined {
  for (const record of records) {
    if (!Object.hasOwn(record.source.properties, key)) continue;
    const value = record.source.properties[key];
    if (typeof value === 'string' && !PURE_DATE.test(value)) return 'C';
    if (typeof value === 'object' && value !== null) return 'C';
  }
  return undefined;
}

/**
 * Exports parcels as a zipped shapefile (.shp/.shx/.dbf/.prj/.cpg) with the colleague's writer:
 * CGCS2000 lon/lat (EPSG:4490) or a Gauss-Kruger zone (projected here by the n⁶ Krüger series),
 * DBF in GBK or UTF-8. Columns: the original attributes first (in order of first appearance),
 * then ours with fixed `LS_` names (see CORE_COLUMNS, FACT_COLUMNS). Our names are reserved first,
 * so an original that would clash (e.g. its own `LS_CAT`) is the one renamed (`LS_CAT_1`); the
 * returned `fields` and `renamed` lists say what became of every name.
 */
export function exportShapefileZip(
  records: readonly ParcelRecord[],
  options: ShapefileExportOptions,
): ShapefileExport {
  const includeOriginal = options.includeOriginal !== false;
  const originalKeys: string[] = [];
  if (includeOriginal) {
    const seen = new Set<string>();
    for (const record of records) {
      for (const key of Object.keys(record.source.properties)) {
        if (!seen.has(key)) {
          seen.add(key);
          originalKeys.push(key);
        }
      }
    }
  }
  const labels = new Map<string, string>();
  const zh = (kind: 'category' | 'status', code: string): string => {
    const key = `${kind}:${code}`;
    let text = labels.get(key);
    if (text === undefined) {
      text = label('zh-CN', kind, code);
      labels.set(key, text);
    }
    return text;
  };
  const valuesOf = records.map((record) => ourValues(record, zh));
  // Core columns always; the others only when some parcel has a value.
  const used = new Uint8Array(ALL_OUR_COLUMNS.length).fill(1, 0, ALWAYS_WRITTEN);
  for (const values of valuesOf) {
    for (let j = ALWAYS_WRITTEN; j < values.length; j++) {
      if (used[j] === 0 && values[j] !== undefined && values[j] !== null) used[j] = 1;
    }
  }
  const ourIndexes = ALL_OUR_COLUMNS.map((_, j) => j).filter((j) => used[j] === 1);
  const ours = ourIndexes.map((j) => ALL_OUR_COLUMNS[j] as (typeof ALL_OUR_COLUMNS)[number]);
  // Ours first in the naming pass so they keep their fixed names; originals yield on a clash.
  const names = dbfFieldNames([...ours.map(([, dbf]) => dbf), ...originalKeys], options.encoding);
  const ourNames = names.slice(0, ours.length);
  const originalNames = names.slice(ours.length);
  // Feature property keys: originals keep their own name; ours use their `ls_` key, which a
  // source key can share, so ours are stored under a key no source can have ("\u0000" + key).
  const ourProperty = (key: string) => `\u0000${key}`;
  const specs: FieldSpec[] = [
    ...originalKeys.map((key, i) => {
      const type = originalType(records, key);
      return type === undefined
        ? { property: key, name: originalNames[i] as string }
        : { property: key, name: originalNames[i] as string, type };
    }),
    ...ours.map(([key, , spec], i) => ({
      ...(spec ?? {}),
      property: ourProperty(key),
      name: ourNames[i] as string,
    })),
  ];
  const ourKeys = ours.map(([key]) => ourProperty(key));
  const features: ShapefileFeature[] = records.map((record, r) => {
    const properties = new ExportRow() as Record<string, AttributeValue>;
    const source = record.source.properties;
    for (const key of originalKeys) {
      if (Object.hasOwn(source, key)) properties[key] = primitive(source[key]);
    }
    const values = valuesOf[r] as AttributeValue[];
    ourIndexes.forEach((j, k) => {
      properties[ourKeys[k] as string] = values[j];
    });
    return { geometry: record.geometry, properties };
  });
  const files = writeShapefile(
    { features, fields: specs },
    {
      encoding: options.encoding,
      prj: exportPrj(options.crs),
      ...(options.crs.kind === 'gauss-kruger'
        ? { projectInPlace: exportProjectionInPlace(options.crs) }
        : {}),
      ...(options.lastUpdate ? { lastUpdate: options.lastUpdate } : {}),
    },
  );
  const fields: ExportedField[] = files.fields.map((f) => {
    const landstock = f.property.startsWith('\u0000');
    return {
      property: landstock ? f.property.slice(1) : f.property,
      dbfName: f.name,
      origin: landstock ? 'landstock' : 'original',
      type: f.type,
      length: f.length,
      decimals: f.decimals,
    };
  });
  const renamed = fields
    .filter((f) => f.origin === 'original' && f.dbfName !== f.property)
    .map((f) => ({ property: f.property, dbfName: f.dbfName }));
  return {
    zip: zipShapefile(files, options.name ?? 'parcels', options.lastUpdate, 1),
    fields,
    renamed,
    notes: files.notes,
  };
}

/**
 * Splits the attributes of a re-imported shapefile into the original ones and our fields (by the
 * fixed `LS_` names above). Blank DBF cells come back as null/'' and are dropped from our fields.
 */
export function splitShapefileAttributes(properties: Record<string, unknown>): {
  attributes: Record<string, unknown>;
  landstock: ExportedParcelFields | undefined;
} {
  const renamed = emptyAttributes();
  for (const key of Object.keys(properties)) {
    const ours = DBF_TO_LANDSTOCK.get(key);
    const value = properties[key];
    if (ours === undefined) {
      // An original that happens to start with `ls_` is escaped exactly as a GeoJSON export does.
      defineKey(renamed, key.startsWith('ls_') ? `ls_src.${key}` : key, value);
    } else if (value !== null && value !== '') defineKey(renamed, ours, value);
  }
  return splitExportedProperties(renamed);
}
