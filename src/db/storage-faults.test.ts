import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { PatrolRecord, PhotoRecord } from '../domain/patrol';
import { AppError } from '../shared/errors';
import v2 from './fixtures/v2-database.json';
import { openDatabase } from './open-database';
import { CURRENT_SCHEMA_VERSION, LandstockDatabase } from './schema';
import { testLayer, testParcel } from './test-records';

/**
 * RELIABILITY.md 25: inside a Dexie transaction, awaiting anything that is not an IndexedDB
 * request lets the transaction auto-commit; the following writes then fail and the first ones
 * stay — a partial record. The guard: every `await` inside a `transaction(…)` body in src/db must
 * await a Dexie table/collection call (`this.db.x…`, `db.x…`, or a variable named `…Table`), a nested repository call that is itself guarded, or
 * `Promise.all` of such calls (`puts` in layers.repository.ts: the import's Dexie puts, issued
 * before they are awaited).
 */
const ALLOWED_AWAIT =
  /^\(?\s*(this\.db\.|db\.|\w+Table\.|this\.write\(|Promise\.all\(\s*\w+\.map\(\(\w+\) => \w+\.(clear|delete)\(\)\)|Promise\.all\(puts\))/;
const FORBIDDEN_INSIDE =
  /\b(setTimeout|setInterval|fetch|new Promise|crypto\.subtle|arrayBuffer\(|requestAnimationFrame|import\()/;

/** The source of each `transaction(…)` call's callback body, found by bracket matching. */
function transactionBodies(source: string): string[] {
  const bodies: string[] = [];
  const pattern = /\.transaction\(/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const arrow = source.indexOf('=>', match.index);
    const open = source.indexOf('{', arrow);
    if (arrow < 0 || open < 0) continue;
    let depth = 0;
    for (let i = open; i < source.length; i++) {
      if (source[i] === '{') depth++;
      else if (source[i] === '}' && --depth === 0) {
        bodies.push(source.slice(open + 1, i));
        break;
      }
    }
  }
  return bodies;
}

/** Every awaited expression or forbidden call inside a transaction body that is not safe. */
function unsafeAwaits(source: string): string[] {
  const found: string[] = [];
  for (const body of transactionBodies(source)) {
    for (const m of body.matchAll(/await\s+([^;\n]+)/g)) {
      const expression = m[1] ?? '';
      if (!ALLOWED_AWAIT.test(expression)) found.push(`await ${expression.trim()}`);
    }
    const forbidden = FORBIDDEN_INSIDE.exec(body);
    if (forbidden) found.push(forbidden[0]);
  }
  return found;
}

const dbFolder = join(process.cwd(), 'src/db');
const repositorySources = readdirSync(dbFolder)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => ({ file, source: readFileSync(join(dbFolder, file), 'utf8') }));

describe('R25: premature commit guard', () => {
  it('a timer awaited inside a transaction really leaves a partial record (why the guard exists)', async () => {
    const db = new Dexie(`r25-${Math.random()}`);
    db.version(1).stores({ patrols: 'id', photos: 'id' });
    await db.open();
    const save = db.transaction('rw', db.table('photos'), db.table('patrols'), async () => {
      await db.table('photos').add({ id: 'photo-1' });
      await new Promise((resolve) => setTimeout(resolve, 10)); // e.g. resizing a photo here
      await db.table('patrols').add({ id: 'patrol-1' });
    });
    await expect(save).rejects.toThrow();
    expect(await db.table('photos').count()).toBe(1);
    expect(await db.table('patrols').count()).toBe(0);
    db.close();
  });

  it('the scan catches that mistake in repository code', () => {
    const broken = `
      await this.db.transaction('rw', this.db.patrols, this.db.photos, async () => {
        await this.db.photos.bulkAdd([...photos]);
        await resize(photos[0]);
        await new Promise((r) => setTimeout(r, 10));
        await this.db.patrols.add(patrol);
      });`;
    expect(unsafeAwaits(broken)).toEqual([
      'await resize(photos[0])',
      'await new Promise((r) => setTimeout(r, 10))',
      'new Promise',
    ]);
  });

  it('finds transactions to check in the repositories', () => {
    const count = repositorySources.reduce((n, { source }) => n + transactionBodies(source).length, 0);
    expect(count).toBeGreaterThanOrEqual(10);
  });

  for (const { file, source } of repositorySources) {
    it(`${file}: every transaction body awaits only IndexedDB work`, () => {
      expect(unsafeAwaits(source)).toEqual([]);
    });
  }
});

interface Fixture {
  version: number;
  stores: Record<string, string>;
  data: Record<string, unknown[]>;
}

async function createV2Database(name: string): Promise<void> {
  const fixture = v2 as Fixture;
  const old = new Dexie(name);
  old.version(fixture.version).stores(fixture.stores);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(fixture.data)) await old.table(table).bulkAdd(rows);
  });
  old.close();
}

/** A future schema whose upgrader throws on one stored chunk (a record it did not expect). */
class FailingUpgrade extends LandstockDatabase {
  constructor(name: string) {
    super(name);
    this.version(CURRENT_SCHEMA_VERSION + 1)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table('layerChunks')
          .toCollection()
          .modify((chunk: { index: number; upgraded?: boolean }) => {
            if (chunk.index === 0) throw new Error('unexpected record shape');
            chunk.upgraded = true;
          });
      });
  }
}

