import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import type { CrsDescription, CrsProblem, Datum } from './crs.types';
import { ELLIPSOIDS } from './crs.types';
import {
  crsFromEpsg,
  gaussKrugerCrs,
  geographicCrs,
  gkZoneOfMeridian,
  utmCrs,
  webMercatorCrs,
} from './gauss-kruger';

/** One WKT node: KEYWORD[value, value, NODE[...]] (ESRI, OGC WKT1 and WKT2 all share this shape). */
interface WktNode {
  keyword: string;
  values: (string | number | WktNode)[];
}

/** Bounds keep a hostile .prj from costing more than a glance. */
const MAX_WKT_LENGTH = 64 * 1024;
const MAX_WKT_DEPTH = 32;

/** Parses WKT text into a tree; undefined when it is not WKT. Iterative, so depth cannot blow the stack. */
function parseWkt(text: string): WktNode | undefined {
  let i = 0;
  const n = text.length;
  const skipSpace = (): void => {
    while (i < n && /[\s,]/.test(text[i] as string)) i++;
  };
  const root: WktNode = { keyword: '', values: [] };
  const stack: WktNode[] = [root];
  while (i < n) {
    skipSpace();
    if (i >= n) break;
    const ch = text[i] as string;
    const top = stack[stack.length - 1] as WktNode;
    if (ch === ']' || ch === ')') {
      if (stack.length <= 1) return undefined;
      stack.pop();
      i++;
    } else if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) return undefined;
      top.values.push(text.slice(i + 1, end));
      i = end + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 64));
      const word = m?.[0] ?? '';
      i += word.length;
      skipSpace();
      if (text[i] === '[' || text[i] === '(') {
        if (stack.length > MAX_WKT_DEPTH) return undefined;
        const node: WktNode = { keyword: word.toUpperCase(), values: [] };
        top.values.push(node);
        stack.push(node);
        i++;
      } else {
        top.values.push(word); // bare enum value such as AXIS["x", EAST]
      }
    } else {
      const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i, i + 64));
      if (!m) return undefined;
      top.values.push(Number(m[0]));
      i += m[0].length;
    }
  }
  if (stack.length !== 1) return undefined;
  const first = root.values[0];
  return typeof first === 'object' ? first : undefined;
}

const children = (node: WktNode): WktNode[] => node.values.filter((v): v is WktNode => typeof v === 'object');
const nameOf = (node: WktNode | undefined): string => {
  const v = node?.values[0];
  return typeof v === 'string' ? v : '';
};
function find(node: WktNode, keywords: readonly string[]): WktNode | undefined {
  for (const child of children(node)) if (keywords.includes(child.keyword)) return child;
  return undefined;
}
function findDeep(node: WktNode, keywords: readonly string[]): WktNode | undefined {
  const queue = [node];
  for (let q = 0; q < queue.length; q++) {
    const cur = queue[q] as WktNode;
    if (keywords.includes(cur.keyword)) return cur;
    queue.push(...children(cur));
  }
  return undefined;
}
/** Letters and digits only, lower case: 'China Geodetic Coordinate System 2000' → 'chinageodeticcoordinatesystem2000'. */
const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function detectDatum(geog: WktNode): Datum | undefined {
  const datumNode = findDeep(geog, ['DATUM', 'TRF']);
  const ellipsoid = findDeep(geog, ['SPHEROID', 'ELLIPSOID']);
  const text = squash(`${nameOf(geog)} ${nameOf(datumNode)} ${nameOf(ellipsoid)}`);
  const a = typeof ellipsoid?.values[1] === 'number' ? ellipsoid.values[1] : undefined;
  if (text.includes('xian') || text.includes('xi1980') || a === ELLIPSOIDS.Xian1980.a) return 'Xian1980';
  if (
    text.includes('beijing') ||
    text.includes('1954') ||
    text.includes('krass') ||
    a === ELLIPSOIDS.Beijing1954.a
  ) {
    return 'Beijing1954';
  }
  if (text.includes('2000') && (text.includes('china') || text.includes('cgcs'))) return 'CGCS2000';
  if (text.includes('wgs84') || text.includes('wgs1984') || text.includes('worldgeodeticsystem1984'))
    return 'WGS84';
  // GRS80-sized ellipsoid under another name: in Chinese files this is CGCS2000 in disguise.
  if (a === 6378137) return 'CGCS2000';
  return undefined;
}

