import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { withBufferTransfer } from '../db/test-records';
import { flatRingOf } from '../geo/flat-ring';
import { unpackGeometry } from '../geo/packed-geometry';
import { syntheticRecords } from '../io/export/sample-records';
import { exportShapefileZip } from '../io/export/shapefile.export';
import { importFiles } from '../io/import-files';
import { type LayerChoice, prepareImportStreamed } from '../io/prepare-imported';
import { fromTransferable } from '../io/vector-tiles/parcel-transfer';
import { MapStaging, type StagedLayerMessage } from './map-staging';

// The import's hand-over to the map's worker as the app runs it: a county streamed into IndexedDB,
// each chunk's packed arrays freed after its put, the hand-over's copies written over the importer's
// consumed coordinates, and everything posted at the end. What arrives must be what was stored.

describe('the import’s hand-over to the map', () => {
  it('arrives exactly as the layer was stored, every chunk, with the importer’s coordinates moved', async () => {
    const undo = withBufferTransfer();
    try {
      // Four chunks and a bit; parcels with holes and of several parts among the one-ring ones.
      const records = syntheticRecords(2_100);
      const zip = exportShapefileZip(records, {
        encoding: 'gbk',
        crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
      }).zip;
      const read = await importFiles([{ name: 'county.zip', bytes: zip }]);
      const layer = read.layers[0];
      if (!layer) throw new Error('no layer read');
      const choices: LayerChoice[] = [
        {
          index: 0,
          include: true,
          id: 'C',
          name: 'county',
          role: 'parcels',
          fieldMapping: layer.fieldMapping,
          order: 1,
        },
      ];
      const firstFlat = layer.features.map((f) => flatRingOf(f.geometry)).find((f) => f !== undefined);
      expect(firstFlat).toBeDefined();
      const prepared = prepareImportStreamed(read, choices, [], '2026-12-07T00:00:00.000Z');

      const opened = await openDatabase(`staging-${Math.random()}`);
      const { port1, port2 } = new MessageChannel();
      const arrived = new Promise<StagedLayerMessage>((resolve) => {
        port2.onmessage = (event: MessageEvent<StagedLayerMessage>) => resolve(event.data);
      });
      const staging = new MapStaging(port1);
      await opened.repositories.layers.importLayers(prepared.layers, [], {
        onParcelChunk: (layerId, chunk, geometry) => staging.add(layerId, chunk, geometry),
        whileCommitting: () => staging.post(),
      });
      const message = await arrived;
      port1.close();
      port2.close();

      expect(message.layers.map((l) => l.layerId)).toEqual(['C']);
      const parts = (message.layers[0]?.parts ?? []).map(fromTransferable);
      expect(parts.map((p) => p.records.length)).toEqual([500, 500, 500, 500, 100]);
      const stored = await opened.repositories.parcels.readLayer('C');
      expect(stored).toHaveLength(records.length);
      // What the map got is what was stored: ids, fields and every geometry.
      let i = 0;
      for (const part of parts)
        part.records.forEach((record, k) => {
          const parcel = stored[i++];
          expect(record.id).toBe(parcel?.id);
          expect(record.areaM2).toBe(parcel?.areaM2);
          expect(unpackGeometry(part.geometry, k)).toEqual(parcel?.geometry);
        });
      // And what was stored is the county as read (the copies went over nothing still to be stored).
      const again = await importFiles([{ name: 'county.zip', bytes: zip }]);
      const untouched = prepareImportStreamed(again, choices, [], '2026-12-07T00:00:00.000Z').layers[0];
      const expected = untouched && 'chunks' in untouched ? [...untouched.chunks(500)].flat() : [];
      expect(stored.map((p) => p.geometry)).toEqual(expected.map((p) => ({ ...p.geometry })));
      // The importer's array went with the message (the read is consumed).
      expect(firstFlat?.coords.length).toBe(0);
      opened.close();
    } finally {
      undo();
    }
  });
});
