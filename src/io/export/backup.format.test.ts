import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../domain/change-entry';
import type { LayerRecord } from '../../domain/layer';
import type { ParcelRecord } from '../../domain/parcel';
import { AppError } from '../../shared/errors';
import type { BackupData } from './backup.format';
import { createBackup, planRestore, readBackup } from './backup.format';
import { seededRandom, syntheticRecords } from './sample-records';

const CREATED = new Date(Date.UTC(2025, 2, 1, 8));

function layer(id: string): LayerRecord {
  return {
    id,
    name: `图层 ${id}`,
    role: 'parcels',
    source: 'parcels.zip',
    featureCount: 0,
    visible: true,
    opacity: 1,
    order: 0,
    nextSeq: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

function photo(id: string, size: number, seed: number) {
  const random = seededRandom(seed);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(random() * 256);
  return { id, type: 'image/jpeg', bytes };
}

function data(): BackupData {
  const parcels = syntheticRecords(12_000);
  (parcels[0] as ParcelRecord).source.properties = JSON.parse(
    '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
  );
  const changes: ChangeEntry[] = [
    {
      id: 1,
      parcelId: 'county#0',
      at: '2025-02-02T10:00:00.000Z',
      who: '张三',
      field: 'status',
      oldValue: 'to-verify',
      newValue: 'confirmed',
      batch: 'b1',
    },
  ];
  return {
    layers: [layer('county')],
    parcels,
    features: [
      {
        id: 'farm#0',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [110, 25],
              [110.1, 25],
              [110.1, 25.1],
              [110, 25],
            ],
          ],
        },
        properties: { 名称: '永久基本农田' },
        areaM2: 1,
      },
    ],
    changes,
    settings: [{ key: 'region', value: { id: 'guangxi' } }],
    patrols: [{ id: 'p1', parcelId: 'county#0', stage: 'started', photoIds: ['ph1', 'ph2'] }],
    photos: [photo('ph1', 70_000, 1), photo('ph2', 3, 2)],
  };
}

function expectAppError(run: () => unknown, code: string, reason?: string): AppError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const error = e as AppError;
    expect(error.code).toBe(code);
    if (reason) expect(error.details.reason).toBe(reason);
    expect(error.message.length).toBeGreaterThan(20);
    return error;
  }
  throw new Error('expected an AppError');
}

describe('createBackup / readBackup', () => {
  it('gives back identical data, photos included, with a manifest and parts', () => {
    const input = data();
    const zip = createBackup(input, CREATED);
    const entries = unzipSync(zip);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      format: 'landstock-backup',
      version: 1,
      createdAt: CREATED.toISOString(),
    });
    expect(manifest.counts).toEqual({
      layers: 1,
      parcels: 12_000,
      features: 1,
      changes: 1,
      settings: 1,
      patrols: 1,
      photos: 2,
    });
    expect(Object.keys(entries).filter((p) => p.startsWith('parcels/'))).toEqual([
      'parcels/0000.json',
      'parcels/0001.json',
      'parcels/0002.json',
    ]);
    expect(entries['photos/000000.jpg']).toEqual(input.photos[0]?.bytes);
    const back = readBackup(zip);
    const { createdAt, ...rest } = back;
    expect(createdAt).toBe(CREATED.toISOString());
    expect(rest).toEqual(input);
    expect(back.photos[0]?.bytes).toBeInstanceOf(Uint8Array);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn((back.parcels[0] as ParcelRecord).source.properties, '__proto__')).toBe(true);
  });

  it('round-trips an empty database', () => {
    const empty: BackupData = {
      layers: [],
      parcels: [],
      features: [],
      changes: [],
      settings: [],
      patrols: [],
      photos: [],
    };
    const { createdAt: _createdAt, ...back } = readBackup(createBackup(empty, CREATED));
    expect(back).toEqual(empty);
  });
});

