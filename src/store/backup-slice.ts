import type { ChangeEntry } from '../domain/change-entry';
import type { LayerRecord } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';
import { type BackupData, changeKey, planRestore, type RestorePlan } from '../io/export/backup.format';
import type { MergeConflict, MergeResult } from '../io/export/merge';
import { toAppError } from '../shared/errors';
import { newId } from '../shared/ids';
import type { PickedFile } from './import-slice';
import { backupRepository, exportService, type ReportsContext, reportTask } from './reports-context';

export interface RestorePreview {
  fileName: string;
  plan: RestorePlan;
}

export type MergeSide = 'local' | 'incoming';

export interface MergePreview {
  fileName: string;
  added: number;
  updated: number;
  conflicts: MergeConflict[];
  /** The user's choice per conflict (starts at the merge's own choice: the newer value). */
  decisions: MergeSide[];
}

export interface BackupActions {
  /** Reads a backup and shows what restoring it would change; nothing is written. */
  previewRestore(file: PickedFile): Promise<void>;
  /** Writes the previewed backup in one transaction and reloads. */
  applyRestore(): Promise<void>;
  /** Reads another inspector's backup or export and merges it in memory: the user reviews conflicts. */
  previewMerge(file: PickedFile): Promise<void>;
  decideMergeConflict(index: number, side: MergeSide): void;
  /** Writes the merge (with the user's decisions) in one transaction and reloads. */
  applyMerge(): Promise<void>;
  closeReportPreviews(): void;
}

function readField(record: ParcelRecord, field: string): unknown {
  if (field.startsWith('facts.')) return (record.facts as Record<string, unknown>)[field.slice(6)];
  if (field === 'source.properties') return record.source.properties;
  return (record as unknown as Record<string, unknown>)[field];
}

/** A copy of the record with one merged field set (geometry carries its area and overlay checks). */
function withField(record: ParcelRecord, field: string, from: ParcelRecord): ParcelRecord {
  const value = readField(from, field);
  if (field.startsWith('facts.')) {
    const facts = { ...record.facts } as Record<string, unknown>;
    if (value === undefined) delete facts[field.slice(6)];
    else facts[field.slice(6)] = value;
    return { ...record, facts: facts as ParcelRecord['facts'] };
  }
  if (field === 'source.properties') return { ...record, source: { properties: from.source.properties } };
  const next = { ...record } as Record<string, unknown>;
  if (value === undefined) delete next[field];
  else next[field] = value;
  if (field === 'geometry') {
    next.areaM2 = from.areaM2;
    if (from.overlay === undefined) delete next.overlay;
    else next.overlay = from.overlay;
  }
  return next as unknown as ParcelRecord;
}

const sameContent = (a: ParcelRecord, b: ParcelRecord): boolean => {
  const strip = ({ version: _v, updatedAt: _u, updatedBy: _b, ...rest }: ParcelRecord) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
};

