import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import v1 from './fixtures/v1-database.json';
import v2 from './fixtures/v2-database.json';
import v3 from './fixtures/v3-database.json';
import v4 from './fixtures/v4-database.json';
import { openDatabase } from './open-database';
import { CURRENT_SCHEMA_VERSION, LandstockDatabase, SCHEMA_VERSIONS } from './schema';

interface Fixture {
  version: number;
  stores: Record<string, string>;
  data: Record<string, unknown[]>;
}

/** Frozen dumps of every released schema version (RELIABILITY.md test 30). */
const fixtures: Fixture[] = [v1, v2, v3, v4];

/** Writes a fixture with the schema of its own version, as that release of the app would have. */
async function createOldDatabase(name: string, fixture: Fixture): Promise<void> {
  const old = new Dexie(name);
  old.version(fixture.version).stores(fixture.stores);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(fixture.data)) await old.table(table).bulkAdd(rows);
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
});
