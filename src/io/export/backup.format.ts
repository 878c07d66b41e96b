import { zipSync } from 'fflate';
import type { ChangeEntry } from '../../domain/change-entry';
import type { LayerFeature, LayerRecord } from '../../domain/layer';
import type { ParcelRecord } from '../../domain/parcel';
import { AppError } from '../../shared/errors';
import type { InflateBudget, ZipEntry } from '../zip.reader';
import { looksLikeZip, readZipDirectory, readZipEntry } from '../zip.reader';

/** A patrol photo: its id (as the patrol record refers to it), MIME type and bytes. */
export interface BackupPhoto {
  id: string;
  type: string;
  bytes: Uint8Array;
}

/** A setting as stored (key-value table). */
export interface BackupSetting {
  key: string;
  value: unknown;
}

/** Everything a backup holds: the whole database of one browser. */
export interface BackupData {
  layers: LayerRecord[];
  parcels: ParcelRecord[];
  /** Features of control and reference layers. */
  features: LayerFeature[];
  changes: ChangeEntry[];
  settings: BackupSetting[];
  /** Patrol records (kept as plain objects: their schema belongs to the patrol feature). */
  patrols: Record<string, unknown>[];
  photos: BackupPhoto[];
}

export type BackupInput = Pick<BackupData, 'layers' | 'parcels' | 'features' | 'changes' | 'settings'> &
  Partial<Pick<BackupData, 'patrols' | 'photos'>>;

export const BACKUP_FORMAT = 'landstock-backup';
export const BACKUP_VERSION = 1;

/** Records per JSON part: keeps every JSON string small (a county's parcels are ~100 MB of JSON). */
const PART_SIZE = 5_000;
/** Caps when reading: beyond them the file is not one of ours or would take the tab down. */
export const BACKUP_LIMITS = {
  maxFileBytes: 1536 * 1024 * 1024,
  maxTotalBytes: 2048 * 1024 * 1024,
  maxEntries: 200_000,
  maxJsonEntryBytes: 256 * 1024 * 1024,
} as const;

type TableName = 'layers' | 'parcels' | 'features' | 'changes' | 'settings' | 'patrols';
const TABLES: readonly TableName[] = ['layers', 'parcels', 'features', 'changes', 'settings', 'patrols'];

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  counts: Record<TableName | 'photos', number>;
  /** JSON parts per table, in order. */
  parts: Record<TableName, string[]>;
  photos: { id: string; type: string; path: string; size: number }[];
  /** CRC-32 of every entry's uncompressed bytes: a damaged photo must not restore silently. */
  crc32: Record<string, number>;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of bytes. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++)
    c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/**
 * Writes the whole database as one zip: `manifest.json` (format, version, createdAt, counts, parts,
 * photo index, CRC-32s), JSON parts per table (`parcels/0000.json` … of 5,000 records) and each photo
 * as its own binary entry `photos/<n>.<ext>` (stored, not deflated: JPEGs do not shrink). Photo
 * paths use a running number, never the id, so no id can make a path. Used by "back up everything".
 */
export function createBackup(input: BackupInput, createdAt: Date = new Date()): Uint8Array {
  const data: Omit<BackupData, 'photos'> = {
    layers: input.layers,
    parcels: input.parcels,
    features: input.features,
    changes: input.changes,
    settings: input.settings,
    patrols: input.patrols ?? [],
  };
  const photos = input.photos ?? [];
  const entries: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  const crc: Record<string, number> = {};
  const encoder = new TextEncoder();
  const parts = {} as Record<TableName, string[]>;
  for (const table of TABLES) {
    const rows = data[table] as unknown[];
    parts[table] = [];
    // An empty table still gets one (empty) part, so a missing part always means damage.
    const count = Math.max(1, Math.ceil(rows.length / PART_SIZE));
    for (let n = 0; n < count; n++) {
      const path = `${table}/${String(n).padStart(4, '0')}.json`;
      const bytes = encoder.encode(JSON.stringify(rows.slice(n * PART_SIZE, (n + 1) * PART_SIZE)));
      entries[path] = bytes;
      crc[path] = crc32(bytes);
      parts[table].push(path);
    }
  }
  const photoIndex = photos.map((photo, i) => {
    const path = `photos/${String(i).padStart(6, '0')}.${EXTENSIONS[photo.type] ?? 'bin'}`;
    entries[path] = [photo.bytes, { level: 0 }];
    crc[path] = crc32(photo.bytes);
    return { id: photo.id, type: photo.type, path, size: photo.bytes.length };
  });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: createdAt.toISOString(),
    counts: {
      layers: data.layers.length,
      parcels: data.parcels.length,
      features: data.features.length,
      changes: data.changes.length,
      settings: data.settings.length,
      patrols: data.patrols.length,
      photos: photos.length,
    },
    parts,
    photos: photoIndex,
    crc32: crc,
  };
  const mtime = new Date(createdAt.getUTCFullYear(), createdAt.getUTCMonth(), createdAt.getUTCDate(), 12);
  return zipSync(
    { 'manifest.json': encoder.encode(JSON.stringify(manifest)), ...entries },
    { level: 6, mtime },
  );
}

