import { proxy, transfer, wrap } from 'comlink';
import { isSourceFile } from '../io/import.types';
import { AppError } from '../shared/errors';
import type { ImportSession } from '../store/services';
import type { ImportWorkerApi, WorkerInput } from '../workers/import.worker';
import type { MapStaging } from './map-tiles-service';

/**
 * Generous hang detectors, not timing promises: a truncated zip once hung shpjs forever
 * (RELIABILITY.md §0.1); a worker that does not answer in time is terminated.
 */
const READ_WATCHDOG_MS = 10 * 60_000;
const PREPARE_WATCHDOG_MS = 10 * 60_000;

/**
 * A picked File goes to the worker as a handle (cloning a Blob copies no bytes) and is read there;
 * bytes already in hand are copied, not transferred, since a re-read with other options sends them again.
 */
async function toWorker(file: Parameters<ImportSession['read']>[0][number]): Promise<WorkerInput> {
  if (isSourceFile(file)) return file;
  if (file instanceof Blob) return { name: file.name, blob: file };
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * An import session in its own worker; cancel or the watchdog terminates it. Given the app's
 * database name, the worker also writes the prepared layers itself (`prepareAndStore`); given the
 * map's staging, it hands the parcel layers it writes to the map's worker as well, so their first
 * load needs no read back from IndexedDB.
 */
export function startImportSession(databaseName?: string, staging?: MapStaging): ImportSession {
  const worker = new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<ImportWorkerApi>(worker);
  let ended: AppError | null = null;
  const rejectors = new Set<(error: AppError) => void>();
  const end = (error: AppError) => {
    if (ended) return;
    ended = error;
    worker.terminate();
    for (const reject of rejectors) reject(error);
  };
  const guarded = <T>(work: Promise<T>, ms: number): Promise<T> => {
    if (ended) return Promise.reject(ended);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          end(
            new AppError(
              'import-timeout',
              'The import did not finish in time and was stopped; the file may be damaged.',
            ),
          ),
        ms,
      );
      const settle = () => {
        clearTimeout(timer);
        rejectors.delete(reject);
      };
      rejectors.add(reject);
      work.then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error);
        },
      );
    });
  };
  return {
    read: async (files, options, onProgress) =>
      guarded(
        api.read(
          await Promise.all(files.map(toWorker)),
          options,
          proxy((progress: Parameters<typeof onProgress>[0]) => onProgress(progress)),
        ),
        READ_WATCHDOG_MS,
      ),
    prepare: (choices, controls, now, thresholds) =>
      guarded(api.prepare(choices, controls, now, thresholds), PREPARE_WATCHDOG_MS),
    ...(databaseName === undefined
      ? {}
      : {
          prepareAndStore: async (choices, now, thresholds) => {
            const port = staging?.port();
            const discard = () => staging?.discard(choices.map((c) => c.id));
            try {
              const stored = await guarded(
                api.prepareAndStore(databaseName, choices, now, thresholds, port && transfer(port, [port])),
                PREPARE_WATCHDOG_MS,
              );
              if (stored.error || stored.layers.length === 0) discard();
              return stored;
            } catch (error) {
              discard();
              throw error;
            }
          },
        }),
    cancel: () => end(new AppError('import-cancelled', 'The import was cancelled; nothing was stored.')),
  };
}
