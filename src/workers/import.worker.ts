import { expose } from 'comlink';
import { readStoredControls, type StoredControls } from '../db/control-layers';
import { type OpenedDatabase, openDatabase } from '../db/open-database';
import type { StreamedParcelLayer } from '../domain/layer';
import { buildControlIndexes, type ControlIndexes } from '../domain/overlay-checks';
import type { BoundaryErrorThresholds } from '../domain/overlay-verdict';
import type { ControlLayerGeometries, ParcelRecord } from '../domain/parcel';
import type { PackedGeometry } from '../geo/packed-geometry';
import type { ImportOptions, ImportProgress, ImportResult, SourceFile } from '../io/import.types';
import { importFiles } from '../io/import-files';
import type { StoredImport } from '../io/prepare-imported';
import {
  type LayerChoice,
  needsControlLayers,
  prepareImportedLayers,
  prepareImportStreamed,
  type StreamedImport,
  summarizeImport,
} from '../io/prepare-imported';
import { layerSourceKey } from '../io/redecode-layer';
import { type TransferableParcels, toTransferable, transferList } from '../io/vector-tiles/parcel-transfer';
import { toAppError } from '../shared/errors';
import type { StagedLayerMessage } from './map-tiles.worker';

/**
 * One import session per worker: read files (parse, reproject, validate), keep the result here while
 * the user reviews it, then prepare the chosen layers — and, in the app, write them to IndexedDB
 * from here. The main thread terminates the worker on cancel or when its watchdog fires (shpjs-style
 * hangs can only be stopped that way).
 */
let result: ImportResult | null = null;

/**
 * The stored control layers and their overlay indexes, read and built while this worker waited as
 * the spare (`warm`): an import checks its parcels against them with no read, unless the control
 * layers changed since (their stamp). This took ~0.1 s off the prepare at 100k parcels (0.14 s at
 * 10k) with the demo's small 三区三线 layers, and saves more with a county's real ones.
 */
let warmed: { databaseName: string; controls: StoredControls; indexes: ControlIndexes } | null = null;
let warming: Promise<void> = Promise.resolve();

/** The stored control layers and their indexes: those warmed when still current, else read now. */
async function controlsFor(
  opened: OpenedDatabase,
  databaseName: string,
): Promise<{ controls: StoredControls; indexes?: ControlIndexes }> {
  await warming;
  const before = warmed?.databaseName === databaseName ? warmed : null;
  const controls = await readStoredControls(opened.repositories.layers, before?.controls);
  return before && controls === before.controls ? before : { controls };
}

/** A file as it comes from the UI thread: bytes, or a File (a Blob handle) this worker reads. */
export type WorkerInput = SourceFile | { name: string; blob: Blob };

