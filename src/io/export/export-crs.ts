import type { ParcelRecord } from '../../domain/parcel';
import { gaussKrugerCrs, gkCentralMeridian } from '../../geo/crs';
import type { CrsDescription } from '../../geo/crs/crs.types';
import { gaussKrugerForwardInPlace } from '../../geo/crs/gauss-kruger';
import { gaussKrugerForward } from '../../geo/crs/gauss-kruger-forward';
import { polygonsOf } from '../../geo/geometry.types';
import { AppError } from '../../shared/errors';

/** A Gauss-Kruger zone of CGCS2000 chosen for an export. */
export interface GaussKrugerChoice {
  zone: number;
  /** 3° zones (25–45) when true, 6° zones (13–23) when false. */
  threeDegree: boolean;
  /** Eastings carry the zone number in front (37 512 345.67) when true. */
  zonePrefix: boolean;
}

/** The coordinate system of an export: CGCS2000 lon/lat (EPSG:4490) or a Gauss-Kruger zone. */
export type ExportCrs = { kind: 'geographic' } | ({ kind: 'gauss-kruger' } & GaussKrugerChoice);

const GCS_CGCS2000 =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** ESRI writes integral parameters as "500000.0". */
const esriNumber = (value: number): string => (Number.isInteger(value) ? value.toFixed(1) : String(value));

/** Rejects zones outside China's CGCS2000 zone ranges with a message the user can act on. */
function checkZone(choice: GaussKrugerChoice): void {
  const [min, max] = choice.threeDegree ? [25, 45] : [13, 23];
  if (!Number.isInteger(choice.zone) || choice.zone < min || choice.zone > max) {
    throw new AppError(
      'validation',
      `Gauss-Kruger zone ${choice.zone} is not a CGCS2000 ${choice.threeDegree ? '3°' : '6°'} zone of China (${min}–${max}).`,
      { zone: choice.zone },
    );
  }
}

/**
 * The `.prj` text (ESRI WKT1, one line) of an export CRS, identical in content to what GDAL
 * (`gdalsrsinfo -o wkt_esri EPSG:4490/4513–4554/4491–4512`) and ArcGIS write, so both recognise it
 * by name: `CGCS2000_3_Degree_GK_Zone_37`, `CGCS2000_3_Degree_GK_CM_111E`, `CGCS2000_GK_Zone_19` …
 */
export function exportPrj(crs: ExportCrs): string {
  if (crs.kind === 'geographic') return GCS_CGCS2000;
  checkZone(crs);
  const cm = gkCentralMeridian(crs.threeDegree ? 3 : 6, crs.zone);
  const family = crs.threeDegree ? 'CGCS2000_3_Degree_GK' : 'CGCS2000_GK';
  const name = crs.zonePrefix ? `${family}_Zone_${crs.zone}` : `${family}_CM_${cm}E`;
  const falseEasting = crs.zonePrefix ? crs.zone * 1_000_000 + 500_000 : 500_000;
  return (
    `PROJCS["${name}",${GCS_CGCS2000},PROJECTION["Gauss_Kruger"],` +
    `PARAMETER["False_Easting",${esriNumber(falseEasting)}],PARAMETER["False_Northing",0.0],` +
    `PARAMETER["Central_Meridian",${esriNumber(cm)}],PARAMETER["Scale_Factor",1.0],` +
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
  );
}

/** The app's description of a Gauss-Kruger export zone (for reprojection and reports). */
export function exportCrsDescription(choice: GaussKrugerChoice): CrsDescription {
  checkZone(choice);
  return gaussKrugerCrs(choice.threeDegree ? 3 : 6, choice.zone, choice.zonePrefix, 'user');
}

/** lon/lat → easting/northing of the chosen zone (metres; easting prefixed if asked). */
export function exportProjection(choice: GaussKrugerChoice): (lon: number, lat: number) => [number, number] {
  return gaussKrugerForward(exportCrsDescription(choice));
}

/**
 * lon/lat → easting/northing of the chosen zone in place over a flat [x, y, …] array between
 * vertex indices [from, to): geo's Krüger-series forward over whole layers (shapefile export).
 */
export function exportProjectionInPlace(
  choice: GaussKrugerChoice,
): (coords: Float64Array, from: number, to: number) => void {
  const crs = exportCrsDescription(choice);
  return (coords, from, to) => gaussKrugerForwardInPlace(crs, coords, from, to);
}

/**
 * The zone whose central meridian is nearest the mean longitude of the parcels: the default the
 * export dialog offers (a county lies in one 3° zone almost always).
 */
export function suggestGaussKrugerZone(
  records: readonly ParcelRecord[],
  threeDegree: boolean,
): number | undefined {
  let sum = 0;
  let count = 0;
  for (const record of records) {
    for (const polygon of polygonsOf(record.geometry)) {
      const first = polygon[0]?.[0];
      if (first && Number.isFinite(first[0])) {
        sum += first[0] as number;
        count++;
      }
    }
  }
  if (count === 0) return undefined;
  const lon = sum / count;
  return threeDegree ? Math.round(lon / 3) : Math.round((lon + 3) / 6);
}
