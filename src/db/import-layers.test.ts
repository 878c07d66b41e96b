import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { ParcelRecord } from '../domain/parcel';
import type { AreaGeometry } from '../geo/geometry.types';
import { type PackedGeometry, packedCount, unpackGeometries } from '../geo/packed-geometry';
import { openDatabase } from './open-database';
import { CHUNK_SIZE } from './schema';
import { flatParcels, testLayer, testParcel, withBufferTransfer } from './test-records';

// layers.importLayers beyond what storage-faults.test.ts covers (R20: an import lands whole with its
// raw DBF): parcel layers made while they are stored, and the work the import does on each stored
// chunk and while IndexedDB commits (its hand-over to the map's worker).

describe('importLayers: a parcel layer streamed (made chunk by chunk as it is stored)', () => {
  /** A streamed layer of the given parcels, in chunks of the size asked (or of `sizes`), optionally failing. */
  const streamed = (
    id: string,
    items: ParcelRecord[],
    options: { failAt?: number; sizes?: number[] } = {},
  ) => {
    const asked: number[] = [];
    return {
      asked,
      layer: {
        layer: testLayer(id),
        *chunks(size: number) {
          asked.push(size);
          const sizes = options.sizes ?? [];
          for (let start = 0, k = 0; start < items.length; k++) {
            if (k === options.failAt) throw new Error('the source broke mid-import');
            const end = start + (sizes[k] ?? size);
            yield items.slice(start, end);
            start = end;
          }
        },
      },
    };
  };

  it('stores the parcels in the chunks their ids name, and the layer with the count stored', async () => {
    const opened = await openDatabase(`streamed-${Math.random()}`);
    const { layers, parcels } = opened.repositories;
    const items = Array.from({ length: 2 * CHUNK_SIZE + 3 }, (_, i) => testParcel('s', i));
    const { layer, asked } = streamed('s', items);
    await layers.importLayers([layer]);
    expect(asked).toEqual([CHUNK_SIZE]);
    expect(await parcels.readLayer('s')).toEqual(items);
    expect(await parcels.get(`s#${CHUNK_SIZE + 1}`)).toEqual(items[CHUNK_SIZE + 1]);
    expect(await parcels.get(`s#${2 * CHUNK_SIZE + 2}`)).toEqual(items[2 * CHUNK_SIZE + 2]);
    expect((await layers.list())[0]).toMatchObject({
      id: 's',
      featureCount: 2 * CHUNK_SIZE + 3,
      nextSeq: 2 * CHUNK_SIZE + 3,
    });
    opened.close();
  });

  it('stores nothing of the import when making a chunk fails, and keeps what was stored before', async () => {
    const opened = await openDatabase(`streamed-${Math.random()}`);
    const { layers, parcels, meta } = opened.repositories;
    const before = Array.from({ length: 3 }, (_, i) => testParcel('before', i));
    await layers.importLayers([{ layer: testLayer('before'), content: { kind: 'parcels', items: before } }]);
    const items = Array.from({ length: 2 * CHUNK_SIZE }, (_, i) => testParcel('s', i));
    await expect(
      layers.importLayers(
        [streamed('s', items, { failAt: 1 }).layer],
        [{ key: 'source:s', value: { encoding: 'gbk' } }],
      ),
    ).rejects.toThrow();
    expect((await layers.list()).map((l) => l.id)).toEqual(['before']);
    expect(await parcels.readLayer('s')).toEqual([]);
    expect(await meta.get('source:s')).toBeUndefined();
    expect(await parcels.readLayer('before')).toEqual(before);
    opened.close();
  });

  it('refuses chunks of another size than asked before the last: their parcels would be looked for in the wrong chunk', async () => {
    const opened = await openDatabase(`streamed-${Math.random()}`);
    const { layers, parcels } = opened.repositories;
    const items = Array.from({ length: CHUNK_SIZE + 3 }, (_, i) => testParcel('s', i));
    await expect(layers.importLayers([streamed('s', items, { sizes: [3] }).layer])).rejects.toThrow(
      `not ${CHUNK_SIZE} parcels each`,
    );
    await expect(
      layers.importLayers([streamed('s', items, { sizes: [CHUNK_SIZE + 3] }).layer]),
    ).rejects.toThrow(`not ${CHUNK_SIZE} parcels each`);
    expect(await layers.list()).toEqual([]);
    expect(await parcels.readLayer('s')).toEqual([]);
    opened.close();
  });
});

