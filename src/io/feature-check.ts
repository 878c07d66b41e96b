import { flatRingBounds, flatRingOf } from '../geo/flat-ring';
import type { AreaGeometry } from '../geo/geometry.types';
import type { ValidityCode } from '../geo/validity/polygon.validator';
import { validateAreaGeometry } from '../geo/validity/polygon.validator';
import { newAttributeRow } from './dbf.reader';
import type { ImportedFeature } from './import.types';
import type { NoteCollector } from './import-notes';

/** Wording of each validity finding in the import report (the UI may translate by code). */
const MESSAGES: Readonly<Record<ValidityCode, string>> = {
  'empty-geometry': 'Empty geometry; feature skipped.',
  'coordinate-not-finite': 'Coordinates that are not numbers (NaN/Infinity); feature skipped.',
  'coordinate-out-of-range':
    'Coordinates outside longitude ±180 / latitude ±90 (wrong coordinate system?); feature skipped.',
  'ring-unclosed': 'Unclosed ring; closed by repeating its first point.',
  'duplicate-vertices': 'Repeated consecutive points; removed.',
  'ring-too-short': 'Ring with fewer than 4 positions (holes dropped; a shell like this skips its polygon).',
  'ring-zero-area': 'Ring with zero area (all points on a line; holes dropped, shells skip their polygon).',
  'shell-winding': 'Outer ring wound clockwise; reversed.',
  'hole-winding': 'Hole wound like an outer ring; treated as a hole.',
  'hole-outside-shell': 'Hole lies outside its outer ring; kept, check the parcel.',
  'self-intersection':
    'Boundary touches or crosses itself (e.g. a bow-tie). Where that leaves no measurable area the feature is not imported (a note after the import says how many); otherwise it is kept. Fix it in the source data (QGIS: Fix geometries; ArcGIS: Repair Geometry).',
};

/**
 * Validates one feature's lon/lat geometry, files every finding as a per-record note, and returns
 * the feature to keep (repaired where safe) or undefined when it must be skipped.
 */
export function checkFeature(
  geometry: AreaGeometry,
  properties: Record<string, unknown>,
  record: number,
  notes: NoteCollector,
  where: { file?: string; layer?: string },
  extraProblems: ValidityCode[] = [],
): ImportedFeature | undefined {
  const result = validateAreaGeometry(geometry, { geographic: true });
  const problems: ValidityCode[] = [...extraProblems];
  for (const issue of result.issues) {
    const severity = issue.repaired ? 'info' : 'warning';
    notes.record(issue.code, severity, MESSAGES[issue.code], record, where);
    if (!issue.repaired && !problems.includes(issue.code)) problems.push(issue.code);
  }
  if (!result.geometry) return undefined;
  const feature: ImportedFeature = { geometry: result.geometry, properties, record };
  if (!result.valid) feature.problems = problems;
  return feature;
}

/** Lon/lat bbox of features, for the layer summary. */
export function featuresBbox(
  features: readonly ImportedFeature[],
): [number, number, number, number] | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const addShell = (shell: readonly (readonly number[])[] | undefined): void => {
    if (!shell) return;
    for (let i = 0; i < shell.length; i++) {
      const p = shell[i] as readonly number[];
      const x = p[0] as number;
      const y = p[1] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  };
  for (let k = 0; k < features.length; k++) {
    const g = (features[k] as ImportedFeature).geometry;
    const flat = flatRingOf(g);
    if (flat) {
      const [x0, y0, x1, y1] = flatRingBounds(flat);
      if (x0 < minX) minX = x0;
      if (x1 > maxX) maxX = x1;
      if (y0 < minY) minY = y0;
      if (y1 > maxY) maxY = y1;
    } else if (g.type === 'Polygon') addShell(g.coordinates[0]);
    else for (let p = 0; p < g.coordinates.length; p++) addShell(g.coordinates[p]?.[0]);
  }
  return minX === Infinity ? undefined : [minX, minY, maxX, maxY];
}

/** A copy of plain properties that inherits nothing, so hostile keys stay inert own keys (test 16). */
export function safeProperties(input: unknown): Record<string, unknown> {
  // A record like the DBF reader's: it inherits nothing (its prototype is empty and has none), so a
  // `__proto__` or `constructor` key is a plain own key, and it stays a fast object — a
  // null-prototype object filled by defineProperty is a hash table, slow to build and to read.
  const out = newAttributeRow();
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const source = input as Record<string, unknown>;
    for (const key of Object.keys(source)) out[key] = source[key];
  }
  return out;
}