const corrupt = (message: string, details: Record<string, string | number> = {}) =>
  new AppError('file-incomplete', `The backup file is damaged: ${message} Use another copy of the backup.`, {
    reason: 'backup-corrupt',
    ...details,
  });
const notBackup = (message: string) =>
  new AppError(
    'file-unsupported',
    `${message} Choose a Landstock backup (.zip made by "Back up everything").`,
    {
      reason: 'not-a-backup',
    },
  );

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the manifest's shape; everything read later is looked up through it. */
function checkManifest(value: unknown): BackupManifest {
  if (!isObject(value) || value.format !== BACKUP_FORMAT)
    throw notBackup('This zip is not a Landstock backup.');
  if (typeof value.version !== 'number' || value.version > BACKUP_VERSION) {
    throw new AppError(
      'file-unsupported',
      `This backup was made by a newer version of Landstock (format ${String(value.version)}). Update the app, then restore.`,
      { reason: 'backup-too-new' },
    );
  }
  const { counts, parts, photos, crc32: crcs } = value;
  if (
    !isObject(counts) ||
    !isObject(parts) ||
    !Array.isArray(photos) ||
    !isObject(crcs) ||
    typeof value.createdAt !== 'string'
  ) {
    throw corrupt('its manifest is incomplete.');
  }
  for (const table of [...TABLES, 'photos']) {
    if (typeof counts[table] !== 'number') throw corrupt(`its manifest has no count of ${table}.`);
  }
  for (const table of TABLES) {
    const list = parts[table];
    if (!Array.isArray(list) || !list.every((p) => typeof p === 'string'))
      throw corrupt(`its manifest lists no parts of ${table}.`);
  }
  for (const photo of photos as unknown[]) {
    if (
      !isObject(photo) ||
      typeof photo.id !== 'string' ||
      typeof photo.type !== 'string' ||
      typeof photo.path !== 'string'
    ) {
      throw corrupt('its photo index is damaged.');
    }
  }
  return value as unknown as BackupManifest;
}