describe('importLayers: work on each parcel chunk, and work that overlaps the commit (the hand-over to the map)', () => {
  const prepared = {
    layer: testLayer('overlap'),
    content: {
      kind: 'parcels' as const,
      items: Array.from({ length: 3 }, (_, i) => testParcel('overlap', i)),
    },
  };
  it('runs once, after every chunk was handed on and before importLayers resolves, and the import lands', async () => {
    const opened = await openDatabase(`overlap-${Math.random()}`);
    const { layers, parcels } = opened.repositories;
    const seen: string[] = [];
    await layers.importLayers([prepared], [{ key: 'source:overlap', value: { encoding: 'gbk' } }], {
      onParcelChunk: (layerId, records) => seen.push(`${layerId}:${records.length}`),
      whileCommitting: () => seen.push('committing'),
    });
    expect(seen).toEqual(['overlap:3', 'committing']);
    expect(await parcels.readLayer('overlap')).toHaveLength(3);
    opened.close();
  });
  it('hands each chunk’s records and packed geometries on as they are, one per chunk, in order', async () => {
    const opened = await openDatabase(`overlap-${Math.random()}`);
    const items = Array.from({ length: CHUNK_SIZE + 3 }, (_, i) => testParcel('many', i));
    const counts: number[] = [];
    const records: string[] = [];
    const geometries: AreaGeometry[] = [];
    await opened.repositories.layers.importLayers(
      [{ layer: testLayer('many'), content: { kind: 'parcels', items } }],
      [],
      {
        onParcelChunk: (layerId, chunk, geometry) => {
          expect(layerId).toBe('many');
          counts.push(geometry ? packedCount(geometry) : -1);
          records.push(...chunk.map((r) => r.id));
          if (geometry) geometries.push(...unpackGeometries(geometry));
        },
      },
    );
    expect(counts).toEqual([CHUNK_SIZE, 3]);
    expect(records).toEqual(items.map((p) => p.id));
    expect(geometries).toEqual(items.map((p) => p.geometry));
    opened.close();
  });
  it('frees each chunk’s packed form once it is handed on: the hand-over copies what it keeps, the layer reads back whole', async () => {
    const undo = withBufferTransfer();
    try {
      const opened = await openDatabase(`overlap-${Math.random()}`);
      const { items } = flatParcels('flat', CHUNK_SIZE + 3);
      // The same parcels as GeoJSON (reading a flat ring's coordinates would turn it into GeoJSON).
      const expected = items.map((_, i) => testParcel('flat', i));
      const handed: PackedGeometry[] = [];
      const copied: AreaGeometry[] = [];
      await opened.repositories.layers.importLayers(
        [{ layer: testLayer('flat'), content: { kind: 'parcels', items } }],
        [],
        {
          onParcelChunk: (_layerId, _chunk, geometry) => {
            handed.push(geometry as PackedGeometry);
            copied.push(...unpackGeometries(geometry as PackedGeometry));
          },
        },
      );
      expect(copied).toEqual(expected.map((p) => p.geometry));
      expect(handed.map((g) => g.coords.length)).toEqual([0, 0]);
      expect(await opened.repositories.parcels.readLayer('flat')).toEqual(expected);
      opened.close();
    } finally {
      undo();
    }
  });
  it('hands no packed geometry for a chunk stored unpacked (the hand-over packs it itself)', async () => {
    const opened = await openDatabase(`overlap-${Math.random()}`);
    const items = Array.from({ length: 3 }, (_, i) => testParcel('z', i));
    // A position with a z value does not fit the packed form: that chunk is stored as it is.
    const ring = items[1]?.geometry.coordinates[0] as number[][];
    ring[0] = [...(ring[0] as number[]), 12.5];
    const withZ = { layer: testLayer('z'), content: { kind: 'parcels' as const, items } };
    const handed: [string, boolean][] = [];
    await opened.repositories.layers.importLayers([prepared, withZ], [], {
      onParcelChunk: (layerId, _records, geometry) => handed.push([layerId, geometry !== null]),
    });
    expect(handed).toEqual([
      ['overlap', true],
      ['z', false],
    ]);
    expect((await opened.repositories.parcels.readLayer('z'))[1]?.geometry).toEqual(items[1]?.geometry);
    opened.close();
  });
  it('fails the import when the work on a chunk throws: nothing of it is stored', async () => {
    const opened = await openDatabase(`overlap-${Math.random()}`);
    const { layers, parcels, meta } = opened.repositories;
    let committing = false;
    await expect(
      layers.importLayers([prepared], [{ key: 'source:overlap', value: { encoding: 'gbk' } }], {
        onParcelChunk: () => {
          throw new Error('hand-over failed');
        },
        whileCommitting: () => {
          committing = true;
        },
      }),
    ).rejects.toThrow('hand-over failed');
    expect(committing).toBe(false);
    expect(await layers.list()).toEqual([]);
    expect(await parcels.readLayer('overlap')).toEqual([]);
    expect(await meta.get('source:overlap')).toBeUndefined();
    opened.close();
  });
  it('cannot undo the import: when it throws, the error is logged and the import lands', async () => {
    const opened = await openDatabase(`overlap-${Math.random()}`);
    const { layers, parcels, meta } = opened.repositories;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await layers.importLayers([prepared], [{ key: 'source:overlap', value: { encoding: 'gbk' } }], {
        whileCommitting: () => {
          throw new Error('hand-over failed');
        },
      });
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]?.[1])).toContain('hand-over failed');
    } finally {
      logged.mockRestore();
    }
    expect((await layers.list()).map((l) => l.id)).toEqual(['overlap']);
    expect(await parcels.readLayer('overlap')).toHaveLength(3);
    expect(await meta.get('source:overlap')).toEqual({ encoding: 'gbk' });
    opened.close();
  });
  it('does not run when a put fails, and nothing of the import is stored', async () => {
    const opened = await openDatabase(`overlap-${Math.random()}`);
    const { layers, parcels, meta } = opened.repositories;
    let ran = false;
    await expect(
      // A function cannot be cloned: the meta put fails, after the chunks' puts were issued.
      layers.importLayers([prepared], [{ key: 'source:overlap', value: { read: () => 1 } }], {
        whileCommitting: () => {
          ran = true;
        },
      }),
    ).rejects.toThrow();
    expect(ran).toBe(false);
    expect(await layers.list()).toEqual([]);
    expect(await parcels.readLayer('overlap')).toEqual([]);
    expect(await meta.get('source:overlap')).toBeUndefined();
    opened.close();
  });
});
