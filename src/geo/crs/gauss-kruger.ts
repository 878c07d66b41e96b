import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import type { CrsDescription, CrsProblem, CrsSource } from './crs.types';

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