/** Minimal shape checks per table: enough that a restore never stores something the app cannot show. */
function checkRows(table: TableName, rows: unknown[]): void {
  rows.forEach((row, i) => {
    if (!isObject(row)) throw corrupt(`${table} record ${i + 1} is not an object.`, { table, record: i + 1 });
    const bad = (field: string) =>
      corrupt(`${table} record ${i + 1} has no valid ${field}.`, { table, record: i + 1 });
    if (table === 'settings' && typeof row.key !== 'string') throw bad('key');
    if ((table === 'layers' || table === 'parcels' || table === 'features') && typeof row.id !== 'string')
      throw bad('id');
    if (table === 'parcels' || table === 'features') {
      const geometry = row.geometry;
      if (
        !isObject(geometry) ||
        (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') ||
        !Array.isArray(geometry.coordinates)
      ) {
        throw bad('geometry');
      }
    }
    if (table === 'parcels') {
      if (typeof row.layerId !== 'string') throw bad('layerId');
      if (!isObject(row.source) || !isObject(row.source.properties)) throw bad('source.properties');
      if (!isObject(row.facts)) throw bad('facts');
    }
    if (
      table === 'changes' &&
      (typeof row.parcelId !== 'string' || typeof row.at !== 'string' || typeof row.field !== 'string')
    ) {
      throw bad('parcelId/at/field');
    }
  });
}

/**
 * Reads a backup made by `createBackup`, checking everything before returning anything: zip
 * structure (truncation, size and entry caps via the project's zip reader), manifest format and
 * version, CRC-32 of every entry, JSON of every part, record shapes and the counts. A wrong file is
 * an AppError 'file-unsupported' (details.reason 'not-a-backup' or 'backup-too-new'), a damaged one
 * 'file-incomplete' (reason 'backup-corrupt'), an oversized one 'file-too-large'.
 */
export function readBackup(bytes: Uint8Array): BackupData & { createdAt: string } {
  if (bytes.length > BACKUP_LIMITS.maxFileBytes) {
    throw new AppError(
      'file-too-large',
      `The backup is ${Math.round(bytes.length / 1048576)} MB; at most 1536 MB can be restored.`,
      {
        bytes: bytes.length,
      },
    );
  }
  if (!looksLikeZip(bytes)) throw notBackup('This file is not a zip archive.');
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes, {
      maxTotalBytes: BACKUP_LIMITS.maxTotalBytes,
      maxEntries: BACKUP_LIMITS.maxEntries,
    });
  } catch (e) {
    if (e instanceof AppError && e.code !== 'file-incomplete') throw e;
    throw corrupt('the zip structure is cut short or broken.');
  }
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const budget: InflateBudget = { inflated: 0, limit: BACKUP_LIMITS.maxTotalBytes };
  const read = (path: string, maxBytes: number): Uint8Array => {
    const entry = byPath.get(path);
    if (!entry)
      throw path === 'manifest.json'
        ? notBackup('This zip has no manifest.json.')
        : corrupt(`${path} is missing.`);
    if (entry.uncompressedSize > maxBytes) {
      throw new AppError(
        'file-too-large',
        `${path} in the backup is larger than ${Math.round(maxBytes / 1048576)} MB.`,
        { path },
      );
    }
    try {
      return readZipEntry(bytes, entry, budget);
    } catch (e) {
      if (e instanceof AppError && e.code === 'file-too-large') throw e;
      throw corrupt(`${path} cannot be unpacked.`);
    }
  };
  const parseJson = (path: string): unknown => {
    try {
      return JSON.parse(
        new TextDecoder('utf-8', { fatal: true }).decode(read(path, BACKUP_LIMITS.maxJsonEntryBytes)),
      );
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw corrupt(`${path} is not valid JSON.`);
    }
  };
  const manifest = checkManifest(parseJson('manifest.json'));
  const verified = (path: string, maxBytes: number): Uint8Array => {
    const data = read(path, maxBytes);
    if (manifest.crc32[path] !== crc32(data)) throw corrupt(`${path} fails its checksum.`, { path });
    return data;
  };
  const tables = {} as Record<TableName, unknown[]>;
  for (const table of TABLES) {
    const rows: unknown[] = [];
    for (const path of manifest.parts[table]) {
      let part: unknown;
      try {
        part = JSON.parse(
          new TextDecoder('utf-8', { fatal: true }).decode(verified(path, BACKUP_LIMITS.maxJsonEntryBytes)),
        );
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw corrupt(`${path} is not valid JSON.`);
      }
      if (!Array.isArray(part)) throw corrupt(`${path} is not a list of records.`);
      for (const row of part as unknown[]) rows.push(row);
    }
    checkRows(table, rows);
    if (rows.length !== manifest.counts[table]) {
      throw corrupt(`it holds ${rows.length} ${table} but its manifest says ${manifest.counts[table]}.`, {
        table,
      });
    }
    tables[table] = rows;
  }
  const photos: BackupPhoto[] = manifest.photos.map((photo) => ({
    id: photo.id,
    type: photo.type,
    bytes: verified(photo.path, BACKUP_LIMITS.maxTotalBytes),
  }));
  if (photos.length !== manifest.counts.photos) throw corrupt('its photo count does not match its manifest.');
  return {
    createdAt: manifest.createdAt,
    layers: tables.layers as LayerRecord[],
    parcels: tables.parcels as ParcelRecord[],
    features: tables.features as LayerFeature[],
    changes: tables.changes as ChangeEntry[],
    settings: tables.settings as BackupSetting[],
    patrols: tables.patrols as Record<string, unknown>[],
    photos,
  };
}

