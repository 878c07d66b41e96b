import proj4 from 'proj4';
import type { CrsDescription, Datum } from './crs.types';
import { ELLIPSOIDS } from './crs.types';

const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;

/** proj4 definition of a CRS (also the independent cross-check of the fast path in tests). */
export function toProj4String(crs: CrsDescription): string {
  const { a, rf } = ELLIPSOIDS[crs.datum];
  const ellps = `+a=${a} +rf=${rf}`;
  const shift = crs.towgs84 ? ` +towgs84=${crs.towgs84.join(',')}` : '';
  if (crs.kind === 'geographic') return `+proj=longlat ${ellps}${shift} +no_defs`;
  if (crs.kind === 'web-mercator') {
    return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
  }
  return (
    `+proj=tmerc +lat_0=${crs.latitudeOfOrigin ?? 0} +lon_0=${crs.centralMeridian ?? 0} +k=${crs.scaleFactor ?? 1}` +
    ` +x_0=${crs.falseEasting ?? 0} +y_0=${crs.falseNorthing ?? 0} ${ellps}${shift} +units=m +no_defs`
  );
}

const WGS84_LONLAT = '+proj=longlat +datum=WGS84 +no_defs';

/** Krüger-series coefficients (Karney 2011, to n⁴; truncation error far below 0.1 mm in China). */
function krugerConstants(datum: Datum) {
  const { a, rf } = ELLIPSOIDS[datum];
  const f = 1 / rf;
  const n = f / (2 - f);
  const n2 = n * n;
  const n3 = n2 * n;
  const n4 = n3 * n;
  const A = (a / (1 + n)) * (1 + n2 / 4 + n4 / 64);
  const beta = [
    n / 2 - (2 * n2) / 3 + (37 * n3) / 96 - n4 / 360,
    n2 / 48 + n3 / 15 - (437 * n4) / 1440,
    (17 * n3) / 480 - (37 * n4) / 840,
    (4397 * n4) / 161280,
  ];
  const delta = [
    2 * n - (2 * n2) / 3 - 2 * n3 + (116 * n4) / 45,
    (7 * n2) / 3 - (8 * n3) / 5 - (227 * n4) / 45,
    (56 * n3) / 15 - (136 * n4) / 35,
    (4279 * n4) / 630,
  ];
  return { A, beta, delta };
}

/**
 * Inverse transverse Mercator over a flat [x0, y0, x1, y1, …] array, in place, to lon/lat degrees.
 * Written out by hand because proj4's per-point API costs ~0.5 µs a vertex (0.6 s for a county);
 * this loop is several times faster and agrees with proj4/cs2cs to well under a millimetre.
 */
function inverseTransverseMercator(
  crs: CrsDescription,
  coords: Float64Array,
  start: number,
  end: number,
): void {
  const { A, beta, delta } = krugerConstants(crs.datum);
  const k0A = (crs.scaleFactor ?? 1) * A;
  const fe = crs.falseEasting ?? 0;
  const fn = crs.falseNorthing ?? 0;
  const lon0 = crs.centralMeridian ?? 0;
  const [b1, b2, b3, b4] = beta as [number, number, number, number];
  const [d1, d2, d3, d4] = delta as [number, number, number, number];
  for (let i = start; i < end; i += 2) {
    const xi = ((coords[i + 1] as number) - fn) / k0A;
    const eta = ((coords[i] as number) - fe) / k0A;
    // Clenshaw would save a few multiplications; explicit terms keep the formula checkable.
    const s2 = Math.sin(2 * xi);
    const c2 = Math.cos(2 * xi);
    // One exp instead of sinh + cosh (|η| < 0.1 inside any zone, so no cancellation trouble).
    const e2 = Math.exp(2 * eta);
    const sh2 = (e2 - 1 / e2) / 2;
    const ch2 = (e2 + 1 / e2) / 2;
    const s4 = 2 * s2 * c2;
    const c4 = c2 * c2 - s2 * s2;
    const sh4 = 2 * sh2 * ch2;
    const ch4 = ch2 * ch2 + sh2 * sh2;
    const s6 = s4 * c2 + c4 * s2;
    const c6 = c4 * c2 - s4 * s2;
    const sh6 = sh4 * ch2 + ch4 * sh2;
    const ch6 = ch4 * ch2 + sh4 * sh2;
    const s8 = 2 * s4 * c4;
    const c8 = c4 * c4 - s4 * s4;
    const sh8 = 2 * sh4 * ch4;
    const ch8 = ch4 * ch4 + sh4 * sh4;
    const xiP = xi - (b1 * s2 * ch2 + b2 * s4 * ch4 + b3 * s6 * ch6 + b4 * s8 * ch8);
    const etaP = eta - (b1 * c2 * sh2 + b2 * c4 * sh4 + b3 * c6 * sh6 + b4 * c8 * sh8);
    const ep = Math.exp(etaP);
    const chi = Math.asin(Math.sin(xiP) / ((ep + 1 / ep) / 2));
    const lam = Math.atan2((ep - 1 / ep) / 2, Math.cos(xiP));
    // sin(2kχ) by the angle-addition recurrence: two trig calls instead of four.
    const sc2 = Math.sin(2 * chi);
    const cc2 = Math.cos(2 * chi);
    const sc4 = 2 * sc2 * cc2;
    const cc4 = cc2 * cc2 - sc2 * sc2;
    const sc6 = sc4 * cc2 + cc4 * sc2;
    const sc8 = 2 * sc4 * cc4;
    const phi = chi + d1 * sc2 + d2 * sc4 + d3 * sc6 + d4 * sc8;
    coords[i] = lon0 + lam * DEG;
    coords[i + 1] = phi * DEG;
  }
}

