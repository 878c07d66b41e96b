import type { CrsDescription, CrsProblem } from '../geo/crs/crs.types';
import type { CrsResolution, RawExtent } from '../geo/crs/crs-resolve';
import { resolveCrsForData } from '../geo/crs/crs-resolve';
import { crsFromEpsg } from '../geo/crs/gauss-kruger';
import { parsePrj, withDatumShift } from '../geo/crs/prj.parser';
import type { Result } from '../shared/result';
import { err, ok } from '../shared/result';
import type { ImportOptions } from './import.types';
import type { NoteCollector } from './import-notes';

/** Reads `options.crsOverride` (a description, 'EPSG:4527' or WKT). */
export function parseCrsOverride(override: CrsDescription | string): Result<CrsDescription, CrsProblem> {
  if (typeof override !== 'string') return ok({ ...override, source: 'user' });
  const epsg = /^\s*EPSG:(\d+)\s*$/i.exec(override);
  if (epsg) return crsFromEpsg(Number(epsg[1]), 'user');
  const parsed = parsePrj(override);
  return parsed.ok ? ok({ ...parsed.value, source: 'user' }) : parsed;
}

/**
 * Decides a layer's CRS: user override, else the declared one (a parsed .prj / header / GeoJSON
 * `crs`), completed with user datum parameters for Xian 1980 / Beijing 1954, then fitted to the
 * data (zone prefix, axis order, guess when nothing is declared). Every decision becomes a note;
 * a CRS that cannot be used is returned as a problem for the caller to report.
 */
export function decideCrs(
  declared: Result<CrsDescription, CrsProblem> | undefined,
  extent: RawExtent | undefined,
  options: ImportOptions,
  notes: NoteCollector,
  where: { file?: string; layer?: string },
): Result<CrsResolution & { needsConfirmation: boolean }, CrsProblem> {
  let base: CrsDescription | undefined;
  if (options.crsOverride !== undefined) {
    const o = parseCrsOverride(options.crsOverride);
    if (!o.ok) return o;
    base = o.value;
  } else if (declared) {
    if (declared.ok) {
      base = declared.value;
    } else if (declared.error.code === 'crs-needs-datum') {
      if (!options.towgs84 || !declared.error.crs) return err(declared.error);
      const shifted = withDatumShift(declared.error.crs, options.towgs84);
      if (!shifted.ok) return shifted;
      base = shifted.value;
    } else {
      notes.add({
        code: 'crs-unknown',
        severity: 'warning',
        message: `${declared.error.message} Trying to place the data from its coordinates.`,
        ...where,
      });
    }
  }
  if (
    base &&
    options.towgs84 &&
    (base.datum === 'Xian1980' || base.datum === 'Beijing1954') &&
    !base.towgs84
  ) {
    const shifted = withDatumShift(base, options.towgs84);
    if (shifted.ok) base = shifted.value;
  }
  if (base && (base.datum === 'Xian1980' || base.datum === 'Beijing1954') && !base.towgs84) {
    return err({
      code: 'crs-needs-datum',
      message: `${base.name} needs local 7-parameter datum shifts to CGCS2000; give the parameters or convert the file first.`,
      crs: base,
    });
  }
  const resolved = resolveCrsForData(base, extent);
  if (!resolved.ok) return resolved;
  let needsConfirmation = false;
  for (const adj of resolved.value.adjustments) {
    needsConfirmation ||= adj.needsConfirmation;
    notes.add({
      code: adj.code,
      severity: adj.needsConfirmation ? 'warning' : 'info',
      message: adj.message,
      ...where,
    });
  }
  const crs = resolved.value.crs;
  notes.add({
    code: 'crs-used',
    severity: 'info',
    message: `Coordinate system: ${crs.name}${crs.epsg ? ` (EPSG:${crs.epsg})` : ''}.`,
    ...where,
  });
  return ok({ ...resolved.value, needsConfirmation });
}
