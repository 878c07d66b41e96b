import type { ImportResult } from '../io/import.types';
import { importFiles, readImportInputs } from '../io/import-files';
import { prepareImportedLayers, summarizeImport } from '../io/prepare-imported';
import { AppError } from '../shared/errors';
import type { ImportSession } from './services';

/** An import session on the calling thread: for tests and tools; the app runs it in a worker. */
export function createInProcessImportSession(): ImportSession {
  let result: ImportResult | null = null;
  const controller = new AbortController();
  return {
    async read(files, options, onProgress) {
      result = await importFiles(await readImportInputs(files), {
        ...options,
        onProgress,
        signal: controller.signal,
      });
      return summarizeImport(result);
    },
    async prepare(choices, controls, now, thresholds) {
      if (!result) throw new AppError('import-failed', 'Nothing was read in this import session.');
      return prepareImportedLayers(result, choices, controls, now, thresholds);
    },
    cancel() {
      controller.abort();
    },
  };
}