function inverseWebMercator(coords: Float64Array, start: number, end: number): void {
  const R = 6378137;
  for (let i = start; i < end; i += 2) {
    coords[i] = ((coords[i] as number) / R) * DEG;
    coords[i + 1] = (2 * Math.atan(Math.exp((coords[i + 1] as number) / R)) - Math.PI / 2) * DEG;
  }
}

/** True when the fast hand-written path applies (no datum shift, origin on the equator). */
function hasFastPath(crs: CrsDescription): boolean {
  if (crs.towgs84) return false;
  if (crs.datum !== 'CGCS2000' && crs.datum !== 'WGS84') return false;
  return crs.kind !== 'transverse-mercator' || (crs.latitudeOfOrigin ?? 0) === 0;
}

/**
 * Converts a flat coordinate array [x, y, x, y, …] (length even) from `crs` to lon/lat degrees in
 * place, between vertex indices [fromVertex, toVertex). CGCS2000 and WGS84 are treated as one
 * datum (centimetre differences, DOMAIN.md). Non-finite results stay NaN for the validator to flag.
 */
export function reprojectToLonLat(
  crs: CrsDescription,
  coords: Float64Array,
  fromVertex = 0,
  toVertex = coords.length / 2,
): void {
  const start = fromVertex * 2;
  const end = toVertex * 2;
  if (crs.kind === 'geographic' && hasFastPath(crs)) return;
  if (hasFastPath(crs)) {
    if (crs.kind === 'web-mercator') inverseWebMercator(coords, start, end);
    else inverseTransverseMercator(crs, coords, start, end);
    return;
  }
  const converter = proj4(toProj4String(crs), WGS84_LONLAT);
  const point: number[] = [0, 0];
  for (let i = start; i < end; i += 2) {
    point[0] = coords[i] as number;
    point[1] = coords[i + 1] as number;
    try {
      const out = converter.forward(point);
      coords[i] = out[0] as number;
      coords[i + 1] = out[1] as number;
    } catch {
      // proj4 throws strings on out-of-domain points; a NaN is flagged per record later.
      coords[i] = Number.NaN;
      coords[i + 1] = Number.NaN;
    }
  }
}

/** Projects one lon/lat (degrees) into `crs` with proj4; used for round-trip checks and tests. */
export function projectFromLonLat(crs: CrsDescription, lon: number, lat: number): [number, number] {
  const out = proj4(WGS84_LONLAT, toProj4String(crs)).forward([lon, lat]);
  return [out[0] as number, out[1] as number];
}

/** Inverse of one point with proj4 (the independent path, for tests and for odd systems). */
export function unprojectWithProj4(crs: CrsDescription, x: number, y: number): [number, number] {
  const out = proj4(toProj4String(crs), WGS84_LONLAT).forward([x, y]);
  return [out[0] as number, out[1] as number];
}

/** Degrees to metres on the ground, for comparing two lon/lat results (good enough for a 1 mm test). */
export function groundDistanceMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dy = (lat2 - lat1) * RAD * 6_371_000;
  const dx = (lon2 - lon1) * RAD * 6_371_000 * Math.cos(((lat1 + lat2) / 2) * RAD);
  return Math.hypot(dx, dy);
}
