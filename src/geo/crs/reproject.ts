import proj4 from 'proj4';
import type { CrsDescription } from './crs.types';
import { ELLIPSOIDS } from './crs.types';
import { gaussKrugerInverseInPlace } from './gauss-kruger';

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
    else gaussKrugerInverseInPlace(crs, coords, fromVertex, toVertex);
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
