import { expose } from 'comlink';
import { openDatabase } from '../db/open-database';
import type { BoundaryErrorThresholds } from '../domain/overlay-verdict';
import type { ControlRole } from '../domain/parcel';
import type { AreaGeometry } from '../geo/geometry.types';
import type { ImportOptions, ImportProgress, ImportResult, SourceFile } from '../io/import.types';
import { importFiles } from '../io/import-files';
import type { StoredImport } from '../io/prepare-imported';
import { type LayerChoice, prepareImportedLayers, summarizeImport } from '../io/prepare-imported';
import { layerSourceKey } from '../io/redecode-layer';
import { toAppError } from '../shared/errors';

/**
 * One import session per worker: read files (parse, reproject, validate), keep the result here while
 * the user reviews it, then prepare the chosen layers — and, in the app, write them to IndexedDB
 * from here. The main thread terminates the worker on cancel or when its watchdog fires (shpjs-style
 * hangs can only be stopped that way).
 */
let result: ImportResult | null = null;

type Controls = { role: ControlRole; geometries: AreaGeometry[] }[];

const api = {
  async read(
    files: SourceFile[],
    options: Pick<ImportOptions, 'encoding' | 'crsOverride' | 'towgs84'>,
    onProgress?: (progress: ImportProgress) => void,
  ) {
    result = await importFiles(files, { ...options, onProgress });
    return summarizeImport(result);
  },
  prepare(
    choices: LayerChoice[],
    controls: Controls,
    now: string,
    thresholds?: Partial<BoundaryErrorThresholds>,
  ) {
    if (!result) throw new Error('Nothing was read in this import session.');
    return prepareImportedLayers(result, choices, controls, now, thresholds);
  },
  /**
   * Prepares the chosen layers and writes them to the database `databaseName` over this worker's
   * own connection: all layers and each parcel layer's raw DBF in one transaction (layers.importLayers). Only ids, notes and timings go back, so the UI thread never receives or
   * clones the county's records. Storage errors come back as `error` (code and message), since an
   * Error loses its code on the way between threads.
   */
  async prepareAndStore(
    databaseName: string,
    choices: LayerChoice[],
    controls: Controls,
    now: string,
    thresholds?: Partial<BoundaryErrorThresholds>,
  ): Promise<StoredImport> {
    if (!result) throw new Error('Nothing was read in this import session.');
    const started = performance.now();
    const prepared = prepareImportedLayers(result, choices, controls, now, thresholds);
    const prepareMs = performance.now() - started;
    const layers = prepared.layers.map(({ layer }) => ({ id: layer.id, role: layer.role }));
    if (layers.length === 0) return { layers, notes: prepared.notes, prepareMs, writeMs: 0 };
    const writing = performance.now();
    try {
      const opened = await openDatabase(databaseName);
      try {
        await opened.repositories.layers.importLayers(
          prepared.layers,
          prepared.sources.map((source) => ({ key: layerSourceKey(source.layerId), value: source })),
        );
      } finally {
        opened.close();
      }
    } catch (error) {
      const appError = toAppError(error, 'import-failed');
      return {
        layers: [],
        notes: prepared.notes,
        prepareMs,
        writeMs: 0,
        error: { code: appError.code, message: appError.message },
      };
    }
    result = null;
    return { layers, notes: prepared.notes, prepareMs, writeMs: performance.now() - writing };
  },
};

export type ImportWorkerApi = typeof api;

expose(api);