const api = {
  /**
   * Reads the stored control layers and builds their overlay indexes ahead, while the worker waits
   * for a session. Never fails: an import reads what it lacks itself.
   */
  warm(databaseName: string): Promise<void> {
    warming = (async () => {
      const opened = await openDatabase(databaseName);
      try {
        const controls = await readStoredControls(opened.repositories.layers);
        warmed = { databaseName, controls, indexes: buildControlIndexes(controls.layers) };
      } finally {
        opened.close();
      }
    })().catch(() => {});
    return warming;
  },
  async read(
    files: WorkerInput[],
    options: Pick<ImportOptions, 'encoding' | 'crsOverride' | 'towgs84'>,
    onProgress?: (progress: ImportProgress) => void,
  ) {
    const read = await Promise.all(
      files.map(async (f) =>
        'blob' in f ? { name: f.name, bytes: new Uint8Array(await f.blob.arrayBuffer()), owned: true } : f,
      ),
    );
    result = await importFiles(read, { ...options, onProgress });
    return summarizeImport(result);
  },
  prepare(
    choices: LayerChoice[],
    controls: ControlLayerGeometries[],
    now: string,
    thresholds?: Partial<BoundaryErrorThresholds>,
  ) {
    if (!result) throw new Error('Nothing was read in this import session.');
    return prepareImportedLayers(result, choices, controls, now, thresholds);
  },
  /**
   * Prepares the chosen layers and writes them to the database `databaseName` over this worker's
   * own connection: all layers and each parcel layer's raw DBF in one transaction
   * (layers.importLayers). The control layers the parcels are checked against are read here too.
   * Parcel layers are prepared inside the write, one chunk at a time (prepareImportStreamed), so
   * the county's records never all live at once. Only ids, notes and timings go back, so the UI thread never receives or clones the county's
   * records. Storage errors come back as `error` (code and message), since an Error loses its code
   * on the way between threads.
   */
  async prepareAndStore(
    databaseName: string,
    choices: LayerChoice[],
    now: string,
    thresholds?: Partial<BoundaryErrorThresholds>,
    mapPort?: MessagePort,
  ): Promise<StoredImport> {
    const read = result;
    if (!read) throw new Error('Nothing was read in this import session.');
    let opened: OpenedDatabase | null = null;
    let prepared: StreamedImport | null = null;
    let prepareMs = 0;
    let writing = 0;
    const making = { ms: 0 };
    try {
      const started = performance.now();
      opened = await openDatabase(databaseName);
      const stored = needsControlLayers(choices) ? await controlsFor(opened, databaseName) : null;
      prepared = prepareImportStreamed(
        read,
        choices,
        stored?.controls.layers ?? [],
        now,
        thresholds,
        stored?.indexes,
      );
      prepareMs = performance.now() - started;
      if (prepared.layers.length === 0) return { layers: [], notes: prepared.notes, prepareMs, writeMs: 0 };
      writing = performance.now();
      const staging = mapPort ? new MapStaging(mapPort) : null;
      await opened.repositories.layers.importLayers(
        prepared.layers.map((layer) => ('chunks' in layer ? timed(layer, making) : layer)),
        prepared.sources.map((source) => ({ key: layerSourceKey(source.layerId), value: source })),
        // The hand-over is built chunk by chunk as the records are made, and posted while IndexedDB
        // commits.
        staging
          ? {
              onParcelChunk: (layerId, records, geometry) => staging.add(layerId, records, geometry),
              whileCommitting: () => staging.post(),
            }
          : {},
      );
    } catch (error) {
      const appError = toAppError(error, 'import-failed');
      return {
        layers: [],
        notes: prepared?.notes ?? [],
        prepareMs,
        writeMs: 0,
        error: { code: appError.code, message: appError.message },
      };
    } finally {
      opened?.close();
      mapPort?.close();
    }
    result = null;
    const layers = prepared.layers.map(({ layer }) => ({ id: layer.id, role: layer.role }));
    // The parcels were made inside the write: that time counts as preparing, the rest as writing.
    return {
      layers,
      notes: prepared.notes,
      prepareMs: prepareMs + making.ms,
      writeMs: performance.now() - writing - making.ms,
    };
  },
};

/** A streamed parcel layer whose chunks' making (areas, facts, checks) is timed into `clock`. */
function timed(streamed: StreamedParcelLayer, clock: { ms: number }): StreamedParcelLayer {
  return {
    get layer() {
      return streamed.layer;
    },
    *chunks(size: number) {
      const chunks = streamed.chunks(size)[Symbol.iterator]();
      for (;;) {
        const started = performance.now();
        const next = chunks.next();
        clock.ms += performance.now() - started;
        if (next.done) return;
        yield next.value;
      }
    },
  };
}

/**
 * The parcel layers as the map's worker takes them (parcel-transfer: the few fields the map and the
 * summaries use, in columns; geometries as packed for storage, moved), one part per stored chunk,
 * built as each chunk is stored and posted while IndexedDB commits: the map's worker takes them in
 * meanwhile, and loads the layers after the commit without reading them back.
 */
class MapStaging {
  private readonly parts = new Map<string, TransferableParcels[]>();
  constructor(private readonly port: MessagePort) {}
  add(layerId: string, records: readonly ParcelRecord[], geometry: PackedGeometry | null): void {
    let parts = this.parts.get(layerId);
    if (!parts) {
      parts = [];
      this.parts.set(layerId, parts);
    }
    parts.push(toTransferable(records, geometry ?? undefined));
  }
  post(): void {
    for (const [layerId, parts] of this.parts) {
      const message: StagedLayerMessage = { layerId, parts };
      this.port.postMessage(
        message,
        parts.flatMap((part) => transferList(part)),
      );
    }
  }
}

export type ImportWorkerApi = typeof api;

expose(api);