/** What a restore would do, shown to the user before anything is written. */
export interface RestorePlan {
  /** 'empty' when this browser holds no layers yet (a plain restore). */
  into: 'empty' | 'existing';
  createdAt?: string;
  layersAdded: number;
  /** Layers present on both sides (kept; their parcels are compared one by one). */
  layersKept: number;
  parcelsAdded: number;
  /** Same id, different content: the backup's version would replace or be merged with ours. */
  parcelsChanged: number;
  parcelsUnchanged: number;
  /** Parcels only in this browser: a restore keeps them (nothing is deleted). */
  parcelsOnlyHere: number;
  featuresAdded: number;
  changesAdded: number;
  settingsChanged: number;
  patrolsAdded: number;
  photosAdded: number;
  /** Ids of changed parcels (first 1,000) for the preview list. */
  changedIds: string[];
}

/** A change entry's identity across browsers (auto-increment ids differ from browser to browser). */
export function changeKey(change: ChangeEntry): string {
  return `${change.parcelId}\u0000${change.at}\u0000${change.field}\u0000${change.batch}\u0000${change.who}`;
}

/**
 * Compares a backup with what this browser holds, without writing anything: counts of what would be
 * added, changed or left as it is, for the restore preview. Parcels are the same when version,
 * updatedAt and their JSON agree; patrols and photos are matched by id.
 */
export function planRestore(
  current: Partial<BackupData>,
  backup: BackupData & { createdAt?: string },
): RestorePlan {
  const createdAt = backup.createdAt;
  const layerIds = new Set((current.layers ?? []).map((l) => l.id));
  const parcels = new Map((current.parcels ?? []).map((p) => [p.id, p]));
  const featureIds = new Set((current.features ?? []).map((f) => f.id));
  const changeKeys = new Set((current.changes ?? []).map(changeKey));
  const settings = new Map((current.settings ?? []).map((s) => [s.key, JSON.stringify(s.value)]));
  const patrolIds = new Set((current.patrols ?? []).map((p) => p.id));
  const photoIds = new Set((current.photos ?? []).map((p) => p.id));
  const plan: RestorePlan = {
    into: layerIds.size === 0 ? 'empty' : 'existing',
    ...(createdAt === undefined ? {} : { createdAt }),
    layersAdded: 0,
    layersKept: 0,
    parcelsAdded: 0,
    parcelsChanged: 0,
    parcelsUnchanged: 0,
    parcelsOnlyHere: 0,
    featuresAdded: 0,
    changesAdded: 0,
    settingsChanged: 0,
    patrolsAdded: 0,
    photosAdded: 0,
    changedIds: [],
  };
  for (const layer of backup.layers) {
    if (layerIds.has(layer.id)) plan.layersKept++;
    else plan.layersAdded++;
  }
  const seen = new Set<string>();
  for (const parcel of backup.parcels) {
    seen.add(parcel.id);
    const mine = parcels.get(parcel.id);
    if (!mine) plan.parcelsAdded++;
    else if (
      mine.version === parcel.version &&
      mine.updatedAt === parcel.updatedAt &&
      JSON.stringify(mine) === JSON.stringify(parcel)
    ) {
      plan.parcelsUnchanged++;
    } else {
      plan.parcelsChanged++;
      if (plan.changedIds.length < 1000) plan.changedIds.push(parcel.id);
    }
  }
  for (const id of parcels.keys()) if (!seen.has(id)) plan.parcelsOnlyHere++;
  for (const feature of backup.features) if (!featureIds.has(feature.id)) plan.featuresAdded++;
  for (const change of backup.changes) if (!changeKeys.has(changeKey(change))) plan.changesAdded++;
  for (const setting of backup.settings)
    if (settings.get(setting.key) !== JSON.stringify(setting.value)) plan.settingsChanged++;
  for (const patrol of backup.patrols) if (!patrolIds.has(patrol.id)) plan.patrolsAdded++;
  for (const photo of backup.photos) if (!photoIds.has(photo.id)) plan.photosAdded++;
  return plan;
}
