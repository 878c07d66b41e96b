import type { CrsDescription, CrsProblem, Datum } from '../geo/crs/crs.types';
import { extentOf } from '../geo/crs/crs-resolve';
import { gaussKrugerCrs } from '../geo/crs/gauss-kruger';
import { reprojectToLonLat } from '../geo/crs/reproject';
import type { AreaGeometry, Ring } from '../geo/geometry.types';
import { pointInRing } from '../geo/validity/polygon.validator';
import type { Result } from '../shared/result';
import { err, ok } from '../shared/result';
import { decideCrs } from './crs-decision';
import { chooseEncoding } from './encoding';
import { checkFeature, featuresBbox } from './feature-check';
import { guessFieldMapping, guessRole } from './field-mapping';
import type { BytesFileFormat, FormatContext } from './format.registry';
import type { ImportedFeature, ImportedLayer, SourceFile } from './import.types';
import { extensionOf } from './shapefile.format';

/** Attribute names of a parcel header line (DOMAIN.md, 报部坐标格式), in order. */
export const PARCEL_HEADER_FIELDS = [
  '界址点数',
  '地块面积(公顷)',
  '地块编号',
  '地块名称',
  '记录图形属性',
  '图幅号',
  '地块用途',
  '地类编码',
] as const;

interface TextParcel {
  headerLine: number;
  properties: Record<string, unknown>;
  /** Points per ring number (圈号), in file order: [easting, northing] pairs. */
  rings: Map<number, number[]>;
  invalid: boolean;
}

/** Splits a line on ASCII and full-width commas (both occur in files typed by hand). */
const fields = (line: string): string[] => line.split(/[,，]/).map((f) => f.trim());

function datumOf(system: string | undefined): Datum | undefined {
  if (!system) return undefined;
  if (/西安|xian|1980/i.test(system)) return 'Xian1980';
  if (/北京|beijing|1954/i.test(system)) return 'Beijing1954';
  if (/2000|cgcs/i.test(system)) return 'CGCS2000';
  if (/wgs/i.test(system)) return 'WGS84';
  return undefined;
}

/** The CRS a [属性描述] block declares (坐标系, 几度分带, 带号 / 中央子午线), fitted later to the data. */
function declaredCrs(
  attributes: Map<string, string>,
  prefixed: boolean,
): Result<CrsDescription, CrsProblem> | undefined {
  const datum = datumOf(attributes.get('坐标系')) ?? 'CGCS2000';
  const widthText = attributes.get('几度分带');
  const width: 3 | 6 | undefined = widthText === '6' ? 6 : widthText === '3' ? 3 : undefined;
  const zone = Number(attributes.get('带号'));
  const cm = Number(attributes.get('中央子午线'));
  let crs: CrsDescription | undefined;
  if (Number.isInteger(zone) && zone > 0) {
    const w = width ?? (zone >= 25 ? 3 : 6);
    crs = gaussKrugerCrs(w, zone, prefixed, 'header', datum);
  } else if (Number.isFinite(cm) && cm > 0) {
    const w = width ?? 3;
    const z = w === 3 ? cm / 3 : (cm + 3) / 6;
    if (Number.isInteger(z)) crs = gaussKrugerCrs(w, z, prefixed, 'header', datum);
  }
  if (!crs) return undefined;
  if (datum === 'Xian1980' || datum === 'Beijing1954') {
    return err({
      code: 'crs-needs-datum',
      message: `The file uses ${datum === 'Xian1980' ? '1980西安坐标系' : '1954北京坐标系'}, which needs local 7-parameter datum shifts to CGCS2000; give the parameters or convert the file first.`,
      crs,
    });
  }
  return ok(crs);
}

/** True when most of up to five vertices spread over `inner` lie inside `outer`. */
function ringInside(inner: Ring, outer: Ring): boolean {
  const n = Math.max(1, inner.length - 1);
  const probes = Math.min(5, n);
  let inside = 0;
  for (let k = 0; k < probes; k++) {
    const p = inner[Math.floor((k * n) / probes)] as number[];
    if (pointInRing(p[0] as number, p[1] as number, outer)) inside++;
  }
  return inside * 2 > probes;
}

/**
 * Groups a parcel's rings (in 圈号 order) into polygons. The format numbers every ring of a parcel
 * 1, 2, 3 … with no separate part number, so a ring after the first is a hole of an earlier outer
 * ring when it lies inside that polygon (inside its outer ring and not inside one of its holes),
 * and the outer ring of another part otherwise — a disjoint ring, or an island inside a hole.
 */