describe('R31: a failing upgrader', () => {
  it('leaves the database at its old version with every record, and says so', async () => {
    const name = `r31-${Math.random()}`;
    await createV2Database(name);
    const failure = await openDatabase(name, (n) => new FailingUpgrade(n)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('storage-upgrade-failed');
    expect((failure as AppError).details).toMatchObject({ from: 2, to: CURRENT_SCHEMA_VERSION + 1 });

    const opened = await openDatabase(name);
    const { layers, parcels, changes, settings, patrols } = opened.repositories;
    expect((await layers.list()).map((l) => l.id)).toEqual(['demo-parcels']);
    const records = await parcels.readLayer('demo-parcels');
    expect(records.map((r) => [r.id, r.version])).toEqual([
      ['demo-parcels#0', 3],
      ['demo-parcels#1', 1],
    ]);
    expect(records.some((r) => 'upgraded' in r)).toBe(false);
    expect((await changes.forParcel('demo-parcels#0')).length).toBe(1);
    expect(await settings.get('inspectorName')).toBe('张三');
    expect((await patrols.forParcel('demo-parcels#0')).length).toBe((v2 as Fixture).data.patrols?.length);
    opened.close();
    const raw = new Dexie(name);
    await raw.open();
    expect(raw.verno).toBe(CURRENT_SCHEMA_VERSION);
    raw.close();
  });
});

describe('R34: the IndexedDB connection is lost behind Dexie (iOS)', () => {
  it('the next patrol save reopens the connection and is stored whole', async () => {
    const name = `r34-${Math.random()}`;
    const raw = new LandstockDatabase(name);
    await raw.open();
    raw.close();
    let lost: LandstockDatabase | undefined;
    const opened = await openDatabase(name, (n) => {
      lost = new LandstockDatabase(n);
      return lost;
    });
    // What iOS does to a backgrounded page: the IDBDatabase is closed, Dexie is not told.
    lost?.backendDB().close();
    const patrol: PatrolRecord = {
      id: 'patrol-1',
      parcelId: 'demo-parcels#0',
      at: '2026-11-22T08:00:00.000Z',
      inspector: '张三',
      stage: 'not-started',
      finding: 'normal',
      notes: '现场无施工迹象',
      photoIds: ['photo-1'],
      createdAt: '2026-11-22T08:00:00.000Z',
    };
    const photo: PhotoRecord = {
      id: 'photo-1',
      patrolId: 'patrol-1',
      parcelId: 'demo-parcels#0',
      blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
      type: 'image/jpeg',
      width: 1,
      height: 1,
      name: 'site.jpg',
    };
    await opened.repositories.patrols.add(patrol, [photo]);
    const stored = await opened.repositories.patrols.forParcel('demo-parcels#0');
    expect(stored.map((p) => [p.id, p.notes])).toEqual([['patrol-1', '现场无施工迹象']]);
    expect(await opened.repositories.patrols.count()).toEqual({ patrols: 1, photos: 1 });
    opened.close();
  });
});

describe('R20: an import lands whole with its raw DBF, or not at all', () => {
  it('a failing metadata write (the kept DBF) leaves neither the layer nor its parcels', async () => {
    const opened = await openDatabase(`r20-${Math.random()}`);
    const { layers, parcels, meta } = opened.repositories;
    const prepared = {
      layer: testLayer('imported'),
      content: {
        kind: 'parcels' as const,
        items: Array.from({ length: 3 }, (_, i) => testParcel('imported', i)),
      },
    };
    // A value IndexedDB cannot store (a function) fails the meta write inside the transaction.
    const unstorable = { key: 'source:imported', value: { encoding: 'gbk', decode: () => 'x' } };
    await expect(layers.importLayers([prepared], [unstorable])).rejects.toBeTruthy();
    expect(await layers.list()).toEqual([]);
    expect(await parcels.readLayer('imported')).toEqual([]);
    expect(await meta.get('source:imported')).toBeUndefined();
    // The same import with a storable value lands, raw DBF included.
    await layers.importLayers([prepared], [{ key: 'source:imported', value: { encoding: 'gbk' } }]);
    expect((await layers.list()).map((l) => l.id)).toEqual(['imported']);
    expect(await parcels.readLayer('imported')).toHaveLength(3);
    expect(await meta.get('source:imported')).toEqual({ encoding: 'gbk' });
    opened.close();
  });
});

describe('R45: an older app against a newer database', () => {
  it('refuses to open it (no write without the newer fields) and leaves it as it was', async () => {
    const name = `r45-${Math.random()}`;
    class NewerSchema extends LandstockDatabase {
      constructor(n: string) {
        super(n);
        this.version(CURRENT_SCHEMA_VERSION + 1).stores({ futureTable: 'id' });
      }
    }
    const newer = new NewerSchema(name);
    await newer.open();
    await newer.meta.put({ key: 'written-by', value: 'newer' });
    newer.close();

    const failure = await openDatabase(name).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('storage-newer-version');
    expect((failure as AppError).details).toEqual({
      installed: CURRENT_SCHEMA_VERSION + 1,
      supported: CURRENT_SCHEMA_VERSION,
    });

    const check = new NewerSchema(name);
    await check.open();
    expect(check.verno).toBe(CURRENT_SCHEMA_VERSION + 1);
    expect(await check.meta.toArray()).toEqual([{ key: 'written-by', value: 'newer' }]);
    expect(await check.layers.count()).toBe(0);
    check.close();
  });
});