/** Restore from a backup and merge another inspector's backup or export, each previewed first. */
export function createBackupActions(ctx: ReportsContext): BackupActions {
  let pendingBackup: (BackupData & { createdAt: string }) | null = null;
  let currentChangeKeys: Set<string> | null = null;
  let pendingMerge: {
    result: MergeResult;
    local: Map<string, ParcelRecord>;
    incoming: Map<string, ParcelRecord>;
    layers: LayerRecord[];
  } | null = null;
  const readBytes = async (file: PickedFile) => new Uint8Array(await file.arrayBuffer());

  return {
    async previewRestore(file) {
      await reportTask(ctx, 'restore', async () => {
        const data = await exportService(ctx).readBackup(await readBytes(file));
        const current = await backupRepository(ctx).dump();
        pendingBackup = data;
        currentChangeKeys = new Set(current.changes.map(changeKey));
        ctx.set({ restorePreview: { fileName: file.name, plan: planRestore(current, data) } });
      });
    },

    async applyRestore() {
      const data = pendingBackup;
      const known = currentChangeKeys;
      if (!data || !known) return;
      await reportTask(ctx, 'restore', async () => {
        await backupRepository(ctx).restore({
          ...data,
          changes: data.changes.filter((c) => !known.has(changeKey(c))),
        });
        pendingBackup = null;
        currentChangeKeys = null;
        ctx.set({ restorePreview: null, reportTable: null, statistics: null });
        await ctx.reloadSettings();
        await ctx.reload();
      });
    },

    async previewMerge(file) {
      await reportTask(ctx, 'merge', async () => {
        const bytes = await readBytes(file);
        const now = ctx.services.now().toISOString();
        let incoming: ParcelRecord[];
        let incomingChanges: ChangeEntry[] = [];
        let incomingLayers: LayerRecord[] = [];
        let backup: (BackupData & { createdAt: string }) | null = null;
        try {
          backup = await exportService(ctx).readBackup(bytes.slice());
        } catch (error) {
          const reason = toAppError(error).details?.reason;
          if (reason !== 'not-a-backup') throw error;
        }
        if (backup) {
          incoming = backup.parcels;
          incomingChanges = backup.changes;
          incomingLayers = backup.layers;
        } else {
          incoming = await exportService(ctx).readExportedParcels(file.name, bytes, now);
        }
        const [local, localChanges] = await Promise.all([ctx.loadRecords(), ctx.loadChanges()]);
        const result = await exportService(ctx).merge(local, incoming, localChanges, incomingChanges);
        const known = new Set(ctx.get().layers.map((l) => l.id));
        const byId = new Map(incomingLayers.map((l) => [l.id, l]));
        const newLayers: LayerRecord[] = [];
        let order = Math.max(0, ...ctx.get().layers.map((l) => l.order));
        for (const id of result.added) {
          const layerId = id.slice(0, id.lastIndexOf('#'));
          if (known.has(layerId)) continue;
          known.add(layerId);
          const fromBackup = byId.get(layerId);
          newLayers.push(
            fromBackup && fromBackup.role === 'parcels'
              ? { ...fromBackup, featureCount: 0, order: ++order }
              : {
                  id: layerId,
                  name: file.name,
                  role: 'parcels',
                  source: file.name,
                  featureCount: 0,
                  visible: true,
                  opacity: 0.8,
                  order: ++order,
                  nextSeq: 0,
                  createdAt: now,
                },
          );
        }
        pendingMerge = {
          result,
          local: new Map(local.map((r) => [r.id, r])),
          incoming: new Map(incoming.map((r) => [r.id, r])),
          layers: newLayers,
        };
        ctx.set({
          mergePreview: {
            fileName: file.name,
            added: result.added.length,
            updated: result.updated.length,
            conflicts: result.conflicts,
            decisions: result.conflicts.map((c) => c.chosen),
          },
        });
      });
    },

    decideMergeConflict(index, side) {
      const preview = ctx.get().mergePreview;
      if (!preview || index < 0 || index >= preview.decisions.length) return;
      const decisions = preview.decisions.slice();
      decisions[index] = side;
      ctx.set({ mergePreview: { ...preview, decisions } });
    },

    async applyMerge() {
      const pending = pendingMerge;
      const preview = ctx.get().mergePreview;
      if (!pending || !preview) return;
      await reportTask(ctx, 'merge', async () => {
        const { result, local, incoming } = pending;
        const merged = new Map(result.merged.map((r) => [r.id, r]));
        const now = ctx.services.now().toISOString();
        const who = ctx.get().inspectorName || 'user';
        const batch = newId('b-');
        const decisionChanges: ChangeEntry[] = [];
        result.conflicts.forEach((conflict, i) => {
          const side = preview.decisions[i] ?? conflict.chosen;
          const record = merged.get(conflict.parcelId);
          const from = side === 'local' ? local.get(conflict.parcelId) : incoming.get(conflict.parcelId);
          if (!record || !from) return;
          merged.set(conflict.parcelId, withField(record, conflict.field, from));
          const mine = local.get(conflict.parcelId);
          const oldValue = mine ? readField(mine, conflict.field) : undefined;
          const newValue = readField(from, conflict.field);
          if (JSON.stringify(oldValue) !== JSON.stringify(newValue) && conflict.field !== 'geometry') {
            decisionChanges.push({
              parcelId: conflict.parcelId,
              at: now,
              who,
              field: conflict.field,
              oldValue,
              newValue,
              reason: `merge ${preview.fileName}: ${side}`,
              batch,
            });
          }
        });
        const writes: ParcelRecord[] = [];
        for (const record of merged.values()) {
          const mine = local.get(record.id);
          if (!mine) writes.push(record);
          else if (!sameContent(mine, record))
            writes.push({ ...record, version: Math.max(record.version, mine.version + 1) });
        }
        await backupRepository(ctx).mergeIncoming(pending.layers, writes, [
          ...result.changesToAdd,
          ...decisionChanges,
        ]);
        pendingMerge = null;
        ctx.set({ mergePreview: null, reportTable: null, statistics: null });
        await ctx.reload();
      });
    },

    closeReportPreviews() {
      pendingBackup = null;
      currentChangeKeys = null;
      pendingMerge = null;
      ctx.set({ restorePreview: null, mergePreview: null });
    },
  };
}
