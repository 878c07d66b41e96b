import type { StoreApi } from 'zustand/vanilla';
import type { Repositories } from '../db/repositories';
import type { ParcelRecord } from '../domain/parcel';
import { summarize } from '../domain/parcel-summary';
import { AppError, toAppError } from '../shared/errors';
import { newId } from '../shared/ids';
import type { AppStoreState } from './app-store';
import { prepareEdits, type UndoStep } from './mutations';
import type { ParcelPatch } from './parcel-patch';
import type { AppServices } from './services';

export interface EditActions {
  /** The one mutation path for parcel fields: validates, writes record + change log in one transaction. */
  editParcel(id: string, patch: ParcelPatch, reason?: string, baseVersion?: number): Promise<ParcelRecord>;
  /** One action over many parcels (bulk tagging): one log entry per parcel and field; returns how many changed. */
  bulkEdit(ids: readonly string[], patch: ParcelPatch, reason?: string): Promise<number>;
  /** Puts an action that is not a field patch (split, merge) on the undo stack. */
  pushUndo(entry: StructuralUndo): void;
  /** Undo / redo the user's own recent actions of this session (written as new changes). */
  undo(): Promise<void>;
  redo(): Promise<void>;
}

interface Context {
  repositories: Repositories;
  services: AppServices;
  get(): AppStoreState;
  set: StoreApi<AppStoreState>['setState'];
  mapIdOf(id: string): number;
}

const UNDO_DEPTH = 50;

/** An undoable action that adds or removes parcels (split, merge): it undoes and redoes itself. */
export interface StructuralUndo {
  undo(): Promise<void>;
  redo(): Promise<void>;
}
type UndoEntry = UndoStep[] | StructuralUndo;

/** The one mutation path (DESIGN.md habit 3) and the undo/redo that hangs off it. */
export function createEditActions(ctx: Context): EditActions {
  const { repositories, services } = ctx;
  const undoStack: UndoEntry[] = [];
  const redoStack: UndoEntry[] = [];

  /** Validate, write records + change log in one transaction, then update state. */
  async function commit(
    patches: Map<string, ParcelPatch>,
    reason: string | undefined,
    undoable: boolean,
    baseVersion?: number,
  ): Promise<ParcelRecord[]> {
    const current = await repositories.parcels.getMany([...patches.keys()]);
    if (current.length < patches.size)
      throw new AppError('not-found', 'Some parcels no longer exist; reload.');
    // The form was filled in from an older version (saved meanwhile in another tab): never overwrite it.
    const moved = baseVersion === undefined ? undefined : current.find((r) => r.version !== baseVersion);
    if (moved)
      throw new AppError(
        'edit-conflict',
        `Parcel ${moved.id} was changed elsewhere (another tab?) since it was opened; reload it and try again.`,
        { parcelId: moved.id },
      );
    const prepared = prepareEdits(current, patches, {
      reason,
      who: ctx.get().inspectorName || 'user',
      now: services.now().toISOString(),
      batch: newId('b-'),
      restoring: !undoable,
    });
    if (prepared.writes.length === 0) return [];
    try {
      await repositories.parcels.write(prepared.writes, prepared.changes);
    } catch (error) {
      const appError = toAppError(error);
      if (
        appError.code === 'storage-full' ||
        appError.code === 'storage-version-changed' ||
        appError.code === 'storage-deleted'
      )
        ctx.set((s) => ({ banner: s.banner?.code === 'storage-deleted' ? s.banner : appError }));
      throw appError;
    }
    if (undoable) {
      undoStack.push(prepared.undo);
      if (undoStack.length > UNDO_DEPTH) undoStack.shift();
      redoStack.length = 0;
    }
    ctx.set((s) => {
      const parcels = new Map(s.parcels);
      let selected = s.selected;
      for (const record of prepared.records) {
        parcels.set(record.id, summarize(record, parcels.get(record.id)?.mapId ?? ctx.mapIdOf(record.id)));
        if (s.selectedId === record.id) selected = record;
      }
      return {
        parcels,
        selected,
        canUndo: undoStack.length > 0,
        canRedo: redoStack.length > 0,
        lastChanged: {
          ids: prepared.records.map((r) => r.id),
          revision: s.lastChanged.revision + 1,
          kind: prepared.changes.some((c) => c.field === 'geometry') ? 'geometry' : 'attributes',
        },
      };
    });
    return prepared.records;
  }

  return {
    async editParcel(id, patch, reason, baseVersion) {
      const [record] = await commit(new Map([[id, patch]]), reason, true, baseVersion);
      if (record) return record;
      const unchanged = await repositories.parcels.get(id);
      if (!unchanged) throw new AppError('not-found', `Parcel ${id} no longer exists.`);
      return unchanged;
    },

    async bulkEdit(ids, patch, reason) {
      const records = await commit(new Map(ids.map((id) => [id, patch])), reason, true);
      return records.length;
    },

    pushUndo(entry) {
      undoStack.push(entry);
      if (undoStack.length > UNDO_DEPTH) undoStack.shift();
      redoStack.length = 0;
      ctx.set({ canUndo: true, canRedo: false });
    },

    async undo() {
      const step = undoStack.pop();
      if (!step) return;
      if (!Array.isArray(step)) {
        await step.undo().catch((error: unknown) => {
          undoStack.push(step);
          throw error;
        });
        redoStack.push(step);
        ctx.set({ canUndo: undoStack.length > 0, canRedo: true });
        return;
      }
      await commit(new Map(step.map((s) => [s.id, s.before])), 'undo', false);
      redoStack.push(step);
      ctx.set({ canUndo: undoStack.length > 0, canRedo: true });
    },

    async redo() {
      const step = redoStack.pop();
      if (!step) return;
      if (!Array.isArray(step)) {
        await step.redo().catch((error: unknown) => {
          redoStack.push(step);
          throw error;
        });
        undoStack.push(step);
        ctx.set({ canUndo: true, canRedo: redoStack.length > 0 });
        return;
      }
      await commit(new Map(step.map((s) => [s.id, s.after])), 'redo', false);
      undoStack.push(step);
      ctx.set({ canUndo: true, canRedo: redoStack.length > 0 });
    },
  };
}
