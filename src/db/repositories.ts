import type { ChangeEntry } from '../domain/change-entry';
import type {
  LayerContent,
  LayerFeature,
  LayerRecord,
  PreparedLayer,
  StreamedParcelLayer,
} from '../domain/layer';
import type { OverlayCheck, ParcelRecord } from '../domain/parcel';
import type { PatrolRecord, PhotoRecord } from '../domain/patrol';
import type { PackedGeometry } from '../geo/packed-geometry';
import type { ParcelsForMap } from './chunk-codec';

/** One parcel change: the record as it is to be stored, the version it was read at, and its log entries. */
export interface ParcelWrite {
  record: ParcelRecord;
  /** Version the caller read; the write is refused if the stored record has moved on (another tab). */
  expectedVersion: number | null;
}

/** The store sees storage only through these interfaces (DESIGN.md). */
export interface ImportLayersOptions {
  /**
   * Called with each chunk of a parcel layer right after its put (IndexedDB has cloned it): its
   * records and their geometries packed (null: the chunk was stored unpacked). For work on the
   * records that must not keep them all (a streamed layer's are dropped after their chunk): the
   * import builds its hand-over to the map's worker here. If it throws, the import fails.
   *
   * The geometry's arrays are the stored form's, freed when the call returns (chunk-codec
   * `releaseChunk`): copy what is kept.
   */
  onParcelChunk?: (
    layerId: string,
    records: readonly ParcelRecord[],
    geometry: PackedGeometry | null,
  ) => void;
  /**
   * Runs once every put of the import has been taken, in a task of its own while IndexedDB commits:
   * synchronous work that should overlap the commit rather than follow it (the import's hand-over
   * to the map's worker). It cannot roll the import back: if it throws, the error is logged and the
   * import lands all the same; if the commit fails, importLayers rejects after it has run.
   */
  whileCommitting?: () => void;
}

export interface LayerRepository {
  list(): Promise<LayerRecord[]>;
  update(
    id: string,
    patch: Partial<Pick<LayerRecord, 'visible' | 'opacity' | 'name' | 'order' | 'encoding'>>,
  ): Promise<void>;
  /** Stores a whole layer in one transaction: it lands whole or not at all. */
  importLayer(layer: LayerRecord, content: LayerContent): Promise<void>;
  /**
   * Stores several layers in one transaction (one import): all land or none — together with
   * `meta` values that belong to them (the raw DBF kept for a later encoding switch).
   */
  importLayers(
    layers: readonly (PreparedLayer | StreamedParcelLayer)[],
    meta?: readonly { key: string; value: unknown }[],
    options?: ImportLayersOptions,
  ): Promise<void>;
  remove(id: string): Promise<void>;
  /** All features of a non-parcel layer, in order. */
  readFeatures(id: string): Promise<LayerFeature[]>;
}

export interface ParcelRepository {
  /** All parcels of a layer, in sequence order. */
  readLayer(layerId: string): Promise<ParcelRecord[]>;
  /**
   * The layer's parcels chunk by chunk, without their imported attributes and with their geometries
   * packed: what the map's tiles and the store's summaries are made of, read with far less work
   * (and garbage) than `readLayer`.
   */
  readLayerForMap(layerId: string): Promise<ParcelsForMap[]>;
  get(id: string): Promise<ParcelRecord | undefined>;
  /** Several parcels, reading each chunk once; missing ids are left out. */
  getMany(ids: readonly string[]): Promise<ParcelRecord[]>;
  /**
   * Writes parcel records and their change-log entries in one transaction. Each record's version
   * must equal expectedVersion in storage (null: a new parcel); else nothing is written.
   */
  write(writes: ParcelWrite[], changes: ChangeEntry[]): Promise<void>;
  /**
   * Writes, removes and logs in one transaction (split, merge and their undo): each written record
   * as in `write`, each removed one only if still at `expectedVersion`; all or nothing.
   */
  replace(
    writes: ParcelWrite[],
    removals: readonly { id: string; expectedVersion: number }[],
    changes: ChangeEntry[],
  ): Promise<void>;
  /** Allocates the next id of a layer (drawn parcels). */
  nextId(layerId: string): Promise<string>;
  remove(id: string, changes: ChangeEntry[]): Promise<void>;
  /** Replaces the derived overlay checks of a layer's parcels (no version bump: not a user edit). */
  updateOverlays(layerId: string, checks: ReadonlyMap<string, OverlayCheck[]>): Promise<void>;
  /** Replaces the stored records of a layer, matched by id, in one transaction (attribute re-decoding). */
  rewriteLayer(layerId: string, records: readonly ParcelRecord[]): Promise<void>;
}

export interface ChangeRepository {
  forParcel(parcelId: string): Promise<ChangeEntry[]>;
  all(): Promise<ChangeEntry[]>;
}

export interface KeyValueRepository {
  get<T>(key: string): Promise<T | undefined>;
  /** Whether a value is stored under the key, without reading it (a layer's source is megabytes). */
  has(key: string): Promise<boolean>;
  set(key: string, value: unknown): Promise<void>;
}

export interface PatrolRepository {
  /** A parcel's patrols, newest first. */
  forParcel(parcelId: string): Promise<PatrolRecord[]>;
  /** A patrol with its photos, in one transaction: never a record without its photos. */
  add(patrol: PatrolRecord, photos: readonly PhotoRecord[]): Promise<void>;
  photo(id: string): Promise<PhotoRecord | undefined>;
  count(): Promise<{ patrols: number; photos: number }>;
}

export interface DraftRepository {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, savedAt: string): Promise<void>;
  remove(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** The whole database as a backup holds it (db's own shape; io's BackupData fits it). */
export interface StoredSnapshot {
  layers: LayerRecord[];
  parcels: ParcelRecord[];
  features: LayerFeature[];
  changes: ChangeEntry[];
  settings: { key: string; value: unknown }[];
  patrols: Record<string, unknown>[];
  photos: { id: string; type: string; bytes: Uint8Array }[];
}

/** Backup, restore and merge: whole-database reads and writes, each in one transaction. */
export interface BackupRepository {
  /** Everything stored (patrols and photos when those tables exist), read in one transaction. */
  dump(): Promise<StoredSnapshot>;
  /**
   * Writes a backup in one transaction: layers added when missing, parcels and features put by id,
   * the given change entries appended (pass only new ones), settings, patrols and photos put by id.
   * Nothing stored only here is deleted.
   */
  restore(data: StoredSnapshot): Promise<void>;
  /** Merged parcels (replaced or added by id), missing layers and new change entries, in one transaction. */
  mergeIncoming(layers: LayerRecord[], parcels: ParcelRecord[], changes: ChangeEntry[]): Promise<void>;
}

export interface Repositories {
  layers: LayerRepository;
  parcels: ParcelRepository;
  changes: ChangeRepository;
  settings: KeyValueRepository;
  meta: KeyValueRepository;
  patrols: PatrolRepository;
  drafts: DraftRepository;
  /** Backup, restore and merge (absent in stores built without a database). */
  backup?: BackupRepository;
  /** Deletes every layer, parcel and change (used by "reset demo data"), in one transaction. */
  clearAll(): Promise<void>;
}
