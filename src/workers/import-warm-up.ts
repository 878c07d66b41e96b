import { encodeChunk, releaseChunk } from '../db/chunk-codec';
import { CHUNK_SIZE } from '../db/schema';
import type { ControlIndexes } from '../domain/overlay-checks';
import type { ControlLayerGeometries } from '../domain/parcel';
import { exportGeoJson } from '../io/export/geojson.export';
import { syntheticRecords } from '../io/export/sample-records';
import { exportShapefileZip } from '../io/export/shapefile.export';
import { importFiles } from '../io/import-files';
import { type LayerChoice, prepareImportStreamed } from '../io/prepare-imported';
import { MapStaging } from './map-staging';

/**
 * How many synthetic parcels a spare import worker imports while the user chooses files. In
 * Chromium, 20,000 helped a county's import more than 10,000, and 40,000 no more (4 runs each, a noisy
 * machine; docs/architecture.md, "A fresh worker writes slower than a warm one"); it takes 2.5–3.5 s
 * of the worker's thread.
 */
export const WARM_UP_PARCELS = 20_000;

export interface WarmUpOptions {
  /** The stored control layers and their indexes, as the worker keeps them for the next import. */
  controls: readonly ControlLayerGeometries[];
  indexes?: ControlIndexes;
  parcels?: number;
  /** Asked before each step: true once a session needs the worker (the warm-up then ends there). */
  stopped: () => boolean;
  /** Lets the worker's messages in between steps (a timer by default). */
  pause?: () => Promise<void>;
}

export interface WarmUpResult {
  /** False when `stopped` ended it early. */
  completed: boolean;
  ms: number;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs an import's own steps on a synthetic county, storing nothing, so that the worker's next
 * import runs on code V8 has already optimised.
 *
 * Why: a fresh worker's import wrote a county ~40% slower than a worker that had written one before.
 * A V8 trace (`--trace-opt`) showed the import's hot functions (packing, the map's hand-over, the
 * making of records, the DBF decoder) being compiled by TurboFan during the import itself, ~0.7 s
 * of compiling on the second core for the write alone, while the browser's IndexedDB work needed
 * that core too, and the functions ran unoptimised meanwhile.
 *
 * The steps are those of a real import: a GBK Gauss-Kruger shapefile zip and a GeoJSON file read by
 * `importFiles`; the parcels made against the worker's stored control layers
 * (`prepareImportStreamed`), chunk by chunk packed as for a put (`encodeChunk`), handed to a map
 * staging that is never posted (`MapStaging`), and freed (`releaseChunk`). No database is opened
 * and nothing leaves the worker. Between steps it lets the worker's messages in, and ends as soon as
 * `stopped()`: a session's first call is never held up by more than one step.
 */
export async function warmUpImport(options: WarmUpOptions): Promise<WarmUpResult> {
  const started = performance.now();
  const pause = options.pause ?? nextTask;
  const parcels = options.parcels ?? WARM_UP_PARCELS;
  const ended = async (): Promise<boolean> => {
    await pause();
    return options.stopped();
  };
  const result = (completed: boolean): WarmUpResult => ({ completed, ms: performance.now() - started });
  if (await ended()) return result(false);
  // Another seed than the benches' county, in the same 3° zone as the demo's layers.
  const records = syntheticRecords(parcels, 20_261_207);
  if (await ended()) return result(false);
  const zip = exportShapefileZip(records, {
    encoding: 'gbk',
    crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
    lastUpdate: new Date(Date.UTC(2025, 0, 1)),
  }).zip;
  if (await ended()) return result(false);
  const geojson = new TextEncoder().encode(exportGeoJson(records.slice(0, Math.ceil(parcels / 4))));
  if (await ended()) return result(false);
  await importFiles([{ name: 'warm-up.geojson', bytes: geojson }]);
  if (await ended()) return result(false);
  const read = await importFiles([{ name: 'warm-up.zip', bytes: zip }]);
  const layer = read.layers[0];
  if (!layer || (await ended())) return result(false);
  const choice: LayerChoice = {
    index: 0,
    include: true,
    id: 'warm-up',
    name: 'warm-up',
    role: 'parcels',
    fieldMapping: layer.fieldMapping,
    order: 0,
  };
  const prepared = prepareImportStreamed(
    read,
    [choice],
    options.controls,
    new Date(Date.UTC(2025, 0, 1)).toISOString(),
    undefined,
    options.indexes,
  );
  const { port1, port2 } = new MessageChannel();
  try {
    const staging = new MapStaging(port1);
    for (const streamed of prepared.layers) {
      if (!('chunks' in streamed)) continue;
      let index = 0;
      for (const items of streamed.chunks(CHUNK_SIZE)) {
        const stored = encodeChunk({ layerId: choice.id, index: index++, kind: 'parcels', items });
        staging.add(choice.id, items, stored.kind === 'parcels-packed' ? stored.geometry : null);
        releaseChunk(stored);
        if (await ended()) return result(false);
      }
    }
  } finally {
    port1.close();
    port2.close();
  }
  return result(true);
}
