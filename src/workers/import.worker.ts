import { expose } from 'comlink';
import { readStoredControls, type StoredControls } from '../db/control-layers';
import { type OpenedDatabase, openDatabase } from '../db/open-database';
import type { StreamedParcelLayer } from '../domain/layer';
import { buildControlIndexes, type ControlIndexes } from '../domain/overlay-checks';
import type { BoundaryErrorThresholds } from '../domain/overlay-verdict';
import type { ControlLayerGeometries } from '../domain/parcel';
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
import { readCompressedShp, type ShpAside, type ShpAsideRequest } from '../io/shp-aside';
import { AppError, toAppError } from '../shared/errors';
import { type WarmUpResult, warmUpImport } from './import-warm-up';
import { MapStaging } from './map-staging';
import type { ShpAnswer, ShpRequest } from './shp-reader.worker';

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

/**
 * Set by a session's first call: a warm-up still running (warmUpImport) ends at its next step, and
 * one not yet started does not start.
 */
let sessionStarted = false;
/** The warm-up, once asked for (it runs once per worker). */
let warmingUp: Promise<WarmUpResult | null> | null = null;

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

/**
 * The port of this read's .shp reader (shp-reader.worker.ts, started by the UI thread beside this
 * worker: a worker's own workers start through its event loop, which the .dbf's decoding keeps busy),
 * and the requests waiting on it.
 */
let shpReader: MessagePort | null = null;
const waitingForShp = new Set<(error: AppError) => void>();

/**
 * ImportOptions.readShpAside: the .shp inflated, read and placed on the reader's thread while
 * this one reads the .dbf. Its compressed bytes are copied once and moved there; the arrays come back moved.
 */
function readShpAside(request: ShpAsideRequest): Promise<ShpAside> {
  const reader = shpReader;
  // The reader failed earlier in this read (shpReaderLost): this thread reads the .shp itself.
  if (!reader) return readCompressedShp(request);
  return new Promise<ShpAside>((resolve, reject) => {
    const { port1, port2 } = new MessageChannel();
    const settle = () => {
      waitingForShp.delete(reject);
      port1.close();
    };
    waitingForShp.add(reject);
    port1.onmessage = ({ data }: MessageEvent<ShpAnswer>) => {
      settle();
      if ('aside' in data) resolve(data.aside);
      else reject(new AppError(data.error.code, data.error.message));
    };
    const deflated = request.compressed.deflated.slice();
    const message: ShpRequest = {
      ...request,
      compressed: { deflated, size: request.compressed.size },
      reply: port2,
    };
    reader.postMessage(message, [deflated.buffer, port2]);
  });
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
  /**
   * Runs an import's steps on a synthetic county (import-warm-up.ts), once the control layers are
   * read, unless a session has started: the user is choosing files. Once per worker; resolves with
   * its outcome (null: it did not run, or failed — an import never depends on it).
   */
  warmUp(): Promise<WarmUpResult | null> {
    warmingUp ??= (async () => {
      await warming;
      if (sessionStarted) return null;
      try {
        return await warmUpImport({
          controls: warmed?.controls.layers ?? [],
          ...(warmed ? { indexes: warmed.indexes } : {}),
          stopped: () => sessionStarted,
        });
      } catch (error) {
        console.warn("The import worker's warm-up failed; imports are not affected.", error);
        return null;
      }
    })();
    return warmingUp;
  },
  async read(
    files: WorkerInput[],
    options: Pick<ImportOptions, 'encoding' | 'crsOverride' | 'towgs84'>,
    onProgress?: (progress: ImportProgress) => void,
    /** A port to a .shp reader (shp-reader.worker.ts), for a large zipped .shp; else it is read here. */
    shpReaderPort?: MessagePort,
  ) {
    sessionStarted = true;
    shpReader?.close();
    shpReader = shpReaderPort ?? null;
    const read = await Promise.all(
      files.map(async (f) =>
        'blob' in f ? { name: f.name, bytes: new Uint8Array(await f.blob.arrayBuffer()), owned: true } : f,
      ),
    );
    result = await importFiles(read, {
      ...options,
      onProgress,
      ...(shpReader ? { readShpAside } : {}),
    });
    return summarizeImport(result);
  },
  /**
   * The UI thread's word that the .shp reader failed (a script error): what waits on it fails, and
   * later layers of this read are read here.
   */
  shpReaderLost(reason: string): void {
    shpReader = null;
    for (const reject of [...waitingForShp])
      reject(new AppError('import-failed', `The .shp reader stopped: ${reason || 'no reason given'}.`));
  },
  prepare(
    choices: LayerChoice[],
    controls: ControlLayerGeometries[],
    now: string,
    thresholds?: Partial<BoundaryErrorThresholds>,
  ) {
    sessionStarted = true;
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
    sessionStarted = true;
    const read = result;
    if (!read) throw new Error('Nothing was read in this import session.');
    // A commit consumes the read, stored or not: the hand-over to the map moves its coordinates
    // (MapStaging), and a failed commit is not tried again on the same read (the dialog reads anew).
    result = null;
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

export type ImportWorkerApi = typeof api;

expose(api);
