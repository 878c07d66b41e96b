import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { LayerFeature } from '../domain/layer';
import { encodeChunk } from './chunk-codec';
import v1 from './fixtures/v1-database.json';
import v2 from './fixtures/v2-database.json';
import v3 from './fixtures/v3-database.json';
import v4 from './fixtures/v4-database.json';
import v5 from './fixtures/v5-database.json';
import { openDatabase } from './open-database';
import { CHUNK_SIZE, CURRENT_SCHEMA_VERSION, LandstockDatabase, SCHEMA_VERSIONS } from './schema';
import { testLayer, testParcel } from './test-records';

interface Fixture {
  version: number;
  stores: Record<string, string>;
  data: Record<string, unknown[]>;
  /** The rows' keys, for a table whose keys are given with each row (out of line). */
  keys?: Record<string, unknown[]>;
}

/** Frozen dumps of every released schema version (RELIABILITY.md test 30). */
const fixtures: Fixture[] = [v1, v2, v3, v4, v5];

/** Writes a fixture with the schema of its own version, as that release of the app would have. */
async function createOldDatabase(name: string, fixture: Fixture): Promise<void> {
  const old = new Dexie(name);
  old.version(fixture.version).stores(fixture.stores);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(fixture.data)) {
      const keys = fixture.keys?.[table] as Parameters<Dexie['table']>[0][] | undefined;
      await (keys ? old.table(table).bulkAdd(rows, keys as never) : old.table(table).bulkAdd(rows));
    }
  });
  old.close();
}

describe('schema migrations', () => {
  it('has a frozen fixture for every released schema version', () => {
    expect(fixtures.map((f) => f.version)).toEqual([...SCHEMA_VERSIONS]);
  });

  for (const fixture of fixtures) {
    it(`opens a v${fixture.version} database at v${CURRENT_SCHEMA_VERSION} with every record and index intact`, async () => {
      const name = `migrate-v${fixture.version}-${Math.random()}`;
      await createOldDatabase(name, fixture);
      const opened = await openDatabase(name);
      const { layers, parcels, changes, settings, meta } = opened.repositories;
      const layerList = await layers.list();
      expect(layerList.map((l) => l.id)).toEqual(['demo-parcels']);
      const records = await parcels.readLayer('demo-parcels');
      expect(records.map((r) => [r.id, r.category, r.status, r.version])).toEqual([
        ['demo-parcels#0', 'idle', 'confirmed', 3],
        ['demo-parcels#1', 'approved-not-supplied', 'to-verify', 1],
      ]);
      expect(records[0]?.source.properties.QLR).toBe('桂林某科技有限公司');
      expect((await changes.forParcel('demo-parcels#0')).map((c) => c.reason)).toEqual(['现场核实']);
      expect(await settings.get('inspectorName')).toBe('张三');
      expect(await meta.get('demoLoadedAt')).toBe('2026-11-20T09:00:00.000Z');
      const patrols = await opened.repositories.patrols.forParcel('demo-parcels#0');
      expect(patrols.map((p) => p.notes)).toEqual(
        (fixture.data.patrols ?? []).map((p) => (p as { notes: string }).notes),
      );
      opened.close();
      const check = new LandstockDatabase(name);
      await check.open();
      expect(check.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(await check.drafts.count()).toBe(1);
      check.close();
    });
  }

  it('moves every chunk of every layer to layerChunks at v5, each under its own key, and drops the old store', async () => {
    const name = `migrate-chunks-${Math.random()}`;
    const fixture = v4 as Fixture;
    const old = new Dexie(name);
    old.version(4).stores(fixture.stores);
    await old.open();
    // Two parcel layers of several chunks, one chunk still in the form v2 wrote (items as they are),
    // and a control layer's features.
    const parcelsA = Array.from({ length: 2 * CHUNK_SIZE + 7 }, (_, i) => testParcel('A', i));
    const parcelsB = Array.from({ length: 5 }, (_, i) => testParcel('B', i));
    const farmland: LayerFeature[] = [0, 1].map((i) => ({
      id: `F#${i}`,
      geometry: testParcel('F', i).geometry,
      properties: { DLMC: '水田' },
      areaM2: 1_000 + i,
    }));
    const chunks = [
      encodeChunk({ layerId: 'A', index: 0, kind: 'parcels', items: parcelsA.slice(0, CHUNK_SIZE) }),
      { layerId: 'A', index: 1, kind: 'parcels', items: parcelsA.slice(CHUNK_SIZE, 2 * CHUNK_SIZE) },
      encodeChunk({ layerId: 'A', index: 2, kind: 'parcels', items: parcelsA.slice(2 * CHUNK_SIZE) }),
      encodeChunk({ layerId: 'B', index: 0, kind: 'parcels', items: parcelsB }),
      encodeChunk({ layerId: 'F', index: 0, kind: 'features', items: farmland }),
    ];
    await old
      .table('layers')
      .bulkAdd([
        testLayer('A', { featureCount: parcelsA.length, nextSeq: parcelsA.length }),
        testLayer('B', { featureCount: parcelsB.length, nextSeq: parcelsB.length, order: 2 }),
        testLayer('F', { role: 'permanent-farmland', featureCount: 2, nextSeq: 2, order: 3 }),
      ]);
    await old.table('chunks').bulkAdd(chunks);
    old.close();

    const opened = await openDatabase(name);
    expect(await opened.repositories.parcels.readLayer('A')).toEqual(parcelsA);
    expect(await opened.repositories.parcels.readLayer('B')).toEqual(parcelsB);
    expect(await opened.repositories.layers.readFeatures('F')).toEqual(farmland);
    expect(await opened.repositories.parcels.get(`A#${CHUNK_SIZE + 3}`)).toEqual(parcelsA[CHUNK_SIZE + 3]);
    opened.close();

    const raw = new Dexie(name);
    await raw.open();
    expect(raw.tables.map((t) => t.name)).not.toContain('chunks');
    const moved = raw.table('layerChunks');
    // Out-of-line keys, no key path and no index: a put needs no clone of its value to find them.
    expect(moved.schema.primKey.keyPath).toBeFalsy();
    expect(moved.schema.indexes).toEqual([]);
    expect(await moved.toCollection().primaryKeys()).toEqual(chunks.map((c) => [c.layerId, c.index]));
    // Stored as they were: the v2-form chunk too (it is packed when next rewritten).
    expect((await moved.toArray()).map((c: { kind: string }) => c.kind)).toEqual(chunks.map((c) => c.kind));
    raw.close();
  });
});
