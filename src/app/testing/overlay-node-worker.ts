/**
 * Test-only stand-in for workers/overlay.worker.ts under Node's worker_threads: the same domain
 * engine behind a minimal request/response protocol. `workerData.hangOnX` makes a parcel whose
 * first vertex has that longitude spin forever, the way a clipper caught in an endless loop does
 * (Turfjs/turf#2705, #2955): only terminate() can end it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  buildControlIndexes,
  type ControlIndexes,
  checkParcel,
  overlapPieces,
} from '../../domain/overlay-checks';
import type { AreaGeometry } from '../../geo/geometry.types';

let indexes: ControlIndexes = {};
const hangOnX = (workerData as { hangOnX?: number } | undefined)?.hangOnX;

function firstX(geometry: AreaGeometry): number | undefined {
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  return ring?.[0]?.[0];
}

function spinIfMarked(geometry: AreaGeometry): void {
  if (hangOnX === undefined || firstX(geometry) !== hangOnX) return;
  let n = 0;
  for (;;) n = (n + 1) % 7;
}

type Request = { id: number; method: string; args: unknown[] };

parentPort?.on('message', (request: Request) => {
  const { id, method, args } = request;
  try {
    let value: unknown;
    if (method === 'setControls') {
      indexes = buildControlIndexes(args[0] as Parameters<typeof buildControlIndexes>[0]);
    } else if (method === 'check') {
      const [geometry, area, thresholds] = args as [AreaGeometry, number, undefined];
      spinIfMarked(geometry);
      value = checkParcel(indexes, geometry, area, thresholds);
    } else if (method === 'checkMany') {
      const [items, thresholds] = args as [
        { id: string; geometry: AreaGeometry; areaM2: number }[],
        undefined,
      ];
      value = items.map((item) => {
        spinIfMarked(item.geometry);
        return { id: item.id, checks: checkParcel(indexes, item.geometry, item.areaM2, thresholds) };
      });
    } else if (method === 'pieces') {
      spinIfMarked(args[0] as AreaGeometry);
      value = overlapPieces(indexes, args[0] as AreaGeometry);
    }
    parentPort?.postMessage({ id, value });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
