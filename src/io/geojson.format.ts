import type { CrsDescription, CrsProblem } from '../geo/crs/crs.types';
import type { RawExtent } from '../geo/crs/crs-resolve';
import { extentOf, swapAxesInPlace } from '../geo/crs/crs-resolve';
import { crsFromEpsg } from '../geo/crs/gauss-kruger';
import { reprojectToLonLat } from '../geo/crs/reproject';
import { flatPositions, flatRingPolygon } from '../geo/flat-ring';
import type { AreaGeometry, Ring } from '../geo/geometry.types';
import { AppError } from '../shared/errors';
import type { Result } from '../shared/result';
import { decideCrs } from './crs-decision';
import { normalizeEncodingLabel } from './encoding';
import { checkFeature, featuresBbox, safeProperties } from './feature-check';
import { guessFieldMapping, guessRole } from './field-mapping';
import type { BytesFileFormat, FormatContext } from './format.registry';
import type { ImportedFeature, ImportedLayer, SourceFile } from './import.types';
import { jsonDepth, MAX_DEPTH } from './json-depth';
import { extensionOf } from './shapefile.format';

/** Nesting depth of an entry of "features", not counting inside its geometry member. */
function entryDepth(raw: unknown): number {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return jsonDepth(raw);
  const entry = raw as Record<string, unknown>;
  let max = 1;
  for (const key in entry) {
    if (key === 'geometry') continue;
    const value = entry[key];
    if (value !== null && typeof value === 'object') max = Math.max(max, 1 + jsonDepth(value));
    if (max > MAX_DEPTH) break;
  }
  return max;
}

/** Extent of the vertices that can be lon/lat. */
function geographicExtent(xy: Float64Array): RawExtent | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i] as number;
    const y = xy[i + 1] as number;
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return minX === Infinity ? undefined : { minX, minY, maxX, maxY };
}

/** Polygons of one feature, flattened: rings as [start, end) vertex ranges into the layer's array. */
interface FlatFeature {
  record: number;
  properties: Record<string, unknown>;
  /** Per polygon: list of [startVertex, endVertex) rings. */
  polygons: [number, number][][];
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: Json): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'object'
        ? 'an object without a GeoJSON type'
        : `a ${typeof v}`;

/** The EPSG code named by a legacy GeoJSON `crs` member, if any. */
function crsMember(root: Record<string, Json>): Result<CrsDescription, CrsProblem> | undefined {
  const crs = root.crs;
  if (!isObject(crs)) return undefined;
  const name = isObject(crs.properties) ? crs.properties.name : undefined;
  if (typeof name !== 'string') return undefined;
  if (/CRS84$/i.test(name)) return crsFromEpsg(4326, 'geojson-crs');
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  if (!m)
    return {
      ok: false,
      error: { code: 'crs-unknown', message: `The GeoJSON names an unknown coordinate system (${name}).` },
    };
  return crsFromEpsg(Number(m[1]), 'geojson-crs');
}

/**
 * GeoJSON import: FeatureCollection, Feature or bare geometry. Structure faults are clean errors
 * (invalid JSON, not GeoJSON, nested too deeply); per-feature faults are notes (null or empty
 * geometry, unknown type, nested collections, non-polygons, string numbers, extra dimensions).
 * Metre-scale coordinates or a `crs` member go through the same CRS decision as shapefiles.
 */
