/** Test-only: starts testing/overlay-node-worker.ts in a worker_threads Worker (TypeScript via tsx). */
import { Worker } from 'node:worker_threads';
import type { OverlayService } from '../../store/services';
import type { OverlayEngine } from '../overlay-watchdog';

const TSX_API = new URL('../../../node_modules/tsx/dist/esm/api/index.mjs', import.meta.url).href;
const ENTRY = new URL('./overlay-node-worker.ts', import.meta.url).href;

export interface NodeEngineStats {
  started: number;
  terminated: number;
}

/** A spawn function for createWatchedOverlay; `stats` counts starts and terminations. */
export function nodeOverlaySpawner(options: { hangOnX?: number } = {}): {
  spawn: () => OverlayEngine;
  stats: NodeEngineStats;
  /** Ends every worker still running (call after the test). */
  closeAll(): Promise<void>;
} {
  const stats: NodeEngineStats = { started: 0, terminated: 0 };
  const live = new Set<Worker>();
  const spawn = (): OverlayEngine => {
    const code = `import { register } from '${TSX_API}'; register(); await import('${ENTRY}');`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
      workerData: { hangOnX: options.hangOnX },
    });
    stats.started++;
    live.add(worker);
    let next = 0;
    const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
    worker.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.value);
    });
    const call = <T>(method: string, ...args: unknown[]): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, method, args });
      });
    const service: OverlayService = {
      setControls: (layers) => call('setControls', layers),
      check: (geometry, area, thresholds) => call('check', geometry, area, thresholds),
      checkMany: (items, thresholds) => call('checkMany', items, thresholds),
      pieces: (geometry) => call('pieces', geometry),
    };
    return {
      service,
      terminate: () => {
        stats.terminated++;
        live.delete(worker);
        void worker.terminate();
      },
    };
  };
  const closeAll = async () => {
    await Promise.all([...live].map((w) => w.terminate()));
    live.clear();
  };
  return { spawn, stats, closeAll };
}