describe('readBackup rejects wrong and damaged files cleanly', () => {
  const good = createBackup({ ...data(), parcels: syntheticRecords(50) }, CREATED);
  const entries = unzipSync(good);
  const rezip = (changed: Record<string, Uint8Array | undefined>) => {
    const copy: Record<string, Uint8Array> = {};
    for (const [path, bytes] of Object.entries({ ...entries, ...changed })) if (bytes) copy[path] = bytes;
    return zipSync(copy);
  };
  const text = (s: string) => new TextEncoder().encode(s);

  it('not a zip', () => expectAppError(() => readBackup(text('hello')), 'file-unsupported', 'not-a-backup'));
  it('an empty file', () =>
    expectAppError(() => readBackup(new Uint8Array(0)), 'file-unsupported', 'not-a-backup'));
  it('a shapefile zip (no manifest)', () =>
    expectAppError(
      () => readBackup(zipSync({ 'a.shp': new Uint8Array(100) })),
      'file-unsupported',
      'not-a-backup',
    ));
  it('another format in the manifest', () =>
    expectAppError(
      () => readBackup(rezip({ 'manifest.json': text('{"format":"other"}') })),
      'file-unsupported',
      'not-a-backup',
    ));
  it('a newer version', () => {
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as Record<
      string,
      unknown
    >;
    expectAppError(
      () => readBackup(rezip({ 'manifest.json': text(JSON.stringify({ ...manifest, version: 2 })) })),
      'file-unsupported',
      'backup-too-new',
    );
  });
  it.each([0.5, 0.9, 0.999])('truncated at %f', (share) => {
    expectAppError(
      () => readBackup(good.slice(0, Math.floor(good.length * share))),
      'file-incomplete',
      'backup-corrupt',
    );
  });
  it('a flipped byte in a photo (checksum)', () => {
    const damaged = (entries['photos/000000.jpg'] as Uint8Array).slice();
    damaged[100] = (damaged[100] as number) ^ 0xff;
    expectAppError(
      () => readBackup(rezip({ 'photos/000000.jpg': damaged })),
      'file-incomplete',
      'backup-corrupt',
    );
  });
  it('bad JSON in a part', () =>
    expectAppError(
      () => readBackup(rezip({ 'parcels/0000.json': text('[{"id":') })),
      'file-incomplete',
      'backup-corrupt',
    ));
  it('a missing part', () =>
    expectAppError(
      () => readBackup(rezip({ 'changes/0000.json': undefined })),
      'file-incomplete',
      'backup-corrupt',
    ));
  it('a flipped byte in the deflated stream', () => {
    const copy = good.slice();
    const at = Math.floor(copy.length / 2);
    copy[at] = (copy[at] as number) ^ 0x55;
    expectAppError(() => readBackup(copy), 'file-incomplete', 'backup-corrupt');
  });
});

describe('planRestore', () => {
  it('previews additions and changes without touching either side', () => {
    const backup = data();
    const current: Partial<BackupData> = {
      layers: [layer('county')],
      parcels: structuredClone(backup.parcels.slice(0, 100)),
      changes: [{ ...(backup.changes[0] as ChangeEntry), id: 77 }],
      settings: [{ key: 'region', value: { id: 'hunan' } }],
      photos: [backup.photos[0] as BackupData['photos'][number]],
    };
    const local = current.parcels as ParcelRecord[];
    (local[3] as ParcelRecord).status = 'disposed';
    (local[3] as ParcelRecord).version = 9;
    local.push({ ...(local[4] as ParcelRecord), id: 'mine#1' });
    const before = JSON.stringify(current);
    const plan = planRestore(current, { ...backup, createdAt: '2025-03-01T08:00:00.000Z' });
    expect(plan).toMatchObject({
      into: 'existing',
      createdAt: '2025-03-01T08:00:00.000Z',
      layersAdded: 0,
      layersKept: 1,
      parcelsAdded: 11_900,
      parcelsChanged: 1,
      parcelsUnchanged: 99,
      parcelsOnlyHere: 1,
      featuresAdded: 1,
      changesAdded: 0,
      settingsChanged: 1,
      patrolsAdded: 1,
      photosAdded: 1,
      changedIds: ['county#3'],
    });
    expect(JSON.stringify(current)).toBe(before);
    expect(planRestore({}, backup).into).toBe('empty');
  });
});
