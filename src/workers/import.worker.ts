import { expose } from 'comlink';
import type { BoundaryErrorThresholds } from '../domain/overlay-verdict';
import type { ControlRole } from '../domain/parcel';
import type { AreaGeometry } from '../geo/geometry.types';
import type { ImportOptions, ImportProgress, ImportResult, SourceFile } from '../io/import.types';
import { importFiles } from '../io/import-files';
import { type LayerChoice, prepareImportedLayers, summarizeImport } from '../io/prepare-imported';

/**
 * One import session per worker: read files (parse, reproject, validate), keep the result here while
 * the user reviews it, then prepare the chosen layers. The main thread terminates the worker on
 * cancel or when its watchdog fires (shpjs-style hangs can only be stopped that way).
 */
let result: ImportResult | null = null;

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
    controls: { role: ControlRole; geometries: AreaGeometry[] }[],
    now: string,
    thresholds?: Partial<BoundaryErrorThresholds>,
  ) {
    if (!result) throw new Error('Nothing was read in this import session.');
    return prepareImportedLayers(result, choices, controls, now, thresholds);
  },
};

export type ImportWorkerApi = typeof api;

expose(api);
