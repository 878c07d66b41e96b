import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import type { CrsDescription, CrsProblem, CrsSource } from './crs.types';
import { ELLIPSOIDS } from './crs.types';

/** 3° zones used in China: 25 (CM 75°E) … 45 (CM 135°E). */
export const GK3_ZONES = { min: 25, max: 45 } as const;
/** 6° zones used in China: 13 (CM 75°E) … 23 (CM 135°E). */
export const GK6_ZONES = { min: 13, max: 23 } as const;

/** Central meridian of a Gauss-Kruger zone. */
export function gkCentralMeridian(zoneWidth: 3 | 6, zone: number): number {
  return zoneWidth === 3 ? zone * 3 : zone * 6 - 3;
}

/** Zone number of a central meridian, or undefined when the meridian is not a zone centre. */
export function gkZoneOfMeridian(zoneWidth: 3 | 6, centralMeridian: number): number | undefined {
  const zone = zoneWidth === 3 ? centralMeridian / 3 : (centralMeridian + 3) / 6;
  return Number.isInteger(zone) ? zone : undefined;
}

/** EPSG code of a CGCS2000 Gauss-Kruger zone (4491–4554), when it is one of China's zones. */
export function gkEpsg(zoneWidth: 3 | 6, zone: number, prefixed: boolean): number | undefined {
  if (zoneWidth === 3) {
    if (zone < GK3_ZONES.min || zone > GK3_ZONES.max) return undefined;
    return (prefixed ? 4513 : 4534) + zone - GK3_ZONES.min;
  }
  if (zone < GK6_ZONES.min || zone > GK6_ZONES.max) return undefined;
  return (prefixed ? 4491 : 4502) + zone - GK6_ZONES.min;
}

/** Builds a CGCS2000 Gauss-Kruger CRS for a zone (by number), prefixed or not. */
export function gaussKrugerCrs(
  zoneWidth: 3 | 6,
  zone: number,
  prefixed: boolean,
  source: CrsSource,
  datum: CrsDescription['datum'] = 'CGCS2000',
): CrsDescription {
  const centralMeridian = gkCentralMeridian(zoneWidth, zone);
  const epsg = datum === 'CGCS2000' ? gkEpsg(zoneWidth, zone, prefixed) : undefined;
  const name = `${datum} ${zoneWidth}° Gauss-Kruger ${prefixed ? `zone ${zone}` : `CM ${centralMeridian}°E`}`;
  return {
    kind: 'transverse-mercator',
    datum,
    name,
    ...(epsg === undefined ? {} : { epsg }),
    family: zoneWidth === 3 ? 'gauss-kruger-3' : 'gauss-kruger-6',
    centralMeridian,
    scaleFactor: 1,
    falseEasting: prefixed ? zone * 1_000_000 + 500_000 : 500_000,
    falseNorthing: 0,
    latitudeOfOrigin: 0,
    zone,
    zonePrefixed: prefixed,
    source,
  };
}

/** UTM zone CRS (WGS84 or CGCS2000 datum). */
export function utmCrs(
  zone: number,
  south: boolean,
  datum: 'WGS84' | 'CGCS2000',
  source: CrsSource,
): CrsDescription {
  const epsg = datum === 'WGS84' ? (south ? 32700 : 32600) + zone : undefined;
  return {
    kind: 'transverse-mercator',
    datum,
    name: `${datum} UTM zone ${zone}${south ? 'S' : 'N'}`,
    ...(epsg === undefined ? {} : { epsg }),
    family: 'utm',
    centralMeridian: zone * 6 - 183,
    scaleFactor: 0.9996,
    falseEasting: 500_000,
    falseNorthing: south ? 10_000_000 : 0,
    latitudeOfOrigin: 0,
    zone,
    zonePrefixed: false,
    source,
  };
}

/** CGCS2000 geographic (EPSG:4490) or WGS84 (EPSG:4326). */
export function geographicCrs(datum: CrsDescription['datum'], source: CrsSource): CrsDescription {
  const epsg = datum === 'CGCS2000' ? 4490 : datum === 'WGS84' ? 4326 : undefined;
  return {
    kind: 'geographic',
    datum,
    name: `${datum} geographic`,
    ...(epsg === undefined ? {} : { epsg }),
    source,
  };
}

