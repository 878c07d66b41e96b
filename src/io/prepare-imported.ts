import type { PreparedLayer, StreamedParcelLayer } from '../domain/layer';
import { buildControlIndexes, type ControlIndexes, checkParcel } from '../domain/overlay-checks';
import type { BoundaryErrorThresholds } from '../domain/overlay-verdict';
import { CONTROL_ROLES, type ControlRole, type LayerRole } from '../domain/parcel';
import type { AreaErrorCode } from '../geo/area';
import type { AreaGeometry } from '../geo/geometry.types';
import type { ErrorCode } from '../shared/errors';
import { fieldMapper } from './field-mapping';
import type { FieldMapping, ImportedLayer, ImportNote, ImportResult } from './import.types';
import {
  type LayerInput,
  type PrepareOptions,
  prepareLayer,
  Skipped,
  streamParcelLayer,
} from './prepare-layer';
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

/** An import's layers as the write takes them: control and reference layers made, parcel layers streamed. */
export interface StreamedImport {
  layers: (PreparedLayer | StreamedParcelLayer)[];
  /**
   * The import report's notes. A streamed layer's note on features left out is added when its
   * chunks are exhausted: read the notes after the write.
   */
  notes: ImportNote[];
  sources: LayerSource[];
}

/** The note on a layer's features that have no measurable area, if any. */
function skippedNote(name: string, skipped: Pick<Skipped, 'count' | 'by'>): ImportNote | null {
  if (skipped.count === 0) return null;
  const why = Object.entries(skipped.by)
    .map(([code, n]) => `${n} ${AREA_REFUSALS[code as AreaErrorCode]}`)
    .join(', ');
  return {
    code: 'area-invalid',
    severity: 'warning',
    message: `${name}: ${skipped.count} features have no measurable area and were not imported (${why}); the import report lists their records. Fix them in the source data and import again.`,
    layer: name,
    count: skipped.count,
  };
}

/**
 * The chosen layers ready to write: control and reference layers with their areas, parcel layers
 * as streams (StreamedParcelLayer) whose records get their areas, mapped facts and checks against
 * the control layers (those already stored plus those in this import) chunk by chunk as the write
 * takes them. In the worker's write this keeps a county's records from all living at once: they
 * were ~700k objects (records, facts, checks) surviving into the old generation, whose marking ran
 * beside the write.
 */
export function prepareImportStreamed(
  result: ImportResult,
  choices: readonly LayerChoice[],
  storedControls: readonly { role: ControlRole; geometries: AreaGeometry[] }[],
  now: string,
  thresholds?: Partial<BoundaryErrorThresholds>,
  /** The indexes built from `storedControls` before (kept by the import worker): used unless this import adds a control layer. */
  storedIndexes?: ControlIndexes,
): StreamedImport {
  const notes: ImportNote[] = [];
  const sources: LayerSource[] = [];
  const controls = [...storedControls];
  // Parcel layers are checked against every control layer of the import: they are streamed once
  // the indexes are built, which needs the control layers made first.
  const slots: (PreparedLayer | { parcels: LayerInput; mapFacts: PrepareOptions['mapFacts'] })[] = [];
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
    const input: LayerInput = {
      id: choice.id,
      name: choice.name,
      role: choice.role,
      source: source.sourceFiles.join(', '),
      order: choice.order,
      encoding: source.encoding.encoding,
      crs: source.crs.name,
      features: source.features,
    };
    const mapFacts = fieldMapper(choice.fieldMapping);
    if (choice.role === 'parcels') {
      slots.push({ parcels: input, mapFacts });
      if (source.dbfDeflated || source.dbf) {
        sources.push({
          layerId: choice.id,
          ...(source.dbfDeflated ? { dbfDeflated: source.dbfDeflated } : { dbf: source.dbf }),
          fieldMapping: choice.fieldMapping,
          encoding: source.encoding.encoding,
        });
      }
      continue;
    }
    const prepared = prepareLayer(input, { now, mapFacts });
    const note = skippedNote(choice.name, { count: prepared.skipped, by: prepared.skippedBy });
    if (note) notes.push(note);
    slots.push({ layer: prepared.layer, content: prepared.content });
    if ((CONTROL_ROLES as readonly string[]).includes(choice.role) && prepared.content.kind === 'features')
      controls.push({
        role: choice.role as ControlRole,
        geometries: prepared.content.items.map((f) => f.geometry),
      });
  }
  if (!slots.some((slot) => 'parcels' in slot)) return { layers: slots as PreparedLayer[], notes, sources };
  const indexes =
    storedIndexes && controls.length === storedControls.length
      ? storedIndexes
      : buildControlIndexes(controls);
  const check = (geometry: AreaGeometry, areaM2: number) =>
    checkParcel(indexes, geometry, areaM2, thresholds);
  const layers = slots.map((slot): PreparedLayer | StreamedParcelLayer => {
    if (!('parcels' in slot)) return slot;
    const skipped = new Skipped();
    const stream = streamParcelLayer(slot.parcels, { now, mapFacts: slot.mapFacts }, skipped, check);
    return {
      get layer() {
        return stream.layer;
      },
      *chunks(size: number) {
        yield* stream.chunks(size);
        const note = skippedNote(slot.parcels.name, skipped);
        if (note) notes.push(note);
      },
    };
  });
  return { layers, notes, sources };
}

/**
 * Builds the records of the chosen layers: areas, mapped facts, and for parcel layers the checks
 * against the control layers (those already stored plus those in this import). The streamed
 * import (prepareImportStreamed), made whole.
 */
export function prepareImportedLayers(...args: Parameters<typeof prepareImportStreamed>): {
  layers: PreparedLayer[];
  notes: ImportNote[];
  sources: LayerSource[];
} {
  const streamed = prepareImportStreamed(...args);
  const layers = streamed.layers.map((prepared): PreparedLayer => {
    if ('content' in prepared) return prepared;
    const items = [...prepared.chunks(Number.POSITIVE_INFINITY)].flat();
    return { layer: prepared.layer, content: { kind: 'parcels', items } };
  });
  return { layers, notes: streamed.notes, sources: streamed.sources };
}

/** What an import written by its worker reports back: ids and notes, never records. */
export interface StoredImport {
  layers: { id: string; role: LayerRole }[];
  notes: ImportNote[];
  /**
   * Worker time spent preparing (areas, facts, checks) and writing (packing, puts, the hand-over to
   * the map, the commit), for the benches. Parcel layers are made chunk by chunk inside the write:
   * that time counts as preparing, and writeMs is the rest of the write.
   */
  prepareMs: number;
  writeMs: number;
  /** Set when the write failed (nothing was stored): the AppError's code and message. */
  error?: { code: ErrorCode; message: string };
}
