import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import type { CrsDescription, CrsProblem } from './crs.types';
import { gaussKrugerCrs, geographicCrs, guessZoneFromEasting } from './gauss-kruger';

/** Extent of raw coordinates before reprojection. */
export interface RawExtent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Extent of a flat [x, y, …] array, ignoring non-finite values; undefined when nothing is finite. */
export function extentOf(
  coords: Float64Array,
  fromVertex = 0,
  toVertex = coords.length / 2,
): RawExtent | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = fromVertex * 2; i < toVertex * 2; i += 2) {
    const x = coords[i] as number;
    const y = coords[i + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return minX === Infinity ? undefined : { minX, minY, maxX, maxY };
}

/** True when every coordinate can be a lon/lat. */
export function looksGeographic(extent: RawExtent): boolean {
  return extent.minX >= -180 && extent.maxX <= 180 && extent.minY >= -90 && extent.maxY <= 90;
}

/** What had to be decided or changed to fit the CRS to the data; each becomes an import note. */
export interface CrsAdjustment {
  code:
    | 'crs-assumed'
    | 'crs-guessed'
    | 'crs-prefix-removed'
    | 'crs-prefix-added'
    | 'crs-zone-mismatch'
    | 'crs-axes-swapped';
  message: string;
  /** A guess the user should confirm before the layer is trusted. */
  needsConfirmation: boolean;
}

/** The CRS to use for a layer, and whether x/y must be swapped first (northing written first). */
export interface CrsResolution {
  crs: CrsDescription;
  swapAxes: boolean;
  adjustments: CrsAdjustment[];
}

const prefixOf = (x: number): number => Math.floor(x / 1_000_000);

/**
 * Fits a declared CRS (from a .prj, a header, a GeoJSON `crs`, or none) to the data's extent so that
 * no NaN and no ocean placement ever results: a zone-prefixed .prj over plain eastings (and the
 * reverse) is corrected, a missing .prj over metres is guessed from the zone prefix (to be
 * confirmed), northing-first data is detected. Returns 'crs-unknown' when metres cannot be placed.
 */
export function resolveCrsForData(
  declared: CrsDescription | undefined,
  extent: RawExtent | undefined,
): Result<CrsResolution, CrsProblem> {
  const adjustments: CrsAdjustment[] = [];
  if (!extent)
    return ok({ crs: declared ?? geographicCrs('CGCS2000', 'assumed'), swapAxes: false, adjustments });

  // Northing-first Gauss-Kruger: X ≈ 2–6 million (China's latitudes), Y carries the zone prefix.
  let swapAxes = false;
  let e = extent;
  if (
    extent.minX > 1_000_000 &&
    extent.maxX < 7_000_000 &&
    guessZoneFromEasting(extent.minY) &&
    !guessZoneFromEasting(extent.minX)
  ) {
    swapAxes = true;
    e = { minX: extent.minY, maxX: extent.maxY, minY: extent.minX, maxY: extent.maxX };
    adjustments.push({
      code: 'crs-axes-swapped',
      message: 'Coordinates are written northing first (X = northing, as in surveying); they were swapped.',
      needsConfirmation: false,
    });
  }

  if (!declared || declared.kind === 'geographic') {
    if (looksGeographic(e)) {
      if (declared) return ok({ crs: declared, swapAxes, adjustments });
      adjustments.push({
        code: 'crs-assumed',
        message:
          'No coordinate system given; the coordinates look like longitude/latitude and were read as CGCS2000 (EPSG:4490).',
        needsConfirmation: false,
      });
      return ok({ crs: geographicCrs('CGCS2000', 'assumed'), swapAxes, adjustments });
    }
    const guessMin = guessZoneFromEasting(e.minX);
    const guessMax = guessZoneFromEasting(e.maxX);
    if (guessMin && guessMax && guessMin.zone === guessMax.zone && e.minY > 0 && e.maxY < 10_000_000) {
      const crs = gaussKrugerCrs(guessMin.zoneWidth, guessMin.zone, true, 'guessed');
      adjustments.push({
        code: 'crs-guessed',
        message: `${declared ? 'The declared system is longitude/latitude but the coordinates are metres' : 'No coordinate system given'}; guessed CGCS2000 ${guessMin.zoneWidth}° Gauss-Kruger zone ${guessMin.zone} (CM ${guessMin.centralMeridian}°E) from the easting prefix. Confirm or choose another.`,
        needsConfirmation: true,
      });
      return ok({ crs, swapAxes, adjustments });
    }
    return err({
      code: 'crs-unknown',
      message:
        'The coordinates are projected (metres) but no usable coordinate system is given and the eastings carry no zone number. Choose the coordinate system (for Gauss-Kruger: the central meridian).',
    });
  }

  if (
    declared.kind === 'transverse-mercator' &&
    declared.zone !== undefined &&
    declared.family?.startsWith('gauss-kruger')
  ) {
    const width = declared.family === 'gauss-kruger-3' ? 3 : 6;
    const dataPrefixed = e.minX > 1_000_000;
    if (declared.zonePrefixed && !dataPrefixed) {
      adjustments.push({
        code: 'crs-prefix-removed',
        message: `The .prj has zone-prefixed eastings (zone ${declared.zone}) but the data has none; read as CM ${declared.centralMeridian}°E without prefix.`,
        needsConfirmation: false,
      });
      return ok({
        crs: gaussKrugerCrs(width, declared.zone, false, declared.source, declared.datum),
        swapAxes,
        adjustments,
      });
    }
    if (!declared.zonePrefixed && dataPrefixed) {
      const prefix = prefixOf(e.minX);
      if (prefix === prefixOf(e.maxX) && prefix === declared.zone) {
        adjustments.push({
          code: 'crs-prefix-added',
          message: `The eastings carry zone prefix ${prefix} but the .prj has none; read as zone ${prefix}.`,
          needsConfirmation: false,
        });
        return ok({
          crs: gaussKrugerCrs(width, prefix, true, declared.source, declared.datum),
          swapAxes,
          adjustments,
        });
      }
      const guess = guessZoneFromEasting(e.minX);
      if (guess && prefix === prefixOf(e.maxX)) {
        adjustments.push({
          code: 'crs-zone-mismatch',
          message: `The .prj says CM ${declared.centralMeridian}°E but the eastings carry zone prefix ${prefix} (CM ${guess.centralMeridian}°E); read by the prefix. Confirm or choose another.`,
          needsConfirmation: true,
        });
        return ok({
          crs: gaussKrugerCrs(guess.zoneWidth, prefix, true, 'guessed', declared.datum),
          swapAxes,
          adjustments,
        });
      }
      return err({
        code: 'crs-unknown',
        message: 'The eastings do not fit the Gauss-Kruger zone of the .prj.',
      });
    }
    if (declared.zonePrefixed && dataPrefixed && prefixOf(e.minX) !== declared.zone) {
      const guess = guessZoneFromEasting(e.minX);
      if (guess) {
        adjustments.push({
          code: 'crs-zone-mismatch',
          message: `The .prj says zone ${declared.zone} but the eastings carry zone prefix ${guess.zone}; read by the prefix. Confirm or choose another.`,
          needsConfirmation: true,
        });
        return ok({
          crs: gaussKrugerCrs(guess.zoneWidth, guess.zone, true, 'guessed', declared.datum),
          swapAxes,
          adjustments,
        });
      }
    }
  }
  if (looksGeographic(e) && Math.max(Math.abs(e.maxX), Math.abs(e.maxY)) <= 180) {
    return err({
      code: 'crs-unknown',
      message:
        'The .prj declares a projected system but the coordinates look like degrees. Check the .prj or choose the coordinate system.',
    });
  }
  return ok({ crs: declared, swapAxes, adjustments });
}

/** Swaps x and y in a flat array, in place. */
export function swapAxesInPlace(coords: Float64Array): void {
  for (let i = 0; i + 1 < coords.length; i += 2) {
    const x = coords[i] as number;
    coords[i] = coords[i + 1] as number;
    coords[i + 1] = x;
  }
}