export function importGeoJson(file: SourceFile, ctx: FormatContext): ImportedLayer | undefined {
  const { notes, options } = ctx;
  const layerName = (file.name.split('/').pop() ?? file.name).replace(/\.(geo)?json$/i, '') || 'layer';
  const where = { file: file.name, layer: layerName };
  let bytes = file.bytes;
  let encodingSource: 'bom' | 'detected' | 'user' = 'detected';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bytes = bytes.subarray(3);
    encodingSource = 'bom';
  }
  let encoding = 'utf-8';
  const user = options.encoding ? normalizeEncodingLabel(options.encoding) : undefined;
  let text: string;
  if (user) {
    encoding = user;
    encodingSource = 'user';
    text = new TextDecoder(user).decode(bytes);
  } else {
    // One fatal UTF-8 decode both validates and decodes (a separate validity pass doubled the cost).
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      encoding = 'gbk';
      text = new TextDecoder('gbk').decode(bytes);
      notes.add({
        code: 'encoding-used',
        severity: 'warning',
        message: `${file.name} is not valid UTF-8 (as GeoJSON must be); decoded as GBK.`,
        ...where,
      });
    }
  }
  if (text.trim() === '')
    throw new AppError('file-incomplete', `${file.name} is empty.`, { file: file.name });
  let root: Json;
  try {
    root = JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError)
      throw new AppError('file-unsupported', `${file.name} is nested too deeply to be GeoJSON.`, {
        file: file.name,
      });
    throw new AppError(
      'import-failed',
      `${file.name} is not valid JSON (${e instanceof Error ? e.message : 'parse error'}). Check that the file is complete.`,
      { file: file.name },
    );
  }
  const tooDeep = () =>
    new AppError(
      'file-unsupported',
      `${file.name} is nested too deeply (more than ${MAX_DEPTH} levels) to be GeoJSON.`,
      { file: file.name },
    );
  ctx.checkCancelled();
  if (!isObject(root) || typeof root.type !== 'string') {
    if (jsonDepth(root) > MAX_DEPTH) throw tooDeep();
    throw new AppError(
      'file-unsupported',
      `${file.name} is JSON but not GeoJSON (it holds ${describe(root)}).`,
      { file: file.name },
    );
  }
  let rawFeatures: Json[];
  if (root.type === 'FeatureCollection') {
    if (!Array.isArray(root.features))
      throw new AppError('file-unsupported', `${file.name}: the FeatureCollection has no "features" array.`);
    rawFeatures = root.features;
  } else if (root.type === 'Feature') {
    rawFeatures = [root];
  } else if (
    [
      'Polygon',
      'MultiPolygon',
      'GeometryCollection',
      'Point',
      'MultiPoint',
      'LineString',
      'MultiLineString',
    ].includes(root.type)
  ) {
    rawFeatures = [{ type: 'Feature', properties: {}, geometry: root }];
  } else {
    throw new AppError('file-unsupported', `${file.name}: unknown GeoJSON type "${root.type.slice(0, 40)}".`);
  }

  const coords: number[] = [];
  const flat: FlatFeature[] = [];
  let skipped = 0;
  let nonPolygon = 0;
  const fieldNames = new Set<string>();
  const skip = (
    code:
      | 'geometry-null'
      | 'geojson-unknown-type'
      | 'geojson-nested-collection'
      | 'geometry-not-polygon'
      | 'empty-geometry',
    message: string,
    record: number,
  ): void => {
    notes.record(code, 'warning', message, record, where);
    skipped++;
  };

  /** Reads one ring into `coords`; false when a position is not numeric. */
  const readRing = (ring: Json, record: number): [number, number] | undefined => {
    if (!Array.isArray(ring)) return undefined;
    const start = coords.length / 2;
    for (const pos of ring) {
      if (!Array.isArray(pos) || pos.length < 2) return undefined;
      let x = pos[0];
      let y = pos[1];
      if (typeof x === 'string' || typeof y === 'string') {
        x = typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
        y = typeof y === 'string' && y.trim() !== '' ? Number(y) : y;
        notes.record(
          'geometry-string-numbers',
          'warning',
          'Coordinates written as text ("117.1"); read as numbers, check the source.',
          record,
          where,
        );
      }
      if (typeof x !== 'number' || typeof y !== 'number') return undefined;
      if (pos.length > 2)
        notes.record(
          'geometry-extra-dimensions',
          'info',
          'Positions with 3 or 4 values; only longitude/latitude kept.',
          record,
          where,
        );
      coords.push(x, y);
    }
    return [start, coords.length / 2];
  };
  const readPolygon = (rings: Json, record: number): [number, number][] | undefined => {
    if (!Array.isArray(rings)) return undefined;
    const out: [number, number][] = [];
    for (const r of rings) {
      const range = readRing(r, record);
      if (!range) return undefined;
      out.push(range);
    }
    return out;
  };
  const readGeometry = (
    geometry: Json,
    record: number,
    depth: number,
  ): [number, number][][] | undefined | 'skip' => {
    if (geometry === null || geometry === undefined) {
      skip('geometry-null', 'Features without geometry (null); skipped.', record);
      return 'skip';
    }
    if (!isObject(geometry) || typeof geometry.type !== 'string') {
      skip('geojson-unknown-type', 'Features with an unreadable geometry; skipped.', record);
      return 'skip';
    }
    switch (geometry.type) {
      case 'Polygon': {
        const p = readPolygon(geometry.coordinates, record);
        return p ? (p.length > 0 ? [p] : []) : undefined;
      }
      case 'MultiPolygon': {
        if (!Array.isArray(geometry.coordinates)) return undefined;
        const out: [number, number][][] = [];
        for (const polygon of geometry.coordinates) {
          const p = readPolygon(polygon, record);
          if (!p) return undefined;
          if (p.length > 0) out.push(p);
        }
        return out;
      }
      case 'GeometryCollection': {
        if (depth > 0) {
          skip('geojson-nested-collection', 'Nested GeometryCollections; skipped.', record);
          return 'skip';
        }
        if (!Array.isArray(geometry.geometries)) return undefined;
        const out: [number, number][][] = [];
        for (const g of geometry.geometries) {
          if (
            isObject(g) &&
            (g.type === 'Polygon' || g.type === 'MultiPolygon' || g.type === 'GeometryCollection')
          ) {
            const part = readGeometry(g, record, depth + 1);
            if (part === undefined || part === 'skip') return part;
            out.push(...part);
          }
        }
        return out;
      }
      case 'Point':
      case 'MultiPoint':
      case 'LineString':
      case 'MultiLineString':
        nonPolygon++;
        skip(
          'geometry-not-polygon',
          `Non-polygon features (${geometry.type}); parcels and control layers need polygons; skipped.`,
          record,
        );
        return 'skip';
      default:
        skip(
          'geojson-unknown-type',
          `Features of unknown geometry type "${String(geometry.type).slice(0, 40)}"; skipped.`,
          record,
        );
        return 'skip';
    }
  };

  for (let i = 0; i < rawFeatures.length; i++) {
    if ((i & 0x3fff) === 0) ctx.checkCancelled();
    const record = i + 1;
    const raw = rawFeatures[i];
    if (isObject(raw) && raw.type === 'FeatureCollection') {
      skip(
        'geojson-nested-collection',
        'A FeatureCollection nested inside the features list; skipped.',
        record,
      );
      continue;
    }
    // What is kept of an entry (its properties) must not be deeper than GeoJSON gets; its geometry
    // is read by its structure and never kept as parsed, so it is not walked.
    if (entryDepth(raw) + 2 > MAX_DEPTH) throw tooDeep();
    if (!isObject(raw) || raw.type !== 'Feature') {
      skip('geojson-unknown-type', 'Entries of "features" that are not Features; skipped.', record);
      continue;
    }
    if (!('properties' in raw))
      notes.record(
        'geojson-missing-properties',
        'info',
        'Features without "properties"; imported without attributes.',
        record,
        where,
      );
    const mark = coords.length;
    const polygons = readGeometry(raw.geometry, record, 0);
    if (polygons === 'skip') {
      coords.length = mark;
      continue;
    }
    if (polygons === undefined) {
      coords.length = mark;
      notes.record(
        'coordinate-not-finite',
        'warning',
        'Features whose coordinates are not numbers; skipped.',
        record,
        where,
      );
      skipped++;
      continue;
    }
    if (polygons.length === 0) {
      skip('empty-geometry', 'Features with empty geometry; skipped.', record);
      continue;
    }
    const properties = safeProperties(raw.properties);
    for (const key of Object.keys(properties)) fieldNames.add(key);
    flat.push({ record, properties, polygons });
  }
  if (flat.length === 0 && nonPolygon > 0 && nonPolygon === rawFeatures.length) {
    notes.add({
      code: 'geometry-not-polygon',
      severity: 'error',
      message: `${layerName} holds only points or lines; parcels and control layers need polygons. Layer not imported.`,
      ...where,
    });
    return undefined;
  }

  // CRS: GeoJSON is lon/lat by definition unless a legacy `crs` member or metre-scale numbers say otherwise.
  const xy = Float64Array.from(coords);
  const declared = isObject(root) ? crsMember(root) : undefined;
  if (declared) {
    notes.add({
      code: 'geojson-crs-member',
      severity: 'info',
      message: declared.ok
        ? `The GeoJSON declares ${declared.value.name} in a "crs" member; coordinates were converted to longitude/latitude.`
        : declared.error.message,
      ...where,
    });
  }
  let geographicShare = 1;
  if (xy.length > 0) {
    let inRange = 0;
    for (let i = 0; i < xy.length; i += 2) {
      const x = xy[i] as number;
      const y = xy[i + 1] as number;
      if (x >= -180 && x <= 180 && y >= -90 && y <= 90) inRange++;
    }
    geographicShare = inRange / (xy.length / 2);
  }
  const mostlyDegrees = !declared && geographicShare >= 0.5;
  const declaredOrDefault = declared ?? (mostlyDegrees ? crsFromEpsg(4326, 'assumed') : undefined);
  // A few wild vertices (lon 200) in lon/lat data are flagged per feature, not read as metres.
  const extent = mostlyDegrees ? geographicExtent(xy) : extentOf(xy);
  const decision = decideCrs(declaredOrDefault, extent, options, notes, where);
  if (!decision.ok) {
    notes.add({
      code: decision.error.code,
      severity: 'error',
      message: `${layerName}: ${decision.error.message}`,
      ...where,
    });
    return undefined;
  }
  if (decision.value.swapAxes) swapAxesInPlace(xy);
  reprojectToLonLat(decision.value.crs, xy);
  ctx.checkCancelled();

  const features: ImportedFeature[] = [];
  for (const f of flat) {
    const only = f.polygons.length === 1 && f.polygons[0]?.length === 1 ? f.polygons[0][0] : undefined;
    // One ring: handed over flat (geo/flat-ring.ts), as the shapefile reader does; its GeoJSON is
    // built only if something reads it (the validator, for a ring it must report or repair).
    const polygons: Ring[][] = only
      ? []
      : f.polygons.map((rings) => rings.map(([s, e]) => flatPositions(xy, s, e)));
    const geometry: AreaGeometry = only
      ? flatRingPolygon(xy, only[0], only[1])
      : polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] as Ring[] }
        : { type: 'MultiPolygon', coordinates: polygons };
    const feature = checkFeature(geometry, f.properties, f.record, notes, where);
    if (feature) features.push(feature);
    else skipped++;
  }
  if (rawFeatures.length === 0)
    notes.add({
      code: 'layer-empty',
      severity: 'warning',
      message: `${layerName}: the layer has no features.`,
      ...where,
    });
  const names = [...fieldNames];
  const bbox = featuresBbox(features);
  return {
    name: layerName,
    sourceFiles: [file.name],
    format: 'geojson',
    sourceGeometryType: root.type,
    features,
    crs: decision.value.crs,
    crsNeedsConfirmation: decision.value.needsConfirmation,
    encoding: { encoding, source: encodingSource },
    fieldNames: names,
    roleGuess: guessRole(layerName, names),
    fieldMapping: guessFieldMapping(names),
    featuresRead: rawFeatures.length,
    featuresSkipped: skipped,
    ...(bbox ? { bbox } : {}),
  };
}

/** GeoJSON as a registry entry (.geojson, .json). */
export const geoJsonFormat: BytesFileFormat = {
  id: 'geojson',
  claims: (file) => ['geojson', 'json'].includes(extensionOf(file.name)),
  read(files, ctx) {
    const layers: ImportedLayer[] = [];
    for (const file of files) {
      const layer = importGeoJson(file, ctx);
      if (layer) layers.push(layer);
    }
    return layers;
  },
};
