import type { PreparedLayer } from '../domain/layer';
import { buildControlIndexes, type ControlIndexes, checkParcel } from '../domain/overlay-checks';
import type { BoundaryErrorThresholds } from '../domain/overlay-verdict';
import { CONTROL_ROLES, type ControlRole, type LayerRole } from '../domain/parcel';
import type { AreaErrorCode } from '../geo/area';
import type { AreaGeometry } from '../geo/geometry.types';
import type { ErrorCode } from '../shared/errors';
import { fieldMapper } from './field-mapping';
import type { FieldMapping, ImportedLayer, ImportNote, ImportResult } from './import.types';
import { prepareLayer } from './prepare-layer';
import type { DeflatedBytes } from './zip.reader';

/** What the user decided for one imported layer in the import dialog. */
export interface LayerChoice {
  /** Index into ImportResult.layers. */
  index: number;
  include: boolean;
  id: string;
  name: string;
  role: LayerRole;
  fieldMapping: FieldMapping;
  order: number;
}

/** What is kept of a parcel layer's source so its attributes can be decoded again in another encoding. */
export interface LayerSource {
  layerId: string;
  /** The raw DBF as it came (loose parts, or layers stored before it was kept deflated). */
  dbf?: Uint8Array;
  /**
   * The raw DBF as it was deflated in its zip: a county's 25.6 MB DBF is 3.6 MB this way, written
   * in the import's transaction at no CPU cost (the bytes are copied from the zip, not compressed).
   */
  dbfDeflated?: DeflatedBytes;
  fieldMapping: FieldMapping;
  encoding: string;
}

/** What the dialog shows of an imported layer (everything but the features). */
export type LayerSummary = Omit<ImportedLayer, 'features' | 'dbf'> & {
  featureCount: number;
  samples: Record<string, unknown>[];
};

export interface ImportSummary {
  layers: LayerSummary[];
  notes: ImportNote[];
}

/** Strips the features off an import result for the review dialog (the features stay in the worker). */
export function summarizeImport(result: ImportResult): ImportSummary {
  return {
    notes: result.notes,
    layers: result.layers.map(({ features, dbf: _dbf, dbfDeflated: _deflated, ...rest }) => ({
      ...rest,
      featureCount: features.length,
      samples: features.slice(0, 3).map((f) => ({ ...f.properties })),
    })),
  };
}

const POLYGON_TYPES = /polygon/i;

/** Why a feature's area could not be measured, as the import report says it. */
const AREA_REFUSALS: Readonly<Record<AreaErrorCode, string>> = {
  'not-a-polygon': 'not polygons',
  'non-finite-coordinate': 'with coordinates that are not numbers',
  'coordinate-out-of-range': 'with coordinates out of range',
  'ring-too-short': 'with rings of fewer than 4 points',
  'self-intersecting-ring': 'with a boundary that crosses itself',
  'zero-area': 'of zero area',
  'holes-exceed-shell': 'with holes larger than their outer ring',
  'implausibly-large': 'implausibly large (wrong coordinate system?)',
};

/** Whether the chosen layers include parcels, which are checked against the stored control layers. */
export function needsControlLayers(choices: readonly LayerChoice[]): boolean {
  return choices.some((c) => c.include && c.role === 'parcels');
}

/**
 * Builds the records of the chosen layers: areas, mapped facts, and for parcel layers the checks
 * against the control layers (those already stored plus those in this import).
 */
export function prepareImportedLayers(
  result: ImportResult,
  choices: readonly LayerChoice[],
  storedControls: readonly { role: ControlRole; geometries: AreaGeometry[] }[],
  now: string,
  thresholds?: Partial<BoundaryErrorThresholds>,
  /** The indexes built from `storedControls` before (kept by the import worker): used unless this import adds a control layer. */
  storedIndexes?: ControlIndexes,
): { layers: PreparedLayer[]; notes: ImportNote[]; sources: LayerSource[] } {
  const notes: ImportNote[] = [];
  const sources: LayerSource[] = [];
  const layers: PreparedLayer[] = [];
  for (const choice of choices) {
    const source = result.layers[choice.index];
    if (!choice.include || !source) continue;
    if (!POLYGON_TYPES.test(source.sourceGeometryType) && source.features.length === 0) {
      notes.push({
        code: 'geometry-type-refused',
        severity: 'error',
        message: `${source.name}: ${source.sourceGeometryType} features cannot be used as ${choice.role}; only polygons can.`,
        layer: source.name,
      });
      continue;
    }
    const prepared = prepareLayer(
      {
        id: choice.id,
        name: choice.name,
        role: choice.role,
        source: source.sourceFiles.join(', '),
        order: choice.order,
        encoding: source.encoding.encoding,
        crs: source.crs.name,
        features: source.features,
      },
      { now, mapFacts: fieldMapper(choice.fieldMapping) },
    );
    if (prepared.skipped > 0) {
      const why = Object.entries(prepared.skippedBy)
        .map(([code, n]) => `${n} ${AREA_REFUSALS[code as AreaErrorCode]}`)
        .join(', ');
      notes.push({
        code: 'area-invalid',
        severity: 'warning',
        message: `${choice.name}: ${prepared.skipped} features have no measurable area and were not imported (${why}); the import report lists their records. Fix them in the source data and import again.`,
        layer: choice.name,
        count: prepared.skipped,
      });
    }
    layers.push({ layer: prepared.layer, content: prepared.content });
    if ((source.dbfDeflated || source.dbf) && choice.role === 'parcels') {
      sources.push({
        layerId: choice.id,
        ...(source.dbfDeflated ? { dbfDeflated: source.dbfDeflated } : { dbf: source.dbf }),
        fieldMapping: choice.fieldMapping,
        encoding: source.encoding.encoding,
      });
    }
  }
  const controls = [...storedControls];
  for (const { layer, content } of layers) {
    if ((CONTROL_ROLES as readonly string[]).includes(layer.role) && content.kind === 'features') {
      controls.push({ role: layer.role as ControlRole, geometries: content.items.map((f) => f.geometry) });
    }
  }
  const indexes =
    storedIndexes && controls.length === storedControls.length
      ? storedIndexes
      : buildControlIndexes(controls);
  for (const { content } of layers) {
    if (content.kind !== 'parcels') continue;
    for (const record of content.items)
      record.overlay = checkParcel(indexes, record.geometry, record.areaM2, thresholds);
  }
  return { layers, notes, sources };
}

/** What an import written by its worker reports back: ids and notes, never records. */
export interface StoredImport {
  layers: { id: string; role: LayerRole }[];
  notes: ImportNote[];
  /** Worker time spent preparing (areas, facts, checks) and writing, for the benches. */
  prepareMs: number;
  writeMs: number;
  /** Set when the write failed (nothing was stored): the AppError's code and message. */
  error?: { code: ErrorCode; message: string };
}
