import { proxy, type Remote, transfer, wrap } from 'comlink';
import { isSourceFile, SHP_ASIDE_MIN_BYTES } from '../io/import.types';
import { AppError } from '../shared/errors';
import type { ImportSession } from '../store/services';
import type { ImportWorkerApi, WorkerInput } from '../workers/import.worker';
import type { ShpReaderConnect } from '../workers/shp-reader.worker';
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

/** Starts an import worker (its module is fetched and compiled in the worker's own thread). */
function spawnImportWorker(): Worker {
  return new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' });
}

/** Starts a .shp reader for an import session (see shp-reader.worker.ts). */
function spawnShpReader(): Worker {
  return new Worker(new URL('../workers/shp-reader.worker.ts', import.meta.url), { type: 'module' });
}

/** How sessions start .shp readers where workers exist (not in Node). */
const defaultReaderSpawn = (): (() => Worker) | null =>
  typeof Worker === 'undefined' ? null : spawnShpReader;

/**
 * Files that may hold a .shp of SHP_ASIDE_MIN_BYTES or more (a zip of a quarter of that: a zipped
 * .shp deflates to a third or so of its size): for those, the session connects its .shp reader, so
 * that the .shp inflates and parses on its thread while the import worker reads the .dbf. The import
 * worker decides by the .shp's own size.
 */
function mayHoldLargeShp(files: Parameters<ImportSession['read']>[0]): boolean {
  return files.some((f) => {
    const size = isSourceFile(f) ? f.bytes.length : f.size;
    return /\.zip$/i.test(f.name)
      ? size >= SHP_ASIDE_MIN_BYTES / 4
      : /\.shp$/i.test(f.name) && size >= SHP_ASIDE_MIN_BYTES;
  });
}

/** Import sessions in workers started ahead (createImportSessions). */
export interface ImportSessions {
  /** A session, in the spare worker when there is one. */
  start(): ImportSession;
  /**
   * The user is about to choose files: the spare warms the import's code up on a synthetic county
   * (workers/import-warm-up.ts) until the session's first call.
   */
  expect(): void;
}

/** The performance mark made when a spare import worker's warm-up has ended (its detail: WarmUpResult or null). */
export const SPARE_WARMED_MARK = 'landstock:import-spare-warmed';

/** Runs `task` when the page is idle (or within a few seconds at the latest). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 5_000 });
  else setTimeout(task, 1_000);
}

/**
 * Import sessions whose worker was started ahead of need: a worker's module load and compile took
 * ~0.1 s of every import's read here, between the file being chosen and its first byte being read.
 * One worker is kept started, idle; a session takes it, and the next is started once that session
 * has ended and the page is idle again (not while the import's own work competes for the CPU).
 * Given the app's database, the spare also reads the stored control layers and indexes them for
 * the parcels' overlay checks (`warm`); the import reads them again only if they changed since.
 * Once the user is about to choose files (`expect`), it runs an import's steps on a synthetic county,
 * storing nothing (workers/import-warm-up.ts), so that the import runs on optimised code; the
 * session's first call ends that at the warm-up's next step.
 */