/** Web Mercator (EPSG:3857). */
export function webMercatorCrs(source: CrsSource): CrsDescription {
  return { kind: 'web-mercator', datum: 'WGS84', name: 'WGS84 / Web Mercator', epsg: 3857, source };
}

/**
 * The CRS of an EPSG code the app supports: 4490, 4326, 4491–4554, 3857/900913/102100, 326xx/327xx,
 * 4479–4489 are not zones; anything else is 'crs-unknown'.
 */
export function crsFromEpsg(code: number, source: CrsSource = 'epsg'): Result<CrsDescription, CrsProblem> {
  if (code === 4490) return ok(geographicCrs('CGCS2000', source));
  if (code === 4326) return ok(geographicCrs('WGS84', source));
  if (code === 3857 || code === 900913 || code === 102100 || code === 102113)
    return ok(webMercatorCrs(source));
  if (code >= 4491 && code <= 4501) return ok(gaussKrugerCrs(6, code - 4491 + 13, true, source));
  if (code >= 4502 && code <= 4512) return ok(gaussKrugerCrs(6, code - 4502 + 13, false, source));
  if (code >= 4513 && code <= 4533) return ok(gaussKrugerCrs(3, code - 4513 + 25, true, source));
  if (code >= 4534 && code <= 4554) return ok(gaussKrugerCrs(3, code - 4534 + 25, false, source));
  if (code >= 32601 && code <= 32660) return ok(utmCrs(code - 32600, false, 'WGS84', source));
  if (code >= 32701 && code <= 32760) return ok(utmCrs(code - 32700, true, 'WGS84', source));
  if (code === 4610 || code === 4214) {
    return err({
      code: 'crs-needs-datum',
      message: `EPSG:${code} (${code === 4610 ? 'Xian 1980' : 'Beijing 1954'}) needs local 7-parameter datum shifts to CGCS2000.`,
      crs: geographicCrs(code === 4610 ? 'Xian1980' : 'Beijing1954', source),
    });
  }
  if ((code >= 2327 && code <= 2442) || (code >= 2401 && code <= 2442)) {
    return err({
      code: 'crs-needs-datum',
      message: `EPSG:${code} is a Xian 1980 or Beijing 1954 Gauss-Kruger system; it needs local 7-parameter datum shifts.`,
    });
  }
  return err({ code: 'crs-unknown', message: `EPSG:${code} is not a coordinate system this app can read.` });
}

/** A Gauss-Kruger zone guessed from a zone-prefixed easting. */
export interface ZoneGuess {
  zoneWidth: 3 | 6;
  zone: number;
  centralMeridian: number;
}

/**
 * Guesses the CGCS2000 Gauss-Kruger zone from an easting that carries its zone number in front
 * (37 512 345.67 → 3° zone 37, CM 111°E). Prefix 25–45 means 3° zones and 13–23 6° zones: the two
 * ranges do not overlap for China, which is what makes the guess possible. Undefined when the
 * easting has no plausible prefix (e.g. plain 500 000-style eastings: ask the user for the CM).
 */
