/** Geodetic datums met in Chinese survey files (DOMAIN.md, "Coordinate systems met in real files"). */
export type Datum = 'CGCS2000' | 'WGS84' | 'Xian1980' | 'Beijing1954';

/** How the CRS was decided; a guess must be confirmed by the user before it is trusted. */
export type CrsSource = 'prj' | 'epsg' | 'geojson-crs' | 'header' | 'guessed' | 'assumed' | 'user';

/**
 * A coordinate reference system the app can read. Only the shapes found in real files are modelled:
 * geographic lon/lat, transverse Mercator (Gauss-Kruger 3°/6°, UTM) and Web Mercator.
 */
export interface CrsDescription {
  kind: 'geographic' | 'transverse-mercator' | 'web-mercator';
  datum: Datum;
  /** Human-readable name shown in the import report. */
  name: string;
  epsg?: number;
  family?: 'gauss-kruger-3' | 'gauss-kruger-6' | 'utm' | 'other';
  centralMeridian?: number;
  scaleFactor?: number;
  falseEasting?: number;
  falseNorthing?: number;
  latitudeOfOrigin?: number;
  /** Gauss-Kruger zone number (3° or 6°) or UTM zone. */
  zone?: number;
  /** True when eastings carry the zone number in front (false easting = zone × 1,000,000 + 500,000). */
  zonePrefixed?: boolean;
  /** User-given datum shift to WGS84 (3 or 7 parameters, proj4 `+towgs84` order). */
  towgs84?: readonly number[];
  source: CrsSource;
}

/** Why a CRS could not be used; codes match AppError codes. */
export interface CrsProblem {
  code: 'crs-unknown' | 'crs-needs-datum';
  message: string;
  /** For 'crs-needs-datum': the recognised system, to be completed with 7 parameters. */
  crs?: CrsDescription;
}

/** Ellipsoid axes per datum. CGCS2000 and WGS84 differ only in the ninth digit of 1/f. */
export const ELLIPSOIDS: Readonly<Record<Datum, { a: number; rf: number }>> = {
  CGCS2000: { a: 6378137, rf: 298.257222101 },
  WGS84: { a: 6378137, rf: 298.257223563 },
  Xian1980: { a: 6378140, rf: 298.257 },
  Beijing1954: { a: 6378245, rf: 298.3 },
};