export function createImportSessions(
  databaseName?: string,
  staging?: MapStaging,
  spawn: () => Worker = spawnImportWorker,
  idle: (task: () => void) => void = whenIdle,
  /**
   * The first spare is started once this settles (the app's boot: stored and demo layers in
   * place), so that it reads the control layers an import will check against.
   */
  ready: Promise<unknown> = Promise.resolve(),
  /**
   * Starts a session's .shp reader (see startImportSession). One is started with each spare: a
   * worker started when the file is chosen began its work ~0.8 s later here (the service worker,
   * stopped meanwhile, had to start to serve its script), after the .shp was needed.
   */
  spawnReader: (() => Worker) | null = defaultReaderSpawn(),
): ImportSessions {
  // One comlink proxy per worker, kept with it: when a proxy is collected, comlink tells the worker
  // to release it, and the worker then stops listening for every proxy.
  let spare: {
    worker: Worker;
    api: Remote<ImportWorkerApi>;
    reader: Worker | null;
    /** Asked to warm up already (expect). */
    warmingUp?: boolean;
  } | null = null;
  let live = 0;
  const warm = () => {
    // Not while a session runs: its worker is busy, and one spare is enough.
    if (spare !== null || live > 0) return;
    const worker = spawn();
    const reader = spawnReader?.() ?? null;
    if (reader)
      // A reader that failed before a session took it is not handed on (the session starts another).
      reader.onerror = () => {
        reader.terminate();
        if (spare?.reader === reader) spare.reader = null;
      };
    spare = { worker, api: wrap<ImportWorkerApi>(worker), reader };
    if (databaseName !== undefined) void spare.api.warm(databaseName);
  };
  void ready.then(
    () => idle(warm),
    () => idle(warm),
  );
  const start = (): ImportSession => {
    const started = spare;
    spare = null;
    live++;
    const onEnd = () => {
      live--;
      idle(warm);
    };
    return started
      ? startImportSession(databaseName, staging, started.worker, onEnd, started.api, {
          spawn: spawnReader,
          started: started.reader,
        })
      : startImportSession(databaseName, staging, spawn(), onEnd, undefined, { spawn: spawnReader });
  };
  const expect = (): void => {
    // Once per spare; none yet (the boot not done): the session starts cold.
    if (!spare || spare.warmingUp) return;
    spare.warmingUp = true;
    void spare.api.warmUp().then(
      // Where the benches see that the spare's import code is warmed up (import-warm-up.ts).
      (outcome) => performance.mark(SPARE_WARMED_MARK, { detail: outcome }),
      () => {},
    );
  };
  return { start, expect };
}

/**
 * An import session in its own worker; cancel or the watchdog terminates it. Given the app's
 * database name, the worker also writes the prepared layers itself (`prepareAndStore`); given the
 * map's staging, it hands the parcel layers it writes to the map's worker as well, so their first
 * load needs no read back from IndexedDB.
 */
export function startImportSession(
  databaseName?: string,
  staging?: MapStaging,
  /** A worker started ahead (`createImportSessions`); else one is started now. */
  worker: Worker = spawnImportWorker(),
  /** Called once, when the session has ended and its worker is terminated. */
  onEnd?: () => void,
  /** The worker's comlink proxy, when it has one already (a worker has one proxy only). */
  api: Remote<ImportWorkerApi> = wrap<ImportWorkerApi>(worker),
  /**
   * The session's .shp reader: one started ahead (ended with the session, used or not), and how to
   * start one when a read needs it (null: every .shp is read in the import worker).
   */
  readers: { spawn: (() => Worker) | null; started?: Worker | null } = { spawn: defaultReaderSpawn() },
): ImportSession {
  let ended: AppError | null = null;
  const spawnReader = readers.spawn;
  /** The reader started ahead, until a read takes it (it is ended with the session all the same). */
  let startedReader = readers.started ?? null;
  let shpReader: Worker | null = null;
  /** A port to the session's .shp reader for one read (started now, from this idle thread), if worth it. */
  const shpReaderPort = (files: Parameters<ImportSession['read']>[0]): MessagePort | undefined => {
    if (!spawnReader || !mayHoldLargeShp(files)) return undefined;
    if (!shpReader) {
      const reader = startedReader ?? spawnReader();
      startedReader = null;
      reader.onerror = (event) => {
        event.preventDefault();
        shpReader = null;
        reader.terminate();
        void api.shpReaderLost(event.message);
      };
      shpReader = reader;
    }
    const { port1, port2 } = new MessageChannel();
    const connect: ShpReaderConnect = { connect: port2 };
    shpReader.postMessage(connect, [port2]);
    return port1;
  };
  const rejectors = new Set<(error: AppError) => void>();
  const end = (error: AppError) => {
    if (ended) return;
    ended = error;
    worker.terminate();
    shpReader?.terminate();
    startedReader?.terminate();
    for (const reject of rejectors) reject(error);
    onEnd?.();
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
    read: async (files, options, onProgress) => {
      const port = shpReaderPort(files);
      return guarded(
        api.read(
          await Promise.all(files.map(toWorker)),
          options,
          proxy((progress: Parameters<typeof onProgress>[0]) => onProgress(progress)),
          port && transfer(port, [port]),
        ),
        READ_WATCHDOG_MS,
      );
    },
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