export function groupRingsIntoPolygons(rings: readonly Ring[]): Ring[][] {
  const polygons: Ring[][] = [];
  for (const ring of rings) {
    let host: Ring[] | undefined;
    // The latest part first: writers put each part's holes right after its outer ring.
    for (let k = polygons.length - 1; k >= 0 && !host; k--) {
      const polygon = polygons[k] as Ring[];
      if (!ringInside(ring, polygon[0] as Ring)) continue;
      if (polygon.slice(1).some((hole) => ringInside(ring, hole))) continue;
      host = polygon;
    }
    if (host) host.push(ring);
    else polygons.push([ring]);
  }
  return polygons;
}

/**
 * Reads a standard coordinate text file (报部坐标格式): `[属性描述]` key=value lines, then
 * `[地块坐标]` with parcel header lines ending in `@` and point lines `点号,圈号,X,Y` (X northing,
 * Y easting, possibly zone-prefixed; 圈号 1 outer ring, 2… holes or further parts, told apart by
 * containment). A bad line makes its parcel
 * skipped with a line-numbered note; good parcels in the same file still import (test 19).
 */
export function importCoordinateText(file: SourceFile, ctx: FormatContext): ImportedLayer | undefined {
  const { notes, options } = ctx;
  const layerName = (file.name.split('/').pop() ?? file.name).replace(/\.txt$/i, '') || 'parcels';
  const where = { file: file.name, layer: layerName };
  let bytes = file.bytes;
  let bom = false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bytes = bytes.subarray(3);
    bom = true;
  }
  const chosen =
    bom && !options.encoding
      ? { encoding: 'utf-8', source: 'bom' as const }
      : chooseEncoding({ ...(options.encoding ? { user: options.encoding } : {}), sample: bytes });
  const text = new TextDecoder(chosen.encoding).decode(bytes);
  const lines = text.split(/\r\n|\r|\n/);
  const attributes = new Map<string, string>();
  const parcels: TextParcel[] = [];
  let section: 'none' | 'attributes' | 'coordinates' = 'none';
  let current: TextParcel | undefined;
  const bad = (line: number, message: string): void => {
    notes.add({
      code: 'text-line-invalid',
      severity: 'warning',
      message: `Line ${line}: ${message}`,
      line,
      ...where,
    });
    if (current) current.invalid = true;
  };
  for (let i = 0; i < lines.length; i++) {
    if ((i & 0xffff) === 0) ctx.checkCancelled();
    const lineNo = i + 1;
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    if (/^\[属性描述\]$/.test(line)) {
      section = 'attributes';
      continue;
    }
    if (/^\[地块坐标\]$/.test(line)) {
      section = 'coordinates';
      continue;
    }
    if (section === 'attributes') {
      const eq = line.indexOf('=');
      if (eq > 0) attributes.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
      continue;
    }
    if (section !== 'coordinates') {
      bad(lineNo, 'text before the [属性描述] / [地块坐标] sections; ignored.');
      continue;
    }
    if (line.endsWith('@')) {
      const parts = fields(line.slice(0, -1).replace(/[,，]\s*$/, ''));
      const properties: Record<string, unknown> = Object.create(null);
      PARCEL_HEADER_FIELDS.forEach((name, k) => {
        const v = parts[k];
        properties[name] =
          v === undefined || v === ''
            ? null
            : k === 0 || k === 1
              ? Number.isFinite(Number(v))
                ? Number(v)
                : v
              : v;
      });
      current = { headerLine: lineNo, properties, rings: new Map(), invalid: false };
      parcels.push(current);
      if (parts.length !== PARCEL_HEADER_FIELDS.length) {
        notes.add({
          code: 'text-header-value',
          severity: 'info',
          message: `Line ${lineNo}: parcel header has ${parts.length} fields, not ${PARCEL_HEADER_FIELDS.length}; attributes read by position.`,
          line: lineNo,
          ...where,
        });
      }
      continue;
    }
    if (!current) {
      bad(lineNo, 'a point line before any parcel header (a line ending in @); ignored.');
      continue;
    }
    const parts = fields(line);
    if (parts.length !== 4) {
      bad(
        lineNo,
        `expected 4 fields 点号,圈号,X,Y but found ${parts.length}; parcel ${current.properties.地块编号 ?? `at line ${current.headerLine}`} skipped.`,
      );
      continue;
    }
    const ringNo = Number(parts[1]);
    const x = Number(parts[2]);
    const y = Number(parts[3]);
    if (!Number.isInteger(ringNo) || ringNo < 1 || parts[1] === '') {
      bad(lineNo, `圈号 "${parts[1]}" is not a ring number (1, 2, …); parcel skipped.`);
      continue;
    }
    if (parts[2] === '' || parts[3] === '' || !Number.isFinite(x) || !Number.isFinite(y)) {
      bad(lineNo, `X/Y "${parts[2]}", "${parts[3]}" are not numbers; parcel skipped.`);
      continue;
    }
    const ring = current.rings.get(ringNo) ?? [];
    ring.push(y, x); // X is northing, Y is easting: store easting first
    current.rings.set(ringNo, ring);
  }
  if (section === 'none' && parcels.length === 0) {
    notes.add({
      code: 'text-line-invalid',
      severity: 'error',
      message: `${file.name} is not a coordinate text file (no [地块坐标] section).`,
      ...where,
    });
    return undefined;
  }
  notes.add({
    code: 'encoding-used',
    severity: 'info',
    message: `Text decoded as ${chosen.encoding.toUpperCase()} (${chosen.source === 'user' ? 'chosen by you' : chosen.source === 'bom' ? 'byte-order mark' : 'detected'}).`,
    ...where,
  });

  // Flatten every parcel's rings into one array so the CRS is decided and applied once.
  const coords: number[] = [];
  const ranges: { parcel: TextParcel; record: number; rings: [number, number][] }[] = [];
  let skipped = 0;
  parcels.forEach((parcel, index) => {
    const record = index + 1;
    if (parcel.invalid) {
      notes.record(
        'text-parcel-invalid',
        'warning',
        'Parcels with unreadable point lines; skipped (see the line notes).',
        record,
        where,
      );
      skipped++;
      return;
    }
    if (parcel.rings.size === 0) {
      notes.record('empty-geometry', 'warning', 'Parcels without points; skipped.', record, where);
      skipped++;
      return;
    }
    const ringNumbers = [...parcel.rings.keys()].sort((a, b) => a - b);
    const rings: [number, number][] = [];
    for (const n of ringNumbers) {
      const pts = parcel.rings.get(n) as number[];
      const start = coords.length / 2;
      coords.push(...pts);
      rings.push([start, coords.length / 2]);
    }
    ranges.push({ parcel, record, rings });
  });
  const xy = Float64Array.from(coords);
  const extent = extentOf(xy);
  const declared = declaredCrs(attributes, (extent?.minX ?? 0) > 1_000_000);
  const decision = decideCrs(declared, extent, options, notes, where);
  if (!decision.ok) {
    notes.add({
      code: decision.error.code,
      severity: 'error',
      message: `${layerName}: ${decision.error.message}`,
      ...where,
    });
    return undefined;
  }
  // The header already told the axis order; a swap suggestion here would undo it.
  reprojectToLonLat(decision.value.crs, xy);

  const features: ImportedFeature[] = [];
  for (const { parcel, record, rings } of ranges) {
    const out: Ring[] = rings.map(([s, e]) => {
      const ring: Ring = new Array(e - s);
      for (let v = s; v < e; v++) ring[v - s] = [xy[v * 2] as number, xy[v * 2 + 1] as number];
      return ring;
    });
    const polygons = groupRingsIntoPolygons(out);
    const geometry: AreaGeometry =
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] as Ring[] }
        : { type: 'MultiPolygon', coordinates: polygons };
    const feature = checkFeature(geometry, parcel.properties, record, notes, where);
    if (feature) features.push(feature);
    else skipped++;
  }
  const fieldNames = [...PARCEL_HEADER_FIELDS];
  const bbox = featuresBbox(features);
  return {
    name: layerName,
    sourceFiles: [file.name],
    format: 'coordinate-text',
    sourceGeometryType: 'Polygon',
    features,
    crs: decision.value.crs,
    crsNeedsConfirmation: decision.value.needsConfirmation,
    encoding: { encoding: chosen.encoding, source: chosen.source },
    fieldNames,
    roleGuess: guessRole(layerName, fieldNames),
    fieldMapping: guessFieldMapping(fieldNames),
    featuresRead: parcels.length,
    featuresSkipped: skipped,
    ...(bbox ? { bbox } : {}),
  };
}

/** The coordinate text file as a registry entry (.txt). */
export const coordinateTextFormat: BytesFileFormat = {
  id: 'coordinate-text',
  claims: (file) => extensionOf(file.name) === 'txt',
  read(files, ctx) {
    const layers: ImportedLayer[] = [];
    for (const file of files) {
      const layer = importCoordinateText(file, ctx);
      if (layer) layers.push(layer);
    }
    return layers;
  },
};