export function guessZoneFromEasting(easting: number): ZoneGuess | undefined {
  if (!Number.isFinite(easting) || easting < 1_000_000) return undefined;
  const zone = Math.floor(easting / 1_000_000);
  const rest = easting - zone * 1_000_000;
  // Inside a zone the false-easting-relative part stays within about ±400 km of 500 000 m.
  if (rest < 100_000 || rest > 900_000) return undefined;
  if (zone >= GK3_ZONES.min && zone <= GK3_ZONES.max) {
    return { zoneWidth: 3, zone, centralMeridian: gkCentralMeridian(3, zone) };
  }
  if (zone >= GK6_ZONES.min && zone <= GK6_ZONES.max) {
    return { zoneWidth: 6, zone, centralMeridian: gkCentralMeridian(6, zone) };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Gauss-Kruger (transverse Mercator) forward and inverse over flat coordinate arrays.
// ---------------------------------------------------------------------------------------------

const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;

/** Ellipsoid and projection constants of one transverse Mercator CRS (Krüger series to n⁶). */
interface KrugerSeries {
  /** a·k0·A: the rectifying radius scaled by k0 (proj4's a·Qn). */
  aQn: number;
  /** Northing of the origin latitude in the same units as aQn (0 when the origin is the equator). */
  zb: number;
  lon0: number;
  fe: number;
  fn: number;
  /** Geodetic → conformal latitude (cbg), conformal → geodetic (cgb), 6 terms each. */
  cbg: Float64Array;
  cgb: Float64Array;
  /** Conformal sphere → ellipsoidal TM (gtu) and back (utg), 6 terms each. */
  gtu: Float64Array;
  utg: Float64Array;
}

/** Σ pp[k]·sin(2(k+1)·x) by Clenshaw, given sin 2x and cos 2x. */
function sinSeries(pp: Float64Array, sin2: number, cos2: number): number {
  const twoCos = 2 * cos2;
  let h1 = pp[5] as number;
  let h2 = 0;
  let h = h1;
  for (let k = 4; k >= 0; k--) {
    h = -h2 + twoCos * h1 + (pp[k] as number);
    h2 = h1;
    h1 = h;
  }
  return h * sin2;
}

/** Shared result buffer of complexClenshaw (no allocation per vertex). */
const clenshawOut: [number, number] = [0, 0];

/**
 * Σ pp[k]·sin(2(k+1)·(x + iy)) by complex Clenshaw (proj's clens_cmplx), given sin/cos 2x and
 * sinh/cosh 2y. Returns [real, imaginary] in a shared tuple: read it before the next call.
 */
function complexClenshaw(
  pp: Float64Array,
  sin2: number,
  cos2: number,
  sinh2: number,
  cosh2: number,
): [number, number] {
  const r = 2 * cos2 * cosh2;
  const im = -2 * sin2 * sinh2;
  let hr = pp[5] as number;
  let hi = 0;
  let hr1 = 0;
  let hi1 = 0;
  for (let k = 4; k >= 0; k--) {
    const hr2 = hr1;
    const hi2 = hi1;
    hr1 = hr;
    hi1 = hi;
    hr = -hr2 + r * hr1 - im * hi1 + (pp[k] as number);
    hi = -hi2 + im * hr1 + r * hi1;
  }
  const a = sin2 * cosh2;
  const b = cos2 * sinh2;
  clenshawOut[0] = a * hr - b * hi;
  clenshawOut[1] = a * hi + b * hr;
  return clenshawOut;
}

const seriesCache = new Map<string, KrugerSeries>();

/**
 * The Krüger-series constants of a transverse Mercator CRS: the same coefficients as PROJ's and
 * proj4js's `etmerc` (Poder/Engsager, Karney 2011), so results agree with proj4 to rounding.
 */
function krugerSeries(crs: CrsDescription): KrugerSeries {
  const key = `${crs.datum}|${crs.scaleFactor}|${crs.centralMeridian}|${crs.falseEasting}|${crs.falseNorthing}|${crs.latitudeOfOrigin}`;
  const cached = seriesCache.get(key);
  if (cached) return cached;
  const { a, rf } = ELLIPSOIDS[crs.datum];
  const f = 1 / rf;
  const n = f / (2 - f);
  const cgb = new Float64Array(6);
  const cbg = new Float64Array(6);
  const utg = new Float64Array(6);
  const gtu = new Float64Array(6);
  cgb[0] = n * (2 + n * (-2 / 3 + n * (-2 + n * (116 / 45 + n * (26 / 45 + n * (-2854 / 675))))));
  cbg[0] = n * (-2 + n * (2 / 3 + n * (4 / 3 + n * (-82 / 45 + n * (32 / 45 + n * (4642 / 4725))))));
  let np = n * n;
  cgb[1] = np * (7 / 3 + n * (-8 / 5 + n * (-227 / 45 + n * (2704 / 315 + n * (2323 / 945)))));
  cbg[1] = np * (5 / 3 + n * (-16 / 15 + n * (-13 / 9 + n * (904 / 315 + n * (-1522 / 945)))));
  np *= n;
  cgb[2] = np * (56 / 15 + n * (-136 / 35 + n * (-1262 / 105 + n * (73814 / 2835))));
  cbg[2] = np * (-26 / 15 + n * (34 / 21 + n * (8 / 5 + n * (-12686 / 2835))));
  np *= n;
  cgb[3] = np * (4279 / 630 + n * (-332 / 35 + n * (-399572 / 14175)));
  cbg[3] = np * (1237 / 630 + n * (-12 / 5 + n * (-24832 / 14175)));
  np *= n;
  cgb[4] = np * (4174 / 315 + n * (-144838 / 6237));
  cbg[4] = np * (-734 / 315 + n * (109598 / 31185));
  np *= n;
  cgb[5] = np * (601676 / 22275);
  cbg[5] = np * (444337 / 155925);
  np = n * n;
  const k0 = crs.scaleFactor ?? 1;
  const qn = (k0 / (1 + n)) * (1 + np * (1 / 4 + np * (1 / 64 + np / 256)));
  utg[0] = n * (-0.5 + n * (2 / 3 + n * (-37 / 96 + n * (1 / 360 + n * (81 / 512 + n * (-96199 / 604800))))));
  gtu[0] = n * (0.5 + n * (-2 / 3 + n * (5 / 16 + n * (41 / 180 + n * (-127 / 288 + n * (7891 / 37800))))));
  utg[1] = np * (-1 / 48 + n * (-1 / 15 + n * (437 / 1440 + n * (-46 / 105 + n * (1118711 / 3870720)))));
  gtu[1] = np * (13 / 48 + n * (-3 / 5 + n * (557 / 1440 + n * (281 / 630 + n * (-1983433 / 1935360)))));
  np *= n;
  utg[2] = np * (-17 / 480 + n * (37 / 840 + n * (209 / 4480 + n * (-5569 / 90720))));
  gtu[2] = np * (61 / 240 + n * (-103 / 140 + n * (15061 / 26880 + n * (167603 / 181440))));
  np *= n;
  utg[3] = np * (-4397 / 161280 + n * (11 / 504 + n * (830251 / 7257600)));
  gtu[3] = np * (49561 / 161280 + n * (-179 / 168 + n * (6601661 / 7257600)));
  np *= n;
  utg[4] = np * (-4583 / 161280 + n * (108847 / 3991680));
  gtu[4] = np * (34729 / 80640 + n * (-3418889 / 1995840));
  np *= n;
  utg[5] = np * (-20648693 / 638668800);
  gtu[5] = np * (212378941 / 319334400);
  const lat0 = (crs.latitudeOfOrigin ?? 0) * RAD;
  const z = lat0 + sinSeries(cbg, Math.sin(2 * lat0), Math.cos(2 * lat0));
  const series: KrugerSeries = {
    aQn: a * qn,
    zb: -a * qn * (z + sinSeries(gtu, Math.sin(2 * z), Math.cos(2 * z))),
    lon0: crs.centralMeridian ?? 0,
    fe: crs.falseEasting ?? 0,
    fn: crs.falseNorthing ?? 0,
    cbg,
    cgb,
    gtu,
    utg,
  };
  if (seriesCache.size > 64) seriesCache.clear();
  seriesCache.set(key, series);
  return series;
}

function assertTransverseMercator(crs: CrsDescription, what: string): void {
  if (crs.kind !== 'transverse-mercator' || crs.towgs84) {
    throw new Error(`${what}: ${crs.name} is not a transverse Mercator CRS without a datum shift`);
  }
}

/**
 * Forward Gauss-Kruger: lon/lat degrees → easting/northing metres, in place over a flat
 * [x0, y0, x1, y1, …] array between vertex indices [fromVertex, toVertex). Any central meridian,
 * scale factor and false easting (zone-prefixed or not); CGCS2000 or WGS84 ellipsoid, no datum
 * shift. Hand-inlined Clenshaw sums with the trigonometric calls shared between steps: agrees with
 * proj4's `tmerc` (= `etmerc`) to well under 1 mm, several times faster per vertex.
 */
export function gaussKrugerForwardInPlace(
  crs: CrsDescription,
  coords: Float64Array,
  fromVertex = 0,
  toVertex = coords.length / 2,
): void {
  assertTransverseMercator(crs, 'gaussKrugerForwardInPlace');
  const { aQn, zb, lon0, fe, fn, cbg, gtu } = krugerSeries(crs);
  const end = toVertex * 2;
  for (let i = fromVertex * 2; i < end; i += 2) {
    const lam = ((coords[i] as number) - lon0) * RAD;
    const phi = (coords[i + 1] as number) * RAD;
    // Conformal latitude χ = φ + Σ cbg_k sin 2kφ.
    const chi = phi + sinSeries(cbg, Math.sin(2 * phi), Math.cos(2 * phi));
    const sinC = Math.sin(chi);
    const cosC = Math.cos(chi);
    const cosL = Math.cos(lam);
    const cosCcosL = cosC * cosL;
    // Spherical TM on the conformal sphere: ξ' = atan2(sin χ, cos χ cos λ), η' = asinh(q).
    const d = Math.sqrt(sinC * sinC + cosCcosL * cosCcosL);
    const q = (Math.sin(lam) * cosC) / d;
    const xiP = Math.atan2(sinC, cosCcosL);
    const root = Math.sqrt(1 + q * q);
    const etaP = Math.log(q + root);
    // sin/cos 2ξ' and sinh/cosh 2η' from the values above (no further trig calls).
    const sx = sinC / d;
    const cx = cosCcosL / d;
    const sin2 = 2 * sx * cx;
    const cos2 = cx * cx - sx * sx;
    const sinh2 = 2 * q * root;
    const cosh2 = 1 + 2 * q * q;
    // Complex Clenshaw over gtu at (2ξ', 2η').
    const delta = complexClenshaw(gtu, sin2, cos2, sinh2, cosh2);
    const xi = xiP + delta[0];
    const eta = etaP + delta[1];
    coords[i] = fe + aQn * eta;
    coords[i + 1] = fn + aQn * xi + zb;
  }
}

/**
 * Inverse Gauss-Kruger: easting/northing metres → lon/lat degrees, in place over a flat array
 * between vertex indices [fromVertex, toVertex). The counterpart of gaussKrugerForwardInPlace
 * (same series as proj4's `etmerc`); one exp, one atan2 pair and two trig pairs per vertex.
 */
export function gaussKrugerInverseInPlace(
  crs: CrsDescription,
  coords: Float64Array,
  fromVertex = 0,
  toVertex = coords.length / 2,
): void {
  assertTransverseMercator(crs, 'gaussKrugerInverseInPlace');
  const { aQn, zb, lon0, fe, fn, cgb, utg } = krugerSeries(crs);
  const end = toVertex * 2;
  for (let i = fromVertex * 2; i < end; i += 2) {
    const xi = ((coords[i + 1] as number) - fn - zb) / aQn;
    const eta = ((coords[i] as number) - fe) / aQn;
    // Five transcendental calls per vertex: sin ξ, cos ξ, exp η here and the two atan2 below;
    // the double angles follow exactly, the small corrections by short series.
    const sinXi = Math.sin(xi);
    const cosXi = Math.cos(xi);
    const expEta = Math.exp(eta);
    const sin2 = 2 * sinXi * cosXi;
    const cos2 = cosXi * cosXi - sinXi * sinXi;
    const e2 = expEta * expEta;
    const sinh2 = (e2 - 1 / e2) / 2;
    const cosh2 = (e2 + 1 / e2) / 2;
    const delta = complexClenshaw(utg, sin2, cos2, sinh2, cosh2);
    // |δξ|, |δη| < 1e-3, so Taylor terms to the 5th power are exact in double precision.
    const dx = delta[0];
    const dy = delta[1];
    const dx2 = dx * dx;
    const sinD = dx * (1 - (dx2 / 6) * (1 - dx2 / 20));
    const cosD = 1 - (dx2 / 2) * (1 - (dx2 / 12) * (1 - dx2 / 30));
    const expD = 1 + dy * (1 + (dy / 2) * (1 + (dy / 3) * (1 + (dy / 4) * (1 + dy / 5))));
    // Back to the sphere: with Ce = gd(η'), sin Ce = tanh η', cos Ce = 1/cosh η'.
    const ep = expEta * expD;
    const sinhE = (ep - 1 / ep) / 2;
    const sinX = sinXi * cosD + cosXi * sinD;
    const cosX = cosXi * cosD - sinXi * sinD;
    const rho = Math.sqrt(sinhE * sinhE + cosX * cosX);
    const chi = Math.atan2(sinX, rho);
    const lam = Math.atan2(sinhE, cosX);
    // Geodetic latitude φ = χ + Σ cgb_k sin 2kχ, with sin/cos 2χ from sin χ ∝ sinX, cos χ ∝ rho.
    const den = sinX * sinX + rho * rho;
    const s2c = (2 * sinX * rho) / den;
    const c2c = (rho * rho - sinX * sinX) / den;
    const phi = chi + sinSeries(cgb, s2c, c2c);
    coords[i] = lon0 + lam * DEG;
    coords[i + 1] = phi * DEG;
  }
}