function parameters(node: WktNode): Map<string, number> {
  const out = new Map<string, number>();
  for (const child of children(node)) {
    if (child.keyword !== 'PARAMETER' && child.keyword !== 'PARAM') continue;
    const value = child.values[1];
    if (typeof value === 'number') out.set(squash(nameOf(child)), value);
  }
  return out;
}
function pick(params: Map<string, number>, names: readonly string[]): number | undefined {
  for (const name of names) {
    const v = params.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

function authorityCode(node: WktNode): number | undefined {
  const auth = find(node, ['AUTHORITY', 'ID']);
  if (!auth || squash(nameOf(auth)) !== 'epsg') return undefined;
  const code = Number(auth.values[1]);
  return Number.isInteger(code) ? code : undefined;
}

const needsDatum = (datum: Datum, crs?: CrsDescription): CrsProblem => ({
  code: 'crs-needs-datum',
  message: `${datum === 'Xian1980' ? 'Xian 1980 (1980西安坐标系)' : 'Beijing 1954 (1954北京坐标系)'} needs local 7-parameter datum shifts to CGCS2000; give the parameters or convert the file to CGCS2000 first.`,
  ...(crs ? { crs } : {}),
});

/**
 * Reads a `.prj` (ESRI WKT, OGC WKT1 or WKT2) into a CRS description. Returns a problem, never
 * throws: 'crs-unknown' for garbage, empty or unsupported systems, 'crs-needs-datum' for Xian 1980
 * and Beijing 1954 (which the caller may complete with `withDatumShift`).
 */
export function parsePrj(text: string): Result<CrsDescription, CrsProblem> {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return err({ code: 'crs-unknown', message: 'The .prj file is empty.' });
  if (trimmed.length > MAX_WKT_LENGTH)
    return err({ code: 'crs-unknown', message: 'The .prj file is too long to be WKT.' });
  const epsgOnly = /^EPSG:(\d{4,6})$/i.exec(trimmed);
  if (epsgOnly) return crsFromEpsg(Number(epsgOnly[1]), 'prj');
  const root = parseWkt(trimmed);
  if (!root) return err({ code: 'crs-unknown', message: 'The .prj file is not readable WKT.' });

  const projected = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(root.keyword);
  const geographic = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS'].includes(root.keyword);
  if (!projected && !geographic) {
    return err({
      code: 'crs-unknown',
      message: `The .prj describes a ${root.keyword || 'non-'} system this app cannot read.`,
    });
  }
  const geog = projected ? (find(root, ['GEOGCS', 'GEOGCRS', 'BASEGEOGCRS', 'BASEGEODCRS']) ?? root) : root;
  const datum = detectDatum(geog);

  // A trusted EPSG code on the whole system settles it (WKT2 and GDAL-written WKT1 carry one).
  const code = authorityCode(root);
  if (code !== undefined) {
    const byCode = crsFromEpsg(code, 'prj');
    if (byCode.ok || byCode.error.code === 'crs-needs-datum') return byCode;
  }
  if (!datum)
    return err({ code: 'crs-unknown', message: `Unknown datum in the .prj (${nameOf(geog) || 'unnamed'}).` });

  if (geographic) {
    const crs = geographicCrs(datum, 'prj');
    return datum === 'Xian1980' || datum === 'Beijing1954' ? err(needsDatum(datum, crs)) : ok(crs);
  }

  const projName = squash(nameOf(root));
  const methodNode = findDeep(root, ['PROJECTION', 'METHOD']);
  const method = squash(nameOf(methodNode));
  const conversion = find(root, ['CONVERSION']) ?? root;
  const params = parameters(conversion);

  if (
    method.includes('mercatorauxiliarysphere') ||
    method.includes('pseudomercator') ||
    projName.includes('webmercator')
  ) {
    return ok(webMercatorCrs('prj'));
  }
  if (
    !(method.includes('transversemercator') || method.includes('gausskruger') || method.includes('gauss'))
  ) {
    return err({
      code: 'crs-unknown',
      message: `Unsupported projection in the .prj (${nameOf(methodNode) || 'none'}).`,
    });
  }
  const cm = pick(params, [
    'centralmeridian',
    'longitudeofnaturalorigin',
    'longitudeoforigin',
    'longitudeofcenter',
  ]);
  const fe = pick(params, ['falseeasting']) ?? 0;
  const fn = pick(params, ['falsenorthing']) ?? 0;
  const k = pick(params, ['scalefactor', 'scalefactoratnaturalorigin']) ?? 1;
  const lat0 = pick(params, ['latitudeoforigin', 'latitudeofnaturalorigin']) ?? 0;
  if (cm === undefined || !Number.isFinite(cm)) {
    return err({ code: 'crs-unknown', message: 'The .prj has no central meridian.' });
  }

  let crs: CrsDescription | undefined;
  if (Math.abs(k - 0.9996) < 1e-9 && fe === 500_000 && (fn === 0 || fn === 10_000_000) && lat0 === 0) {
    const zone = (cm + 183) / 6;
    if (Number.isInteger(zone) && (datum === 'WGS84' || datum === 'CGCS2000')) {
      crs = { ...utmCrs(zone, fn !== 0, datum, 'prj') };
    }
  } else if (Math.abs(k - 1) < 1e-12 && fn === 0 && lat0 === 0) {
    const prefix = Math.floor(fe / 1_000_000);
    const prefixed = fe !== 500_000 && fe - prefix * 1_000_000 === 500_000;
    let width: 3 | 6 | undefined;
    if (projName.includes('3degree') || projName.includes('3du')) width = 3;
    else if (projName.includes('6degree') || projName.includes('6du')) width = 6;
    else if (prefixed) width = prefix >= 25 ? 3 : 6;
    else width = gkZoneOfMeridian(3, cm) !== undefined ? 3 : undefined;
    const zone = width === undefined ? undefined : gkZoneOfMeridian(width, cm);
    if (
      width !== undefined &&
      zone !== undefined &&
      (!prefixed || prefix === zone) &&
      (fe === 500_000 || prefixed)
    ) {
      crs = gaussKrugerCrs(width, zone, prefixed, 'prj', datum);
    }
  }
  if (!crs) {
    // A transverse Mercator outside the named families still converts exactly; keep its parameters.
    crs = {
      kind: 'transverse-mercator',
      datum,
      name: nameOf(root) || 'Transverse Mercator',
      family: 'other',
      centralMeridian: cm,
      scaleFactor: k,
      falseEasting: fe,
      falseNorthing: fn,
      latitudeOfOrigin: lat0,
      source: 'prj',
    };
  }
  return datum === 'Xian1980' || datum === 'Beijing1954' ? err(needsDatum(datum, crs)) : ok(crs);
}

/**
 * Completes a Xian 1980 / Beijing 1954 CRS with user-given datum parameters to WGS84
 * (3 or 7 values in proj4 `+towgs84` order: dx, dy, dz [m], rx, ry, rz [″], ds [ppm]).
 */
export function withDatumShift(
  crs: CrsDescription,
  towgs84: readonly number[],
): Result<CrsDescription, CrsProblem> {
  if ((towgs84.length !== 3 && towgs84.length !== 7) || !towgs84.every(Number.isFinite)) {
    return err({ code: 'crs-needs-datum', message: 'Datum parameters must be 3 or 7 finite numbers.', crs });
  }
  return ok({ ...crs, towgs84: [...towgs84], name: `${crs.name} (+towgs84)`, source: 'user' });
}
