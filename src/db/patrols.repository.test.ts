import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PatrolRecord, PhotoRecord } from '../domain/patrol';
import { openDatabase } from './open-database';

function patrol(id: string, at: string, photoIds: string[] = []): PatrolRecord {
  return {
    id,
    parcelId: 'L#1',
    at,
    inspector: '张三',
    stage: 'not-started',
    finding: 'warning',
    notes: `记录 ${id}`,
    photoIds,
    createdAt: at,
  };
}

function photo(id: string, patrolId: string): PhotoRecord {
  return {
    id,
    patrolId,
    parcelId: 'L#1',
    blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' }),
    type: 'image/jpeg',
    width: 4,
    height: 3,
    name: 'site.jpg',
  };
}

describe('patrol records', () => {
  it('keeps a parcel’s patrols newest first, with their photos', async () => {
    const { repositories, close } = await openDatabase(`patrol-${Math.random()}`);
    await repositories.patrols.add(patrol('a', '2026-11-01T08:00:00Z'), []);
    await repositories.patrols.add(patrol('b', '2026-11-20T08:00:00Z', ['ph1']), [photo('ph1', 'b')]);
    expect((await repositories.patrols.forParcel('L#1')).map((p) => p.id)).toEqual(['b', 'a']);
    const stored = await repositories.patrols.photo('ph1');
    expect(stored?.type).toBe('image/jpeg');
    expect(stored?.blob).toBeDefined();
    close();
  });

  it('never stores a patrol without its photos', async () => {
    const { repositories, close } = await openDatabase(`patrol-${Math.random()}`);
    await repositories.patrols.add(patrol('a', '2026-11-01T08:00:00Z', ['ph1']), [photo('ph1', 'a')]);
    // The same photo id again makes the transaction fail: neither the patrol nor any photo lands.
    await expect(
      repositories.patrols.add(patrol('b', '2026-11-02T08:00:00Z', ['ph2', 'ph1']), [
        photo('ph2', 'b'),
        photo('ph1', 'b'),
      ]),
    ).rejects.toThrow();
    expect((await repositories.patrols.forParcel('L#1')).map((p) => p.id)).toEqual(['a']);
    expect(await repositories.patrols.photo('ph2')).toBeUndefined();
    expect(await repositories.patrols.count()).toEqual({ patrols: 1, photos: 1 });
    close();
  });

  it('keeps drafts until removed', async () => {
    const { repositories, close } = await openDatabase(`patrol-${Math.random()}`);
    await repositories.drafts.set('patrol:L#1', { notes: '半句话' }, '2026-11-21T08:00:00Z');
    expect(await repositories.drafts.get('patrol:L#1')).toEqual({ notes: '半句话' });
    expect(await repositories.drafts.keys()).toEqual(['patrol:L#1']);
    await repositories.drafts.remove('patrol:L#1');
    expect(await repositories.drafts.get('patrol:L#1')).toBeUndefined();
    close();
  });
});
